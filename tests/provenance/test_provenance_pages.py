"""The pages that show statement groups: the claim page's "Reported in N articles" with the
earliest appearance in this archive and flagged drift, paraphrase fidelity, the review
queue's "possible misquote" filter and the dashboard's newest possible misquotes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app.articles.models import Outlet
from claims_app.claims.models import Claim, ClaimKind
from claims_app.speakers.models import Speaker
from tests.conftest import AuthActions
from tests.worlds.builders import make_article, make_claim, make_speaker

SAID = "We will send five thousand troops to the northern border before winter."
CHANGED = "We will send 15 thousand troops to the northern border before winter."
OTHER = "The ministry says the talks in Geneva were productive and will go on in March."


def _report(session: Session, text: str, outlet: str, day: int,
            speaker: Speaker | None, kind: ClaimKind = ClaimKind.DIRECT) -> Claim:
    found = session.scalar(select(Outlet).where(Outlet.name == outlet))
    article = make_article(session, f"Day {day}. \u201c{text}\u201d the minister said.",
                           outlet=found or Outlet(name=outlet), published=dt.date(2024, 5, day),
                           title=None)
    return make_claim(session, article, text, speaker, kind=kind)


def test_claim_page_shows_appearances_with_the_changed_number_flagged(
        client, session, auth: AuthActions) -> None:
    minister = make_speaker(session, "Anna Petrosyan")
    first = _report(session, SAID, "Wire One", 2, minister)
    later = _report(session, CHANGED, "Daily Two", 6, minister)
    session.commit()
    auth.login()
    page = client.get(f"/claims/{first.id}").get_data(as_text=True)
    assert "Reported in 2 articles" in page
    assert "Earliest appearance in this archive:" in page and "<strong>this claim</strong>" \
        in page
    assert "origin" not in page.split('id="appearances"')[1].split("</section>")[0].lower()
    assert "Possible misquote" in page
    assert 'data-kind="number"' in page and "<del>five</del> <ins>15</ins>" in page
    assert f'data-claim="{later.id}"' in page
    page = client.get(f"/claims/{later.id}").get_data(as_text=True)
    assert f'<a href="/claims/{first.id}">claim {first.id}</a>' in page


def test_boilerplate_claim_page_names_the_outlets_and_since_when(
        client, session, auth: AuthActions) -> None:
    background = ("The conflict between the two South Caucasus countries began in 1988 "
                  "over the Nagorno-Karabakh region.")
    first = _report(session, background, "Wire One", 3, None, ClaimKind.ASSERTION)
    _report(session, background, "Daily Two", 9, None, ClaimKind.ASSERTION)
    session.commit()
    auth.login()
    page = client.get(f"/claims/{first.id}").get_data(as_text=True)
    assert "Unattributed text carried by 1 other outlet (Daily Two), since" in page
    assert "Possible misquote" not in page


def test_review_queue_filters_possible_misquotes_and_dashboard_lists_them(
        client, session, auth: AuthActions) -> None:
    minister = make_speaker(session, "Anna Petrosyan")
    first = _report(session, SAID, "Wire One", 2, minister)
    later = _report(session, CHANGED, "Daily Two", 6, minister)
    calm = _report(session, OTHER, "Daily Two", 7, minister)
    session.commit()
    auth.login()
    everything = client.get("/review/").get_data(as_text=True)
    assert f'id="q-{calm.id}"' in everything
    only = client.get("/review/?misquote=1").get_data(as_text=True)
    assert f'id="q-{first.id}"' in only and f'id="q-{later.id}"' in only
    assert f'id="q-{calm.id}"' not in only
    assert 'name="misquote" value="1"' in only
    dashboard = client.get("/").get_data(as_text=True)
    section = dashboard.split('id="possible-misquotes"')[1]
    assert f'/claims/{later.id}#appearances' in section and "number" in section
    assert f'/claims/{first.id}#appearances' not in section


def test_paraphrase_fidelity_flags_a_dropped_negation(
        client, session, auth: AuthActions) -> None:
    minister = make_speaker(session, "Anna Petrosyan")
    quote = "We will not sign the agreement on the border this year."
    report = "she would sign the agreement on the border this year"
    body = (f"\u201c{quote}\u201d Petrosyan said. Later she said {report}, aides added.")
    article = make_article(session, body, published=dt.date(2024, 5, 2), title=None)
    direct = make_claim(session, article, quote, minister)
    reported = make_claim(session, article, report, minister, kind=ClaimKind.INDIRECT)
    session.commit()
    auth.login()
    page = client.get(f"/claims/{reported.id}").get_data(as_text=True)
    assert "Paraphrase fidelity" in page
    section = page.split("Paraphrase fidelity")[1]
    assert f"claim {direct.id}" in section and 'data-kind="negation"' in section
