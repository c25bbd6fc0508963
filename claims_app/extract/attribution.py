"""Attribution of direct quotes: the cue and subject next to a quotation.

Three places are searched, in news-style order of frequency: right after the closing mark
(``,” he said``; inverted ``,” added the organization’s representative``), right before the
opening mark (``He added: “``, ``According to the minister, “``), and failing both, the
quotation continues the previous speaker (``“A,” he said. “B.”`` or a following paragraph made
only of a quotation).  A quotation with no attribution that is mid-sentence, short, or follows
a title word ("the book “Black Garden”") is a scare quote or a title, not a claim.

Size: the three places are tried in one order by the direct-quote rules, and each place's
patterns (what may stand after a closing mark, before an opening one) are read against the
others when a rule is changed; split by place, that order would be spread over modules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims_app.extract.cues import INVERTIBLE, CueIndex, leads, sentence_subject, subject_span
from claims_app.extract.lexicon import ABBREVIATIONS, TITLE_MARKERS
from claims_app.extract.quotes import QuoteSpan
from claims_app.extract.segments import Segment
from claims_app.extract.speakers import person_head_noun

__all__ = ["Attribution", "BRACKET_CUE", "attribute_after", "attribute_before",
           "attribute_clause_before", "attribute_sentence_cue", "colon_lead",
           "is_title_or_scare", "name_before_cue", "possessor_of_person", "said_that_lead",
           "starts_utterance"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """Where the speaker of a quotation is named, and the text to read date and place from."""

    subject: tuple[int, int]
    appositive: str | None
    cue: str
    region: tuple[int, int]
    cue_end: int = -1  # where a cue after its subject ends ("X said|"), else -1


_QUOTE_FAMILIES = frozenset({"speech", "quote"})
_TAIL_GAP = re.compile(r"\s*,?\s*")
_SUBJECT_END = re.compile(
    r"\s*(?:[\",.;:!?(]|$)|\s+(?:while|at|in|on|during|after|before|when|as|from|to|via|adding|"
    r"noting|who|speaking|addressing|and)\b"
)
_APPOS_AFTER = re.compile(
    r",\s+(?P<appos>(?:the|a|an|his|her|its)\s[^\",.;:!?]{1,100}|[a-z][^\",.;:!?]{1,100})"
)
_LEAD_TAIL = re.compile(
    r"^(?:\s+(?:in|at|on|during|while|after|before|when|to|last|this|earlier|later|today|"
    r"yesterday|recently|of|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"tonight|late|early|once|then|simply|flatly|bluntly)\b[^\":]{0,80}?)?(?:,\s*(?:however|though|too|again|instead|"
    r"in\s+turn|simply|bluntly|in\s+part))?\s*[:,]?\s*$"
)
# (a word start, not "^": searched from a paragraph's offset, "^" would only match in the
# first paragraph)
_ACCORDING = re.compile(r"(?<![\w'-])according\s+to\s+(?P<subj>[^,\"]{1,120}),\s*$",
                        re.IGNORECASE)

_ACCORDING_AFTER = re.compile(
    r"according\s+to\s+(?P<subj>[^,\".;:!?]{1,120}?)(?=\s*(?:[,.;:!?\"]|$))", re.IGNORECASE
)


_CLAUSE_GOES_ON = re.compile(
    r"\s+(?:that\b|(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
    r"February|March|April|May|June|July|August|September|October|November|December)\b)"
    r"[A-Z]|(?:he|she|they|it|we|i|the|a|an|his|her|their|its|this|there)\b)"
)


def cue_goes_on(text: str, cue_end: int, limit: int) -> bool:
    """True when a clause follows the cue: ``“Title,” X said Y was ...`` reports Y, not the
    quotation before it (a show title or a fragment)."""
    return _CLAUSE_GOES_ON.match(text, cue_end, limit) is not None


# An outlet in brackets closing the paragraph right after a quotation ("[WaPo.]", "[CNN]").
_BRACKET_SOURCE = re.compile(
    r"[.,]?\s*\[(?P<name>[A-Z][\w&'-]*(?:[ .][A-Z][\w&'-]*){0,3})\.?\]\s*$")
BRACKET_CUE = "[source]"

_DASH_NAME = re.compile(
    r"\s*[-\u2013\u2014]+\s*(?P<name>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3})\s*[.,]?\s*$")


_NAME_AGE = re.compile(
    r"(?P<name>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,3}),\s+\d{1,3},"
    r"(?:\s+(?P<appos>[^\",;:]{2,120}(?:,\s+[A-Z][\w.]*)*?),)?\s+")


def attribute_after(text: str, cues: CueIndex, close: int, limit: int) -> Attribution | None:
    """Attribution in ``text[close+1:limit]``: ``” he said`` or ``” said the minister``."""
    gap = _TAIL_GAP.match(text, close + 1, limit)
    pos = gap.end() if gap else close + 1
    if pos >= limit:
        return None
    bracket = _BRACKET_SOURCE.match(text, close + 1, limit)
    if bracket:
        # 'HEADLINE "..." [Reuters]': a digest credits the quotation to the outlet in
        # brackets at the end of its paragraph (eighth pass)
        return Attribution(bracket.span("name"), None, BRACKET_CUE, (pos, limit))
    dash = _DASH_NAME.match(text, close + 1, limit)
    if dash:  # '"..." - Bernie Sanders.' signs a quotation
        s, e = dash.span("name")
        return Attribution((s, e - 1 if text[e - 1] == "." else e), None, "-", (pos, limit))
    acc = _ACCORDING_AFTER.match(text, pos, limit)
    if acc:
        return Attribution(acc.span("subj"), None, "according to", (pos, limit))
    inv = INVERTIBLE.match(text, pos, limit)
    if inv:
        subj_start = inv.end()
        while subj_start < limit and text[subj_start].isspace():
            subj_start += 1
        subj_end = _subject_end(text, subj_start, limit)
        named = _NAME_AFTER_ROLE.match(text, subj_end, limit)
        if (subj_end > subj_start and named is not None
                and not text[subj_start].isupper()):
            # '"A," said his best friend at college, Bruce Turry, who ...': the role, then the
            # name that says who holds it
            role = text[subj_start : named.start("name")].strip().rstrip(",")
            ns, ne = named.span("name")
            last = text[ns:ne].rsplit(None, 1)[-1]
            if last.endswith(".") and len(last) > 3 and last[:-1].lower() not in ("jr", "sr"):
                ne -= 1  # the sentence's full stop, not an initial's
            return Attribution((ns, ne), role,
                               text[inv.start() : inv.end()].strip(), (pos, limit))
        if subj_end > subj_start:
            appos = _APPOS_AFTER.match(text, subj_end, limit)
            return Attribution(
                (subj_start, subj_end),
                appos.group("appos").strip() if appos else None,
                text[inv.start() : inv.end()].strip(),
                (pos, limit),
            )
    plain = _PLAIN_VERB_AFTER.fullmatch(text, pos, limit)
    if plain is not None:
        # '"A," Gorka urged.', '"B," Hannity started.': a verb the cue lexicon reads as no
        # speech ends the sentence right after the name (twelfth pass)
        return Attribution(plain.span("name"), None, plain.group("verb"), (pos, limit),
                           plain.end("verb"))
    for cue in cues.within(pos, limit):
        if cue.family not in _QUOTE_FAMILIES:
            continue
        aged = _NAME_AGE.fullmatch(text, pos, cue.start)
        if aged is not None:
            # '"A," Marta Olin, 67, a retired clerk in Port Alder, Ore., said' (tenth pass)
            described = aged.group("appos")
            return Attribution(aged.span("name"), described.strip() if described else None,
                               cue.text, (pos, limit), cue.end)
        span = subject_span(text, pos, cue.start)
        if span is None:
            return None
        s, e, subject_appos = span
        if s != pos:
            # '"A," the White House press secretary, Josh Earnest, said': a role set before
            # the name by one comma is the name's description
            lead = text[pos:s].rstrip()
            if (not lead.endswith(",") or lead.count(",") != 1 or len(lead.split()) > 8
                    or not text[s].isupper()):
                return None
            subject_appos = subject_appos or lead[:-1].strip()
        return Attribution((s, e), subject_appos, cue.text, (pos, limit), cue.end)
    return None


_PLAIN_VERB_AFTER = re.compile(
    r"(?P<name>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,2})\s+"
    r"(?P<verb>urged|started|began|retaliated|reacted|chimed\s+in|agreed)\s*[.!]?\s*")


_NAME_AFTER_ROLE = re.compile(
    r"(?:\s+(?:at|of|in|for|from|with)\s+[^,\"]{1,60})?,\s+"
    r"(?P<name>[A-Z][\w'-]*\.?(?:\s+[A-Z][\w'-]*\.?){1,3}?)\.?\s*"
    r"(?=,|$|\s+(?:who|said|on|in)\b)")


def _subject_end(text: str, start: int, limit: int) -> int:
    """Where a post-posed subject ends: at punctuation or a clause word, but not at the full
    stop of an honorific or an initial ("said Sen. Chris Murphy", "said J. J. Price")."""
    pos = start
    while True:
        end = _SUBJECT_END.search(text, pos, limit)
        if end is None:
            return limit
        dot = text.find(".", end.start(), end.end())
        if dot > start and _abbreviation_before(text, start, dot):
            pos = dot + 1
            continue
        return end.start()


def _abbreviation_before(text: str, start: int, dot: int) -> bool:
    word = text[start:dot].rsplit(None, 1)[-1].lower() if text[start:dot].strip() else ""
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


_INVERTED_LEAD = re.compile(
    r"\s*(?P<cue>Said|Says|Added|Adds|Wrote|Writes|Explained|Recalled|Noted|Declared)\s+"
    r"(?P<subj>(?:[A-Z]|(?:the|a|an|one|his|her|their)\s)[^,\"]{1,80}?)(?:,\s*(?P<appos>[^\"]{1,150}?))?\s*[,:]\s*$")


# A digest's label after a dash closing the lead-in (twelfth pass).
_DASH_LABEL = re.compile(
    r"\s[-\u2013\u2014]\s+(?P<name>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,2}):\s*$")


# 'But, said Reyes, "..."', 'In other words, explained moderator Ada Lorne: "..."',
# 'Because of how the board set the date, explained Reyes, "...': the inverted cue follows
# an opening phrase and its comma (twelfth pass).
_OPENER_INVERTED = re.compile(
    r",\s*(?P<cue>said|says|added|adds|wrote|writes|explained|explains|recalled|noted|"
    r"declared|asked|continued)\s+(?P<subj>(?:(?!(?:of|to|about|in|on|at|for|with|by|from|that)\b)[a-z][\w-]*\s+){0,3}"
    r"[A-Z][^,\"]{1,60}?)"
    r"(?:,\s*(?P<appos>[^\"]{1,150}?))?\s*[,:]\s*$")


def _inverted_after_opener(text: str, lo: int, opening: int) -> re.Match[str] | None:
    if "," not in text[lo:opening]:
        return None
    m = _OPENER_INVERTED.search(text, lo, opening)
    if m is None or '"' in text[lo : m.start()]:
        return None
    return m


# "As Dana Milbank puts it, "...", "Or, as Tom Ridge, a former secretary, put it: "...", "As
# Louella Parsons had written, "...": the lead-in names the quotation's author (sixth pass).
_AS_LEAD = re.compile(
    r"\b(?:[Aa]s|AS)\s+(?P<subj>[^\"]{2,150}?)\s+(?:(?:has|have|had|once|recently|"
    r"later|also|memorably|famously|aptly|succinctly|bluntly)\s+)*"
    r"(?P<cue>puts?\s+it|wrote|writes|written|said|says|noted|notes|observed|observes|argued|"
    r"argues|explained|explains|phrased\s+it|summed\s+(?:it\s+)?up|told\s+[^\",:]{1,40})"
    r"(?:\s[^\",:]{0,80}?)?\s*[,:]\s*$")


def _as_lead(text: str, lo: int, opening: int) -> Attribution | None:
    if "as " not in text[lo:opening].lower():
        return None  # (the cheap test first: every quotation's lead-in comes here)
    m = _AS_LEAD.search(text, lo, opening)
    if m is None:
        return None
    span = subject_span(text, m.start("subj"), m.start("cue"))
    if span is None:
        return None
    s, e, appos = span
    cue = " ".join(m.group("cue").split()[:2])
    return Attribution((s, e), appos, cue, (lo, opening))


def attribute_before(text: str, cues: CueIndex, lo: int, opening: int) -> Attribution | None:
    """Attribution in the lead-in ``text[lo:opening]``: ``He said: “`` or ``According to X, “``."""
    as_lead = _as_lead(text, lo, opening)
    if as_lead is not None:
        return as_lead
    dashed = _DASH_LABEL.search(text, lo, opening)
    if dashed is not None:
        # 'Pollsters agree - Ada Lorne: "..."': a digest names the source after a dash
        return Attribution(dashed.span("name"), None, ":", (lo, opening))
    inverted = _INVERTED_LEAD.match(text, lo, opening) or _inverted_after_opener(
        text, lo, opening)
    if inverted:
        # "Said Ann Lee, who grew up next door, "...": the verb opens the sentence
        appos = inverted.group("appos")
        return Attribution(inverted.span("subj"), appos.strip() if appos else None,
                           inverted.group("cue").lower(), (lo, opening))
    m = _ACCORDING.search(text, lo, opening)
    if m:
        return Attribution(m.span("subj"), None, "according to", (lo, opening))
    speech = [c for c in cues.within(lo, opening) if leads(c)]
    if not speech:
        return colon_lead(text, lo, opening)
    cue = speech[-1]
    # "Singh explained it this way: "...": a short object before the colon is allowed
    if not _LEAD_TAIL.match(text[cue.end : opening]) and not _COLON_TAIL.fullmatch(
            text, cue.end, opening):
        return colon_lead(text, lo, opening)
    if cue.text.split()[0].endswith("ing") and text[lo : cue.start].rstrip().endswith(","):
        trailing = _trailing_said(text, cues, lo, cue.start)
        if trailing is not None:
            return Attribution(trailing[:2], trailing[2], cue.text, (lo, opening))
        # "Weaver shrugged, telling reporters, "...": the sentence's subject speaks
        head = _not_possessor(text, sentence_subject(text, lo, cue.start))
        if head is None:
            return None
        return Attribution(head, None, cue.text, (lo, opening))
    start = lo + len(text[lo : cue.start]) - len(text[lo : cue.start].lstrip())
    aged = _NAME_AGE.fullmatch(text, start, cue.start)
    if aged is not None:  # 'Jonas Pike, 54, a welder, said: "A."' (tenth pass)
        aged_appos = aged.group("appos")
        return Attribution(aged.span("name"), aged_appos.strip() if aged_appos else None,
                           cue.text, (lo, opening))
    span = subject_span(text, lo, cue.start)
    if span is None:
        party = _PARTY_NAME_END.search(text, lo, cue.start)
        if party is None:
            return None
        # '..., Gov. Tom Lasko (R-OH), said, "A"': a name and its party mark close the
        # subject phrase after an opening clause (twelfth pass)
        return Attribution(party.span("name"), None, cue.text, (lo, opening))
    s, e, appos = span
    return Attribution((s, e), appos, cue.text, (lo, opening))


_PARTY_NAME_END = re.compile(
    r"(?:^|,\s*)(?P<name>(?:[A-Z][a-z]{1,3}\.\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'.-]+){0,3})"
    r"\s*\([RDI](?:-[A-Z][\w.]{0,5})?\)\s*,?\s*$")


def _not_possessor(text: str, head: tuple[int, int] | None) -> tuple[int, int] | None:
    """A sentence's head run that ends on the possessor of a person ("Lorne's" of "Lorne's
    right-hand man rallied ..., saying", "Reyes's son, Tom,") names whose aide or kin speaks,
    not the speaker (eleventh pass); "Reyes's campaign", "Reyes's email" stay Reyes's."""
    if head is None or not possessor_of_person(text, head[1]):
        return head
    return None


