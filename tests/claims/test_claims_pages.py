"""The claim pages: annotate, the claim with its cross-references, edit and its conflict page,
verdicts, accept/reject, links, the speaker type-ahead."""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy import event, select

from claims_app.cache import clear_all
from claims_app.claims import page as claim_page
from claims_app.claims import views as claim_views
from claims_app.claims.annotate import stored_input
from claims_app.claims.models import Claim, ClaimKind, ClaimLink, ClaimStatus, Review
from claims_app.claims.services import add_link, add_review, update_claim
from claims_app.speakers.models import Speaker
from tests.desk.formdata import form_fields
from tests.worlds.annotate import BODY
from tests.worlds.builders import make_article, make_claim, make_speaker

BORDER = "the border was calm"


def _span(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


def _claim_data(text: str = "progress was slow", **extra: object) -> dict[str, object]:
    start, end = _span(text)
    return {"start": start, "end": end, "text": text, "kind": "indirect", **extra}


def test_new_claim_form_is_filled_from_the_selected_offsets(client, auth, article):
    auth.login("reviewer")
    start, end = _span("progress was slow")
    page = client.get(f"/claims/new/{article.id}?start={start}&end={end}").get_data(
        as_text=True)
    assert f'value="{start}"' in page and f'value="{end}"' in page
    assert "progress was slow</textarea>" in page


def test_new_claim_form_labels_assertions_as_the_outlets_own(client, auth, article):
    auth.login("reviewer")
    page = client.get(f"/claims/new/{article.id}").get_data(as_text=True)
    assert '<option value="assertion">the outlet&#39;s own assertion</option>' in page


def test_adding_a_claim_redirects_to_it_highlighted(client, auth, session, article, elmar):
    auth.login("reviewer")
    response = client.post(f"/claims/new/{article.id}", data=_claim_data(
        speaker="Elmar Mammadyarov", tags="talks, Doha", said_where="Doha"))
    claim = session.scalar(select(Claim).where(Claim.text == "progress was slow"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/articles/{article.id}#claim-{claim.id}")
    assert claim.speaker_id == elmar.id and claim.said_where == "Doha"
    assert [t.name for t in claim.tags] == ["Doha", "talks"]


def test_adding_a_claim_without_text_takes_the_offsets_span(client, auth, session, article):
    auth.login("reviewer")
    start, end = _span(BORDER)
    response = client.post(f"/claims/new/{article.id}",
                           data={"start": start, "end": end, "kind": "paraphrase"})
    assert response.status_code == 302
    assert session.scalar(select(Claim.text).where(Claim.article_id == article.id)) == BORDER


def test_adding_a_claim_finds_the_speaker_by_alias(client, auth, session, article, elmar):
    auth.login("reviewer")
    client.post(f"/claims/new/{article.id}", data=_claim_data(speaker="Mammadyarov"))
    assert session.scalar(select(Claim.speaker_id)) == elmar.id


def test_unknown_speaker_is_refused_beside_the_field_keeping_input(client, auth, session,
                                                                   article):
    auth.login("reviewer")
    response = client.post(f"/claims/new/{article.id}", data=_claim_data(
        speaker="Nobody Known", note="my careful note"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="speaker-error"' in page and "No speaker is called “Nobody Known”" in page
    assert "my careful note" in page and 'value="Nobody Known"' in page
    assert session.scalar(select(Claim.id)) is None


def test_new_speaker_is_created_when_asked(client, auth, session, article):
    auth.login("reviewer")
    response = client.post(f"/claims/new/{article.id}", data=_claim_data(
        speaker="Nobody Known", create_speaker="y"))
    assert response.status_code == 302
    speaker = session.scalar(select(Speaker).where(Speaker.name == "Nobody Known"))
    assert session.scalar(select(Claim.speaker_id)) == speaker.id


def test_text_that_does_not_match_the_offsets_is_refused(client, auth, article):
    auth.login("reviewer")
    start, end = _span("progress was slow")
    response = client.post(f"/claims/new/{article.id}", data={
        "start": start, "end": end, "kind": "indirect", "text": "progress was fast"})
    assert response.status_code == 400
    assert 'id="text-error"' in response.get_data(as_text=True)


def test_offsets_outside_the_article_are_refused(client, auth, article):
    auth.login("reviewer")
    response = client.post(f"/claims/new/{article.id}",
                           data={"start": 5, "end": 99999, "kind": "direct"})
    assert response.status_code == 400
    assert "outside the article" in response.get_data(as_text=True)


def test_end_before_start_is_refused(client, auth, article):
    auth.login("reviewer")
    response = client.post(f"/claims/new/{article.id}",
                           data={"start": 10, "end": 4, "kind": "direct"})
    assert response.status_code == 400
    assert "The end must come after the start." in response.get_data(as_text=True)


def test_viewer_cannot_add_claims(client, auth, article):
    auth.login("viewer")
    assert client.get(f"/claims/new/{article.id}").status_code == 403
    assert client.post(f"/claims/new/{article.id}", data=_claim_data()).status_code == 403


def test_speaker_suggestions_match_names_and_aliases(client, auth, elmar, session):
    session.commit()
    auth.login("reviewer")
    by_alias = client.get("/claims/speaker-suggestions?q=mammad").get_json()
    assert by_alias[0]["id"] == elmar.id and by_alias[0]["name"] == "Elmar Mammadyarov"
    assert client.get("/claims/speaker-suggestions?q=zzzz").get_json() == []


def test_claim_page_shows_the_claim_and_its_review_history(client, auth, session, claims,
                                                           users):
    from claims_app.claims.services import add_review

    add_review(session, users["reviewer"], claims["useful"], "misquoted",
               note="words differ", evidence_urls=["https://example.org/transcript"])
    session.commit()
    auth.login("viewer")
    page = client.get(f"/claims/{claims['useful'].id}").get_data(as_text=True)
    assert "the talks were useful" in page and "Elmar Mammadyarov" in page
    assert "misquoted" in page and "https://example.org/transcript" in page


def test_claim_page_lists_the_speakers_other_claims_in_date_order(client, auth, claims):
    auth.login("viewer")
    page = client.get(f"/claims/{claims['useful'].id}").get_data(as_text=True)
    section = page[page.index("said elsewhere"):]
    assert "progress was slow" in section and "the border was calm" not in section


SAID_TWICE = "We will send five thousand troops to the northern border before winter."


def test_claim_page_lists_the_same_statement_elsewhere_from_its_statement_group(
        client, auth, session, claims):
    # Another article's claim with the same words (other case and quote marks): the
    # statement group, derived at commit, lists it among the near-identical claims.
    first = make_article(session, f"The minister said “{SAID_TWICE}”", title="First")
    mine = make_claim(session, first, SAID_TWICE)
    upper = SAID_TWICE.upper()
    other = make_article(session, f'He said "{upper}" again.', title="Repeat")
    repeat = make_claim(session, other, upper)
    session.commit()
    auth.login("viewer")
    page = client.get(f"/claims/{mine.id}").get_data(as_text=True)
    section = page[page.index("Near-identical claims"):page.index("Passages elsewhere")]
    assert f"/claims/{repeat.id}" in section and "the same statement" in section
    assert 'href="#appearances"' in section


def test_near_identical_claims_are_not_guessed_for_a_claim_in_no_group(client, auth, session,
                                                                        claims):
    # "the talks were useful" is too short to group: nothing compares texts on the page
    # any more, so a short repeat elsewhere is not listed as the same statement.
    other = make_article(session, "They said “the talks were useful”.", title="Quoted")
    repeat = make_claim(session, other, "the talks were useful")
    session.commit()
    auth.login("viewer")
    page = client.get(f"/claims/{claims['useful'].id}").get_data(as_text=True)
    section = page[page.index("Near-identical claims"):page.index("Passages elsewhere")]
    assert 'class="same-statement"' not in section
    assert repeat.id > 0


def test_viewer_sees_no_edit_controls_on_the_claim_page(client, auth, claims):
    auth.login("viewer")
    page = client.get(f"/claims/{claims['useful'].id}").get_data(as_text=True)
    for control in ("Edit claim", "Accept", "Record a verdict", "Add link", "Delete claim"):
        assert control not in page


def test_edit_form_is_filled_with_the_claim(client, auth, claims):
    auth.login("reviewer")
    page = client.get(f"/claims/{claims['useful'].id}/edit").get_data(as_text=True)
    assert 'value="Elmar Mammadyarov"' in page
    assert f'name="version" type="hidden" value="{claims["useful"].version}"' in page


def test_editing_a_claims_span_reanchors_it(client, auth, session, claims):
    claim = claims["slow"]
    start, end = _span("that progress was slow")
    auth.login("reviewer")
    response = client.post(f"/claims/{claim.id}/edit", data={
        "start": start, "end": end, "kind": "indirect", "speaker": "Elmar Mammadyarov",
        "version": claim.version})
    assert response.status_code == 302
    session.expire_all()
    stored = session.get(Claim, claim.id)
    assert stored.text == "that progress was slow" == BODY[stored.start:stored.end]


def test_edit_from_the_queue_marks_the_claim_corrected(client, auth, session, claims):
    claim = claims["slow"]
    start, end = _span("progress was slow")
    auth.login("reviewer")
    response = client.post(f"/claims/{claim.id}/edit?next=/review/", data={
        "start": start, "end": end, "kind": "paraphrase", "version": claim.version,
        "mark_corrected": "1"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/review/")
    session.expire_all()
    stored = session.get(Claim, claim.id)
    assert stored.status is ClaimStatus.CORRECTED and stored.kind is ClaimKind.PARAPHRASE


def test_edit_refuses_an_offsite_next(client, auth, claims):
    claim = claims["slow"]
    start, end = _span("progress was slow")
    auth.login("reviewer")
    response = client.post(f"/claims/{claim.id}/edit?next=//evil.example/", data={
        "start": start, "end": end, "kind": "indirect", "version": claim.version})
    assert "evil.example" not in response.headers["Location"]


def _stale_edit(client, session, claim, editor):
    """Someone (``editor``) saves a new note after I opened the claim; I then save a new
    note and a new kind on the version I opened."""
    stale = claim.version
    update_claim(session, editor, claim, replace(stored_input(claim), note="their note"),
                 expected_version=stale)
    session.commit()
    start, end = _span("progress was slow")
    return client.post(f"/claims/{claim.id}/edit", data={
        "start": start, "end": end, "kind": "paraphrase", "note": "my note",
        "speaker": "Elmar Mammadyarov", "version": stale})


def _row(page, key):
    found = re.search(rf'<tr class="state-(\w+)[^"]*" id="field-{key}">(.*?)</tr>', page, re.S)
    assert found, key
    return found.group(1), found.group(2)


def test_stale_edit_shows_the_three_way_page(client, auth, session, claims, users):
    auth.login("reviewer")
    response = _stale_edit(client, session, claims["slow"], users["editor"])
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "<strong>editor</strong> saved it" in page
    state, note_row = _row(page, "note")
    assert state == "clash" and "my note" in note_row and "their note" in note_row
    assert _row(page, "kind")[0] == "mine"  # only I changed the kind
    assert _row(page, "span")[0] == "same"


def test_conflict_page_saves_my_change_on_top_of_theirs(client, auth, session, claims, users):
    auth.login("reviewer")
    page = _stale_edit(client, session, claims["slow"], users["editor"]).get_data(as_text=True)
    action, fields = form_fields(page, "three-way")
    assert fields["pick_note"] == "theirs"  # a clash starts from their value
    response = client.post(action, data=fields)
    assert response.status_code == 302
    session.expire_all()
    stored = session.get(Claim, claims["slow"].id)
    assert stored.note == "their note" and stored.kind is ClaimKind.PARAPHRASE


def test_conflict_page_takes_my_side_of_a_clash_when_picked(client, auth, session, claims,
                                                            users):
    auth.login("reviewer")
    page = _stale_edit(client, session, claims["slow"], users["editor"]).get_data(as_text=True)
    action, fields = form_fields(page, "three-way")
    assert client.post(action, data={**fields, "pick_note": "mine"}).status_code == 302
    session.expire_all()
    assert session.get(Claim, claims["slow"].id).note == "my note"


def test_viewer_cannot_edit_claims(client, auth, claims):
    auth.login("viewer")
    assert client.get(f"/claims/{claims['slow'].id}/edit").status_code == 403
    assert client.post(f"/claims/{claims['slow'].id}/edit", data={}).status_code == 403


def test_accept_confirms_the_claim(client, auth, session, claims):
    auth.login("reviewer")
    response = client.post(f"/claims/{claims['slow'].id}/status",
                           data={"action": "accept", "next": "/review/",
                                 "version": claims["slow"].version})
    assert response.status_code == 303 and response.headers["Location"].endswith("/review/")
    session.expire_all()
    assert session.get(Claim, claims["slow"].id).status is ClaimStatus.CONFIRMED


def test_reject_rejects_the_claim(client, auth, session, claims):
    auth.login("reviewer")
    client.post(f"/claims/{claims['slow'].id}/status",
                data={"action": "reject", "version": claims["slow"].version})
    session.expire_all()
    assert session.get(Claim, claims["slow"].id).status is ClaimStatus.REJECTED


def test_unknown_status_action_changes_nothing(client, auth, session, claims):
    auth.login("reviewer")
    client.post(f"/claims/{claims['slow'].id}/status", data={"action": "delete"})
    session.expire_all()
    assert session.get(Claim, claims["slow"].id).status is ClaimStatus.UNREVIEWED


def test_stale_accept_is_a_conflict_not_a_crash(client, auth, session, claims):
    auth.login("reviewer")
    response = client.post(f"/claims/{claims['slow'].id}/status",
                           data={"action": "accept", "version": "999"})
    assert response.status_code == 409


def test_viewer_cannot_change_status(client, auth, claims):
    auth.login("viewer")
    response = client.post(f"/claims/{claims['slow'].id}/status", data={"action": "accept"})
    assert response.status_code == 403


def test_verdict_is_recorded_with_evidence_links(client, auth, session, claims):
    auth.login("reviewer")
    response = client.post(f"/claims/{claims['useful'].id}/reviews", data={
        "verdict": "accurate_quote", "note": "checked",
        "evidence_urls": "https://a.example/1\r\n\r\nhttps://b.example/2"})
    assert response.status_code == 303
    review = session.scalar(select(Review))
    assert review.evidence_urls == ["https://a.example/1", "https://b.example/2"]


def test_verdict_with_a_non_web_evidence_link_is_refused_beside_the_field(client, auth, claims):
    auth.login("reviewer")
    response = client.post(f"/claims/{claims['useful'].id}/reviews", data={
        "verdict": "false", "evidence_urls": "javascript:alert(1)", "note": "kept note"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="evidence_urls-error"' in page and "kept note" in page


def test_unknown_verdict_is_refused(client, auth, claims):
    auth.login("reviewer")
    response = client.post(f"/claims/{claims['useful'].id}/reviews", data={"verdict": "meh"})
    assert response.status_code == 400


def test_link_is_added_by_claim_number(client, auth, session, claims):
    auth.login("reviewer")
    response = client.post(f"/claims/{claims['useful'].id}/links", data={
        "link_type": "contradicts", "target_id": claims["slow"].id,
        "version": claims["useful"].version})
    assert response.status_code == 303
    link = session.scalar(select(ClaimLink))
    assert (link.source_claim_id, link.target_claim_id) == (claims["useful"].id,
                                                            claims["slow"].id)
    page = client.get(f"/claims/{claims['slow'].id}").get_data(as_text=True)
    assert "<strong>contradicts</strong> this claim" in page


def test_link_to_a_missing_claim_is_refused_beside_the_field(client, auth, claims):
    auth.login("reviewer")
    response = client.post(f"/claims/{claims['useful'].id}/links", data={
        "link_type": "repeats", "target_id": 999999, "version": claims["useful"].version})
    assert response.status_code == 400
    assert "There is no claim 999999." in response.get_data(as_text=True)


def test_link_to_itself_is_refused(client, auth, claims):
    auth.login("reviewer")
    response = client.post(f"/claims/{claims['useful'].id}/links", data={
        "link_type": "repeats", "target_id": claims["useful"].id,
        "version": claims["useful"].version})
    assert response.status_code == 400
    assert "cannot be linked to itself" in response.get_data(as_text=True)


def test_link_is_removed(client, auth, session, claims):
    link = add_link(session, None, claims["useful"], claims["slow"], "supports")
    session.commit()
    link_id = link.id
    auth.login("reviewer")
    response = client.post(f"/claims/links/{link_id}/delete")
    assert response.status_code == 303
    session.expire_all()
    assert session.get(ClaimLink, link_id) is None


def test_viewer_cannot_link(client, auth, claims):
    auth.login("viewer")
    response = client.post(f"/claims/{claims['useful'].id}/links", data={
        "link_type": "repeats", "target_id": claims["slow"].id})
    assert response.status_code == 403


def test_editor_deletes_a_claim(client, auth, session, claims):
    claim_id = claims["calm"].id
    auth.login("editor")
    response = client.post(f"/claims/{claim_id}/delete",
                           data={"version": claims["calm"].version})
    assert response.status_code == 303
    session.expire_all()
    assert session.get(Claim, claim_id) is None


def test_reviewer_cannot_delete_a_claim(client, auth, claims):
    auth.login("reviewer")
    assert client.post(f"/claims/{claims['calm'].id}/delete").status_code == 403


def test_missing_claim_is_404(client, auth, users):
    auth.login("viewer")
    assert client.get("/claims/999999").status_code == 404


def test_moving_a_span_by_its_numbers_ignores_the_old_text(client, auth, session, claims):
    claim = claims["slow"]
    start, end = _span("that progress was slow")
    auth.login("reviewer")
    response = client.post(f"/claims/{claim.id}/edit", data={
        "start": start, "end": end, "text": "progress was slow", "kind": "indirect",
        "version": claim.version})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Claim, claim.id).text == "that progress was slow"


#: Statements the claim page may send when it remembers nothing, whatever the claim's
#: statement group, its speaker's claims, its reviews or its links: 35 measured with every
#: panel holding rows (links both ways, past verdicts, appearances past the 50 listed, more
#: speaker claims than the 20 shown). It was 59 before the listed claims became plain lines
#: read in one statement (``claims.lines``).
CLAIM_PAGE_STATEMENTS = 35


def _reported_again(session, users, mine, speaker, n: int) -> Claim:
    """Appearance ``n`` of SAID_TWICE (its number changed), reviewed and linked from mine."""
    changed = SAID_TWICE.replace("five", str(n + 6))
    other = make_claim(session, make_article(
        session, f"Report {n}: \u201c{changed}\u201d", title=f"Report {n}"), changed, speaker)
    add_review(session, users["reviewer"], other, "false")
    add_link(session, users["editor"], mine, other, "repeats")
    add_link(session, users["editor"], other, mine, "repeats")
    return other


def _said_in(session, users, articles: int) -> tuple[Claim, Speaker]:
    """SAID_TWICE as the minister's claim, reported again in ``articles - 1`` more articles
    (each appearance reviewed and linked both ways): the claim and its speaker."""
    speaker = session.scalar(select(Speaker).where(Speaker.name == "Elmar Mammadyarov"))
    first = make_article(session, f"The minister said \u201c{SAID_TWICE}\u201d", title="A0")
    mine = make_claim(session, first, SAID_TWICE, speaker)
    for n in range(articles - 1):
        _reported_again(session, users, mine, speaker, n)
    session.commit()
    return mine, speaker


def test_claim_page_statements_do_not_grow_with_its_appearances_and_stay_under_a_cap(
        client, auth, session, users, claims, count_queries):
    # The same statement reported in 25 more articles, then in 40 more, each appearance
    # reviewed and linked both ways: the page sends the same statements either way (the
    # group's lists are bounded reads; no text is compared with other claims on the page),
    # and no more than the cap.
    mine, speaker = _said_in(session, users, 26)
    auth.login("viewer")
    client.get(f"/claims/{mine.id}")  # warm up: login, first load
    clear_all()  # both views below compute every remembered lookup
    before = count_queries()
    page = client.get(f"/claims/{mine.id}").get_data(as_text=True)
    few = count_queries() - before
    assert "Reported in 26 articles" in page
    for n in range(25, 65):
        _reported_again(session, users, mine, speaker, n)
    session.commit()
    clear_all()
    before = count_queries()
    page = client.get(f"/claims/{mine.id}").get_data(as_text=True)
    many = count_queries() - before
    assert "Reported in 66 articles" in page
    assert many == few
    assert many <= CLAIM_PAGE_STATEMENTS


#: Statements of a remembered claim page (its lookups made on an earlier view) with every
#: panel holding rows: the claims it lists, from whichever panel, its links either way and
#: the passages' articles are remembered with the lookups, as plain lines
#: (``claims.lines``); what is left is the claim itself, its reviews, tags, fact-checks,
#: past verdicts and the desk's panel. It was 41 when each list loaded mapped claims with
#: their articles, outlets and speakers on every view.
REMEMBERED_CLAIM_PAGE_STATEMENTS = 12


def test_a_remembered_claim_page_reads_none_of_the_claims_it_lists_again(
        client, auth, session, users, claims, count_queries):
    mine, _speaker = _said_in(session, users, 13)
    auth.login("viewer")
    client.get(f"/claims/{mine.id}")  # the lookups are made and remembered
    before = count_queries()
    page = client.get(f"/claims/{mine.id}").get_data(as_text=True)
    sent = count_queries() - before
    assert "Reported in 13 articles" in page and page.count("the same statement: ") == 10
    assert page.count("</strong> this claim") == 12  # links in, each with its claim line
    assert sent <= REMEMBERED_CLAIM_PAGE_STATEMENTS


def test_the_appearances_section_is_remembered_as_rendered_until_a_claim_changes(
        client, auth, session, users, claims, monkeypatch):
    # The statement group's section holds nothing per reader: a second view renders and
    # compares nothing; an edited appearance is a new fingerprint, and the section shows it.
    speaker = session.scalar(select(Speaker).where(Speaker.name == "Elmar Mammadyarov"))
    mine = make_claim(session, make_article(session, f"Said \u201c{SAID_TWICE}\u201d",
                                            title="A0"), SAID_TWICE, speaker)
    other = _reported_again(session, users, mine, speaker, 0)
    session.commit()
    auth.login("reviewer")
    assert "Reported in 2 articles" in client.get(f"/claims/{mine.id}").get_data(as_text=True)

    def no_comparing(*_args, **_kwargs):
        raise AssertionError("compared again though nothing changed")

    monkeypatch.setattr(claim_views, "paraphrase_fidelity", no_comparing)
    assert "Reported in 2 articles" in client.get(f"/claims/{mine.id}").get_data(as_text=True)
    monkeypatch.undo()
    update_claim(session, users["editor"], other, replace(stored_input(other), note="checked"),
                 expected_version=other.version)
    session.commit()
    monkeypatch.setattr(claim_views, "render_template", _counting(claim_views.render_template))
    client.get(f"/claims/{mine.id}")
    assert "claims/_appearances.html" in _counting.rendered


def _counting(render):
    _counting.rendered = []

    def counted(name, **context):
        _counting.rendered.append(name)
        return render(name, **context)

    return counted


def test_the_claim_page_never_reads_the_articles_body(client, auth, session, sent_statements):
    # A claim of a 2,000,000-character untitled article costs what any other does: its
    # derived title is made from the opening, read apart; the body is never selected whole,
    # neither for the claim nor for the report of it checked for paraphrase fidelity.
    reported = "that they would send five thousand troops to the northern border"
    body = "Officials met on Monday. " + "The talks went on. " * 100_000 + (
        f"The minister said \u201c{SAID_TWICE}\u201d He said {reported}.")
    speaker = make_speaker(session, "Ilham Aliyev")
    article = make_article(session, body, title=None)
    mine = make_claim(session, article, SAID_TWICE, speaker)
    make_claim(session, article, reported, speaker, kind=ClaimKind.INDIRECT)
    session.commit()
    auth.login("viewer")
    sent_statements.clear()
    page = client.get(f"/claims/{mine.id}").get_data(as_text=True)
    assert "Officials met on Monday." in page  # the derived title
    assert "Paraphrase fidelity" in page
    whole = [s for s in sent_statements if re.search(r"(?<!substr\()articles\.body\b", s)]
    assert whole == []


def test_a_claim_with_more_links_than_listed_lists_the_oldest_and_says_so(
        client, auth, session, users, claims, monkeypatch):
    monkeypatch.setattr(claim_page, "LINKS_LISTED", 2)
    speaker = session.scalar(select(Speaker).where(Speaker.name == "Elmar Mammadyarov"))
    mine = make_claim(session, make_article(session, f"Said \u201c{SAID_TWICE}\u201d",
                                            title="A0"), SAID_TWICE, speaker)
    others = [_reported_again(session, users, mine, speaker, n) for n in range(2)]
    session.commit()
    auth.login("viewer")
    page = client.get(f"/claims/{mine.id}").get_data(as_text=True)
    links = page[page.index('<h3 id="links">'):page.index("Near-identical claims")]
    # Two links each way with the first claim: the two oldest are its links out and in.
    assert links.count("This claim <strong>") == 1 and links.count("</strong> this claim") == 1
    assert f"claims/{others[0].id}" in links and f"claims/{others[1].id}" not in links
    assert "The oldest 2 links are listed." in links


BACKGROUND = ("The organization, founded in 1969, brings together 57 member states across "
              "four continents and is the second largest intergovernmental body.")


def _carrying_background(session, n: int, first: int = 0) -> None:
    for i in range(first, first + n):
        make_article(session, f"Delegation {i} arrived for talks. {BACKGROUND} Mission {i} "
                     "declined to comment.", title=f"Background {i}")


def test_claim_page_lists_a_bounded_number_of_passages_elsewhere_and_says_how_many_more(
        client, auth, session, count_queries, monkeypatch):
    # A background sentence carried by thousands of articles costs the page what a rare
    # one does: the most alike are listed, the rest counted ("of about N"), and the page
    # sends the same statements for 8 carriers as for 20.
    monkeypatch.setattr(claim_page, "PASSAGES_LISTED", 3)
    mine = make_claim(session, make_article(session, f"Opening. {BACKGROUND}", title="Mine"),
                      BACKGROUND)
    _carrying_background(session, 8)
    session.commit()
    auth.login("viewer")
    client.get(f"/claims/{mine.id}")  # warm up: login, first load

    def passages() -> tuple[str, int]:
        clear_all()  # the lookups are made, not remembered
        before = count_queries()
        page = client.get(f"/claims/{mine.id}").get_data(as_text=True)
        sent = count_queries() - before
        section = page[page.index("<h3>Passages elsewhere"):page.index("Similar claims by")]
        return section, sent

    section, few = passages()
    assert section.count("same wording)") == 3
    assert "The 3 most alike are listed, of about 8 near-identical passages" in section
    _carrying_background(session, 12, first=8)
    session.commit()
    section, many = passages()
    assert section.count("same wording)") == 3
    assert "The 3 most alike are listed, of about 20 near-identical passages" in section
    assert many == few


def test_claim_page_says_nothing_more_when_every_passage_elsewhere_is_listed(
        client, auth, session):
    mine = make_claim(session, make_article(session, f"Opening. {BACKGROUND}", title="Mine"),
                      BACKGROUND)
    _carrying_background(session, 2)
    session.commit()
    auth.login("viewer")
    page = client.get(f"/claims/{mine.id}").get_data(as_text=True)
    section = page[page.index("<h3>Passages elsewhere"):page.index("Similar claims by")]
    assert section.count("same wording)") == 2 and "most alike are listed" not in section


def test_claim_page_remembers_its_lookups_until_something_changes(
        client, auth, session, users, claims, count_queries):
    # The neighbours, similar claims and passages elsewhere are remembered per claim (the
    # rule of claims_app.cache): a second view sends no search or LSH lookup, and a new
    # claim worded alike is listed on the next view.
    speaker = session.scalar(select(Speaker).where(Speaker.name == "Elmar Mammadyarov"))
    mine = make_claim(session, make_article(session, f"Opening \u201c{SAID_TWICE}\u201d",
                                            title="First"), SAID_TWICE, speaker)
    session.commit()
    auth.login("viewer")
    client.get(f"/claims/{mine.id}")
    statements: list[str] = []
    engine = session.get_bind().engine

    def capture(_c, _cur, stmt, *_args) -> None:  # noqa: ANN001
        statements.append(stmt)

    event.listen(engine, "before_cursor_execute", capture)
    try:
        before = count_queries()
        page = client.get(f"/claims/{mine.id}").get_data(as_text=True)
        remembered = count_queries() - before
        looked_up = [s for s in statements if "search_fts" in s or "search_documents" in s
                     or "band" in s]  # (the cache's fingerprint reads max(passage id))
        assert looked_up == []
        assert remembered < CLAIM_PAGE_STATEMENTS - 10
        changed = SAID_TWICE.replace("five", "seven")
        other = make_claim(session, make_article(session, f"Later \u201c{changed}\u201d",
                                                 title="Second"), changed, None)
        session.commit()
        page = client.get(f"/claims/{mine.id}").get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    section = page[page.index("Near-identical claims"):page.index("Passages elsewhere")]
    assert f'href="/claims/{other.id}"' in section
