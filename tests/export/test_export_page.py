"""The Export page: every format described, every filter, a streamed attachment."""

from __future__ import annotations

import json

import pytest

from claims_app.db import utcnow
from claims_app.export import FORMATS
from tests.worlds.crossref import jsonl_claim_ids


def test_export_page_describes_every_format(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get("/export/").get_data(as_text=True)
    for spec in FORMATS.values():
        assert f'value="{spec.name}"' in page and spec.description in page


def test_export_page_offers_every_filter(client, auth, world) -> None:
    auth.login("viewer")
    page = client.get("/export/").get_data(as_text=True)
    for name in ("status", "kind", "speaker", "outlet", "tag", "said_from", "said_to",
                 "published_from", "published_to", "reviewed_only"):
        assert f'name="{name}"' in page


def test_export_needs_a_login(client, world) -> None:
    assert client.get("/export/?format=csv").status_code == 302


def test_download_is_an_attachment_named_for_the_day(client, auth, world) -> None:
    auth.login("viewer")
    response = client.get("/export/?format=csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="claims-{utcnow():%Y-%m-%d}.csv"')
    assert response.mimetype == "text/csv"


def test_each_format_downloads_under_its_own_name(client, auth, world) -> None:
    """A person who downloads every format keeps every file: no two share a name."""
    auth.login("viewer")
    day = f"{utcnow():%Y-%m-%d}"
    names = {}
    for fmt in FORMATS:
        disposition = client.get(f"/export/?format={fmt}").headers["Content-Disposition"]
        names[fmt] = disposition.removeprefix('attachment; filename="').removesuffix('"')
    assert names == {
        "json": f"claims-{day}.json",
        "jsonl": f"claims-{day}.jsonl",
        "csv": f"claims-{day}.csv",
        "claimreview": f"claims-claimreview-{day}.jsonld",
        "webannotation": f"claims-annotations-{day}.jsonld",
    }


def test_format_descriptions_carry_no_markdown(client, auth, world) -> None:
    auth.login("viewer")
    assert "`" not in client.get("/export/").get_data(as_text=True)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_downloads(client, auth, world, fmt) -> None:
    auth.login("viewer")
    response = client.get(f"/export/?format={fmt}")
    assert response.status_code == 200 and response.get_data()


def test_download_holds_only_the_filtered_claims(client, auth, world) -> None:
    auth.login("viewer")
    response = client.get(f"/export/?format=jsonl&outlet={world.apa.id}&kind=indirect")
    assert jsonl_claim_ids(response.get_data(as_text=True)) == {world.ceasefire.id}


def test_speaker_filter_takes_a_name(client, auth, world) -> None:
    auth.login("viewer")
    response = client.get("/export/?format=jsonl&speaker=Rizwan+Sheikh")
    assert jsonl_claim_ids(response.get_data(as_text=True)) == {world.shared_claim.id,
                                                                world.ceasefire.id}


def test_claim_links_point_at_this_site(client, auth, world) -> None:
    auth.login("viewer")
    body = client.get("/export/?format=jsonl&kind=direct").get_data(as_text=True)
    (line,) = body.splitlines()
    assert json.loads(line)["url"] == f"http://claims.test/claims/{world.useful.id}"


def test_unknown_speaker_is_an_error_beside_the_field(client, auth, world) -> None:
    auth.login("viewer")
    response = client.get("/export/?format=csv&speaker=Nobody+Atall")
    assert response.status_code == 400
    assert 'id="speaker-error"' in response.get_data(as_text=True)


def test_a_bad_date_is_an_error_not_a_crash(client, auth, world) -> None:
    auth.login("viewer")
    response = client.get("/export/?format=csv&said_from=2020-13-45")
    assert response.status_code == 400
    assert 'id="said_from-error"' in response.get_data(as_text=True)


def test_reversed_dates_are_an_error(client, auth, world) -> None:
    auth.login("viewer")
    response = client.get("/export/?format=csv&published_from=2021-01-01"
                          "&published_to=2020-01-01")
    assert response.status_code == 400


def test_an_unknown_format_is_an_error(client, auth, world) -> None:
    auth.login("viewer")
    assert client.get("/export/?format=exe").status_code == 400


def test_navigation_links_to_the_export_page(client, auth, world) -> None:
    auth.login("viewer")
    assert 'href="/export/"' in client.get("/speakers/").get_data(as_text=True)
