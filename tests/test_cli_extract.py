"""``claims-app extract``: the current rules applied to one article or all of them, with the
summary of what was added, changed, removed and left (claims a reviewer changed stay)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from claims_app.articles.models import Article
from claims_app.claims.models import Claim, ClaimStatus
from claims_app.claims.services import set_status
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.importer import store_draft
from tests.split_quote import BODY, FIRST, PUBLISHED, SECOND, calm_claim, split_claim, use_extractor


@pytest.fixture
def two_articles(session, monkeypatch) -> list[Article]:
    """Two articles the old rules (the ministry's statement only) imported."""
    use_extractor(monkeypatch, lambda body: [calm_claim(body)])
    stored = [store_draft(session, ArticleDraft(body=body, source_name=name,
                                                published=PUBLISHED), None)[0]
              for name, body in (("one.txt", BODY), ("two.txt", "Second story. " + BODY))]
    session.commit()
    use_extractor(monkeypatch, lambda body: [split_claim(body), calm_claim(body)])
    return stored


def test_extract_all_applies_the_rules_everywhere_and_prints_the_summary(
        runner, session, two_articles, users) -> None:
    calm = session.scalars(select(Claim).where(Claim.article_id == two_articles[0].id)).one()
    set_status(session, users["reviewer"], calm, ClaimStatus.CONFIRMED)
    session.commit()
    result = runner.invoke(args=["extract", "--all", "--quiet"])
    assert result.exit_code == 0, result.output
    assert ("articles: 2; claims: 2 added, 0 changed, 0 removed, 1 unchanged; "
            "1 left as reviewers made it") in result.output
    session.expire_all()
    for article in two_articles:
        texts = [c.segment_texts for c in session.scalars(
            select(Claim).where(Claim.article_id == article.id).order_by(Claim.start))]
        assert texts == [[FIRST, SECOND], ["the border was calm"]]
    assert session.get(Claim, calm.id).status is ClaimStatus.CONFIRMED


def test_extract_one_article_prints_its_summary(runner, session, two_articles) -> None:
    article_id = two_articles[1].id
    result = runner.invoke(args=["extract", str(article_id)])
    assert result.exit_code == 0, result.output
    assert (f"article {article_id}: 1 added, 0 changed, 0 removed, 1 unchanged; "
            "0 left as reviewers made them") in result.output


@pytest.mark.parametrize("args", [["extract"], ["extract", "1", "--all"]])
def test_extract_wants_one_article_or_all(runner, session, args) -> None:
    result = runner.invoke(args=args)
    assert result.exit_code == 1
    assert "Give one ARTICLE_ID, or --all for every article." in result.output


def test_extract_as_a_user_records_them_in_the_history(runner, session, two_articles,
                                                       users) -> None:
    from claims_app.audit.models import AuditEvent

    result = runner.invoke(args=["extract", "--all", "--quiet", "--as-user", "editor"])
    assert result.exit_code == 0, result.output
    actors = set(session.scalars(select(AuditEvent.actor_name).where(
        AuditEvent.action == "extract")))
    assert actors == {"editor"}
