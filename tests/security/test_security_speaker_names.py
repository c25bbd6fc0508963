"""Speaker names typed through a claim edit (web or API) are held to the invisible-character
rule: ten speakers that differ only by a zero-width character cannot be made this way."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from claims_app.claims.models import Claim
from claims_app.speakers.models import Speaker
from tests.security.conftest import World

INVISIBLES = ["\u200b", "\u200c", "\u2060", "\u202e", "\ufeff"]


@pytest.mark.parametrize("mark", INVISIBLES)
def test_an_api_claim_edit_cannot_name_a_speaker_with_an_invisible_character(
    client, session, world: World, mark: str,
) -> None:
    claim = session.get(Claim, world.claim_id)
    speakers_before = session.scalar(select(func.count()).select_from(Speaker))
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        json={"speaker_name": f"Jane{mark} Doe", "version": claim.version},
        headers={"Authorization": f"Bearer {world.tokens['editor']}"})
    assert response.status_code == 422
    assert response.get_json()["field"] == "speaker_name"
    assert session.scalar(select(func.count()).select_from(Speaker)) == speakers_before


def test_the_claim_form_refuses_an_invisible_character_in_the_speaker(
    client, auth, session, world: World,
) -> None:
    claim = session.get(Claim, world.claim_id)
    auth.login("editor")
    page = client.get(f"/claims/{claim.id}/edit")
    assert page.status_code == 200
    response = client.post(f"/claims/{claim.id}/edit", data={
        "start": claim.start, "end": claim.end, "kind": claim.kind.value,
        "speaker": "Jane\u200b Doe", "create_speaker": "y", "version": claim.version})
    assert response.status_code == 400
    assert "U+200B" in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(Speaker).where(
        Speaker.name.like("Jane%"))) == 0
