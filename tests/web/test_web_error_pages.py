"""Error pages speak to the person at the page, in our words and our page frame: a refusal
names the missing permission and who can grant it; a missing page says what may have
happened. Werkzeug's stock sentences (written for a server's operator) never show."""

from __future__ import annotations

from werkzeug.exceptions import Forbidden, NotFound

from claims_app.accounts.permissions import Permission, refusal


def test_a_refused_page_names_the_missing_permission_and_what_to_do(client, auth) -> None:
    auth.login("viewer")
    response = client.get("/admin/users")
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "<h1>Not allowed</h1>" in page
    assert "Your role (viewer) does not include permission to manage user accounts" in page
    assert "Ask an administrator to make you an admin" in page
    assert Forbidden.description not in page
    assert 'nav aria-label="Main"' in page  # our frame, not a bare server page


def test_a_refusal_lists_every_role_that_has_the_permission() -> None:
    assert "make you a reviewer, editor or admin" in refusal("viewer", Permission.REVIEW)


def test_a_missing_page_says_so_in_our_words(client, auth) -> None:
    auth.login("viewer")
    response = client.get("/no-such-page")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "There is nothing at this address" in page
    assert NotFound.description not in page
