"""A quote split around its attribution, ``"A," X said. "B."``, is stored as one claim in two
segments, with the runner-up speaker; edits and body changes keep its segments true."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app.articles.models import Article
from claims_app.articles.page import highlight_segments
from claims_app.articles.services import edit_article
from claims_app.claims.annotate import SpeakerChoice, annotate_claim
from claims_app.claims.models import Claim, ClaimKind
from claims_app.claims.services import ClaimInput, create_claim, update_claim
from claims_app.errors import InvalidInput
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.importer import store_draft
from tests.split_quote import (
    BETWEEN,
    BODY,
    FIRST,
    PUBLISHED,
    SECOND,
    calm_claim,
    spans,
    split_claim,
    use_extractor,
)
from tests.worlds.builders import make_article


def _import(session: Session, monkeypatch: pytest.MonkeyPatch, body: str = BODY) -> Article:
    use_extractor(monkeypatch, lambda text: [split_claim(text), calm_claim(text)])
    article, created = store_draft(session, ArticleDraft(
        body=body, source_name="split.txt", published=PUBLISHED,
        published_precision="day"), None)
    assert created
    session.commit()
    return article


def _claims(session: Session, article: Article) -> list[Claim]:
    session.expire_all()
    return list(session.scalars(select(Claim).where(Claim.article_id == article.id)
                                .order_by(Claim.start)))


def test_the_importer_stores_a_split_quote_as_one_claim_with_both_segments(
        session, monkeypatch) -> None:
    article = _import(session, monkeypatch)
    split, calm = _claims(session, article)
    (first_start, first_end), (second_start, second_end) = spans()
    assert split.segments == [[first_start, first_end], [second_start, second_end]]
    assert (split.start, split.end) == (first_start, second_end)  # the outer bounds
    assert split.text == BODY[first_start:second_end]
    assert split.segment_texts == [FIRST, SECOND]
    assert split.parts == [(FIRST, True), (BETWEEN, False), (SECOND, True)]
    assert split.speaker.name == "Elmar Mammadyarov"
    assert calm.segments is None and calm.spans == [(calm.start, calm.end)]


def test_the_importer_stores_the_runner_up_speaker_and_its_score(session, monkeypatch) -> None:
    article = _import(session, monkeypatch)
    split, calm = _claims(session, article)
    assert (split.runner_up_name, split.runner_up_score) == ("Rizwan Saeed Sheikh", 0.41)
    assert (calm.runner_up_name, calm.runner_up_score) == (None, None)


def test_a_claim_marked_by_hand_has_one_segment(session, users) -> None:
    article = make_article(session, BODY, source_name="typed", title=None, published=None)
    start = BODY.index(FIRST)
    claim = annotate_claim(session, users["editor"], article, ClaimInput(
        start=start, end=start + len(FIRST), kind=ClaimKind.DIRECT),
        SpeakerChoice(name="Elmar Mammadyarov", create_new=True))
    session.commit()
    session.expire_all()
    assert claim.segments is None
    assert claim.spans == [(start, start + len(FIRST))]
    assert claim.segment_texts == [FIRST]


@pytest.mark.parametrize("pieces, message", [
    ([(0, 5), (3, 9)], "not overlap"),
    ([(5, 9), (0, 3)], "from the claim's start"),
    ([(0, 3), (5, 8)], "from the claim's start"),
    ([(0, 3), (4, 4), (5, 9)], "each non-empty"),
    ([(0, 4)], "single segment must be the claim's span"),
])
def test_segments_that_do_not_tile_the_span_in_order_are_refused(session, pieces,
                                                                 message) -> None:
    article = make_article(session, BODY, source_name="typed", title=None, published=None)
    with pytest.raises(InvalidInput, match=message) as refused:
        create_claim(session, None, article, ClaimInput(
            start=0, end=9, kind=ClaimKind.DIRECT, segments=pieces))
    assert refused.value.field == "segments"


def test_an_edit_that_keeps_the_span_keeps_the_segments(session, monkeypatch) -> None:
    article = _import(session, monkeypatch)
    split = _claims(session, article)[0]
    update_claim(session, None, split, ClaimInput(
        start=split.start, end=split.end, kind=split.kind, speaker_id=split.speaker_id,
        note="checked"), expected_version=None)
    session.commit()
    assert _claims(session, article)[0].segment_texts == [FIRST, SECOND]


def test_an_edit_that_moves_the_span_resets_it_to_one_segment(session, monkeypatch) -> None:
    article = _import(session, monkeypatch)
    split = _claims(session, article)[0]
    start = BODY.index(SECOND)
    update_claim(session, None, split, ClaimInput(
        start=start, end=start + len(SECOND), kind=split.kind), expected_version=None)
    session.commit()
    again = _claims(session, article)[0]
    assert again.segments is None and again.segment_texts == [SECOND]


def test_an_edit_that_gives_segments_stores_them(session, monkeypatch) -> None:
    article = _import(session, monkeypatch)
    split = _claims(session, article)[0]
    (a, b), (c, d) = spans()
    update_claim(session, None, split, ClaimInput(
        start=a, end=d, kind=split.kind, segments=[(a, b - 5), (c, d)]),
        expected_version=None)
    session.commit()
    assert _claims(session, article)[0].segment_texts == [FIRST[:-5], SECOND]


def test_editing_the_body_moves_the_segments_with_the_claim(session, monkeypatch) -> None:
    article = _import(session, monkeypatch)
    edit_article(session, None, article, {"body": "UPDATED: " + BODY}, expected_version=None)
    session.commit()
    split = _claims(session, article)[0]
    assert split.spans == [(s + 9, e + 9) for s, e in spans()]
    assert split.segment_texts == [FIRST, SECOND]
    assert [split.article.body[s:e] for s, e in split.spans] == [FIRST, SECOND]


def test_the_article_highlights_each_segment_and_not_the_words_between(session,
                                                                        monkeypatch) -> None:
    article = _import(session, monkeypatch)
    claims = _claims(session, article)
    pieces = highlight_segments(BODY, claims)
    assert "".join(p.text for p in pieces) == BODY
    split = claims[0]
    assert [(p.text, p.part) for p in pieces if p.claim is split] == [(FIRST, 0), (SECOND, 1)]
    assert any(p.text == BETWEEN and p.claim is None for p in pieces)
