"""Changes of position, the pure part: each kind of conflict found, the hard negatives left
alone, pairs only within one speaker at different dates, and the gold set's goals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claims_app.positions import evaluate
from claims_app.positions.detect import Statement, position_change, propose

GOLD = Path(__file__).resolve().parents[1] / "data" / "positions"


@pytest.mark.parametrize(("earlier", "later", "kind", "ours", "theirs"), [
    ("Turkey supports the ceasefire proposed by the Minsk Group.",
     "Turkey opposes the ceasefire proposed by the Minsk Group.", "stance", "supports",
     "opposes"),
    ("Armenia accepts the Madrid principles.", "Armenia rejects the Madrid principles.",
     "stance", "accepts", "rejects"),
    ("Armenian troops will withdraw from the districts.",
     "Armenian troops will not withdraw from the districts.", "negation", "(no negation)",
     "not"),
    ("Azerbaijan will talk to Armenia about the corridor.",
     "Azerbaijan won't talk to Armenia about the corridor.", "negation", "(no negation)",
     "won't"),
    ("Inflation will peak at about 3 percent this year.",
     "Inflation will peak at about 6% this year.", "number", "3 percent", "6%"),
    ("Russia will send 1,960 peacekeepers to the region.",
     "Russia will send 3,000 peacekeepers to the region.", "number", "1,960 peacekeepers",
     "3,000 peacekeepers"),
])
def test_each_kind_of_change_is_found(earlier, later, kind, ours, theirs) -> None:
    change = position_change(earlier, later)
    assert change is not None
    assert (change.kind, change.ours, change.theirs) == (kind, ours, theirs)


@pytest.mark.parametrize(("earlier", "later"), [
    # the same stance in other words: a negated acceptance is a rejection
    ("We will never accept the occupation of our lands.",
     "Azerbaijan rejects the occupation of its lands."),
    # the same topic, nothing opposed
    ("Armenia is ready to work with the Minsk Group co-chairs on a ceasefire.",
     "The Minsk Group co-chairs must press Azerbaijan to respect the ceasefire."),
    # opposite stance words, different topics
    ("Russia supports the exchange of prisoners and bodies.",
     "Russia opposes any foreign military bases in the South Caucasus."),
    # the same number, a year beside it is a date and not a quantity
    ("In 2020 the army lost 1,960 soldiers.", "In 2021 the army said it lost 1,960 soldiers."),
])
def test_hard_negatives_are_left_alone(earlier, later) -> None:
    assert position_change(earlier, later) is None


def test_pairs_are_one_speakers_at_different_dates_earlier_first() -> None:
    day = dt.date(2020, 10, 1)
    statements = [
        Statement("late", "erdogan", day + dt.timedelta(days=9),
                  "Turkey opposes the ceasefire proposed by the Minsk Group."),
        Statement("early", "erdogan", day,
                  "Turkey supports the ceasefire proposed by the Minsk Group."),
        Statement("same-day", "erdogan", day,
                  "Turkey opposes the ceasefire proposed by the Minsk Group today."),
        Statement("other", "aliyev", day + dt.timedelta(days=3),
                  "Azerbaijan opposes the ceasefire proposed by the Minsk Group."),
        Statement("undated", "erdogan", None,
                  "Turkey opposes the ceasefire proposed by the Minsk Group."),
    ]
    found = [(p.earlier.id, p.later.id, p.change.kind) for p in propose(statements)]
    assert found == [("early", "late", "stance")]
    assert [p.key for p in propose(statements, involving="late")] == [("early", "late")]
    assert propose(statements, involving="other") == []


def test_the_gold_set_meets_the_goals() -> None:
    result = evaluate.score(GOLD)
    assert result["cases"] >= 10
    assert result["precision"] >= 0.90, result["misses"]
    assert result["recall"] >= 0.80, result["misses"]
