"""Near-identical wording beside a claim: what is found, and that finding it reads only the
claims it shows (the claim page once loaded 2,000 candidates with their articles)."""

from __future__ import annotations

from difflib import SequenceMatcher

from sqlalchemy import event

from claims_app.claims.models import Claim
from claims_app.claims.near_identical import near_identical_claims
from claims_app.textnorm import normalize_for_search
from tests.crossref.builders import add_article, add_claim

WORDING = "We will never give up an inch of our land to the occupiers"
ALIKE = [
    "\u201cWe will never give up an inch of our land to the occupiers\u201d",  # quote style
    "We will never give up one inch of our land to the occupiers",  # one word changed
    "WE WILL NEVER GIVE UP AN INCH OF OUR LAND TO THE OCCUPIERS",  # case
]
UNALIKE = [
    "The ministry will publish the new harbour tariffs on Monday",  # same length, other words
    "We will never give up",  # a short part of it
    "Our land was never given up to anyone, the occupiers were told",  # same words, reworded
]


def _world(session) -> tuple[Claim, dict[str, Claim]]:
    texts = [WORDING, *ALIKE, *UNALIKE]
    article = add_article(session, " ".join(f"She said: {t}." for t in texts))
    claims = {t: add_claim(session, article, t) for t in texts}
    return claims[WORDING], claims


def test_claims_worded_the_same_are_found_best_first_with_difflib_scores(session) -> None:
    claim, claims = _world(session)
    found = near_identical_claims(session, claim)
    mine = normalize_for_search(WORDING)
    expected = sorted(
        ((round(SequenceMatcher(None, mine, normalize_for_search(t), autojunk=False).ratio(),
                3), claims[t].id) for t in ALIKE), key=lambda p: (-p[0], p[1]))
    assert [(f.score, f.claim.id) for f in found] == expected
    assert found[0].score == 1.0
    assert not {claims[t].id for t in UNALIKE} & {f.claim.id for f in found}


def test_only_the_claims_found_are_loaded(session) -> None:
    claim, claims = _world(session)
    session.commit()
    session.expunge_all()
    claim = session.get(Claim, claim.id)
    loaded: list[object] = []

    def note(_session, obj) -> None:
        loaded.append(obj)

    event.listen(session, "loaded_as_persistent", note)
    try:
        found = near_identical_claims(session, claim)
    finally:
        event.remove(session, "loaded_as_persistent", note)
    assert len(found) == len(ALIKE)
    assert {obj.id for obj in loaded if isinstance(obj, Claim)} == {f.claim.id for f in found}
    assert all(f.claim.article is not None for f in found)
