"""Speaker rules added for quoted statements found with no speaker or a wrong one on
PolNeAR's train split (issue 18, twelfth pass, speakers).

Each passage is invented news copy in the shape of an error class, never corpus text; each
test fails without its rule.
"""

from __future__ import annotations

from tests.extract.passages import direct, indirect, span


def test_a_name_whose_appositive_opens_with_a_lowercase_word_speaks() -> None:
    # "X, now 70 and retired in Dover, Del., said", "X, 30, of Tulsa, Okla., who ..., said":
    # the appositive runs over several commas and opens with a word, not an article
    body = ("The town voted on Monday after a long campaign in the valley.\n\n"
            "\"It was a long fight for the whole town,\" Mr. Hollis, now 70 and retired in "
            "Dover, Del., said by telephone this week.\n\n"
            "\"Both of the candidates scare me,\" Tom Ruiz, 30, of Tulsa, Okla., who was among "
            "those polled, said in an interview.")
    texts = {c.text: c for c in direct(body)}
    fight = texts["It was a long fight for the whole town"]
    assert (fight.start, fight.end) == span(body, "It was a long fight for the whole town")
    assert fight.kind == "direct"
    assert fight.speaker_name is not None and "Hollis" in fight.speaker_name
    scare = texts["Both of the candidates scare me"]
    assert scare.speaker_name == "Tom Ruiz"


def test_an_opening_phrase_before_a_comma_is_no_name() -> None:
    # "At Port Alder, where ..., Jo Dent, the club's president, said": the place opening the
    # sentence is no speaker whose appositive runs to the cue
    body = ("At Port Alder, where it costs new members a fortune to join, Jo Dent, the club's "
            "long-serving president, said, \"We are in the business of pleasing people.\"")
    [claim] = direct(body)
    assert claim.text == "We are in the business of pleasing people."
    assert claim.speaker_name == "Jo Dent"


def test_the_attribution_closing_a_sentence_after_its_fragment_speaks() -> None:
    # 'A failed to B and "C," said X, the minister.', 'A tried B and he "C," X said.': the
    # attribution right after the quoted fragment names who says the statement
    body = ("Norway failed to find the smuggling ring in the harbor and \"should have acted "
            "much sooner,\" said Karl Brenner, the minister.\n\n"
            "Gore tried to distance himself from the mayor, and in doing so he \"made a grave "
            "mistake,\" Lichter said.")
    claims = indirect(body)
    sooner = next(c for c in claims if "acted much sooner" in c.text)
    assert sooner.speaker_name == "Karl Brenner"
    assert sooner.end == span(body, "sooner,\"")[1]
    mistake = next(c for c in claims if "grave mistake" in c.text)
    assert mistake.kind == "indirect"
    assert mistake.speaker_name == "Lichter"
    assert "Lichter" not in mistake.text


def test_a_trailing_name_that_kept_its_appositive_is_the_named_speaker() -> None:
    # ', forcing her to ..., said X, a Democratic pollster and consultant.': the subject phrase
    # kept the appositive; it is still X, not a role given to the last person met
    body = ("Tate spoke on Monday in the valley.\n\n"
            "The plan would create a summer of misery for the mayor, forcing her to fend off "
            "both rivals, said Brad Bannon, a Democratic pollster and consultant.")
    claim = next(c for c in indirect(body) if c.text.startswith("The plan would"))
    assert claim.text == ("The plan would create a summer of misery for the mayor, forcing "
                          "her to fend off both rivals")
    assert claim.speaker_name == "Brad Bannon"


def test_an_adjective_between_the_article_and_a_surname() -> None:
    # 'A flabbergasted Noah quipped, "..."': the adjective colours the named person
    body = ("Tate replied: \"No, I meant he is the founder of the club.\"\n\n"
            "A flabbergasted Noah quipped, \"It is like a lawyer with the dumbest client ever.\"")
    claim = next(c for c in direct(body) if c.text.startswith("It is like"))
    assert claim.text == "It is like a lawyer with the dumbest client ever."
    assert claim.speaker_name == "Noah"


