"""The pages that show statement groups: the claim page's "Reported in N articles" with the
earliest appearance in this archive and flagged drift, paraphrase fidelity, the review
queue's "possible misquote" filter and the dashboard's newest possible misquotes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims_app.articles.models import Outlet
from claims_app.cache import clear_all
from claims_app.claims.models import Claim, ClaimKind
from claims_app.provenance import boilerplate as provenance_boilerplate
from claims_app.provenance import drift
from claims_app.provenance import services as provenance_services
from claims_app.provenance.boilerplate import boilerplate_in_article
from claims_app.provenance.drift import DiffPiece
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


def test_claim_page_diffs_each_appearance_once(
        client, session, auth: AuthActions, monkeypatch) -> None:
    # The diff shown and the differences flagged come from one diff of each pair: making
    # it twice was half of the page's appearances time.
    minister = make_speaker(session, "Anna Petrosyan")
    first = _report(session, SAID, "Wire One", 2, minister)
    for day in range(3, 7):
        _report(session, CHANGED, f"Daily {day}", day, minister)
    session.commit()
    auth.login()
    client.get(f"/claims/{first.id}")  # warm up
    clear_all()  # the claim page remembers its appearances: make them again
    diffed: list[tuple[str, str]] = []
    real = provenance_services.word_diff

    def counted(ours: str, theirs: str, **kw: bool) -> list[DiffPiece]:
        diffed.append((ours, theirs))
        return real(ours, theirs, **kw)

    monkeypatch.setattr(provenance_services, "word_diff", counted)
    monkeypatch.setattr(drift, "word_diff", counted)  # what ``classify_differences`` calls
    page = client.get(f"/claims/{first.id}").get_data(as_text=True)
    assert "Reported in 5 articles" in page and page.count('data-kind="number"') >= 4
    assert len(diffed) == 5  # the claim itself (the earliest) and its four other appearances


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


def test_review_queue_filters_reported_speech_with_a_quote_to_check_against(
        client, session, auth: AuthActions) -> None:
    # A report beside its speaker's direct quote in one article is listed with the quote; a
    # report of another speaker and a lone quote elsewhere are not.
    minister = make_speaker(session, "Anna Petrosyan")
    envoy = make_speaker(session, "Karen Sargsyan")
    quote = "We will not sign the agreement on the border this year."
    report = "she would sign the agreement on the border this year"
    aside = "he would wait for the talks in Geneva to end first"
    body = (f"\u201c{quote}\u201d Petrosyan said. Later she said {report}, aides added. "
            f"The envoy said {aside}.")
    article = make_article(session, body, published=dt.date(2024, 5, 2), title=None)
    direct = make_claim(session, article, quote, minister)
    reported = make_claim(session, article, report, minister, kind=ClaimKind.INDIRECT)
    other = make_claim(session, article, aside, envoy, kind=ClaimKind.INDIRECT)
    lone = _report(session, SAID, "Daily Two", 6, minister)
    session.commit()
    auth.login()
    only = client.get("/review/?paraphrase=1").get_data(as_text=True)
    assert f'id="q-{direct.id}"' in only and f'id="q-{reported.id}"' in only
    assert f'id="q-{other.id}"' not in only and f'id="q-{lone.id}"' not in only
    assert 'name="paraphrase" value="1"' in only and "Show every claim" in only
    everything = client.get("/review/").get_data(as_text=True)
    assert f'id="q-{lone.id}"' in everything and "paraphrase=1" in everything


BACKGROUND = ("The conflict between the two South Caucasus countries began in 1988 over the "
              "Nagorno-Karabakh region.")
WIRE_LINE = ("The ceasefire agreement was signed in Moscow after six weeks of fighting in the "
             "autumn.")


def _carrying(session: Session, outlet: str, day: int, *paragraphs: str) -> Claim:
    """An article of ``outlet`` carrying these unattributed paragraphs; its first claim."""
    found = session.scalar(select(Outlet).where(Outlet.name == outlet))
    article = make_article(session, f"Day {day}. " + " ".join(paragraphs),
                           outlet=found or Outlet(name=outlet), published=dt.date(2024, 5, day),
                           title=None)
    return [make_claim(session, article, p, None, kind=ClaimKind.ASSERTION)
            for p in paragraphs][0]


def test_article_page_names_the_outlets_carrying_its_boilerplate_and_since_when(
        client, session, auth: AuthActions) -> None:
    _carrying(session, "Wire One", 3, BACKGROUND)
    _carrying(session, "Daily Two", 9, BACKGROUND)
    _carrying(session, "Daily Two", 12, BACKGROUND)
    mine = _carrying(session, "Evening Three", 20, BACKGROUND)
    minister = make_speaker(session, "Anna Petrosyan")
    quoted = _report(session, SAID, "Evening Three", 21, minister)
    _report(session, SAID, "Wire One", 22, minister)
    session.commit()
    auth.login()
    page = client.get(f"/articles/{mine.article_id}").get_data(as_text=True)
    section = page.split('id="boilerplate"')[1].split("</section>")[0]
    assert f'data-claim="{mine.id}"' in section
    assert "Earliest appearance in this archive:" in section and "Wire One" in section
    assert "3 May 2024" in section or "2024-05-03" in section
    carried = section.split('class="carried-by"')[1]
    # oldest carrier first, with its article count and its own first date
    assert carried.index("Wire One") < carried.index("Daily Two")
    assert "<strong>Daily Two</strong>, 2 articles, since" in carried
    assert "Evening Three" not in carried  # this article's own outlet is not "elsewhere"
    assert "origin" not in section.lower()
    # a quote reported twice is a statement with a speaker, not boilerplate
    quoted_page = client.get(f"/articles/{quoted.article_id}").get_data(as_text=True)
    assert 'id="boilerplate"' not in quoted_page


def test_the_earliest_article_says_it_holds_the_earliest_appearance(
        client, session, auth: AuthActions) -> None:
    first = _carrying(session, "Wire One", 3, BACKGROUND)
    _carrying(session, "Daily Two", 9, BACKGROUND)
    session.commit()
    auth.login()
    page = client.get(f"/articles/{first.article_id}").get_data(as_text=True)
    section = page.split('id="boilerplate"')[1].split("</section>")[0]
    assert "<strong>this article</strong>" in section and "Daily Two" in section


def test_article_page_boilerplate_costs_two_statements_however_much_is_carried(
        client, session, auth: AuthActions, count_queries) -> None:
    # One carried paragraph in one other article, against two carried paragraphs each in
    # twelve more articles of six outlets: the boilerplate answer is two statements either
    # way (the page's passages panel has costs of its own, measured in tests/articles).
    mine = _carrying(session, "Home", 1, BACKGROUND, WIRE_LINE)
    _carrying(session, "Wire One", 2, BACKGROUND)
    session.commit()
    session.scalar(select(Claim.id).limit(1))  # the transaction's opening statement
    before = count_queries()
    [one] = boilerplate_in_article(session, mine.article_id)
    assert count_queries() - before == 2
    assert [(o.outlet, o.articles) for o in one.outlets] == [("Wire One", 1)]
    for day in range(3, 15):
        _carrying(session, f"Outlet {day % 6}", day, BACKGROUND, WIRE_LINE)
    session.commit()
    session.scalar(select(Claim.id).limit(1))
    before = count_queries()
    found = boilerplate_in_article(session, mine.article_id)
    assert count_queries() - before == 2
    assert [b.total for b in found] == [14, 13]
    assert len(found[0].outlets) == 7 and sum(o.articles for o in found[0].outlets) == 13
    auth.login()
    page = client.get(f"/articles/{mine.article_id}").get_data(as_text=True)
    assert page.count('class="boilerplate-group"') == 2
    assert "carried-partial" not in page  # every appearance counted: nothing to say


def test_article_page_counts_the_outlets_of_a_large_group_over_its_first_appearances(
        client, session, auth: AuthActions, monkeypatch) -> None:
    # A background paragraph carried by more articles than the page counts over: the outlet
    # counts cover the group's first CARRIERS_COUNTED members (the order the archive got
    # them), the page says so, and the later carrier is not read at all.
    monkeypatch.setattr(provenance_boilerplate, "CARRIERS_COUNTED", 3)
    mine = _carrying(session, "Home", 1, BACKGROUND)
    _carrying(session, "Wire One", 2, BACKGROUND)
    _carrying(session, "Wire One", 3, BACKGROUND)
    _carrying(session, "Late Outlet", 4, BACKGROUND)
    _carrying(session, "Late Outlet", 5, BACKGROUND)
    session.commit()
    [one] = boilerplate_in_article(session, mine.article_id)
    assert one.total == 5 and one.partial and one.counted == 3
    assert [(o.outlet, o.articles) for o in one.outlets] == [("Wire One", 2)]
    auth.login()
    page = client.get(f"/articles/{mine.article_id}").get_data(as_text=True)
    section = page.split('id="boilerplate"')[1].split("</section>")[0]
    assert "Outlets counted over the first 3 of its 5 appearances in this archive." in section
    assert "Late Outlet" not in section


def test_boilerplate_is_looked_for_among_the_articles_first_claims(
        session, monkeypatch) -> None:
    # The section walks the article's claims in text order, at most CLAIMS_LOOKED_UP of
    # them: a carried paragraph after that many claims is not looked at (an article of
    # 26,802 claims costs the section what one of 500 does).
    mine = _carrying(session, "Home", 1, "An opening line nobody else carries today.",
                     BACKGROUND)
    _carrying(session, "Wire One", 2, BACKGROUND)
    session.commit()
    assert [b.text for b in boilerplate_in_article(session, mine.article_id)] == [BACKGROUND]
    monkeypatch.setattr(provenance_boilerplate, "CLAIMS_LOOKED_UP", 1)
    assert boilerplate_in_article(session, mine.article_id) == []