def possessor_of_person(text: str, end: int) -> bool:
    """``text[:end]`` ends on a possessive and a person's description follows it."""
    if not text.endswith(("'s", "s'"), 0, end):
        return False
    m = _POSSESSED.match(text, end)
    return m is not None and any(person_head_noun(w.lower()) or w in ("VP", "CEO")
                                 for w in m.group(1).split())


# The first words after a possessive: "right-hand woman", "son", "potential VP".
_POSSESSED = re.compile(r"\s+((?:[a-z][\w-]*\s+){0,2}[A-Za-z][\w-]*)")


# What may stand between "X said" and the ", adding" that goes on with X's words.
_SAID_THEN_ADDING = re.compile(
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
    r"yesterday|earlier|later|then))?\s*,\s*")


def _trailing_said(text: str, cues: CueIndex, lo: int,
                   adding: int) -> tuple[int, int, str | None] | None:
    """``A, Spicer said, adding, "B"``: the ``adding`` goes on with the speaker of the trailing
    ``said`` right before it (its subject follows the last comma), not with whoever opens the
    sentence (``Ryan and Trump will meet ..., Spicer said``, ninth pass)."""
    said = [c for c in cues.within(lo, adding) if leads(c)]
    if not said or _SAID_THEN_ADDING.fullmatch(text, said[-1].end, adding) is None:
        return None
    if "," not in text[lo : said[-1].start]:
        return None  # "Spicer said, adding": the sentence's subject rule reads it already
    return subject_span(text, lo, said[-1].start)


