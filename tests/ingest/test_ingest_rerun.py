"""Re-running extraction on stored articles: the current rules' proposals replace the old
untouched ones, every claim a reviewer changed is left exactly as it was, and the summary
says what was added, changed, removed and left.

The "rules" here are stand-ins (``use_extractor``): first the old ones, which cut the split
quote ``"A," X said. "B."`` into two claims, then the new ones, which make it one claim in
two segments."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claims_app.articles.models import Article
from claims_app.audit.models import AuditEvent
from claims_app.claims.models import Claim, ClaimKind, ClaimOrigin, ClaimStatus, LinkType
from claims_app.claims.services import ClaimInput, add_link, create_claim, set_status, update_claim
from claims_app.db import get_db
from claims_app.extract import ExtractedClaim
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.importer import store_draft
from claims_app.ingest.rerun import RerunSummary, rerun_all, rerun_extraction
from tests.split_quote import (
    BODY,
    FIRST,
    PUBLISHED,
    SECOND,
    calm_claim,
    split_claim,
    use_extractor,
)
from tests.worlds.builders import make_article


def old_rules(body: str) -> list[ExtractedClaim]:
    """Two claims for the split quote, one per piece, and the ministry's statement."""
    split = split_claim(body, runner_up=None)
    return [ExtractedClaim(
        kind="direct", text=body[s:e], start=s, end=e, speaker_name="Elmar Mammadyarov",
        speaker_kind="person", speaker_role=None, speaker_aliases=(), cue="said",
        confidence=0.7, said_on=PUBLISHED, said_on_basis="publication", said_where=None)
        for s, e in split.segments] + [calm_claim(body)]


def new_rules(body: str) -> list[ExtractedClaim]:
    return [split_claim(body), calm_claim(body)]


@pytest.fixture
def article(session: Session, monkeypatch: pytest.MonkeyPatch) -> Article:
    """The article as the old rules imported it: three untouched proposals."""
    use_extractor(monkeypatch, old_rules)
    stored, _ = store_draft(session, ArticleDraft(
        body=BODY, source_name="split.txt", published=PUBLISHED, published_precision="day"),
        None)
    session.commit()
    use_extractor(monkeypatch, new_rules)
    return stored


def _texts(session: Session, article: Article) -> list[list[str]]:
    session.expire_all()
    return [c.segment_texts for c in session.scalars(
        select(Claim).where(Claim.article_id == article.id).order_by(Claim.start))]


def _claim(session: Session, article: Article, text: str) -> Claim:
    return session.scalars(select(Claim).where(Claim.article_id == article.id,
                                               Claim.text == text)).one()


def _rerun(session: Session, article: Article, actor=None) -> RerunSummary:
    session.expire_all()
    done = rerun_extraction(session, actor, session.get(Article, article.id))
    session.commit()
    return done


def test_new_rules_join_the_untouched_halves_into_one_claim(session, article) -> None:
    assert _texts(session, article) == [[FIRST], [SECOND], ["the border was calm"]]
    done = _rerun(session, article)
    assert (done.added, done.changed, done.removed, done.unchanged, done.left) == (0, 1, 1, 1, 0)
    assert _texts(session, article) == [[FIRST, SECOND], ["the border was calm"]]
    joined = _claim(session, article, BODY[BODY.index(FIRST):BODY.index(SECOND) + len(SECOND)])
    assert (joined.runner_up_name, joined.confidence) == ("Rizwan Saeed Sheikh", 0.8)
    assert joined.origin is ClaimOrigin.EXTRACTED and joined.status is ClaimStatus.UNREVIEWED


def test_a_second_run_with_the_same_rules_changes_nothing(session, article) -> None:
    _rerun(session, article)
    done = _rerun(session, article)
    assert (done.added, done.changed, done.removed, done.unchanged, done.left) == (0, 0, 0, 2, 0)


