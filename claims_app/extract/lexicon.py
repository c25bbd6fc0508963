"""Word lists the rules are built from, kept in one place so they can be reviewed and extended.

Everything here is matched against folded text (ASCII quotes and dashes) and compared lower-cased.
"""

from __future__ import annotations

import re


def _words(block: str) -> list[str]:
    """Split a whitespace-separated word block (kept as prose so long lists stay readable)."""
    return block.split()


# Verbs that introduce or close a quotation or reported speech ("said", "pointed out").
SPEECH_VERBS: tuple[str, ...] = (
    "said", "says", "say", "added", "adds", "noted", "notes", "stated", "states", "stressed",
    "stresses", "emphasized", "emphasised", "emphasizes", "emphasises", "concluded", "concludes",
    "explained", "explains", "remarked", "reminded", "reminds", "declared", "declares",
    "announced", "announces", "insisted", "insists", "argued", "argues", "claimed", "claims",
    "warned", "warns", "asserted", "asserts", "recalled", "recalls", "acknowledged",
    "acknowledges", "admitted", "admits", "confirmed", "confirms", "denied", "denies",
    "underlined", "underlines", "underscored", "underscores", "highlighted", "highlights",
    "observed", "observes", "continued", "continues", "wrote", "writes", "tweeted", "replied",
    "replies", "answered", "responded", "commented", "mentioned", "suggested", "suggests",
    "maintained", "maintains", "cautioned", "complained", "predicted", "vowed", "promised",
    "assured", "reiterated", "reiterates", "pointed out", "points out", "went on", "told", "tells",
    # news copy beyond the agency register (issue 18, family 5)
    "asked", "asks", "exclaimed", "interjected", "gushed", "tweets", "posted", "testified",
    "quipped", "shot back", "fired back", "joked", "jokes", "retorted", "recounted", "boasted",
    "bragged", "conceded", "concedes", "countered", "counters", "chimed in", "pleaded",
    "wondered", "mused", "marveled", "lamented", "scoffed", "snapped", "shouted", "yelled",
    "cried", "sighed", "offered", "texted", "emailed", "wrote in", "predicts", "explained",
    "chanted", "chants", "chanting", "shouts", "screamed", "screams", "cut in", "quips",
    "exclaims", "gushes", "muses", "marvels", "laments", "scoffs", "snaps", "sighs",
    "alleged", "alleges", "contended", "contends", "telling", "saying", "adding", "noting",
    "arguing", "writing", "tweeting", "asking", "insisting", "warning", "explaining",
    "declaring", "stating", "claiming", "recalling", "acknowledging", "promising",
    # sixth pass: verbs of manner closing a quotation ('"A," Oliver barked.')
    "beamed", "barked", "barks", "deadpanned", "grumbled", "groused", "fumed", "sniffed",
    "cracked", "chided", "teased", "hollered", "roared", "thundered", "growled", "whispered",
    "murmured", "chuckled", "laughed",
    # plural and base forms ("critics argue that", "voters agree that")
    # (no words that are also nouns: "note", "claim", "stress", "charges" ...)
    "argue", "insist", "warn", "suggest", "predict", "contend", "acknowledge", "admit",
    "explain", "agree", "agreed", "agrees", "charged", "complain", "complains", "concede",
    "emphasize",
    # fourth pass: forms missing beside their siblings ("Labor leaders point out that", "Trump
    # boasts that", "experts note that"); nouns among them only with their "that"
    "point out", "boasts", "boast", "brags", "recall", "declare", "announce",
    "confirm", "deny", "maintain", "stress that", "note that", "noting that", "concede that",
    "warned that", "assert", "reiterate", "complained that", "complain that", "speculate that",
    "acknowledged that", "conclude", "testify", "allege", "contend",
    # verbs that are also nouns, only with their "that" ("Trump charges that ...", "The Times
    # reported that ...")
    "charges that", "charge that", "reported that", "reports that", "revealed that",
    "reveals that", "disclosed that", "hinted that", "indicated that", "speculated that",
    "signaled that", "estimated that", "estimates that",
    # twelfth pass: "unions claim that A" (the noun "claim" only with its "that")
    "claim that",
)