def attribute_clause_before(
    text: str, cues: CueIndex, lo: int, opening: int
) -> Attribution | None:
    """``Ms. Sherry smiled and said, "``, ``Husted continued by saying, "``, ``Trump went on
    the attack, saying, "``: the cue is a second verb of its clause, so the speaker is the
    clause's subject (tried when the words right before the cue name nobody)."""
    speech = [c for c in cues.within(lo, opening) if leads(c)]
    if not speech:
        return None
    cue = speech[-1]
    if not _LEAD_TAIL.match(text[cue.end : opening]):
        return None
    head = _not_possessor(text, sentence_subject(text, lo, cue.start))
    if head is None:
        return None
    between = text[head[1] : cue.start]
    if len(between) > _MAX_VERB_PHRASE or _NOT_SAME_CLAUSE.search(between):
        return None
    return Attribution(head, None, cue.text, (lo, opening))


def attribute_sentence_cue(
    text: str, cues: CueIndex, lo: int, opening: int, sentence_start: int = -1
) -> Attribution | None:
    """``Ryan says no matter what the president does, "his word does not trump ..."``,
    ``X went on to say he is "confident" that A, "B"``: a quotation after a comma that closes
    a reported clause goes on with that clause's speaker (tried last, when nothing right
    before or after the quotation names one)."""
    lead = text[lo:opening].rstrip()
    if not lead.endswith((",", ":")):
        return None
    speech = [c for c in cues.within(lo, opening)
              if leads(c) or c.family == "speech"]
    if not speech and 0 <= sentence_start < lo:
        # the cue stands before a fragment quoted earlier in the same sentence
        speech = [c for c in cues.within(sentence_start, lo)
                  if (leads(c) or c.family == "speech")
                  and '"' not in text[sentence_start : c.start]]
        lo = sentence_start
    if not speech:
        return None
    cue = speech[-1]
    before = text[lo : cue.start].rstrip()
    if ((cue.text.split()[0].endswith("ing") and before.endswith(","))
            or _SECOND_VERB.search(before)):
        # "X smiled, saying ...", "X did not name them, but told supporters, ...": the
        # sentence's subject speaks
        head = _not_possessor(text, sentence_subject(text, lo, cue.start))
        return None if head is None else Attribution(head, None, cue.text, (lo, opening))
    span = subject_span(text, lo, cue.start)
    if span is None:
        return None
    s, e, appos = span
    return Attribution((s, e), appos, cue.text, (lo, opening))