def test_a_reviewer_confirmed_claim_is_left_alone_and_so_is_its_other_half(session, article,
                                                                          users) -> None:
    first = _claim(session, article, FIRST)
    set_status(session, users["reviewer"], first, ClaimStatus.CONFIRMED)
    session.commit()
    before = (first.version, first.start, first.end, first.segments, first.status)
    done = _rerun(session, article)
    assert (done.added, done.changed, done.removed, done.unchanged, done.left) == (0, 0, 0, 2, 1)
    assert "1 left as reviewers made it" in done.describe()
    again = session.get(Claim, first.id)
    assert (again.version, again.start, again.end, again.segments, again.status) == before
    assert _texts(session, article) == [[FIRST], [SECOND], ["the border was calm"]]


@pytest.mark.parametrize("touch", ["edited", "linked", "manual", "rejected"])
def test_claims_a_person_had_a_hand_in_are_left(session, article, users, touch) -> None:
    first = _claim(session, article, FIRST)
    if touch == "edited":
        update_claim(session, users["editor"], first, ClaimInput(
            start=first.start, end=first.end, kind=first.kind, speaker_id=first.speaker_id,
            note="checked against the recording"), expected_version=None)
    elif touch == "linked":
        add_link(session, users["editor"], _claim(session, article, "the border was calm"),
                 first, LinkType.RESPONDS_TO)
    elif touch == "manual":
        first.origin = ClaimOrigin.MANUAL
    else:
        set_status(session, users["reviewer"], first, ClaimStatus.REJECTED)
    session.commit()
    state = (first.version, first.start, first.end, first.note, first.status)
    done = _rerun(session, article)
    assert done.left == (2 if touch == "linked" else 1)
    assert done.removed == done.added == 0
    again = session.get(Claim, first.id)
    assert (again.version, again.start, again.end, again.note, again.status) == state


def test_a_proposal_the_rules_no_longer_make_is_removed_and_audited(session, article,
                                                                   monkeypatch) -> None:
    use_extractor(monkeypatch, lambda body: [split_claim(body)])
    calm = _claim(session, article, "the border was calm")
    done = _rerun(session, article)
    assert (done.changed, done.removed) == (1, 2)
    assert session.get(Claim, calm.id) is None
    assert session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.entity_type == "claim", AuditEvent.entity_id == calm.id,
        AuditEvent.action == "delete")) == 1


def test_a_new_proposal_is_added_beside_what_is_there(session, monkeypatch, users) -> None:
    use_extractor(monkeypatch, new_rules)
    article = make_article(session, BODY, source_name="typed", title=None,
                           published=PUBLISHED)
    calm_start = BODY.index("the border was calm")
    create_claim(session, users["editor"], article, ClaimInput(
        start=calm_start, end=calm_start + 5, kind=ClaimKind.PARAPHRASE))
    session.commit()
    done = _rerun(session, article, users["editor"])
    assert (done.added, done.changed, done.removed, done.left) == (1, 0, 0, 1)
    assert _texts(session, article) == [[FIRST, SECOND], ["the b"]]
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.entity_type == "article", AuditEvent.entity_id == article.id,
        AuditEvent.action == "extract")).one()
    assert event.actor_name == "editor" and len(event.after["added"]) == 1


def test_a_change_by_re_extraction_is_audited_and_not_taken_for_a_persons_edit(
        session, article) -> None:
    _rerun(session, article)
    joined = _claim(session, article, BODY[BODY.index(FIRST):BODY.index(SECOND) + len(SECOND)])
    actions = session.scalars(select(AuditEvent.action).where(
        AuditEvent.entity_type == "claim", AuditEvent.entity_id == joined.id)).all()
    assert actions == ["re-extract"]
    assert _rerun(session, article).left == 0


def test_rerun_all_covers_every_article_and_adds_the_summaries_up(app, session, article,
                                                                 monkeypatch) -> None:
    other = make_article(session, "A second story. " + BODY, source_name="other.txt",
                         title=None, published=PUBLISHED)
    session.commit()
    seen: list[int] = []
    total = rerun_all(get_db(app).sessionmaker, None,
                      on_article=lambda article_id, _done: seen.append(article_id))
    assert seen == sorted([article.id, other.id])
    assert (total.articles, total.added, total.changed, total.removed, total.unchanged) == (
        2, 2, 1, 1, 1)