def test_a_line_below_a_quotation_signs_it() -> None:
    # '"A." / - Tomas Reyes.' and '"B." / -Ada Lorne, tweeting after the vote.': a fact-check
    # or a notebook names the speaker on the line below the quotation
    body = ("The mayor spoke at the fair.\n\n"
            "\"Nearly all new income in the valley is going to the top one percent.\"\n\n"
            "- Tomas Reyes.\n\n"
            "The councilman is relying on an outdated statistic.\n\n"
            "\"I went to the port before the storm. I said you are going to wreck it.\"\n\n"
            "-Ada Lorne, tweeting after the vote.")
    texts = {c.text: c for c in direct(body)}
    income = texts["Nearly all new income in the valley is going to the top one percent."]
    assert income.speaker_name == "Tomas Reyes"
    port = texts["I went to the port before the storm. I said you are going to wreck it."]
    assert (port.start, port.end) == span(
        body, "I went to the port before the storm. I said you are going to wreck it.")
    assert port.speaker_name == "Ada Lorne"


def test_a_surname_spelt_like_a_month() -> None:
    # '"A," columnist Li Jun wrote.', 'said Tessa May': the month word closes a name
    body = ("The paper ran a long piece on the harbor deal.\n\n"
            "\"Many of his ideas are far from heartwarming,\" columnist Li Jun wrote in the "
            "Harbour Times piece.\n\n"
            "\"We will not be rushed on the levy,\" said Tessa May.")
    texts = {c.text: c for c in direct(body)}
    assert texts["Many of his ideas are far from heartwarming"].speaker_name == "Li Jun"
    assert texts["We will not be rushed on the levy"].speaker_name == "Tessa May"


def test_an_inverted_cue_after_an_opening_phrase() -> None:
    # 'But, said X, "A"', 'In other words, explained moderator X: "B"': the inverted cue
    # follows the opening phrase's comma; 'Y, wrote of X:' is no inverted cue
    body = ("Sam Solo said his boss was \"always kind.\" But, said Solo, \"I don't want to "
            "drum up a fight with him.\"\n\n"
            "The mayor paused. In other words, explained moderator Ada Lorne: \"What does that "
            "have to do with taking big checks?\"")
    texts = {c.text: c for c in direct(body)}
    assert texts["I don't want to drum up a fight with him."].speaker_name == "Sam Solo"
    checks = texts["What does that have to do with taking big checks?"]
    assert checks.speaker_name == "Ada Lorne"


def test_a_quotation_after_an_opening_clause_goes_on_with_the_speaker() -> None:
    # '"A," said X. Unless the rivals quit, "B."': the clause opening B's sentence names
    # nobody, so B goes on with X
    body = ("The party has been shaken out of a long state of denial.\n\n"
            "\"It is an enormous moment,\" said Tim Crane, a top strategist on the harbor "
            "campaign of Ada Lorne in 2008 and on the river campaign of Tom Reyes in 2004. "
            "Unless further rivals quickly quit the race, \"it is very difficult to see how he "
            "is stopped on his way to the nomination.\"")
    claims = direct(body)
    stopped = next(c for c in claims if "very difficult" in c.text)
    assert stopped.speaker_name == "Tim Crane"


def test_a_quotation_after_adding_that_is_not_the_next_sentence_subjects() -> None:
    # '"A," said X at the time, adding that "B." Analyst Y agreed ...': B goes on with X
    body = ("\"It is not new in the valley,\" said Rep. Bob Scoot (D-Va.) at the time, adding "
            "that \"we have been electing them for a long time.\" Analyst Dave Bosk agreed that "
            "the shift was a matter of place.")
    texts = {c.text: c for c in direct(body)}
    assert texts["we have been electing them for a long time."].speaker_name == "Rep. Bob Scoot"