_SECOND_VERB = re.compile(r"\S(?:,\s*|\s+)(?:and|but)(?:\s+(?:also|then|later))?"
                          r"(?:\s+(?:went|goes)\s+on\s+to)?$")
_MAX_VERB_PHRASE = 100
# Words between a subject and a later cue that start another clause with its own subject.
_NOT_SAME_CLAUSE = re.compile(
    r"\"|\b(?:who|whom|whose|which|that|when|while|because|after|before|if|as|where|told|"
    r"asked|he|she|they|it|we|I)\b|[;:,]|\s[A-Z]")


# A digest's item: "HEADLINE - Philip Bump: "...", "More from Blumenthal and Cohen: "...""
_NAME = r"[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,3}"
_SIGNED_LEAD = re.compile(
    rf"(?:\s[-\u2013\u2014]+\s*|\b[Ff]rom\s+)(?:(?P<name>{_NAME})(?:\s+and\s+{_NAME})?|"
    r"(?P<surname>[A-Z][\w'.-]+)\s+and\s+[A-Z][\w'.-]+)\s*$")
_LISTING = re.compile(r"(?P<name>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3}),\s+[A-Z][^,:]{0,60}$")


_IRREGULAR = frozenset(str.split(
    "put went gave told wrote said spoke made took had came got laid set summed shot struck "
    "hit fired threw began sent left held brought read saw felt"))
