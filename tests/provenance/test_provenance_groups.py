"""Statement groups in the database: written at commit from the session's changes
(``claims_app/crossref/sync.py`` -> ``claims_app/provenance/groups.py``), kept current after
an edit, a speaker change and a delete through the services, and rebuilt by ``reindex``."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app.claims import annotate as claim_annotate
from claims_app.claims import services as claims
from claims_app.claims.models import Claim, ClaimKind
from claims_app.crossref import sync
from claims_app.provenance.drift import statement_tokens
from claims_app.provenance.grouping import KEY_FANOUT, Record, blocking_keys, build_groups
from claims_app.provenance.groups import rebuild_groups
from claims_app.provenance.models import StatementGroup, StatementGroupMember
from claims_app.provenance.services import appearances, misquote_condition, newest_misquotes
from tests.worlds.builders import make_article, make_claim, make_speaker

QUOTE = "We will send five thousand troops to the northern border before the winter begins."
CHANGED = "We will send 15 thousand troops to the northern border before the winter begins."
TRIMMED = "We will send five thousand troops to the northern border"
OTHER = "The ministry says the talks in Geneva were productive and will continue in March."


def _report(session: Session, text: str, day: int, speaker: object = None,
            kind: ClaimKind = ClaimKind.DIRECT, edition: int = 0) -> Claim:
    article = make_article(session, f"Dateline {day}, edition {edition}. "
                           f"\u201c{text}\u201d the minister said. "
                           f"Other news of day {day} follows here.",
                           published=dt.date(2024, 3, day), title=None)
    return make_claim(session, article, text, speaker, kind=kind)  # type: ignore[arg-type]


def _group_of(session: Session, claim: Claim) -> int | None:
    return session.scalar(select(StatementGroupMember.group_id)
                          .where(StatementGroupMember.claim_id == claim.id))


def test_reports_of_one_statement_form_one_group_with_the_earliest_first(
        session: Session) -> None:
    minister = make_speaker(session, "Anna Petrosyan")
    later = _report(session, CHANGED, 5, minister)
    first = _report(session, QUOTE, 2, minister)
    trimmed = _report(session, TRIMMED, 7, minister)
    other = _report(session, OTHER, 3, minister)
    gid = _group_of(session, first)
    assert gid is not None
    assert _group_of(session, later) == gid == _group_of(session, trimmed)
    assert _group_of(session, other) != gid
    group = session.get(StatementGroup, gid)
    assert group is not None
    assert (group.earliest_claim_id, group.claim_count) == (first.id, 3)
    flagged = session.execute(select(StatementGroupMember.claim_id, StatementGroupMember.kinds)
                              .where(StatementGroupMember.material.is_(True))).all()
    assert flagged == [(later.id, "number")]
    shown = appearances(session, first)
    assert shown.total == 3 and shown.earliest is not None
    assert shown.earliest.claim_id == first.id
    assert [a.claim_id for a in shown.items] == [later.id, trimmed.id]
    assert [d.as_dict() for d in shown.items[0].differences] == [
        {"kind": "number", "ours": "five", "theirs": "15"}]
    assert shown.items[1].differences == []  # a trimmed quote is not drift
    misquotes = set(session.scalars(select(Claim.id).where(misquote_condition())))
    assert misquotes == {first.id, later.id, trimmed.id}
    assert [m.claim.id for m in newest_misquotes(session)] == [later.id]


def test_an_edit_through_the_service_moves_the_claim_and_clears_the_flag(
        session: Session) -> None:
    minister = make_speaker(session, "Anna Petrosyan")
    first = _report(session, QUOTE, 2, minister)
    later = _report(session, CHANGED, 5, minister)
    assert session.scalar(select(StatementGroupMember.material)
                          .where(StatementGroupMember.claim_id == later.id)) is True
    article = later.article
    start = article.body.index(CHANGED)
    data = claim_annotate.stored_input(later)
    data.start, data.end, data.text = start, start + len("We will send 15 thousand"), \
        "We will send 15 thousand"
    claims.update_claim(session, None, later, data, expected_version=later.version)
    sync.write_pending(session)
    assert _group_of(session, later) is None  # too short to be a statement of its own
    assert session.scalar(select(StatementGroupMember.material)
                          .where(StatementGroupMember.claim_id == first.id)) is False
    assert list(session.scalars(select(Claim.id).where(misquote_condition()))) == []


def test_a_speaker_change_flags_the_same_words_in_another_mouth(session: Session) -> None:
    minister = make_speaker(session, "Anna Petrosyan")
    rival = make_speaker(session, "Boris Aliyev")
    first = _report(session, QUOTE, 2, minister)
    second = _report(session, QUOTE, 4, minister)
    assert list(session.scalars(select(Claim.id).where(misquote_condition()))) == []
    data = claim_annotate.stored_input(second)
    data.speaker_id = rival.id
    claims.update_claim(session, None, second, data, expected_version=second.version)
    sync.write_pending(session)
    assert _group_of(session, second) == _group_of(session, first)
    assert session.scalar(select(StatementGroupMember.kinds)
                          .where(StatementGroupMember.claim_id == second.id)) == "speaker"
    kinds = [d.kind for d in appearances(session, first).items[0].differences]
    assert kinds == ["speaker"]


def test_different_speakers_on_one_topic_are_two_statements(session: Session) -> None:
    a = _report(session, "Armenia will not attend the next round of talks in Moscow "
                "this month.", 2, make_speaker(session, "Anna Petrosyan"))
    b = _report(session, "Azerbaijan expects the next round of talks in Moscow to bring "
                "a breakthrough.", 3, make_speaker(session, "Boris Aliyev"))
    assert _group_of(session, a) != _group_of(session, b)


def test_deleting_the_earliest_appearance_hands_the_group_to_the_next(
        session: Session) -> None:
    minister = make_speaker(session, "Anna Petrosyan")
    first = _report(session, QUOTE, 2, minister)
    later = _report(session, CHANGED, 5, minister)
    third = _report(session, QUOTE, 8, minister)
    gid = _group_of(session, later)
    claims.delete_claim(session, None, first, expected_version=first.version)
    sync.write_pending(session)
    group = session.get(StatementGroup, gid)
    session.refresh(group)
    assert group is not None
    assert (group.earliest_claim_id, group.claim_count) == (later.id, 2)
    assert session.execute(select(StatementGroupMember.claim_id, StatementGroupMember.kinds)
                           .where(StatementGroupMember.material.is_(True))).all() == [
        (third.id, "number")]
    claims.delete_claim(session, None, later, expected_version=later.version)
    claims.delete_claim(session, None, third, expected_version=third.version)
    sync.write_pending(session)
    assert session.get(StatementGroup, gid) is None


def test_speakerless_boilerplate_groups_and_rebuild_gives_the_same_groups(
        session: Session) -> None:
    background = ("The conflict between the two South Caucasus countries began in 1988 "
                  "over the Nagorno-Karabakh region.")
    reports = [_report(session, background, day, None, ClaimKind.ASSERTION)
               for day in (9, 3, 6)]
    gid = _group_of(session, reports[0])
    assert gid is not None and {_group_of(session, c) for c in reports} == {gid}
    group = session.get(StatementGroup, gid)
    assert group is not None and group.earliest_claim_id == reports[1].id
    before = sorted(session.execute(select(StatementGroupMember.claim_id,
                                           StatementGroupMember.kinds)).all())
    assert rebuild_groups(session) == 3
    after = sorted(session.execute(select(StatementGroupMember.claim_id,
                                          StatementGroupMember.kinds)).all())
    assert after == before


def test_appearances_cost_three_statements_and_list_at_most_fifty(
        session: Session, count_queries) -> None:
    background = ("The conflict between the two South Caucasus countries began in 1988 "
                  "over the Nagorno-Karabakh region.")
    reports = [_report(session, background, 1 + n % 28, None, ClaimKind.ASSERTION, n)
               for n in range(56)]
    session.expire_all()
    claim = session.get(Claim, reports[0].id)
    assert claim is not None
    claim.speaker  # noqa: B018 (loaded before counting, as the claim page loads it)
    before = count_queries()
    shown = appearances(session, claim)
    assert count_queries() - before == 3
    assert (shown.total, len(shown.items), shown.shown_more, shown.articles) == (56, 50, 5, 56)


def _crowded_statements(n: int) -> list[str]:
    """Wire-style sentences built from a few stock phrases, so that many different
    statements share a blocking key (more than ``KEY_FANOUT`` groups hold one), and about a
    third of them repeated later with a word changed, a clause dropped, or words or a stock
    phrase added."""
    rng = random.Random(17)
    stock = ["the two countries agreed", "the talks in geneva will resume",
             "the border crossing remains closed", "the ministry of defence reported",
             "the peace process has stalled"]
    words = ["army", "village", "road", "bridge", "river", "market", "school", "hospital",
             "mayor", "council", "farm", "railway", "harbour", "airport", "factory", "mine",
             "dam", "church", "museum", "stadium"]
    out: list[str] = []
    for _ in range(n):
        if out and rng.random() < 0.35:
            base = rng.choice(out).split()
            i = rng.randrange(len(base))
            edit = rng.random()
            if edit < 0.4:
                base[i] = rng.choice(words)
            elif edit < 0.6:
                base = base[:-2]
            elif edit < 0.8:
                base += rng.sample(words, 2)
            else:
                base += ["and", *rng.choice(stock).split()]
            out.append(" ".join(base))
            continue
        first, second = rng.sample(stock, 2)
        out.append(f"{first} near the {' '.join(rng.sample(words, 4))} and {second} after "
                   f"the {' '.join(rng.sample(words, 3))}")
    return out


def test_both_engines_build_the_groups_memory_builds_when_keys_are_crowded(
        session: Session) -> None:
    # More than KEY_FANOUT groups share a key, so which groups a claim is compared with
    # depends on the order groups are read back and kept per key: rebuilt a few claims at a
    # time through the database (each batch reading the earlier ones back), the groups are
    # those build_groups makes in memory, whichever engine.
    texts = _crowded_statements(260)
    claims = []
    for n, text in enumerate(texts):
        article = make_article(session, f"Dispatch {n}. {text}. More follows.",
                               published=dt.date(2023, 1, 1) + dt.timedelta(days=n // 3),
                               title=None, index=False)
        claims.append(make_claim(session, article, text, None, kind=ClaimKind.ASSERTION,
                                 index=False))
    session.flush()
    rebuild_groups(session, batch=25)
    stored: dict[int, set[int]] = {}
    for cid, gid in session.execute(select(StatementGroupMember.claim_id,
                                           StatementGroupMember.group_id)):
        stored.setdefault(gid, set()).add(cid)
    records = [Record(c.id, c.text, None, c.article.published, c.article_id) for c in claims]
    in_memory = {frozenset(m) for m in build_groups(records).values() if m}
    crowded = Counter(k for r in records for k in blocking_keys(statement_tokens(r.text)))
    assert max(crowded.values()) > 3 * KEY_FANOUT
    assert {frozenset(m) for m in stored.values()} == in_memory
