"""``claims-app users``: manage accounts and roles from the command line (registered by
``claims_app.accounts.init_app``)."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from claims_app import db as database
from claims_app.accounts import services as accounts
from claims_app.accounts.models import Role, User
from claims_app.errors import ServiceError


def _fail(message: str) -> None:
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(1)


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