_COLON_TAIL = re.compile(r"[^\":]{0,60}:\s*")


# A name alone before a colon speaks the quotation after it (tenth pass): transcript and
# digest pairs inside a paragraph ('Lorne: "A." Reyes: "B."'), an inverted verb or a
# pointer before the name ('Stated Lorne:', 'Continued Lorne:', 'More from Lorne:',
# "Here's Reyes in 1994:"), a heading before a dash ('WHAT IT MEANS - Lorne:').
_NAME_LABEL = re.compile(
    r"(?:[^\"]*?(?:[.!?]\s+|\s[-\u2013\u2014]\s+)|[^\"]*?\sMore\s+from\s+|More\s+from\s+|"
    r"(?:Stated|Continued|Added|Wrote|Tweeted|Here'?s|Here\u2019s)\s+)?"
    r"(?P<name>[A-Z][\w'.\u2019-]+(?:\s+[A-Z][\w'.\u2019-]+){0,2})"
    r"(?:\s+in\s+(?:[A-Z][a-z]+\s+)?\d{4})?\s*:")


def _named_before(text: str, lo: int, name: str) -> bool:
    """The label's surname already appears in the article: 'Update:' or 'Watch:' is a
    heading, 'Lorne:' a speaker the story has introduced."""
    last = name.split()[-1].rstrip(".")
    at = text.rfind(last, 0, lo)
    return at >= 0 and not text[at - 1 : at].isalnum() and not text[
        at + len(last) : at + len(last) + 1].isalnum()