def test_more_verbs_before_a_post_posed_speaker() -> None:
    # '"A," declares X, 27, a Navy veteran ...', '"B," agrees Y, 30, of Gainesville, Fla.'
    body = ("\"I think the dream has changed,\" says Dina Rocco, 21, a student from Dayton, "
            "Ohio, who was among those surveyed.\n\n"
            "\"Our ideas of success are different,\" agrees Mia Stone, 30, of Gainesville, "
            "Fla.\n\n"
            "\"I am a voter,\" declares Stacy Ames, 27, a Navy veteran attending school in Tulsa.")
    texts = {c.text: c for c in direct(body)}
    assert texts["Our ideas of success are different"].speaker_name == "Mia Stone"
    assert texts["I am a voter"].speaker_name == "Stacy Ames"


def test_a_quotation_after_a_dash_takes_the_sentences_named_subject() -> None:
    # 'Reyes also backed the harsher rules -- "A."': the dash, like a colon, hands the
    # sentence's named subject the quotation
    body = ("\"Everyone else is coming out with polls saying I am leading,\" Tomas Reyes said "
            "on the radio.\n\n"
            "Reyes also backed the harsher harbor rules -- \"I think the fines are peanuts "
            "compared to what they would do to us.\"")
    claim = next(c for c in direct(body) if c.text.startswith("I think the fines"))
    assert claim.speaker_name == "Tomas Reyes"


def test_a_surname_that_is_also_a_role_word() -> None:
    # '"A," said Steven Law, a former aide ...' then '"B," Law said.': the article puts
    # "Law" beside a speech verb with no article, so it is a surname
    body = ("\"If there are crosscurrents that could hurt, the most important thing you can do "
            "is act early,\" said Steven Law, a former top aide to the harbor master.\n\n"
            "\"We have to keep them there and not lose ground,\" Law said.")
    texts = {c.text: c for c in direct(body)}
    early = texts["If there are crosscurrents that could hurt, the most important thing you "
                  "can do is act early"]
    assert early.speaker_name == "Steven Law"
    assert texts["We have to keep them there and not lose ground"].speaker_name == "Steven Law"


def test_a_statement_announced_by_the_paragraph_before() -> None:
    # 'X issued the following statement:' closes the paragraph; the quotation below is X's
    body = ("The storm hit the coast.\n\n"
            "In response to the tragic loss of life, Republican presidential nominee Tom Drake "
            "issued the following statement:\n\n"
            "\"Our prayers are with all those affected by the horrible storm. This cannot "
            "continue.\"")
    [claim] = direct(body)
    assert claim.text == ("Our prayers are with all those affected by the horrible storm. "
                          "This cannot continue.")
    assert claim.speaker_name == "Tom Drake"


def test_a_cue_introducing_the_next_quotation_is_not_the_one_before() -> None:
    # 'Lorne responds to Mott with, "A?" Mott then writes back, "B."': A has its own lead-in;
    # "Mott then writes back," introduces B
    body = ("In an exchange between Ada Lorne and her chief of staff Cheryl Mott, Mott forwards "
            "an email with a photo.\n\n"
            "Lorne responds to Mott with, \"Why now? That was on my way to Lima?\" Mott then "
            "writes back, \"You look cute.\"")
    texts = {c.text: c for c in direct(body)}
    assert texts["Why now? That was on my way to Lima?"].speaker_name == "Ada Lorne"
    assert texts["You look cute."].speaker_name == "Cheryl Mott"


def test_a_digest_label_after_a_dash() -> None:
    # 'Pollsters agree - Carl Bolek: "A."': the name after the dash is the source, not the
    # sentence's first word
    body = ("The polls shifted late in the state.\n\n"
            "Pollsters agree - Carl Bolek: \"One of the biggest lessons was a simple one: keep "
            "on calling voters as late as possible.\"")
    [claim] = direct(body)
    assert claim.speaker_name == "Carl Bolek"


