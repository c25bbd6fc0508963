"""Lists: filtered, paginated with a total, sorted by allow-listed fields."""

from __future__ import annotations

import datetime as dt

import pytest

from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.importer import store_draft


@pytest.fixture
def three_articles(session, users):
    stored = []
    for n, (title, day) in enumerate([("Alpha", 3), ("Beta", 1), ("Gamma", 2)]):
        draft = ArticleDraft(body=f"Article number {n} about {title}.", source_name=f"{n}.txt",
                             title=title, outlet="Wire" if n else "Daily",
                             published=dt.date(2020, 1, day),
                             published_precision="day")
        stored.append(store_draft(session, draft, users["editor"], extract=False)[0])
    session.commit()
    return stored


def _titles(response) -> list[str]:
    return [a["title"] for a in response.json["items"]]


def test_list_is_paginated_with_total(client, three_articles, token_headers) -> None:
    response = client.get("/api/v1/articles?per_page=2&page=2&sort=title",
                          headers=token_headers("viewer"))
    assert response.status_code == 200
    assert response.json["total"] == 3 and response.json["page"] == 2
    assert response.json["per_page"] == 2 and _titles(response) == ["Gamma"]


def test_sort_descending_with_minus(client, three_articles, token_headers) -> None:
    response = client.get("/api/v1/articles?sort=-published", headers=token_headers("viewer"))
    assert _titles(response) == ["Alpha", "Gamma", "Beta"]


def test_filter_by_outlet_and_date_range(client, three_articles, token_headers) -> None:
    response = client.get(
        "/api/v1/articles?outlet=Wire&published_from=2020-01-02&sort=title",
        headers=token_headers("viewer"))
    assert _titles(response) == ["Gamma"] and response.json["total"] == 1


def test_title_search_treats_percent_literally(client, three_articles, token_headers) -> None:
    response = client.get("/api/v1/articles?q=%25", headers=token_headers("viewer"))
    assert response.json["total"] == 0


def test_filter_claims_by_status_and_tag(client, claim, token_headers) -> None:
    headers = token_headers("viewer")
    assert client.get("/api/v1/claims?status=unreviewed&tag=INFRASTRUCTURE",
                      headers=headers).json["total"] == 1
    assert client.get("/api/v1/claims?status=confirmed", headers=headers).json["total"] == 0
