"""``claims-app export`` and ``claims-app load-export``: thin wrappers over the export entry
point and the export loader (registered by ``claims_app.export.init_app``)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from claims_app import db as database
from claims_app.accounts.permissions import Permission
from claims_app.accounts.services import acting_user
from claims_app.claims.models import ClaimKind, ClaimStatus
from claims_app.config import public_base_url
from claims_app.deprecated import old_name
from claims_app.errors import ServiceError
from claims_app.export.formats import FORMATS, write_export
from claims_app.export.options import ExportOptions
from claims_app.export.query import ExportFilters
from claims_app.ingest.errors import ReadError
from claims_app.ingest.load_export import load_export

_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


class _Stdout:
    """Standard output as a text writer, through click so test runners capture it."""

    def write(self, text: str) -> None:
        click.echo(text, nl=False)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="json",
              show_default=True, help="Output format.")
@click.option("--output", "-o", default="-", show_default=True,
              help="File to write; - for standard output.")
@click.option("--status", type=click.Choice([s.value for s in ClaimStatus]))
@click.option("--kind", type=click.Choice([k.value for k in ClaimKind]))
@click.option("--speaker", "speaker_id", type=int, help="Speaker id.")
@click.option("--outlet", "outlet_id", type=int, help="Outlet id.")
@click.option("--tag", help="Tag name (any case).")
@click.option("--said-from", type=_DATE, help="Said on or after (YYYY-MM-DD).")
@click.option("--said-to", type=_DATE, help="Said on or before (YYYY-MM-DD).")
@click.option("--published-from", type=_DATE, help="Article published on or after.")
@click.option("--published-to", type=_DATE, help="Article published on or before.")
@click.option("--reviewed-only", is_flag=True, help="Only claims with at least one review.")
@click.option("--base-url", help="Site address for links (default: CLAIMS_BASE_URL).")
@with_appcontext
def export_command(
    fmt: str, output: str, status: str | None, kind: str | None, speaker_id: int | None,
    outlet_id: int | None, tag: str | None, said_from: dt.datetime | None,
    said_to: dt.datetime | None, published_from: dt.datetime | None,
    published_to: dt.datetime | None, reviewed_only: bool, base_url: str | None,
) -> None:
    """Export claims (json loads back losslessly; jsonl, csv, claimreview, webannotation)."""
    config = current_app.config
    filters = ExportFilters(
        status=status, kind=kind, speaker_id=speaker_id, outlet_id=outlet_id, tag=tag,
        said_from=_day(said_from), said_to=_day(said_to),
        published_from=_day(published_from), published_to=_day(published_to),
        reviewed_only=reviewed_only,
    )
    if base_url is not None:
        try:
            base_url = public_base_url(base_url)
        except RuntimeError as exc:
            raise click.BadParameter(str(exc), param_hint="--base-url") from None
    options = ExportOptions.from_config(config, base_url=base_url)
    session = database.session()
    if output == "-":
        write_export(session, fmt, filters, _Stdout(), options)
        return
    # Written beside the target and renamed at the end: a failed export never leaves a
    # truncated file where a good one is expected.
    target = Path(output)
    partial = target.with_name(target.name + ".part")
    try:
        with partial.open("w", encoding="utf-8", newline="") as fh:
            chunks = write_export(session, fmt, filters, fh, options)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    click.echo(f"wrote {target} ({fmt}, {chunks} chunks)", err=True)


@click.command("load-export")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as-user", "username", help="Record the load as done by this user.")
@with_appcontext
def load_export_command(file: Path, username: str | None) -> None:
    """Read a json export back in; into an empty database ids are kept. Commits once."""

    session = database.session()
    actor = None
    if username:
        try:
            actor = acting_user(session, username, Permission.EDIT_ARTICLES)
        except ServiceError as error:
            click.secho(f"Error: {error.message}", fg="red", err=True)
            sys.exit(1)
    try:
        summary = load_export(session, file, actor)
    except ReadError as exc:
        session.rollback()
        click.secho(f"Error: {exc}", fg="red", err=True)
        sys.exit(1)
    database.commit()
    for line in summary.lines():
        click.echo(line)



#: ``claims-app restore FILE``, the old name, which three different actions shared.
restore_command = old_name(load_export_command, "restore", "load-export")
