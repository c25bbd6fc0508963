"""``claims-app evaluate``: the extractor scored on BRAT annotations (registered by
``claims_app.extract.init_app``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claims_app.extract.evaluate import evaluate_dir
from claims_app.ingest.errors import ReadError


def _fail(message: str) -> None:
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(1)


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
    for line in figures.breakdown():
        click.echo("  " + line)
    for line in figures.errors:
        click.echo("  " + line)