def test_a_participle_after_a_trailing_cue_speaks_for_its_name() -> None:
    # 'Combs cannot say that "A," Lewin added, saying B': B is Lewin's, not the subject's
    body = ("\"It is the job of the bureau to do the research,\" Lewin said.\n\n"
            "Combs cannot say that \"from his perspective,\" Lewin added, saying it should be "
            "\"up to the prosecutor to move forward or not.\"")
    claim = next(c for c in indirect(body) if c.text.startswith("it should be"))
    assert claim.text == "it should be \"up to the prosecutor to move forward or not.\""
    assert claim.speaker_name == "Lewin"


def test_a_quotation_paragraph_after_a_report_closing_on_a_fragment() -> None:
    # 'X ... now said Tate had "the chance to unite us." / "B."': the paragraph before reports
    # X's words and closes on a quoted fragment; the quotation paragraph goes on with X
    body = ("The crowd cheered the nominee.\n\n"
            "Rep. Tom Massey used to back Rand Pauling, but now said Tate had \"the chance and "
            "the duty to bring us together.\"\n\n"
            "\"I think he can do that, but the biggest unifier we have is Ada Lorne.\"")
    claim = next(c for c in direct(body) if c.text.startswith("I think he can"))
    assert claim.speaker_name == "Rep. Tom Massey"


def test_a_full_name_closing_a_colon_lead_in() -> None:
    # 'The surge does not surprise Republican pollster Daron Lee: "A."': the name before the
    # colon is the quotation's source
    body = ("The poll came out on Monday.\n\n"
            "The timing of the surge does not surprise Republican pollster Daron Lee: "
            "\"Historically, lesser-known candidates who beat the favorites early have seen the "
            "biggest boost.\"")
    [claim] = direct(body)
    assert claim.speaker_name == "Daron Lee"


def test_the_sentence_before_names_its_subject_behind_an_aside() -> None:
    # 'Lorne, clearly frustrated, responded by ..., saying B. / "A."': the quotation paragraph
    # goes on with the named subject of the sentence before, past its adjectival aside
    body = ("An activist demanded to know whether Lorne would refuse gifts from oil firms.\n\n"
            "Lorne, clearly frustrated, responded by pointing a finger in the woman's face, "
            "saying the rival camp was mixing up gifts from workers with gifts from the firms."
            "\n\n"
            "\"I do not have money from the firms. I am so sick of the rival camp lying about "
            "me.\"")
    claim = next(c for c in direct(body) if c.text.startswith("I do not have"))
    assert claim.speaker_name == "Lorne"


def test_a_name_and_its_party_mark_close_the_subject() -> None:
    # '..., after winning the primary, Gov. Tom Lasko (R-OH), said, "A."'
    body = ("Tuesday at the college in Berea, after winning the state primary, Gov. Tom Lasko "
            "(R-OH), said, \"I am getting ready to rent a covered wagon for the trip.\"")
    [claim] = direct(body)
    assert claim.text == "I am getting ready to rent a covered wagon for the trip."
    assert claim.speaker_name == "Gov. Tom Lasko"


def test_a_plain_verb_closing_the_sentence_after_the_name() -> None:
    # '"A," Hanley started.', '"B," Gorky urged.': verbs the cue lexicon does not read as
    # speech still attribute the quotation when they end the sentence right after the name
    body = ("The host pressed on.\n\n"
            "\"The Harbor Times is claiming today that they had an off-the-record talk with "
            "you,\" Hanley started.\n\n"
            "\"Compare that to his other rival. Compare him to Lorne,\" Gorky urged.")
    texts = {c.text: c for c in direct(body)}
    talk = texts["The Harbor Times is claiming today that they had an off-the-record talk with "
                 "you"]
    assert talk.speaker_name == "Hanley"
    assert texts["Compare that to his other rival. Compare him to Lorne"].speaker_name == "Gorky"
