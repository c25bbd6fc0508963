"""When and where a claim was made."""

from __future__ import annotations

import datetime

from claims_app.extract import extract_claims

NOV_6 = datetime.date(2019, 11, 6)


def test_stated_day_and_place_in_the_attribution_are_used() -> None:
    body = (
        "“The occupation continues,” Mammadyarov said while addressing a meeting "
        "in Doha on November 4."
    )
    [claim] = extract_claims(body, published=NOV_6)
    assert (claim.said_on, claim.said_on_basis, claim.said_where) == (
        datetime.date(2019, 11, 4), "stated", "Doha")


def test_date_without_year_never_falls_after_publication() -> None:
    body = "“We expect returns by spring,” Minister Ali Hasanov said in Aghdam on December 28."
    [claim] = extract_claims(body, published=datetime.date(2022, 1, 3))
    assert claim.said_on == datetime.date(2021, 12, 28)


def test_weekday_is_the_latest_such_day_not_after_publication() -> None:
    body = "“We will rebuild,” President Ilham Aliyev said on Monday."
    [claim] = extract_claims(body, published=datetime.date(2021, 5, 4))
    assert claim.said_on == datetime.date(2021, 5, 3)


def test_without_a_stated_date_the_publication_date_is_the_fallback() -> None:
    [claim] = extract_claims("“We will rebuild,” Ilham Aliyev said.", published=NOV_6)
    assert (claim.said_on, claim.said_on_basis) == (NOV_6, "publication")


def test_without_any_date_the_basis_is_unknown() -> None:
    [claim] = extract_claims("“We will rebuild,” Ilham Aliyev said.")
    assert (claim.said_on, claim.said_on_basis) == (None, "unknown")


def test_dates_in_the_content_are_not_when_it_was_said() -> None:
    body = (
        "Recalling the resolution adopted in Islamabad on 22-23 March 2022, the General "
        "Secretariat of the OIC further calls for the normalization of relations."
    )
    [claim] = extract_claims(body, published=datetime.date(2022, 9, 14))
    assert claim.said_on_basis == "publication"
    assert claim.said_where is None


def test_here_means_the_dateline_city() -> None:
    body = "“Mine clearance comes first,” Vugar Suleymanov told journalists here."
    [claim] = extract_claims(body, dateline="BAKU, Azerbaijan, May 12")
    assert claim.said_where == "Baku"
