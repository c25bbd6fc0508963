"""The ``claims-app`` command: each subcommand validates input, calls one service, commits once."""

from __future__ import annotations

import contextlib
import sys
import threading
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select
from tqdm import tqdm

from claims_app import backup
from claims_app import db as database
from claims_app import migrate as migrations
from claims_app.accounts import services as accounts
from claims_app.accounts.models import Role, User
from claims_app.accounts.permissions import Permission
from claims_app.articles.models import Article
from claims_app.articles.services import get_article
from claims_app.errors import ServiceError
from claims_app.extract.evaluate import evaluate_dir
from claims_app.ingest.errors import ReadError
from claims_app.ingest.importer import FAILED, import_paths
from claims_app.ingest.readers import expand
from claims_app.ingest.rerun import RerunSummary, rerun_all, rerun_extraction
from claims_app.jobs import worker
from claims_app.jobs.services import work_pending
from claims_app.jobs.worker import run_worker
from claims_app.server import serve as serve_app

#: Packages that bring commands but no pages (those with pages register their commands
#: through ``web.app.PACKAGES``); each ``init_app`` adds its own.
PACKAGES = (backup,)


def register(app: Flask) -> None:
    """Attach every command to the app, so ``claims-app`` and Flask's CLI runner see them:
    this module's own (the ones that work across packages) and each page-less package's."""
    for command in (db_group, import_command, extract_command, evaluate_command, users_group,
                    jobs_group, serve):
        app.cli.add_command(command)
    for package in PACKAGES:
        package.init_app(app)


def _fail(message: str) -> None:
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(1)


# --- database -------------------------------------------------------------------------

@click.group("db")
def db_group() -> None:
    """Create and migrate the database schema (Alembic)."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Migrate the database up to REVISION (default: the newest)."""
    engine = database.get_db().engine
    migrations.upgrade(engine, revision)
    click.echo(f"database at revision {migrations.current_revision(engine)} "
               f"({engine.url.render_as_string(hide_password=True)})")


@db_group.command("downgrade")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION ("base" removes every table)."""
    engine = database.get_db().engine
    migrations.downgrade(engine, revision)
    click.echo(f"database at revision {migrations.current_revision(engine) or 'base'}")


@db_group.command("current")
@with_appcontext
def db_current() -> None:
    """Show the database's revision and whether it is the newest."""
    engine = database.get_db().engine
    current, head = migrations.current_revision(engine), migrations.head_revision()
    state = "up to date" if current == head else f"behind (newest is {head})"
    click.echo(f"{current or 'base'} ({state})")


# --- import ---------------------------------------------------------------------------

@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--no-extract", is_flag=True, help="Store the articles without proposing claims.")
@click.option("--as-user", "username", help="Record the import as done by this user.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(0, 64), default=0, show_default=True,
              help="Extract claims in this many extra processes while writing "
                   "(large files; 1 on a 2-core machine).")
@with_appcontext
def import_command(paths: tuple[str, ...], no_extract: bool, username: str | None,
                   quiet: bool, workers: int) -> None:
    """Import article files or folders (seed text, JSON Lines, CSV, HTML)."""
    actor_id = None
    if username:
        try:
            with database.transaction() as s:
                actor_id = accounts.acting_user(s, username, Permission.EDIT_ARTICLES).id
        except ServiceError as error:
            _fail(error.message)
    files = list(expand(paths))
    # Counted in articles, not files: one JSON Lines archive can hold 100,000 of them.
    bar = tqdm(unit=" article", disable=quiet, file=sys.stderr, smoothing=0.1)
    seen: set[str] = set()

    def progress(outcome: Any) -> None:
        file = outcome.source.rsplit(":", 1)[0] if outcome.source not in files else outcome.source
        seen.add(file)
        bar.set_postfix_str(f"file {len(seen)} of {len(files)}", refresh=False)
        bar.update(1)
        if outcome.status == FAILED:
            bar.write(click.style(f"failed: {outcome.source}: {outcome.message}", fg="red"))

    summary = import_paths(
        database.get_db().write_sessionmaker, files, actor_id=actor_id, extract=not no_extract,
        max_bytes=current_app.config["MAX_IMPORT_FILE_BYTES"], on_outcome=progress,
        workers=workers,
    )
    bar.close()
    click.echo(summary.lines()[0])
    click.echo("time: " + ", ".join(f"{phase} {seconds:.1f} s"
                                    for phase, seconds in summary.seconds.items()))
    if not summary.ok:
        sys.exit(1)


