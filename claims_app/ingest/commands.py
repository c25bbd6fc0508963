"""``claims-app import`` and ``claims-app extract``: each validates input, calls one service,
commits (registered by ``claims_app.ingest.init_app``)."""

from __future__ import annotations

import sys
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select
from tqdm import tqdm

from claims_app import db as database
from claims_app.accounts import services as accounts
from claims_app.accounts.models import User
from claims_app.accounts.permissions import Permission
from claims_app.articles.models import Article
from claims_app.articles.services import get_article
from claims_app.errors import ServiceError
from claims_app.ingest.importer import FAILED, import_paths
from claims_app.ingest.readers import expand
from claims_app.ingest.rerun import RerunSummary, rerun_all, rerun_extraction


def _fail(message: str) -> None:
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(1)


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
    click.echo(f"write lock: {summary.transactions} transactions, the longest held it "
               f"{summary.longest_transaction:.2f} s")
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
