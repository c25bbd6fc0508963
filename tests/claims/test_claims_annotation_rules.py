"""What a person says about a claim is refused when it cannot all be true (the outlet's own
assertion with a named speaker, a said-on date after publication with no note, an empty span),
by the claim services, so the web, the API and the panel refuse alike; and a new speaker made
from a claim is the kind the reviewer chose."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from claims_app.articles.models import DatePrecision
from claims_app.claims.annotate import SpeakerChoice, annotate_claim
from claims_app.claims.models import ClaimKind, ClaimOrigin
from claims_app.claims.page import overlapping_claims, span_context
from claims_app.claims.services import ClaimInput, create_claim, update_claim
from claims_app.errors import InvalidInput
from claims_app.speakers.models import SpeakerKind
from claims_app.speakers.services import create_speaker
from tests.worlds.annotate import BODY
from tests.worlds.builders import make_article

CALM = "the border was calm"


def _input(text: str = CALM, **extra: object) -> ClaimInput:
    start = BODY.index(text)
    values: dict[str, object] = {"start": start, "end": start + len(text), "kind": "paraphrase",
                                 **extra}
    return ClaimInput(**values)  # type: ignore[arg-type]


def test_the_outlets_own_assertion_with_a_named_speaker_is_refused_on_kind(session: Session):
    article = make_article(session, BODY)
    who = create_speaker(session, None, "The ministry")
    with pytest.raises(InvalidInput) as refused:
        create_claim(session, None, article, _input(kind="assertion", speaker_id=who.id))
    assert refused.value.field == "kind"
    assert "no named speaker" in refused.value.message


def test_an_assertion_without_a_speaker_is_kept(session: Session):
    article = make_article(session, BODY)
    claim = create_claim(session, None, article, _input(kind="assertion"))
    assert claim.kind is ClaimKind.ASSERTION and claim.speaker_id is None


def test_extraction_keeps_what_its_source_said(session: Session):
    """The rules judge people's input; an extractor's or importer's claim is stored as found."""
    article = make_article(session, BODY, published=dt.date(2019, 3, 12))
    claim = create_claim(session, None, article, _input(said_on=dt.date(2019, 3, 20)),
                         origin=ClaimOrigin.EXTRACTED)
    assert claim.said_on == dt.date(2019, 3, 20)


def test_said_on_after_publication_without_a_note_is_refused_on_said_on(session: Session):
    article = make_article(session, BODY, published=dt.date(2019, 3, 12))
    with pytest.raises(InvalidInput) as refused:
        create_claim(session, None, article, _input(said_on=dt.date(2019, 3, 13)))
    assert refused.value.field == "said_on"
    assert "2019-03-12" in refused.value.message and "note" in refused.value.message


def test_said_on_after_publication_with_a_note_is_kept(session: Session):
    article = make_article(session, BODY, published=dt.date(2019, 3, 12))
    claim = create_claim(session, None, article, _input(said_on=dt.date(2019, 3, 13),
                                                       note="Updated the next day."))
    assert claim.said_on == dt.date(2019, 3, 13)


def test_said_on_the_publication_day_is_kept(session: Session):
    article = make_article(session, BODY, published=dt.date(2019, 3, 12))
    assert create_claim(session, None, article,
                        _input(said_on=dt.date(2019, 3, 12))).said_on == dt.date(2019, 3, 12)


def test_a_month_precision_date_stands_for_the_whole_month(session: Session):
    article = make_article(session, BODY, published=dt.date(2019, 12, 1),
                           precision=DatePrecision.MONTH)
    kept = create_claim(session, None, article, _input(said_on=dt.date(2019, 12, 31)))
    assert kept.said_on == dt.date(2019, 12, 31)
    with pytest.raises(InvalidInput):
        create_claim(session, None, article, _input("progress was slow",
                                                    said_on=dt.date(2020, 1, 1)))


@pytest.mark.parametrize("span", [(10, 10), (12, 9)])
def test_an_empty_span_is_refused_on_text(session: Session, span: tuple[int, int]):
    article = make_article(session, BODY)
    with pytest.raises(InvalidInput) as refused:
        create_claim(session, None, article, ClaimInput(start=span[0], end=span[1],
                                                        kind="direct"))
    assert refused.value.field == "text"
    assert "empty" in refused.value.message


def test_a_span_of_blank_space_is_refused_as_empty(session: Session):
    article = make_article(session, BODY)
    space = BODY.index(" ")
    with pytest.raises(InvalidInput) as refused:
        create_claim(session, None, article, ClaimInput(start=space, end=space + 1,
                                                        kind="direct"))
    assert refused.value.field == "text"


def test_editing_another_field_of_a_claim_stored_before_the_rules_is_allowed(session: Session):
    article = make_article(session, BODY, published=dt.date(2019, 3, 12))
    who = create_speaker(session, None, "The ministry")
    old = create_claim(session, None, article, _input(kind="assertion", speaker_id=who.id,
                                                      said_on=dt.date(2019, 4, 1)),
                       origin=ClaimOrigin.EXTRACTED)
    edited = update_claim(session, None, old, _input(kind="assertion", speaker_id=who.id,
                                                     said_on=dt.date(2019, 4, 1),
                                                     tags=["border"]),
                          expected_version=old.version)
    assert [t.name for t in edited.tags] == ["border"]
    with pytest.raises(InvalidInput) as refused:
        update_claim(session, None, old, _input(kind="assertion", speaker_id=who.id,
                                                said_on=dt.date(2019, 4, 2)),
                     expected_version=None)
    assert refused.value.field == "said_on"


@pytest.mark.parametrize("kind", [SpeakerKind.ORGANIZATION, SpeakerKind.PERSON])
def test_a_new_speaker_from_a_claim_is_the_kind_chosen(session: Session, kind: SpeakerKind):
    article = make_article(session, BODY)
    claim = annotate_claim(session, None, article, _input(),
                           SpeakerChoice(name="Border Guard Service", create_new=True,
                                         new_kind=kind))
    assert claim.speaker is not None
    assert claim.speaker.name == "Border Guard Service" and claim.speaker.kind is kind


def test_overlapping_claims_lists_those_sharing_a_character_at_most_a_few(session: Session):
    article = make_article(session, BODY)
    calm = create_claim(session, None, article, _input())
    start = BODY.index(CALM)
    assert overlapping_claims(session, article.id, start + 4, start + 6) == [calm]
    assert overlapping_claims(session, article.id, start + len(CALM), len(BODY)) == []
    assert overlapping_claims(session, article.id, 0, start) == []
    for _ in range(8):
        create_claim(session, None, article, _input())
    assert len(overlapping_claims(session, article.id, start, start + 1)) == 5


def test_span_context_is_a_window_cut_at_spaces():
    body = "word " * 10_000
    start, end = 25_000, 25_009
    context = span_context(body, start, end, radius=100)
    assert context.text == body[start:end]
    assert context.before == body[context.start:start]
    assert len(context.before) <= 100 and len(context.after) <= 100
    assert not context.before.startswith(" ") and context.after.endswith("word")
    whole = span_context("a short text", 2, 7)
    assert (whole.start, whole.before, whole.text, whole.after) == (0, "a ", "short", " text")