@click.command("extract")
@click.argument("article_id", type=int, required=False)
@click.option("--all", "every", is_flag=True, help="Every stored article.")
@click.option("--as-user", "username", help="Record the changes as done by this user.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@with_appcontext
def extract_command(article_id: int | None, every: bool, username: str | None,
                    quiet: bool) -> None:
    """Apply the current extraction rules to one article (ARTICLE_ID) or every one (--all).

    Claims a reviewer changed (reviewed, edited, linked, entered by hand) are left alone;
    the rest are brought up to date. Prints what was added, changed, removed and left."""
    if every == (article_id is not None):
        _fail("Give one ARTICLE_ID, or --all for every article.")
    actor_id = None
    if username:
        try:
            with database.transaction() as s:
                actor_id = accounts.acting_user(s, username, Permission.ANNOTATE).id
        except ServiceError as error:
            _fail(error.message)
    if article_id is not None:
        s = database.session()
        try:
            actor = s.get(User, actor_id) if actor_id is not None else None
            done = rerun_extraction(s, actor, get_article(s, article_id))
        except ServiceError as exc:
            _fail(exc.message)
        database.commit()
        click.echo(f"article {article_id}: {done.describe()}")
        return
    with database.transaction() as s:
        count = s.scalar(select(func.count(Article.id))) or 0
    bar = tqdm(total=count, unit=" article", disable=quiet, file=sys.stderr, smoothing=0.1)

    def progress(_article_id: int, _done: RerunSummary) -> None:
        bar.update(1)

    total = rerun_all(database.get_db().sessionmaker, actor_id, on_article=progress)
    bar.close()
    click.echo(f"articles: {total.articles}; claims: {total.describe()}")


@click.command("evaluate")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--errors", "-v", "verbose", is_flag=True, help="List every scoring error.")
def evaluate_command(gold_dir: Path, verbose: bool) -> None:
    """Score the extractor on BRAT annotations: GOLD_DIR/text/*.txt, GOLD_DIR/attributions/*.ann."""
    try:
        figures = evaluate_dir(gold_dir, verbose)
    except (FileNotFoundError, ValueError, UnicodeDecodeError, ReadError) as exc:
        _fail(str(exc))
    if not figures.articles:
        _fail(f"no article in {gold_dir}/text has an annotation file in "
              f"{gold_dir}/attributions")
    for line in figures.lines():
        click.echo(line)
    for line in figures.errors:
        click.echo("  " + line)


# --- users ----------------------------------------------------------------------------

@click.group("users")
def users_group() -> None:
    """Manage accounts and roles."""


@users_group.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.VIEWER.value)
@click.option("--password", help="The password (prompted for when left out).")
@click.option("--if-missing", is_flag=True, help="Do nothing if the user already exists.")
@click.option("--set-password", is_flag=True,
              help="With --if-missing: give an existing account this password.")
@click.option("--print-login", is_flag=True,
              help="End with the login that works now, or say plainly that the account's "
                   "own password stands (make run's demo account).")
@with_appcontext
def users_create(username: str, role: str, password: str | None, if_missing: bool,
                 set_password: bool, print_login: bool) -> None:
    """Create an account."""
    s = database.session()
    existing = accounts.find_user(s, username) if if_missing else None
    if existing is not None:
        _existing_account(existing, password, set_password, print_login)
        return
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = accounts.create_user(s, None, username, password, role)
    except ServiceError as exc:
        _fail(exc.message)
    database.commit()
    click.echo(f"created {user.username} ({user.role})")
    if print_login:
        click.echo(f"Log in as: {user.username} / {password}")


def _existing_account(user: User, password: str | None, set_password: bool,
                      print_login: bool) -> None:
    """``users create --if-missing`` on an account that exists: the password given is set
    (``--set-password``), already works, or is not this account's; a login is printed only
    when it works."""
    if password is not None and accounts.password_matches(user, password):
        click.echo(f"user {user.username} already exists")
        if print_login:
            click.echo(f"Log in as: {user.username} / {password}")
        return
    if password is not None and set_password:
        try:
            accounts.set_password(database.session(), None, user, password)
        except ServiceError as exc:
            _fail(f"{user.username} keeps its old password: {exc.message}")
        database.commit()
        click.echo(f"user {user.username} already exists; its password is now the one given")
        if print_login:
            click.echo(f"Log in as: {user.username} / {password}")
        return
    click.echo(f"user {user.username} already exists", nl=not print_login)
    if print_login:
        click.echo(f" with a password of its own, which stands (the one given is not it). "
                   f"Log in with that password, or set a new one: DEMO_PASSWORD=... make run, "
                   f"or claims-app users create {user.username} --if-missing --set-password "
                   f"--password ...")


@users_group.command("list")
@with_appcontext
def users_list() -> None:
    """List accounts with their roles."""
    for user in accounts.list_users(database.session()):
        state = "active" if user.active else "deactivated"
        click.echo(f"{user.username}\t{user.role}\t{state}")


@users_group.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice([r.value for r in Role]))
@with_appcontext
def users_set_role(username: str, role: str) -> None:
    """Change an account's role."""
    s = database.session()
    try:
        accounts.set_role(s, None, accounts.get_user(s, username), role)
    except ServiceError as exc:
        _fail(exc.message)
    database.commit()
    click.echo(f"{username} is now {role}")


@users_group.command("deactivate")
@click.argument("username")
@with_appcontext
def users_deactivate(username: str) -> None:
    """Stop an account from logging in (its history stays)."""
    s = database.session()
    try:
        accounts.set_active(s, None, accounts.get_user(s, username), False)
    except ServiceError as exc:
        _fail(exc.message)
    database.commit()
    click.echo(f"{username} deactivated")


# --- jobs -----------------------------------------------------------------------------

@click.group("jobs")
def jobs_group() -> None:
    """Background jobs (queued by the web app, e.g. re-running extraction on a long article)."""


@jobs_group.command("work")
@click.option("--once", is_flag=True, help="run the jobs queued now, then stop")
@click.option("--poll", default=2.0, show_default=True, type=float,
              help="seconds between looks at an empty queue")
@with_appcontext
def jobs_work(once: bool, poll: float) -> None:
    """Run queued jobs (``claims-app serve`` already does, in a thread): for deployments
    that serve the app some other way."""

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if once:
        click.echo(f"{work_pending(app)} jobs run")
        return
    click.echo("working the job queue (Ctrl+C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        run_worker(app, threading.Event(), poll)


# --- serve ----------------------------------------------------------------------------

@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@with_appcontext
def serve(host: str, port: int, threads: int) -> None:
    """Serve the web app with a production WSGI server (waitress)."""
    click.echo(f"claims_app on http://{host}:{port}/ (Ctrl+C stops it)")
    worker.start(current_app._get_current_object())  # type: ignore[attr-defined]
    serve_app(current_app._get_current_object(), host=host, port=port, threads=threads)  # type: ignore[attr-defined]