def colon_lead(text: str, lo: int, opening: int) -> Attribution | None:
    """A lead-in ending with a colon and no speech verb: ``X put it this way: "``,
    ``Cruz continued:`` (quote in the next paragraph), ``Name, Outlet: "``.

    The speaker is the capitalised subject opening the clause before the colon.
    """
    lead = text[lo:opening].rstrip()
    if not lead.endswith(":"):
        return None
    colon = lo + len(lead) - 1
    label = _NAME_LABEL.fullmatch(text, colon - len(text[lo:colon].lstrip()), colon + 1)
    if label is not None and _named_before(text, lo, label.group("name")):
        return Attribution(label.span("name"), None, ":", (lo, opening))
    listing = _LISTING.fullmatch(text, lo + len(text[lo:colon]) - len(text[lo:colon].lstrip()),
                                 colon)
    if listing:
        return Attribution(listing.span("name"), None, ":", (lo, opening))
    signed = _SIGNED_LEAD.search(text, lo, colon)
    if signed:
        # two authors: the first one named stands for both
        author = signed.span("name") if signed.group("name") else signed.span("surname")
        return Attribution(author, None, ":", (lo, opening))
    comma = text.rfind(",", lo, colon)
    for start in ((comma + 1, lo) if comma >= 0 else (lo,)):
        verb_at = _verb_after_subject(text, start, colon)
        span = subject_span(text, start, verb_at)
        head = sentence_subject(text, start, colon) if span is None else span[:2]
        if head is None or text.endswith(("'s", "s'"), head[0], head[1]):
            # "Before Lorne's appearance in the video, ...:": a possessor opens the lead,
            # it does not speak (thirteenth pass)
            continue
        verb = " ".join(text[max(verb_at, head[1]) : colon].strip(" ,").split()[:3])
        first = verb.split(" ", 1)[0].rstrip(",") if verb else ""
        one_word = " " not in text[head[0] : head[1]].strip()
        if not first or not first[0].islower() or (one_word and not (
                first.endswith(("ed", "s")) or first in _IRREGULAR)):
            continue  # "Partial transcript as follows:" is a heading, not a speaker
        return Attribution(head, span[2] if span else None, verb, (lo, opening))
    return None


_LOWER_AFTER_COMMA = re.compile(r"(?:^|,)\s+(?=[a-z])|\s(?=[a-z])")


def _verb_after_subject(text: str, start: int, colon: int) -> int:
    """Where the subject of ``text[start:colon]`` ends: before its first lower-case word not
    inside an appositive ("McConnell, R-Ky., delivered" ends before "delivered")."""
    pos = start
    while pos < colon:
        m = _LOWER_AFTER_COMMA.search(text, pos, colon)
        if m is None:
            return colon
        word_end = text.find(" ", m.end(), colon)
        word = text[m.end() : word_end if word_end > 0 else colon]
        if word.rstrip(",") in {"of", "the", "and", "for", "on", "in", "de", "al"}:
            pos = m.end() + 1
            continue
        return m.end()
    return colon


_WORD = re.compile(r"[\w'-]+")


# The words a programme's or a book's name follows ("on "Meet the Press"", "ABC's "This
# Week"", "in "Destiny and Power""): a place to appear in or an owner, never a speech verb.
_TITLE_LEAD = re.compile(
    r"(?:\b(?:on|in|to|from|with|of|at)|[A-Z][\w.&-]*(?:'s|s'))\s*$")
_SMALL_WORDS = frozenset(str.split("a an the and or of on in to for with at by from vs"))


_AUTHOR_OF = re.compile(r"\b(?:co-)?authors?\s+of\s*$")
_BY_AUTHOR = re.compile(r"[\"']*\s*,?\s*[\"']*\s*by\s+[A-Z]")