# Verbs that introduce a quotation of a text, never reported speech ("The statement read:").
QUOTE_ONLY_VERBS: tuple[str, ...] = ("reads", "read", "reported", "reports")
# Of those, the ones that only close a quotation ('"A," CBS News reported.'): before one they
# are headlines and nouns ("initial reports of the crash ... its "safety check"", seventh pass).
TRAILING_ONLY_VERBS = frozenset({"reported", "reports"})

# Verbs that need a hearer after them to be a cue ("told journalists").
VERBS_WITH_HEARER = frozenset({"told", "tells", "assured", "telling"})

# Stance verbs of official statements; they report content without a "that" clause.
STANCE_CUES: tuple[str, ...] = (
    "strongly condemns", "strongly condemned", "condemns", "condemned", "denounces",
    "denounced", "rejects", "rejected", "welcomes", "welcomed", "calls upon", "called upon",
    "calls on", "called on", "calls for", "called for", "urges", "urged", "demands", "demanded",
    "calling for", "calling on",
    "reaffirms", "reaffirmed",
    # news verbs whose object is what was said (issue 18, family 5): "X accused Y of Z",
    # "X praised the deal", "X proposed a tax", "X talked about Y"
    "accused", "accuses", "accusing", "criticized", "criticizes", "criticised", "criticizing",
    "praised", "praises", "praising", "dismissed", "dismisses", "blasted", "blasts",
    "slammed", "slams", "proposed", "proposes", "pledged", "pledges", "vowed to", "vows to",
    "promised to", "promises to", "threatened to", "threatens to", "lambasted", "mocked",
    "derided", "decried", "touted", "touts", "hailed", "hails", "lauded", "applauded",
    "defended", "defends", "questioned", "questions whether", "endorsed", "endorses",
    "asked about", "asked whether", "asked if",
    "asked for", "asks for", "talked about", "talks about", "spoke about", "speaks about",
    "spoke of", "commented on", "weighed in on", "complained about", "complains about",
    "apologized for", "warned of", "warned about", "warns of", "insisted on", "blamed",
    "blames", "credited", "described", "describes", "labeled", "branded", "characterized",
    "recommended", "recommends", "advocated", "advocates", "called on", "calls on",
    "disputed", "disputes", "attacked",
    # tenth pass: "X pointed to the poll", "critics point to the fund's donors"
    "pointed to", "points to", "point to",
    "echoed", "echoes", "did not mention", "didn't mention",
    # eleventh pass: "X never mentioned the strike", "the leaflet does not mention Y"
    "mentioned", "mentions", "does not mention", "doesn't mention", "failed to mention",
    "fails to mention",
    "declined to comment on", "would not say", "declined to say", "did not say",
    "agreed with", "agrees with", "agree with", "agreed on", "agree on", "agreed to",
    # eleventh pass: "X repeated her warning", "X reiterated the offer"
    "repeated", "repeats", "reiterated", "reiterates",
    # twelfth pass: "groups who claim to represent A", "X claimed to have seen B"
    "claim to", "claims to", "claimed to",
)
_FEELINGS = (
    "concern|regret|hope|confidence|support|solidarity|condolences|gratitude|satisfaction|"
    "disappointment|outrage|alarm|dismay|sympathy|appreciation|readiness"
)
# "expressed deep concern over", "extends deep condolences to": the whole phrase is the cue.
FEELING_CUE = (
    r"(?:expressed|expresses|voiced|voices|extended|extends|conveyed|conveys)"
    r"(?:\s+(?:his|her|its|their|deep|deepest|grave|serious|great|strong|full|sincere|heartfelt"
    r"|profound|firm)){0,2}"
    rf"\s+(?:{_FEELINGS})"
    r"\s+(?:over|about|at|for|regarding|that|with|to|on)"
)

