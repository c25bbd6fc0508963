"""Reported-speech rules added for cue shapes still missed on PolNeAR's train split (issue 18,
eleventh pass, reported speech).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import indirect


def test_calling_for_in_the_progressive_reports_its_object() -> None:
    # "X is calling for Y", "X was calling on Y to ...": the progressive of "called for"
    body = ("Senator Ada Lorne is calling for the county to reopen the ferry line before "
            "the summer.\n\n"
            "The Harbour Pilots Guild was calling on the port authority to dredge the main "
            "channel.")
    texts = {c.text: c for c in indirect(body)}
    claim = texts["the county to reopen the ferry line before the summer"]
    assert claim.speaker_name == "Ada Lorne"
    assert claim.kind == "indirect"
    assert "the port authority to dredge the main channel" in texts


def test_called_with_an_object_and_its_complement_reports_the_naming() -> None:
    # "X called Y Z": what the speaker called the object, quoted or not; before a second verb
    # of the same speaker the naming is a claim of its own
    body = ("Tomas Reyes spoke to the guild on Friday. He called the levy a tax on every "
            "fisherman in the county.\n\n"
            "Ada Lorne called him reckless and accused him of hiding the audit.\n\n"
            "Reyes called a meeting of the guild for Monday.")
    claims = indirect(body)
    texts = {c.text: c for c in claims}
    levy = texts["the levy a tax on every fisherman in the county"]
    assert levy.speaker_name == "Tomas Reyes"
    body_text = body
    assert body_text[levy.start : levy.end] == levy.text
    assert texts["him reckless"].speaker_name == "Ada Lorne"
    assert "him of hiding the audit" in texts
    assert not any(c.text.startswith("a meeting") for c in claims)


def test_as_an_outlet_reported_credits_the_sentence_to_it() -> None:
    # "As X reported, A", "As reported by X, A", "B, as X first reported, A": the aside
    # names the source of the statement around it
    body = ("As the Harbour Gazette reported, the council approved the new stadium lease on "
            "Friday.\n\n"
            "As reported by the Coast Ledger, the port fees will double next spring.\n\n"
            "Two weeks ago, as the Coast Ledger first reported, the mayor met the dock owners "
            "in private.")
    claims = indirect(body)
    first = next(c for c in claims if "stadium lease" in c.text)
    assert first.text == "the council approved the new stadium lease on Friday"
    assert first.speaker_name == "Harbour Gazette"
    assert first.start == body.index("the council")
    second = next(c for c in claims if "port fees" in c.text)
    assert second.text == "the port fees will double next spring"
    assert second.speaker_name == "Coast Ledger"
    third = next(c for c in claims if "dock owners" in c.text)
    assert third.text.startswith("Two weeks ago")
    assert third.speaker_name == "Coast Ledger"


def test_reported_before_its_object_reports_like_said() -> None:
    # "X reports A", "X reported a loss": before its object "reported" is a speech verb of
    # its own; a noun ("initial reports of") or a passive ("was reported by") is none
    body = ("The Harbour Gazette reports the mayor will resign before the summer.\n\n"
            "Tomas Reyes reported a gain of two million dollars in the quarter.\n\n"
            "Initial reports of the crash were wrong.\n\n"
            "The crash was reported by the pilot at noon.")
    claims = indirect(body)
    texts = {c.text: c for c in claims}
    assert texts["the mayor will resign before the summer"].speaker_name == "Harbour Gazette"
    gain = texts["a gain of two million dollars in the quarter"]
    assert gain.speaker_name == "Tomas Reyes"
    assert gain.cue == "reported"
    assert len(claims) == 2


def test_pledged_before_a_to_infinitive_reports_the_pledge() -> None:
    # "X pledged to A", "X has proposed to A": the commitment is what X said; "praised for"
    # and the like still take no prepositional object
    body = ("Ada Lorne has pledged to lower the harbour fees for small boats.\n\n"
            "Tomas Reyes proposed to merge the two ferry lines next year.")
    texts = {c.text: c for c in indirect(body)}
    fees = texts["to lower the harbour fees for small boats"]
    assert fees.speaker_name == "Ada Lorne"
    assert fees.cue == "has pledged"
    assert "to merge the two ferry lines next year" in texts


def test_an_editors_note_reports_nobody() -> None:
    # the newsroom's standing note under a story is no attribution of the story's
    body = ("Editor's note: Tomas Reyes is a harbour developer who has repeatedly pledged to "
            "fill the old docks with luxury flats.")
    assert indirect(body) == []


def test_a_one_name_object_splits_from_the_statement_after_and_said() -> None:
    # "X praised Y and said A": the stance verb's object may be a single name, and the
    # statement after "and said" is a claim of its own
    body = "Ada Lorne praised Reyes and said the harbour would reopen by the end of May."
    texts = {c.text: c for c in indirect(body)}
    assert texts["Reyes"].cue == "praised"
    stated = texts["the harbour would reopen by the end of May"]
    assert stated.speaker_name == "Ada Lorne"


def test_a_relative_clause_of_speech_ends_at_its_closing_comma() -> None:
    # "X, who said A, did B": A ends at the comma; "X, who said A, said B": B is a second
    # statement of the same speaker
    body = ("Tomas Reyes, who said the levy was unfair, voted for it anyway.\n\n"
            "Ada Lorne, who said the dam was inspected in May, said she had seen no cracks.")
    texts = {c.text: c for c in indirect(body)}
    assert texts["the levy was unfair"].speaker_name == "Tomas Reyes"
    assert texts["the dam was inspected in May"].speaker_name == "Ada Lorne"
    assert texts["she had seen no cracks"].speaker_name == "Ada Lorne"


def test_compared_with_a_share_who_say_is_a_second_statement() -> None:
    # "N say A, compared with M who say B": the second share's answer is a claim of its own
    body = ("Sixty percent of the pilots say they trust Lorne, compared with 40 percent who "
            "say they would rather keep Reyes.")
    texts = [c.text for c in indirect(body)]
    assert texts == ["they trust Lorne", "they would rather keep Reyes"]


def test_first_reported_by_an_outlet_credits_the_news_to_it() -> None:
    # "N was first reported by X": the outlet broke the news its subject names
    body = "The mayor's meeting with the dock owners was first reported by the Harbour Gazette."
    [claim] = indirect(body)
    assert claim.text == "The mayor's meeting with the dock owners"
    assert claim.speaker_name == "Harbour Gazette"
    assert claim.start == 0


def test_was_asked_about_reports_the_topic_put_to_the_speaker() -> None:
    # "X was asked about A" with no answer in the sentence: the topic is a statement of the
    # (unnamed) asker
    body = ("At the forum on Friday, Ada Lorne was asked about the harbour fees charged to "
            "small fishing boats.")
    [claim] = indirect(body)
    assert claim.text.endswith("the harbour fees charged to small fishing boats")
    assert claim.speaker_name is None


def test_a_short_answer_after_said_is_a_statement() -> None:
    # "N said yes", "M said the same", "X said so": the answer is a claim of its own
    body = ("Asked if the dam was safe, 38 percent of the pilots said yes.\n\n"
            "A fifth of the dockers said the same.\n\n"
            "Tomas Reyes said no to the new levy.")
    texts = [c.text for c in indirect(body)]
    assert "yes" in texts
    assert "the same" in texts
    assert "no to the new levy" in texts


def test_a_statement_after_a_quotation_is_not_its_attribution() -> None:
    # '"Q." He said A.': the sentence after the quotation opens on its subject and reports a
    # statement of its own
    body = ('Ada Lorne defended the levy, to which Tomas Reyes replied: "That is simply '
            'untrue." He said the harbour fees would double for small boats by spring.')
    texts = {c.text: c for c in indirect(body)}
    assert "the harbour fees would double for small boats by spring" in texts


def test_a_dash_opens_the_clause_whose_subject_speaks() -> None:
    # "A \u2014 she told the AP that B": the subject after the dash speaks, not the words before it
    body = ("The dock strike hung over the campaign \u2014 she told the Coast Ledger that the "
            "pilots would be paid in full by March.")
    [claim] = indirect(body)
    assert claim.text == "the pilots would be paid in full by March"
    assert claim.cue == "told the Coast Ledger"


def test_more_headline_verbs_report_the_headline() -> None:
    # a title-cased headline with "Announces", "Calls For", "Slams", "Just Announced"
    body = ("Harbour Mayor Ada Lorne Announces Ferry Line To The Island.\n\n"
            "Reyes Just Announced A Toll On The Old Bridge.\n\n"
            "Lorne Calls For A Recount In The Harbour District.")
    texts = {c.text: c for c in indirect(body)}
    assert texts["Ferry Line To The Island"].speaker_name == "Ada Lorne"
    assert texts["A Toll On The Old Bridge"].speaker_name == "Reyes"
    assert "A Recount In The Harbour District" in texts


def test_mentioned_and_failed_to_mention_report_their_object() -> None:
    # "X never mentioned Y", "X failed to mention Y": what was (not) said
    body = ("Ada Lorne never mentioned the pilots' strike in her speech at the locks.\n\n"
            "Tomas Reyes failed to mention the collapse of the old pier last spring.")
    texts = {c.text: c for c in indirect(body)}
    assert texts["the pilots' strike in her speech at the locks"].speaker_name == "Ada Lorne"
    assert texts["the collapse of the old pier last spring"].speaker_name == "Tomas Reyes"


def test_a_speech_verb_in_a_relative_clause_reports_the_clause() -> None:
    # "a change that she said halved A", "the toll, which he has said was unfair, ...": the
    # relative clause is a claim of its own, with its pronoun
    body = ("Ada Lorne thanked the pilots for the new timetable, a change that she said "
            "halved the delays at the locks.\n\n"
            "The toll, which he has said was unfair, cost Reyes the river wards.")
    claims = indirect(body)
    texts = {c.text: c for c in claims}
    assert texts["that she said halved the delays at the locks"].cue == "said"
    assert texts["which he has said was unfair"].cue == "has said"
    assert not any(c.text.startswith("was unfair") for c in claims)


def test_a_statement_before_adding_and_a_quotation_is_kept() -> None:
    # 'X said A, adding: "B"': A is reported speech of its own before the quotation
    body = ('Tomas Reyes said the ferry would run again by June, adding: "We owe the island '
            'that much."')
    texts = {c.text: c for c in indirect(body)}
    assert texts["the ferry would run again by June"].speaker_name == "Tomas Reyes"


def test_a_second_speaker_after_but_or_and_a_share_reports_apart() -> None:
    # "A but X have said B", "A and one in four said B", ", but X point to B": a second
    # subject's statement inside the first claim is a claim of its own
    body = ("The ferry line has been cut twice this year but harbour officials have said "
            "they expect it to reopen in June.\n\n"
            "Half of the pilots said the fees were too high and one in four said the port "
            "should close in winter.")
    texts = {c.text: c for c in indirect(body)}
    assert "they expect it to reopen in June" in texts
    assert "the fees were too high" in texts
    assert "the port should close in winter" in texts


def test_a_second_verb_of_the_same_speaker_splits_the_claim() -> None:
    # "X praised Y but did note that B", "X has said A and has said B": the second verb
    # reports a statement of its own
    body = ("Tomas Reyes praised the pilots but did note that the river wards had backed him "
            "twice.")
    texts = {c.text: c for c in indirect(body)}
    assert "the river wards had backed him twice" in texts
    assert texts["the river wards had backed him twice"].speaker_name == "Tomas Reyes"


def test_called_takes_a_long_name_and_an_intensified_complement() -> None:
    # "X called Board Chairman Tom Reed a fraud", "X has repeatedly called them very careless"
    body = ("Ada Lorne called Harbour Board Chairman Tom Reed a fraud.\n\n"
            "Reyes has repeatedly called the pilots very careless.")
    texts = {c.text: c for c in indirect(body)}
    assert texts["Harbour Board Chairman Tom Reed a fraud"].speaker_name == "Ada Lorne"
    assert texts["the pilots very careless"].cue == "has repeatedly called"


def test_a_speakers_call_or_promise_reports_what_follows_it() -> None:
    # "X's call for A", "his promise to A": a noun of demand or commitment owned by its
    # speaker
    body = ("The dockers backed Lorne's call for an audit of the toll accounts.\n\n"
            "Tomas Reyes won the district with his promise to build a new bridge to the island.")
    texts = {c.text: c for c in indirect(body)}
    assert texts["an audit of the toll accounts"].speaker_name == "Lorne"
    assert texts["to build a new bridge to the island"].cue == "promise to"


def test_repeated_reports_its_object() -> None:
    # "X repeated her warning", "X repeated the charge that A": the object is what X said
    body = "Tomas Reyes repeated his warning about the silted channel at the forum."
    [claim] = indirect(body)
    assert claim.text == "his warning about the silted channel at the forum"
    assert claim.speaker_name == "Tomas Reyes"
    assert claim.cue == "repeated"