def _title_cased(words: list[str]) -> bool:
    """Every word capitalised but the small ones ("This Week With George Stephanopoulos")."""
    return bool(words) and words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL_WORDS for w in words)


def is_title_or_scare(text: str, quote: QuoteSpan, lo: int) -> bool:
    """A quotation introduced by a title word ("the book", "so-called") labels, not quotes;
    so does a short title-cased one after "on", "in" or an outlet's name (sixth pass: 'said
    on ABC's "This Week"', 'appeared on "Meet the Press."')."""
    words = _WORD.findall(text[max(lo, quote.open - 40) : quote.open])
    if words and words[-1].lower() in TITLE_MARKERS:
        return True
    inside = _WORD.findall(text[quote.start : quote.end])
    if (len(inside) <= 12 and _title_cased(inside) and quote.close is not None and (
            _AUTHOR_OF.search(text, max(lo, quote.open - 40), quote.open)
            or _BY_AUTHOR.match(text, quote.close + 1))):
        # 'a co-author of "Water Over the Wall"', '"The Long Tide," by Mara Quill': a book
        # named with its author (tenth pass)
        return True
    return (len(inside) <= 7 and _title_cased(inside)
            and not any(c in text[quote.start : quote.end] for c in "!?")  # a chant
            and _TITLE_LEAD.search(text, max(lo, quote.open - 40), quote.open) is not None)


def starts_utterance(text: str, quote: QuoteSpan, sentence: Segment, lo: int) -> bool:
    """True when the quotation opens its sentence, or follows a colon or a comma."""
    if quote.open <= sentence.start or quote.open <= lo:
        return True
    before = text[max(lo, sentence.start) : quote.open].rstrip()
    return not before or before[-1] in ":,-"


# Eleventh pass: the name right before a cue that closes the lead-in, when the rules above
# could not cut a subject out of the lead-in ("The debate grew so heated that Gov. Ada
# Lorne said, "A"", "The crowd cheers, and then Reyes continues: "B"", "after Mr. Reyes,
# asked about it, had said, "C"", "As the Herald reported, "D""): a clause opens right
# before the name (a conjunction, a comma, the sentence start), and nothing but an aside
# between commas or an auxiliary stands between the name and the cue.
_NAME_RUN = (r"(?!(?:As|That|After|When|While|And|Then|But|Because|Before|Once|Now|Indeed|So|"
             r"Also|In|On|At|For|With|By|From|To|The|A|An|This|It|He|She|They|We|I|Alongside|"
             r"Among|Amid|Despite|During|Like|Unlike|Under|Over|Through|Without|Within|Against|"
             r"Since|Until|Upon|About|Around|Behind|Beside|Between|Beyond|Near|Via|Meanwhile|"
             r"However|Still|Yet|Even|Just|Only|Later|Earlier|Finally|Immediately|Here|There|"
             r"What|Who|Why|How|Some|Many|Most|One|Two|Another|Both|All|Each|Every|No|Not|If|"
             r"Although|Though|Whether)\b)"
             r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Prof|Rev|St)\.\s+)?"
             r"[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'.-]*|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.))*"
             # a possessor is not the speaker: "Reyes's aide said" is the aide
             r"(?<!'s)(?<!s')")
_NAME_BEFORE_CUE = re.compile(
    r"(?:\A\s*|(?<![\w'-])(?i:that|after|when|while|and|then|but|because|as|before|once|"
    r"now)\s+|,\s+)(?:the\s+)?(?P<name>" + _NAME_RUN + r")"
    r"(?P<appos>,\s+[a-z][^,\"]{1,100},|,\s+\d{1,3},)?"
    r"\s+(?:(?:was|were|is|had|has|have|then|also|now|later|finally|again|simply|just|only|"
    r"prompted|went|on|to)\s+)*$")
# "Ada Lorne, president and CEO of the Grocers Association stated, "A"": an appositive whose
# closing comma is missing, at the start of the sentence.
_NAME_OPEN_APPOSITIVE = re.compile(
    r"\A\s*(?P<name>" + _NAME_RUN + r"),\s+(?P<appos>[a-z][\w'-]*\s[^,\"]{2,100}?)\s*$")
# After "As X": the verb that closes a source's lead-in, though it may also close a quotation.
_AS_REPORTED = frozenset(str.split("reported reports noted notes wrote writes"))