# Hearers after "told": "told journalists", "told Trend", "told the conference".
HEARER = (
    r"(?:journalists|reporters|the\s+press|the\s+media|media|correspondents|an?\s+audience|"
    r"the\s+audience|the\s+conference|the\s+meeting|lawmakers|parliament|the\s+parliament|"
    r"delegates|the\s+delegates|participants|the\s+participants|students|the\s+crowd|"
    r"the\s+committee|the\s+council|the\s+assembly|(?:us|me|him|her|them)(?!\s+[a-z])|"
    r"(?:a|the)\s+(?:(?:news|press|media|regular|weekly|daily)\s+)?"
    r"(?:briefing|conference|news\s+conference|meeting|forum|summit|session|hearing|panel)|"
    r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3}|"
    # a host named after the word for the role ('told host Sean Hannity', seventh pass)
    r"(?:(?:radio|talk|show|TV|television|talk-show|co-)\s*)?(?:host|anchor|moderator|"
    r"interviewer|co-host)\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}|"
    # a show in quotation marks ('told "Fox and Friends,"', seventh pass)
    r"\"[A-Z][^\"]{1,40}\"|"
    # any other short noun phrase ("told the AIPAC meeting", "told a cheering crowd of
    # supporters"), ending where the clause or the sentence goes on
    r"(?!that\b)[\w'&-]+(?:\s+[\w'&-]+){0,5}?"
    r"(?=\s*(?:[,.;:!?\"(]|$)|\s+(?i:that|in|on|at|during|after|before|when|while|about|last|"
    r"this|earlier|by|via|from|as|if|how|why|what|whether|he|she|they|it|we|i|you|the|there|"
    r"his|her|their|its|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
    r"yesterday|recently|late|early)\b))"
)

# Auxiliaries kept in the cue ("has said") and adverbs allowed between subject and cue.
AUXILIARIES = ("has", "have", "had", "has also", "had also", "have also", "has repeatedly")
ADVERBS = (
    "also", "further", "then", "later", "again", "once again", "previously", "earlier",
    "repeatedly", "reportedly", "recently", "strongly", "firmly", "additionally", "meanwhile",
    "separately", "today", "yesterday", "in turn", "publicly", "initially", "quickly",
    "subsequently", "finally", "first", "once", "immediately", "flatly", "bluntly", "simply",
    "candidly", "privately", "openly", "frequently", "often", "never", "long", "has long",
)

PERSON_PRONOUNS = frozenset({"he", "she"})
GROUP_PRONOUNS = frozenset({"they", "we"})
ORG_PRONOUNS = frozenset({"it"})
SELF_PRONOUNS = frozenset({"i"})
ALL_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | ORG_PRONOUNS | SELF_PRONOUNS

# Words that make up a descriptor for a person ("Permanent representative of OIC delegation").
ROLE_WORDS = frozenset(
    _words(
        """
        minister ministers president vice prime secretary secretary-general general assistant
        deputy under representative representatives permanent ambassador envoy special spokesman
        spokeswoman spokesperson spokespeople director director-general chairman chairwoman chair
        chairperson head chief executive officer officials official adviser advisor counsellor
        counselor consul governor mayor senator congressman congresswoman lawmaker mp deputy-head
        member members leader commander colonel lieutenant major captain sergeant admiral marshal
        professor prof dr doctor judge justice attorney prosecutor analyst expert researcher
        economist editor correspondent coordinator rapporteur commissioner high foreign defense
        defence interior justice economic economy affairs finance trade health education culture
        emergency energy agriculture state national international regional senior former acting
        founding first second third charge in of the for and on to at economic affairs political
        military press public information relations policy a an his her its their our affairs
        presidential ministerial royal supreme top aide aides negotiator mediator activist
        historian journalist resident witness farmer teacher engineer soldier veteran author writer
        lawyer scholar diplomat politician candidate owner manager worker imam priest bishop mufti
        economist ombudsman speaker central opposition ruling spokesperson's regional country
        district local chief-of-staff
        staff analyst observer monitor inspector auditor pilot nurse surgeon physician
        """
    )
)

# Head nouns of organisations; a phrase headed by one of these names an organisation.
ORG_WORDS = frozenset(
    _words(
        """
        organization organisation cooperation co-operation ministry ministries secretariat council
        committee union nations party government agency commission office bank fund association
        federation assembly parliament court department institute foundation company corporation
        group mission embassy alliance league front movement service center centre bureau board
        authority administration forces army navy police watch international rights delegation
        cabinet presidency senate congress duma majlis milli mejlis coalition network society
        university academy inc ltd corp plc llc team contact
        """
    )
)

# Organs of an organisation that speak for it: "The General Secretariat of the OIC" is the OIC.
ORGAN_HEADS = ("general secretariat", "secretariat", "press service", "press office",
               "information department", "spokesperson's office", "presidency")

# Nouns for documents: a quotation from one is not a person speaking.
DOCUMENT_NOUNS = frozenset(
    _words(
        """
        resolution resolutions statement declaration communique communiqué letter report document
        agreement treaty law constitution decree charter memo memorandum text note ruling verdict
        indictment bill act article clause paragraph sign banner leaflet plaque inscription placard
        """
    )
)

