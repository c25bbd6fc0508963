"""The speaker page's download holds exactly the claims its timeline lists."""

from __future__ import annotations

import re

from tests.worlds.crossref import jsonl_claim_ids


def test_speaker_page_offers_a_download_in_every_format(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get(f"/speakers/{world.envoy.id}").get_data(as_text=True)
    assert 'action="/export/"' in page
    assert f'name="speaker" value="{world.envoy.id}"' in page
    for fmt in ("csv", "json", "jsonl", "claimreview", "webannotation"):
        assert f'<option value="{fmt}">' in page


def test_speaker_download_equals_the_timeline(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get(f"/speakers/{world.envoy.id}").get_data(as_text=True)
    timeline = page[page.index('<ol class="timeline">'):]
    shown = {text for text in re.findall(r"<q>(.*?)</q>", timeline)}
    body = client.get(f"/export/?format=jsonl&speaker={world.envoy.id}").get_data(as_text=True)
    assert jsonl_claim_ids(body) == {world.shared_claim.id, world.ceasefire.id}
    assert shown == {world.shared_claim.text, world.ceasefire.text}