# The subject of a clause whose second verb is a participle cue or a statement ("Reyes,
# clearly tired, answered the heckler, saying, "A"", "Hours later, Reyes issued a
# statement: "B""): a name, an aside between commas, and a lower-case verb.
_CLAUSE_NAME = re.compile(
    r"(?:\A\s*|(?<![\w'-])(?i:and\s+then|and|but|then|so)\s+|,\s+)(?P<name>" + _NAME_RUN + r")"
    r"(?:,\s+[a-z][^,\"]{1,60},)?\s+(?!(?:of|and|the|in|on|at|for|to|with|from|by|who|which|"
    r"that|a|an|or)\b)[a-z]+\b")
_PARTICIPLE_TAIL = re.compile(r",\s*$")
_STATEMENT_LEAD = re.compile(
    r"\s(?:issued|released|put\s+out|sent\s+out|posted)\s+(?:a|the\s+following|this|an?\s+"
    r"[a-z]+)\s+statement\b[^\"]{0,40}?[,:]\s*$")


def _clause_name(text: str, lo: int, hi: int, opening: int, cue: str) -> Attribution | None:
    """The last name opening a clause in ``text[lo:hi]``, and nothing quoted after it."""
    last = None
    for m in _CLAUSE_NAME.finditer(text[lo:hi]):
        last = m
    if last is None or '"' in text[lo + last.start() : hi]:
        return None
    return Attribution((lo + last.start("name"), lo + last.end("name")), None, cue,
                       (lo, opening))


def name_before_cue(text: str, cues: CueIndex, lo: int, opening: int) -> Attribution | None:
    """The named subject right before the cue that ends the lead-in ``text[lo:opening]``."""
    statement = _STATEMENT_LEAD.search(text, lo, opening)
    if statement is not None:
        span = subject_span(text, lo, statement.start())
        if span is None or '"' in text[span[0] : span[1]]:
            return None
        return Attribution(span[:2], span[2], "statement", (lo, opening))
    found = [c for c in cues.within(lo, opening) if c.family in _QUOTE_FAMILIES]
    if not found:
        return None
    cue = found[-1]
    if not _LEAD_TAIL.match(text[cue.end : opening]):
        return None
    if (cue.text.split()[0].endswith("ing") and leads(cue)
            and _PARTICIPLE_TAIL.search(text, lo, cue.start)):
        return _clause_name(text, lo, cue.start, opening, cue.text)
    m = _NAME_BEFORE_CUE.search(text[lo : cue.start])
    if m is None:
        m = _NAME_OPEN_APPOSITIVE.match(text[lo : cue.start])
        if m is None or not leads(cue):
            return None
        return Attribution((lo + m.start("name"), lo + m.end("name")), m.group("appos"),
                           cue.text, (lo, opening))
    if not leads(cue) and not (cue.text.lower() in _AS_REPORTED
                               and m.group().lower().startswith("as ")):
        return None
    appos = m.group("appos")
    appos = appos.strip(" ,") if appos and not appos.strip(" ,").isdigit() else None
    return Attribution((lo + m.start("name"), lo + m.end("name")), appos, cue.text,
                       (lo, opening))


# Eleventh pass: a quotation inside the content of a reported clause of its own sentence
# ('Reyes said that "dock people" "do a fantastic job."', 'Reyes said the port "is safe"
# and "B"'): the clause's subject is its speaker.
_INSIDE_CONTENT = re.compile(r"\s+(?:that\s+)?[^\"]{0,100}(?:\"[^\"]{1,80}\"[^\"]{0,60}){0,2}$")
_MAX_CONTENT_LEAD = 200
_CONTENT_OPENS = re.compile(r"\s+(?:that\s+)?")
_SENTENCE_CLOSED = re.compile(r"[.!?][\"']?\s+$")  # the quotation opens a sentence of its own


def said_that_lead(text: str, cues: CueIndex, lo: int, opening: int,
                   short_ok: bool = True) -> Attribution | None:
    """The subject of the speech cue whose reported content the quotation stands in (a short
    quotation, ``short_ok`` False, only when it opens the content)."""
    speech = [c for c in cues.within(lo, opening) if leads(c) and c.family == "speech"]
    if not speech:
        return None
    cue = speech[-1]
    if (opening - cue.end > _MAX_CONTENT_LEAD or cue.text.split()[0].endswith("ing")
            or not _INSIDE_CONTENT.match(text, cue.end, opening)
            or _SENTENCE_CLOSED.search(text, cue.end, opening)
            or not (short_ok or _CONTENT_OPENS.fullmatch(text, cue.end, opening))):
        return None
    span = subject_span(text, lo, cue.start)
    if span is None or '"' in text[span[0] : span[1]]:
        return None
    return Attribution(span[:2], span[2], cue.text, (lo, opening))
