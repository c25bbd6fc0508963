"""The three-way proposal: only my changes are proposed, theirs are never reverted, and a
field we both changed is a clash with both values; the opened state comes from the trail."""

from __future__ import annotations

from dataclasses import replace

import pytest
from werkzeug.datastructures import MultiDict

from claims_app.claims.annotate import stored_input
from claims_app.claims.forms import ClaimForm
from claims_app.claims.services import update_claim
from claims_app.desk.conflicts import (
    BOTH,
    CLASH,
    MINE,
    SAME,
    THEIRS,
    Field3,
    claim_three_way,
    opened_state,
    resolved_formdata,
)
from tests.worlds.annotate import BODY
from tests.worlds.builders import make_article, make_claim


@pytest.mark.parametrize(("base", "theirs", "mine", "state", "proposed"), [
    ("a", "a", "a", SAME, "a"),
    ("a", "a", "mine", MINE, "mine"),        # only I changed it: mine is proposed
    ("a", "theirs", "a", THEIRS, "theirs"),  # only they did: theirs stays
    ("a", "same", "same", BOTH, "same"),     # we agree
    ("a", "theirs", "mine", CLASH, "theirs"),  # both, differently: a choice, theirs first
    (None, "theirs", "mine", CLASH, "theirs"),  # base unknown: never guess
    (None, "x", "x", SAME, "x"),
])
def test_three_way_states(base, theirs, mine, state, proposed) -> None:
    field = Field3("note", "Note", base, theirs, mine)
    assert (field.state, field.proposed) == (state, proposed)


def test_resolved_formdata_takes_the_picked_side_of_each_clash() -> None:
    posted = MultiDict([
        ("note", "ignored"), ("clash_note", "note"), ("mine_note", "my note"),
        ("theirs_note", "their note"), ("pick_note", "mine"),
        ("clash_span", "start,end"), ("mine_start", "1"), ("theirs_start", "5"),
        ("mine_end", "4"), ("theirs_end", "9"), ("cue", "said"),
    ])
    out = resolved_formdata(posted)
    assert out["note"] == "my note"
    assert (out["start"], out["end"]) == ("5", "9")  # no pick: theirs
    assert out["cue"] == "said"
    plain = MultiDict([("note", "x")])
    assert resolved_formdata(plain) is plain


def test_opened_state_comes_from_the_audit_trail(session, users) -> None:
    article = make_article(session, BODY)
    claim = make_claim(session, article, "progress was slow")
    opened = claim.version
    update_claim(session, users["editor"], claim, replace(stored_input(claim), cue="added"),
                 expected_version=opened)
    base, other = opened_state(session, "claim", claim.id, opened)
    assert base is not None and base["version"] == opened and base["cue"] is None
    assert other is not None and other.actor_name == "editor" and other.saves == 1


def test_claim_three_way_proposes_my_field_and_keeps_theirs(app, session, users) -> None:
    article = make_article(session, BODY)
    claim = make_claim(session, article, "progress was slow")
    opened = claim.version
    # They change the cue and the note; I change the note and the said-where.
    update_claim(session, users["editor"], claim,
                 replace(stored_input(claim), cue="added", note="theirs"),
                 expected_version=opened)
    with app.test_request_context(method="POST", data={
            "start": str(claim.start), "end": str(claim.end), "kind": claim.kind.value,
            "note": "mine", "said_where": "in Doha", "version": str(opened)}):
        form = ClaimForm(meta={"csrf": False})
        tw = claim_three_way(session, claim, form)
    states = {f.key: f.state for f in tw.fields}
    assert states["cue"] == THEIRS and states["said_where"] == MINE
    assert states["note"] == CLASH and states["span"] == SAME
    assert tw.stored_version == claim.version and tw.other and tw.other.actor_name == "editor"
    cue = next(f for f in tw.fields if f.key == "cue")
    assert cue.proposed == "added"  # their change is not reverted