# Nouns for unnamed groups of people ("officials said").
GROUP_NOUNS = frozenset(
    _words(
        """
        officials sources residents experts analysts diplomats witnesses observers critics
        activists protesters lawmakers locals doctors people source insider insiders
        aides delegates friends allies colleagues supporters donors
        """
    )
)

# Outlets report; their "Trend reports" is the newsroom's attribution, never a speaker's claim.
OUTLETS = frozenset(
    _words(
        """
        trend azernews apa report.az reuters afp ap tass xinhua bbc cnn interfax anadolu ria
        sputnik irna aljazeera al-jazeera
        """
    )
)

# Titles that precede a name but are not part of it.
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.",
                        "sir", "dame", "madam", "gen", "gen.", "col", "col.", "lt", "lt.", "maj",
                        "maj.", "capt", "capt.", "sgt", "sgt.", "adm", "adm.", "amb", "amb.",
                        "h.e.", "excellency", "rev", "rev.", "msgr", "msgr.", "hon", "hon."})

# Adjectives of nationality: part of a descriptor, never of a name.
DEMONYMS = frozenset(
    _words(
        """
        azerbaijani armenian pakistani russian turkish iranian american british french german
        chinese indian saudi qatari egyptian israeli palestinian ukrainian georgian kazakh uzbek
        turkmen afghan iraqi syrian jordanian emirati kuwaiti omani yemeni lebanese somali
        """
    )
)

# Single capitalised words that are places or states, speaking as institutions ("Baku says").
STATE_NAMES = frozenset(
    _words(
        """
        azerbaijan armenia pakistan russia turkey turkiye iran baku yerevan moscow ankara tehran
        islamabad washington london paris berlin beijing kremlin
        """
    )
)

# Words of place names (countries, regions, cities): in "Minister of Saudi Arabia Ali Zakirov"
# the capitalised run after the descriptor starts with the place the role belongs to.
PLACE_WORDS = frozenset(
    _words(
        """
        afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
        bahrain bangladesh belarus belgium bolivia bosnia herzegovina brazil bulgaria cambodia
        cameroon canada chile china colombia croatia cuba cyprus czechia denmark djibouti ecuador
        egypt eritrea estonia ethiopia finland france gambia georgia germany ghana greece guinea
        hungary iceland india indonesia iran iraq ireland israel italy japan jordan kazakhstan
        kenya korea kosovo kuwait kyrgyzstan laos latvia lebanon libya lithuania luxembourg
        malaysia maldives mali malta mauritania mexico moldova monaco mongolia montenegro morocco
        mozambique myanmar nepal netherlands nicaragua niger nigeria norway oman pakistan
        palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda
        senegal serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria
        tajikistan tanzania thailand tunisia turkey turkiye turkmenistan uganda ukraine uruguay
        uzbekistan venezuela vietnam yemen zambia zimbabwe arabia emirates kingdom states
        republic federation islands united arab saudi south north east west central eastern
        western northern southern new sri lanka hong kong zealand africa asia europe america
        caucasus balkans gulf caspian middle baltic nakhchivan karabakh crimea kurdistan
        baku yerevan moscow ankara tehran islamabad washington london paris berlin beijing
        brussels geneva vienna astana tashkent bishkek dushanbe ashgabat tbilisi kyiv minsk
        doha riyadh cairo dubai istanbul strasbourg
        """
    )
)

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}

# Tokens after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    _words(
        """
        mr mrs ms dr prof gen col lt sgt st jr sr inc ltd co corp no vs jan feb mar apr jun jul aug
        sep sept oct nov dec u.s u.k u.n e.g i.e gov sen rep amb pres approx dept est fig vol
        capt maj adm cmdr cpl pvt supt rev msgr hon sens reps del
        """
    )
)

# Words before a quotation that make it a title or a label rather than an utterance.
TITLE_MARKERS = frozenset(
    _words(
        """
        titled entitled called dubbed so-called named term word phrase book novel film movie song
        album series show headline slogan motto campaign operation programme program documentary
        poem play hashtag article memoir podcast
        """
    )
)


def alternation(words: tuple[str, ...] | frozenset[str]) -> str:
    """A regex alternation of literal phrases, longest first so the longest phrase wins."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
