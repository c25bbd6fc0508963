"""``claims-app reindex``: rebuild the search index, every article's passage signatures and
the statement groups (after a normaliser change, or on a database that held records before
they were indexed)."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select
from tqdm import tqdm

from claims_app import db as database
from claims_app.articles.models import Article
from claims_app.crossref.documents import rebuild_search_index
from claims_app.crossref.repeats import index_passages
from claims_app.provenance.groups import rebuild_groups


@click.command("reindex")
@click.option("--batch-size", default=200, show_default=True, type=click.IntRange(min=1),
              help="Articles re-signed per commit.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@with_appcontext
def reindex_command(batch_size: int, quiet: bool) -> None:
    """Rebuild the search index, every article's passage signatures and the statement
    groups."""
    session = database.session()
    counts = rebuild_search_index(session)
    database.commit()
    click.echo("search index: " + ", ".join(f"{n} {entity}s" for entity, n in counts.items()))
    total = session.scalar(select(func.count(Article.id))) or 0
    done, last = 0, 0
    with tqdm(total=total, unit="article", disable=quiet, file=sys.stderr) as bar:
        while True:
            # Keyset batches, each committed and dropped from the identity map: memory stays
            # flat and an interrupted run keeps what it finished.
            articles = session.scalars(select(Article).where(Article.id > last)
                                       .order_by(Article.id).limit(batch_size)).all()
            if not articles:
                break
            for article in articles:
                index_passages(session, article)
            last = articles[-1].id
            database.commit()
            session.expunge_all()
            done += len(articles)
            bar.update(len(articles))
    click.echo(f"passage signatures: {done} articles")
    placed = rebuild_groups(session)
    database.commit()
    click.echo(f"statement groups: {placed} claims placed")
