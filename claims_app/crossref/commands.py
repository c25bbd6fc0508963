"""``claims-app reindex``: rebuild the search index, every article's passage signatures, the
statement groups and the fact-check matches (after a normaliser change, or on a database
that held records before they were indexed: an archive imported before fact-checks existed
gets its matches here)."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tqdm import tqdm

from claims_app import db as database
from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.crossref.documents import rebuild_search_index
from claims_app.crossref.repeats import index_passages
from claims_app.factchecks.matching import rebuild_fact_check_terms, write_matches_for_claims
from claims_app.factchecks.models import FactCheckMatch
from claims_app.provenance.groups import rebuild_groups


@click.command("reindex")
@click.option("--batch-size", default=200, show_default=True, type=click.IntRange(min=1),
              help="Articles re-signed per commit.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@with_appcontext
def reindex_command(batch_size: int, quiet: bool) -> None:
    """Rebuild the search index, every article's passage signatures, the statement groups
    and the fact-check matches."""
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
    _rebuild_matches(session, batch_size, quiet)


def _rebuild_matches(session: Session, batch_size: int, quiet: bool) -> None:
    """Fact-check matches last: the claims' side looks the fact-checks' terms up and the
    fact-checks' side the search index, both rebuilt by now. Claims are re-matched in
    keyset batches of ``batch_size`` x 10 (a claim costs a look-up, an article a body),
    each committed; with no fact-check imported the claims are not read at all."""
    checks = rebuild_fact_check_terms(session)
    database.commit()
    if not checks:
        click.echo("fact-check matches: no fact-checks imported, nothing to match")
        return
    total = session.scalar(select(func.count(Claim.id))) or 0
    done, last = 0, 0
    with tqdm(total=total, unit="claim", disable=quiet, file=sys.stderr) as bar:
        while True:
            ids = list(session.scalars(select(Claim.id).where(Claim.id > last)
                                       .order_by(Claim.id).limit(batch_size * 10)))
            if not ids:
                break
            write_matches_for_claims(session, ids)
            database.commit()
            last = ids[-1]
            done += len(ids)
            bar.update(len(ids))
    matches = session.scalar(select(func.count()).select_from(FactCheckMatch)) or 0
    click.echo(f"fact-check matches: {done} claims matched against {checks} fact-checks, "
               f"{matches} matches")
