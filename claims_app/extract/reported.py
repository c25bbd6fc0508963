"""Reported speech and statements: claims made without quotation marks.

Three sentence shapes are recognised, tried in this order:

* ``According to X, A.`` and ``A, according to X.``
* a cue after its subject, content after the cue: ``X said (that) A``, ``X told journalists
  that A``, ``X expressed deep concern over A``, ``The General Secretariat ... condemns A``;
* a trailing attribution: ``A, X told journalists.`` / ``A, the ministry emphasized.`` /
  ``A, said X.``

Apart from those, ``find_question`` reads the question put to a speaker (``Asked whether A,
X said ...``, ``X said ... when asked about A``): a statement of its asker, who is often unnamed.

The claim text is the content clause (without the final full stop).  A newsroom's own
attribution of its reporting (``, Trend reports on Apr.8.``) is cut off first: an outlet
reporting is not a speaker claiming.

Size: one rule table read top to bottom: ``find_reported`` tries the three shapes above in
order, and each private helper below serves one shape; split, the order the rules are tried
in would no longer be visible in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from claims_app.extract.cues import (
    HEARER_RE,
    INVERTIBLE,
    SUBORDINATE_OPENING,
    CueIndex,
    sentence_subject,
    subject_span,
)
from claims_app.extract.lexicon import PLACE_WORDS, STANCE_CUES, STATE_NAMES
from claims_app.extract.model import PERSON
from claims_app.extract.segments import Segment
from claims_app.extract.speakers import Mention, parse_subject, person_head_noun

# The shapes :mod:`fragments` reuses to read the verb and the speaker of a quoted fragment no
# rule here claimed (eleventh pass): one definition of a label verb, a "that", a subject.
__all__ = ["LABEL_VERBS", "THAT_AFTER_CUE", "Question", "Reported", "cue_subject", "find_question",
           "find_reported", "speech_quote", "subject_without_tail", "trim_span"]

_MIN_WORDS = 4  # "he said goodbye" is not a claim
# ... but "she said she supported it", "officials said it would not": a clause of two or three
# words that opens on a subject pronoun and its verb is one (sixth pass: short objects).
_SHORT_CLAUSE = re.compile(
    r"(?:that\s+)?(?:he|she|they|we|I|it|there)(?:'(?:s|d|ll|re|ve|m)\b)?\s+"
    r"(?!(?:all|alone|too|so|again|now|then|here|there|anyway|first|best|once|twice|a|an|the|"
    r"this|that|these|those|well|over|out|off|up|down|back|himself|herself|itself|themselves|"
    r"yourself|ourselves|myself|goodbye|hello|yes|no|last|next|yesterday|today|tonight|"
    r"before|later|earlier|publicly|privately|on|in|at|to|for|with|by|about)\b)[a-z][\w']*"
    r"|(?:that\s+)?(?:he|she|they|we|I|it|there)'(?:s|d|ll|re|ve|m)\s")
_MIN_STANCE_WORDS = 2  # "condemns the provocation" is


@dataclass(frozen=True, slots=True)
class Reported:
    """One reported claim: content span, subject span and the text to read date/place from."""

    content: tuple[int, int]
    subject: tuple[int, int]
    appositive: str | None
    cue: str
    family: str
    style: str  # "according" | "lead" | "trailing"
    regions: tuple[tuple[int, int], ...]
    # the content's pieces when the attribution stands inside it ("A, he said, B")
    parts: tuple[tuple[int, int], ...] = ()


_OUTLET_TAIL = re.compile(
    r",\s*(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?\s+(?:reports|writes|informs)"
    r"|(?:reports|reported|writes)\s+[A-Z][\w.-]*)\b(?![^,]*\bthat\b)[^,]{0,40}$"
)
_EDITORS_NOTE = re.compile(r"\s*Editor'?s'? [Nn]ote\s*:")
_FINAL_PUNCT = frozenset(".!?;:,")
_ACCORDING_LEAD = re.compile(r"according\s+to\s+(?P<subj>[^,\"]{1,120}),\s*", re.IGNORECASE)
# '..., "A," according to X.': the comma may stand inside the closing mark.
_ACCORDING_TAIL = re.compile(r",\"?\s*according\s+to\s+(?P<subj>[^,\"]{1,120})$", re.IGNORECASE)
# "For Trump, according to X, the speech is "a test"": the attribution inside the sentence.
_ACCORDING_INSIDE = re.compile(r",\s*according\s+to\s+(?P<subj>[^,\"]{1,120}),\s*",
                               re.IGNORECASE)
# "according to calculations by X", "according to a study by economists at Y": the document
# stands for its authors.
_DOCUMENT_BY = re.compile(
    r"(?:an?\s+|the\s+|new\s+)*(?:\w+\s+)?(?:calculations?|stud(?:y|ies)|reports?|analys[ie]s|"
    r"surveys?|polls?|data|figures|estimates?|documents?|records?|letters?|memos?|statements?)"
    r"\s+(?:\w+\s+){0,3}?(?:by|from|of)\s+(?=\S)", re.IGNORECASE)
# "said Monday that", "said late Tuesday that": a bare day (US wire style, no "on") may stand
# between the cue and "that" like any phrase of time.
_DAY = (r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|"
        r"late|early")
THAT_AFTER_CUE = re.compile(
    r"(?:\s+(?:in|at|on|during|while|after|before|when|to|from|via|through|last|this|earlier|"
    r"later|here|repeatedly|also|once|" + _DAY + r")\b(?:[^\"]|\"[A-Z][^\"]{0,40}\"){0,80}?)?"
    r"\s+that\s+"  # (a programme's name may stand in it: 'on ABC's "This Week" that')
)
# "experts said that is unlikely", "one in five say that won't happen": "that" before a
# finite verb is the clause's subject, no conjunction (twelfth pass).
_THAT_SUBJECT = re.compile(
    r"\s+(?=that(?:'s|\s+(?:is|was|will|would|won't|wouldn't|isn't|wasn't|could|couldn't|"
    r"can't|should|may|might|must|has|hasn't|had|does|doesn't|did|didn't|remains|seems|"
    r"makes|means)\b))")
# "said in a statement Thursday night they pulled ...": a phrase of place or time, then the
# reported clause opening on a pronoun.
_PP_THEN_CLAUSE = re.compile(
    r"\s+(?:in|on|at|during|after|before|to|via|through|from|last|this|earlier|" + _DAY + r")\b"
    r"[^\",;:]{0,60}?\s(?=(?:he|she|they|it|we|I|there)\s)")
_NO_THAT = re.compile(r"\s*,?\s+(?=[A-Za-z0-9$\"'])")
_PREPOSITION_START = re.compile(
    r"(?:in|at|on|during|while|after|before|when|to|from|via|through|with|for|of|by|as)\b",
    re.IGNORECASE,
)
# Objects of "said" that are not reported content ("said goodbye to the delegation"); "no",
# "nothing" and "little" open a clause when a finite verb follows ("said no decision had been
# made", "said nothing would change"; eleventh pass).
_FINITE_AHEAD = (r"(?!\s+(?:[\w'-]+\s+){0,5}?(?:had|has|have|was|were|is|are|will|would|could|"
                 r"can|should|did|does|do|may|might|must)\b)")
_NOT_A_CLAUSE = re.compile(
    r"(?:goodbye|hello|farewell|thanks|grace|prayers?|yes|so)\b"
    r"|(?:nothing|little|no)\b" + _FINITE_AHEAD, re.IGNORECASE
)
_TRAILING_REST = re.compile(
    r"(?:\s+(?:in|at|on|during|while|after|before|when|to|from|via|through|here|earlier|later|"
    r"last|this|speaking|addressing|" + _DAY + r")\b[^,\"]*)?\s*$"
)
# "officials said Tuesday.", "he said Wednesday morning on MSNBC.": a time after the cue that
# ends the sentence is no reported clause (the words before the attribution are the claim);
# "officials said Tuesday the budget was short": the clause starts after the time.
_TIME_AFTER_CUE = re.compile(
    r"\s+(?:(?:on\s+|(?:late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"yesterday|today|tonight)(?:\s+(?:morning|afternoon|evening|night))?|"
    r"(?:this|last)\s+(?:week|month|year|weekend|morning|afternoon|evening))\b,?")
_CLAUSE_VERB = re.compile(r"\b(?:is|are|was|were|will|would|has|have|had|could|should|can)\b")
# What may follow that time when the attribution ends the sentence: a short phrase of place or
# occasion, no clause ("said Tuesday in Paris", "said Wednesday morning on the radio").
_PLACE_TAIL = re.compile(
    r"\s*(?:(?:in|at|on|during|after|before|while|to|from|via)\s+(?!(?:he|she|they|it|we|I)\b)"
    r"[^,\"]{0,60}?)?\s*$")
_PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being|get|got|gets)\s+$")
_PROGRESSIVE = ("calling for", "calling on")
# "pledged to cut the fees", "proposed to merge the lines": a verb of commitment before its
# to-infinitive reports the commitment (eleventh pass), while "praised for" does not
_TO_INFINITIVE = re.compile(r"to\s+[a-z]+\b(?<!ing)")
_TO_INFINITIVE_CUES = frozenset(str.split("pledged pledges proposed proposes"))
_PREPOSITION_CUE_ENDS = frozenset({"about", "for", "on", "of", "to", "whether", "if"})
_INTRO_WITH_CONTEXT = re.compile(r"(?:Speaking|Addressing|Talking|Writing|While)\b")

# valid(start, end, cue): may text[start:end] be the speaker of this cue?
Validator = Callable[[int, int, str], bool]


def _words(text: str) -> int:
    return len(text.split())


def _short_clause(text: str, cs: int, ce: int) -> bool:
    """True when ``text[cs:ce]`` is a whole clause of two or three words ("it would not")."""
    return 2 <= _words(text[cs:ce]) <= 3 and _SHORT_CLAUSE.match(text, cs, ce) is not None


def trim_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _FINAL_PUNCT):
        e -= 1
    return s, e


def find_reported(
    text: str, cues: CueIndex, sent: Segment, valid: Validator
) -> list[Reported]:
    """The reported claims of one sentence of folded text (usually none or one).

    ``valid(start, end, cue)`` says whether ``text[start:end]`` may be the speaker of ``cue``.
    A second claim comes from a participle continuing the first ("X said A, adding that B").
    """
    found = _find_reported(text, cues, sent, valid)
    noun = _noun_call(text, sent.start, sent.end, valid)
    if noun is not None and not any(f.content[0] <= noun.content[0] < f.content[1]
                                    or noun.content[0] <= f.content[0] < noun.content[1]
                                    for f in found):
        found.append(noun)
    for poll in _poll_who(text, sent.start, sent.end, valid):
        over = [i for i, f in enumerate(found)
                if f.content[0] < poll.content[1] and poll.content[0] < f.content[1]]
        if over and (len(over) > 1 or not found[over[0]].content[0] < poll.subject[0]
                     < found[over[0]].content[1]):
            continue
        if over:
            # "A, compared with the 30 percent who say B": A ends before the second group
            f = found[over[0]]
            comma = text.rfind(",", f.content[0], poll.subject[0])
            end = trim_span(text, f.content[0], comma if comma > f.content[0] else poll.subject[0])
            found[over[0]] = replace(f, content=end)
        found.append(poll)
    inner = _relative_statement(text, sent.start, sent.end, valid)
    if inner is not None and all(f.content != inner.content for f in found):
        # the same verb read as a lead cue ("which he said | was unfair, cost him") gives
        # way to the relative clause
        found = [f for f in found if not inner.content[0] < f.content[0] <= inner.content[1]
                 or f.regions[0][0] < inner.content[0]]
        found.append(inner)
    return found


# "Lorne's call for an audit", "his promise to reopen the mill", "her vow to cut fees": a
# noun of demand or commitment owned by its speaker reports what follows it
# (eleventh pass; the nouns of assertion take "that" in _NOUN_CUE).
_NOUN_CALL = re.compile(
    r"(?<![\w'])(?P<owner>his|her|their|its|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*(?:'s|'))"
    r"\s+(?:(?:recent|latest|earlier|original|repeated|renewed|own|public|first|new|"
    r"fire-breathing|campaign)\s+)?"
    r"(?P<cue>calls?|pledges?|promises?|vows?|demands?)\s+(?P<prep>for|to)\s+(?=[a-z$0-9A-Z])")


def _owner(text: str, m: re.Match[str]) -> tuple[int, int]:
    """The span of a noun of speech's owner, without its "'s" ("Reyes's call for")."""
    os_, oe = m.span("owner")
    if text[oe - 2 : oe] == "'s":
        oe -= 2
    elif text[oe - 1] == "'":
        oe -= 1
    return os_, oe


def _noun_call(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    if _NOUN_CALL_WORD.search(text, s0, e0) is None:
        return None  # (the cheap test first: every sentence comes here)
    m = _NOUN_CALL.search(text, s0, e0)
    if m is None:
        return None
    os_, oe = _owner(text, m)
    if not valid(os_, oe, "said"):
        return None
    start = m.start("prep") if m.group("prep") == "to" else m.end()
    stop = _CLAUSE_END.search(text, m.end(), e0)
    cs, ce = trim_span(text, start, stop.start() if stop else e0)
    if _words(text[m.end() : ce]) < _MIN_STANCE_WORDS:
        return None
    cue = f"{m.group('cue')} {m.group('prep')}"
    return Reported((cs, ce), (os_, oe), None, cue, "stance", "lead", ((os_, cs),))


_NOUN_CALL_WORD = re.compile(r" (?:calls?|pledges?|promises?|vows?|demands?) (?:for|to) ")


# "fees that she said doubled the deficit", "the toll, which he has said was unfair", "what
# they described as a rigged count": a speech verb inside a relative clause reports the
# clause, relative pronoun and all, inside whatever the sentence says (eleventh pass).
_RELATIVE_SAYS = re.compile(
    r"(?<![\w'-])(?P<rel>which|that|what|who|whom)\s+"
    r"(?P<subj>he|she|they|I|we|(?:[A-Z][\w.'-]*\s+){0,2}[A-Z][\w'-]*|"
    r"(?:U\.S\.\s+)?(?:officials|aides|critics|experts|analysts))\s+"
    r"(?P<cue>(?:(?:has|have|had)\s+)?(?:repeatedly\s+|also\s+|long\s+|once\s+)?"
    r"(?:said|says|say|argued|argues|claimed|claims|contended|contends|insisted|insists|"
    r"described\s+as|describes\s+as|called|calls))\s+(?=[a-z$0-9])")
_RELATIVE_END = re.compile(r"\s*(?:[,;:(]|\s[-\u2013\u2014]+\s)")
_SAYS_WORD = re.compile(r" (?:said|says|say|argued|argues|claimed|claims|contend|insist|"
                        r"described|describes|called|calls) ")


def _relative_statement(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    if _SAYS_WORD.search(text, s0, e0) is None:
        return None  # (the cheap test first: every sentence comes here)
    m = _RELATIVE_SAYS.search(text, s0, e0)
    if m is None or not valid(*m.span("subj"), m.group("cue")):
        return None
    stop = _RELATIVE_END.search(text, m.end(), e0)
    cs, ce = trim_span(text, m.start("rel"), stop.start() if stop else e0)
    if _words(text[m.end() : ce]) < 2 or ('"' in text[cs:ce] and m.group("cue").startswith(
            ("call", "describ"))):
        return None  # 'what X called a "foundation"': the quoted label is read apart
    cue = " ".join(m.group("cue").split())
    return Reported((cs, ce), m.span("subj"), None, cue, "speech", "lead",
                    ((m.start("subj"), m.end()),))


# "compared with the 30 percent who say the same about Reyes", "those who said they cared most
# about honesty", "another 12 percent who say they might vote for him": a poll's share or group
# answering in a relative clause (twelfth pass; the answer is the group's, unnamed).
_POLL_WHO = re.compile(
    r"(?<![\w'-])(?P<head>percent|%|number|those|people|voters|respondents|share|majority|"
    r"minority|many|few|others|one|ones|half|third|quarter|fifth|tenth|\d+)\s*(?:[-\u2014]+\s*"
    r"\d+\s*(?:percent|%)\s*[-\u2014]+\s*)?\s+who\s+(?:also\s+|still\s+)?"
    r"(?P<cue>said|say|says)\s+(?:that\s+)?(?=[a-z$0-9])")
_POLL_END = re.compile(r"\s*(?:[,;:(]|\s[-\u2013\u2014]+\s)|\s+(?:compared|than|but)\s")


def _poll_who(text: str, s0: int, e0: int, valid: Validator) -> list[Reported]:
    if text.find(" who sa", s0, e0) < 0:
        return []  # (the cheap test first: every sentence comes here)
    out = []
    for m in _POLL_WHO.finditer(text, s0, e0):
        stop = _POLL_END.search(text, m.end(), e0)
        cs, ce = trim_span(text, m.end(), stop.start() if stop else e0)
        if _words(text[cs:ce]) < 2 and text[cs:ce] not in ("so", "yes", "no"):
            continue
        head_end = m.end("head")
        words = list(_WORD_START.finditer(text, max(s0, m.start("head") - 40), m.start("head")))
        for w in [*words[-4:], None]:
            ss = w.start() if w is not None else m.start("head")
            if valid(ss, head_end, "said"):
                out.append(Reported((cs, ce), (ss, head_end), None, m.group("cue"), "speech",
                                    "lead", ((ss, cs),)))
                break
    return out


_WORD_START = re.compile(r"(?<![\w'.-])[\w$]")


def _find_reported(
    text: str, cues: CueIndex, sent: Segment, valid: Validator
) -> list[Reported]:
    s0, e0 = sent.start, sent.end
    tail = _OUTLET_TAIL.search(text, s0, e0)
    if tail:
        e0 = tail.start()
    s0, e0 = trim_span(text, s0, e0)
    if e0 <= s0 or _EDITORS_NOTE.match(text, s0, e0):
        return []  # "Editor's note: ...": the newsroom's standing note, repeated under stories
    headline = _headline(text, s0, e0, valid)
    if headline is not None:
        return [headline]
    if s0 < _MAX_LEAD_OFFSET and not text[:s0].strip():
        first = _sentence_case_headline(text, s0, e0, valid)
        if first is not None:
            nl = text.find("\n", first.content[1], e0)
            more = _find_reported(text, cues, Segment(nl + 1, e0), valid) if nl > 0 else []
            return [first, *more]
    found = (_according(text, s0, e0, valid) or _as_reported(text, s0, e0, valid)
             or _lead(text, cues, s0, e0, valid))
    called = _called_complement(text, s0, e0, valid)
    if called is not None and found is not None and called.content[1] <= found.content[0]:
        # "They called him a fraud and urged him to resign": the naming is a claim of its own
        # before the second verb's (eleventh pass)
        return [called, *_split_participle(text, cues, found)]
    after = _PARTICIPLE_AFTER_CUE.match(text, found.content[0]) if found else None
    if (found is not None and after is not None and found.style == "lead"
            and text[found.subject[1] : found.content[0]].rstrip().endswith(",")):
        # "A, a Chinese official said, adding that B": the attribution trails A, and the
        # participle adds B with the same speaker (sixth pass)
        head = _trailing_end(text, cues, s0, trim_span(text, s0, found.content[0])[1], valid)
        if head is not None:
            rest = trim_span(text, after.end(), e0)
            if _words(text[rest[0] : rest[1]]) < _MIN_WORDS:
                return [head]
            # the second claim keeps the attribution's verb: "adding" says nothing of its own
            # about who may be its subject
            return [head, Reported(rest, head.subject, head.appositive, head.cue,
                                   "speech", "lead", head.regions)]
    if found is None or found.family != "speech":
        # "Each member state welcomes X, Ambassador Elmar Taha stated": the trailing speech cue
        # names the speaker; the stance verb inside the content does not
        found = _trailing(text, cues, s0, e0, valid) or found
    if found is None and '"' in text[s0:e0]:
        found = _label(text, s0, e0, valid) or _verb_with_fragment(text, s0, e0, valid)
    if found is None:
        found = (_noun_cue(text, s0, e0, valid) or called
                 or _reported_lead(text, cues, s0, e0, valid)
                 or _reported_by(text, s0, e0, valid) or _short_answer(text, s0, e0, valid)
                 or _infinitive(text, s0, e0, valid) or _talked_about(text, s0, e0, valid))
    if found is None and '"' in text[s0:e0]:
        found = _relative_label(text, s0, e0, valid)
    if found is None:
        return []
    closed = _close_relative(text, cues, found)
    if len(closed) > 1:
        return closed
    found = closed[0]
    if (found.style == "lead" and (SUBORDINATE_OPENING.match(text, s0, found.subject[0])
                                   or _SUBORDINATE_AFTER_INTRO.search(text, s0,
                                                                      found.subject[0]))
            and found.content[1] < e0):
        # "While some say A, others say B": the main clause reports B of its own
        main = _lead(text, cues, found.content[1] + 1, e0, valid)
        if main is not None:
            return [found, *_split_participle(text, cues, main)]
    label = _label_before(text, s0, found, valid) or _label_other_subject(text, s0, found,
                                                                          valid)
    if label is not None:
        return [label, *_split_participle(text, cues, found)]
    second = _second_clause(text, cues, found, valid)
    if second is not None:
        first = Reported((found.content[0], trim_span(text, found.content[0], second[0])[1]),
                         found.subject, found.appositive, found.cue, found.family,
                         found.style, found.regions)
        return _split_participle(text, cues, first) + [second[1]]
    return _split_participle(text, cues, found)


# A headline in title case: "Trump Says He Never Pledged To Do It", "The Latest: Clinton Tells
# Voters She's With Them" (sixth pass: the statement a headline reports is a claim).
_HEADLINE = re.compile(
    r"(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}:\s+)?"
    r"(?!(?:If|When|What|Why|How|Where|Whatever|Whoever|Who|As|Because|Unless)\b)"
    r"(?P<subj>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3})\s+"
    r"(?:Just\s+)?(?P<cue>Says|Said|Warns|Insists|Claims|Admits|Vows|Predicts|"
    r"Tells\s+[A-Z][\w'-]*\s+|"
    # eleventh pass: more verbs of headlines ("Lorne Announces Ferry Line To The Island",
    # "Lorne Calls For A Recount", "Reyes Slams The Levy")
    r"Announces|Announced|Calls\s+(?:For|On)|Calls|Slams|Blasts|Urges|Promises|Pledges|"
    r"Explains|Describes|Described|Told)"
    r"\s*(?P<content>[A-Z\"'].*)$")
_SMALL = frozenset(str.split("a an the and or of on in to for with at by from as is it if vs"))
_MIN_HEADLINE_WORDS = 3


_HEADLINE_CUE = re.compile(
    r" (?:Says|Said|Warns|Insists|Claims|Admits|Vows|Predicts|Tells|Announces|Announced|Calls|"
    r"Slams|Blasts|Urges|Promises|Pledges|Explains|Describes|Described|Told) ")


def _headline(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    if _HEADLINE_CUE.search(text, s0, e0) is None:
        return None  # (the cheap test first: every sentence of every article comes here)
    line = text[s0:e0]
    words = re.findall(r"[A-Za-z][\w'-]*", line)
    if len(words) < 5 or any(not w[0].isupper() and w.lower() not in _SMALL for w in words):
        return None  # not a title-cased line
    m = _HEADLINE.match(text, s0, e0)
    if m is None:
        return None
    ss, se = m.span("subj")
    if text[ss:se].endswith(" Just"):
        se -= len(" Just")  # "Reyes Just Announced ..."
    if not valid(ss, se, "says"):
        return None
    cs, ce = trim_span(text, m.start("content"), e0)
    if _words(text[cs:ce]) < _MIN_HEADLINE_WORDS:
        return None
    cue = " ".join(m.group("cue").lower().split()[:1])
    return Reported((cs, ce), (ss, se), None, cue, "speech", "lead", ((s0, cs),))


# The first line of an article in sentence case, a headline with no full stop (or the
# newspaper's ";" before its subtitle): "Reyes calls the levy 'theft' but backs it;", "Amid
# protests, Lorne claims victory" (twelfth pass).
_MAX_LEAD_OFFSET = 8
_SENTENCE_HEADLINE = re.compile(
    r"(?:[A-Z][^,;:\n]{0,30},\s+)?(?P<subj>[A-Z][\w.'-]*(?:\s+(?:for\s+)?[\w.'-]+){0,3}?)\s+"
    r"(?P<cue>says|calls|claims|warns|vows|urges|admits|denies|insists|predicts|pledges|"
    r"promises)\s+(?P<content>[^;\n]+?)\s*;?[ \t]*(?:\n|$)")
_MAX_HEADLINE_WORDS = 16


def _sentence_case_headline(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    line_end = text.find("\n", s0, e0)
    line_end = e0 if line_end < 0 else line_end
    line = text[s0:line_end].rstrip()
    if line.endswith((".", "?", "!", '"', ":")) or len(line.split()) > _MAX_HEADLINE_WORDS:
        return None
    m = _SENTENCE_HEADLINE.match(text, s0, line_end)
    if m is None or not valid(*m.span("subj"), "says"):
        return None
    cs, ce = trim_span(text, m.start("content"), m.end("content"))
    return Reported((cs, ce), m.span("subj"), None, m.group("cue"), "speech", "lead",
                    ((s0, cs),))


_PARTICIPLE_AFTER_CUE = re.compile(
    r"(?P<cue>adding|noting|saying|arguing|explaining|insisting|warning|stressing|"
    r"acknowledging)\b(?:\s+that\b)?\s*,?\s*")


# "Reyes, who said the dam was safe, voted against it": a relative clause set off by commas
# ends at the next comma; the words after it belong to the main clause (eleventh pass).
_WHO_BEFORE_CUE = re.compile(r",\s*who\s+(?:(?:has|have|had|also|once|later|then|previously|"
                             r"repeatedly)\s+)*")
_RELATIVE_CLOSE = re.compile(r",\s+(?!(?:and|or|but|who|which|that|as|if|when|while|because|"
                             r"though|although|he|she|they|it|we|I)\b)")


def _close_relative(text: str, cues: CueIndex, found: Reported) -> list[Reported]:
    """The claim cut at the comma closing its relative clause, and the main clause's own
    statement when its verb is a speech cue ("Reyes, who said A, said B")."""
    if found.style != "lead" or found.parts:
        return [found]
    cs, ce = found.content
    who = _WHO_BEFORE_CUE.match(text, found.subject[1], cs)
    if who is None or not text[who.end() : cs].lstrip().startswith(found.cue):
        return [found]  # "who" must open the cue's own clause, not an aside of the subject
    stop = _RELATIVE_CLOSE.search(text, cs, ce)
    if stop is None or _words(text[cs : stop.start()]) < 2 or '"' in text[stop.start() : ce]:
        return [found]
    first = replace(found, content=trim_span(text, cs, stop.start()))
    main = next((c for c in cues.within(stop.end(), ce) if c.family == "speech"), None)
    if main is None:
        return [first]
    if text[stop.end() : main.start].strip():
        return [found]  # "A, will return ..., saying B": the other rules read the main clause
    after = THAT_AFTER_CUE.match(text, main.end, ce) or _NO_THAT.match(text, main.end, ce)
    if after is None:
        return [first]
    rest = trim_span(text, after.end(), ce)
    if _words(text[rest[0] : rest[1]]) < 2:
        return [first]
    return [first, Reported(rest, found.subject, found.appositive, main.text, "speech", "lead",
                            ((found.subject[0], found.subject[1]), (main.start, rest[0])))]


# "74 percent said A, while 22 percent said B": a clause of its own inside the content.
# (eleventh pass: "A, compared with 30 percent who say B" sets a second share against it)
_CLAUSE_BREAK = re.compile(r"(?:,\s*(?:while|but|and|whereas|though|although|"
                           r"compared\s+(?:with|to))|;\s*(?:and|but)?|"
                           r"\s(?:but|while|whereas|even\s+as)|"
                           r"\sand(?=\s+(?:\d|one|two|three|four|others|some|many|most|half|"
                           r"few)\b))\s+")


def _second_clause(
    text: str, cues: CueIndex, found: Reported, valid: Validator
) -> tuple[int, Reported] | None:
    """A second speaker's report inside the first one's content: (where it starts, it)."""
    if found.style != "lead":
        return None
    cs, ce = found.content
    for m in _CLAUSE_BREAK.finditer(text, cs, ce):
        if _words(text[cs : m.start()]) < 2:
            continue
        sub = _lead(text, cues, m.end(), ce, valid)
        if sub is not None and sub.subject[0] == m.end() and sub.family in ("speech", "stance"):
            return m.start(), sub
    return None


# "X called Y "a disaster"", "dismissing Y as "..."", "pledged to "cancel" ...": verbs that
# report words only when some of them are quoted (issue 18, family 1).
LABEL_VERBS = re.compile(
    r"(?<![\w-])(?:(?:has|have|had)\s+(?:also\s+)?)?(?:called|calling|calls|described|describing|"
    r"describes|dismissed|dismissing|dismisses|branded|branding|brands|labeled|labelled|"
    r"labeling|labels|referred\s+to|refers\s+to|referring\s+to|accused|accusing|accuses|"
    r"pledged|pledging|pledges|vowed|vowing|vows|promised|promising|promises|touted|touting|"
    r"touts|praised|praising|praises|slammed|slamming|slams|blasted|blasting|blasts|mocked|"
    r"mocking|mocks|derided|deriding|derides|decried|decrying|decries|hailed|hailing|hails|"
    r"characterized|characterizing|characterizes|deemed|deeming|deems|criticized|criticizing|"
    r"criticizes|attacked|attacking|attacks|urged|urging|urges|insisted|insisting|declared|"
    r"declaring|likened|likening|compared|comparing|cast|casting|casts|defended|defending|"
    r"defends|denounced|denouncing|condemned|condemning|lamented|lamenting|predicted|"
    r"predicting|warned|warning|described)(?![\w-])"
)
_PARTICIPLE_SPLIT = re.compile(
    r"(?:,(?P<q>\")?\s*(?:and\s+)?|(?P<q2>\")?\s+(?:and|but)\s+(?:then\s+|also\s+)?)"
    r"(?P<cue>adding|saying|noting|arguing|explaining|insisting|warning|writing|claiming|"
    r"stating|calling|describing|suggesting|called|described|said|added|accused|dismissed|"
    r"referred\s+to|labeled|branded|praised|warned|urged|insisted|argued|noted|suggested|"
    # the present of the same verbs ("He says A and says B"), and more participles ("calling
    # it "disqualifying" and asserting that B", ", telling reporters that B"; sixth pass)
    r"says|adds|notes|argues|insists|warns|suggests|told|tells|telling|asserting|questioning|"
    r"declaring|predicting|promising|vowing|stressing|conceding|acknowledging|complaining|"
    r"charging|pointing\s+out|asked|asking|wondered|"
    # eighth pass: a second verb of the speaker ("said A and predicted that B")
    r"predicted|proposed|vowed|pledged|promised|conceded|acknowledged|"
    # eleventh pass: "X praised Y and stressed B", "X skipped the vote but did note that B"
    r"stressed|emphasized|did\s+note|(?:has|have|had)\s+(?:also\s+)?said|criticized|"
    r"pointed\s+out)\b"
    r"(?:\s+that\b)?\s*,?\s*"
)


def _label(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    for m in LABEL_VERBS.finditer(text, s0, e0):
        cs, ce = trim_span(text, m.end(), e0)
        if '"' not in text[cs:ce] or _words(text[cs:ce]) < 1:
            continue
        span = cue_subject(text, s0, m.start(), m.group())
        if span is None:
            continue
        ss, se, appos = span
        timed = _TIME_TAIL.search(text, ss, se)
        if timed is not None and timed.start() > ss:
            se = timed.start()  # "Speaker X on Tuesday called it "racist""
        se = _name_before_phrase(text, ss, se)
        if not valid(ss, se, m.group()):
            continue
        cue = " ".join(m.group().split())
        return Reported((cs, ce), (ss, se), appos, cue, "stance", "lead", ((ss, cs),))
    return None


# The end of a label's quoted words where a second verb of the same subject takes over: '"crazy"
# and said', '"extremely careless," but said'.
_LABEL_THEN_SPEECH = re.compile(r'"\s*,?\s*(?:and|but)\s+(?:then\s+|also\s+)?$')


def _label_before(text: str, s0: int, found: Reported, valid: Validator) -> Reported | None:
    """'Graham called both rivals "crazy" and said A': the label is a claim of its own before
    the reported clause (seventh pass: the quoted label was lost behind the speech verb)."""
    if (found.family not in ("speech", "stance") or found.style != "lead"
            or '"' not in text[s0 : found.content[0]]):
        return None  # (a stance verb too: 'called it "shameful" and called on leaders to')
    cue_at = text.rfind(found.cue.split()[0], s0, found.content[0])
    if cue_at <= s0:
        return None
    label = _label(text, s0, cue_at, valid)
    if label is None or label.subject != found.subject:
        return None
    close = text.rfind('"', label.content[0], cue_at)
    if close < 0 or _LABEL_THEN_SPEECH.match(text, close, cue_at) is None:
        return None
    return replace(label, content=(label.content[0], close + 1))


_NEXT_SUBJECT = re.compile(r'"[^"]{0,60}?,\s*(?:and|but|while)\s+$')


def _label_other_subject(text: str, s0: int, found: Reported,
                         valid: Validator) -> Reported | None:
    """'Reyes called the levy "theft" on Friday, and some aldermen have called for A': a label
    before a second subject's clause is a claim of its own (twelfth pass)."""
    if found.style != "lead" or '"' not in text[s0 : found.subject[0]]:
        return None
    label = _label(text, s0, found.subject[0], valid)
    if label is None or label.subject[1] > found.subject[0]:
        return None
    close = text.rfind('"', label.content[0], found.subject[0])
    if close <= label.content[0] or _NEXT_SUBJECT.match(text, close, found.subject[0]) is None:
        return None
    return replace(label, content=(label.content[0], close + 1))


# An aside between a subject and its verb: a relative or appositive clause set off by commas,
# a phrase between dashes, a parenthesis.
_ASIDE = re.compile(r",\s+(?:who|which|a|an|the|whose)\s[^,\"]{1,120},|\s+(?:-|--|\u2013|\u2014)\s"
                    r"[^\"]{1,120}?\s(?:-|--|\u2013|\u2014)|\s+\([^()\"]{1,80}\)")
# "Sanders's claim that he still has a path", "his warning that A": a noun of speech owned by
# its speaker, then the content (issue 18: noun-phrase speech cues).
_NOUN_CUE = re.compile(
    r"(?<![\w'])(?P<owner>his|her|their|its|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*(?:'s|')?)"
    r"\s+(?:(?:repeated|latest|earlier|frequent|recent|oft-repeated|public|own)\s+)?"
    r"(?P<cue>claims?|assertions?|contention|insistence|warnings?|announcement|promises?|pledge|"
    r"argument|accusations?|allegations?|suggestion|prediction|statements?|remarks?|"
    r"comments?|declaration|admission|vow)"
    # twelfth pass: a short phrase of time or place before "that" ("her claim in November
    # that A", "his claim in a radio interview that B")
    r"(?:\s+(?:in|on|at|during|last|this|earlier)\s+[^,;:\"]{1,40}?)?\s+that\s+")


# "what Sroka called a "let a thousand flowers bloom" approach", "one which historian John
# Baick calls "a foundation of our culture"": the quoted words after a relative pronoun are
# the named subject's.
_RELATIVE_LABEL = re.compile(
    r"\b(?:what|which|that|whom)\s+(?P<subj>(?:[a-z]+\s+){0,3}(?:[A-Z][\w.'-]*\s+){0,3}"
    r"[A-Z][\w.'-]*|he|she|they)\s+(?:has\s+|have\s+|had\s+|once\s+|later\s+)?"
    r"(?P<cue>called|calls|call|describes|described|dubbed|dubs|termed|terms|labeled|labels|"
    r"branded|brands)\s+(?P<content>(?:it\s+|them\s+|him\s+|her\s+)?(?:as\s+)?[^\"]{0,30}"
    r"\"[^\"]{2,200}\")")


def _relative_label(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    m = _RELATIVE_LABEL.search(text, s0, e0)
    if m is None or not speech_quote(text, *m.span("content")):
        return None
    ss, se = m.span("subj")
    if m.group("subj") in ("he", "she", "they"):
        # "Trump urged them to watch what he called a "sex tape"": the pronoun is the
        # sentence's subject, not whoever was named last
        head = sentence_subject(text, s0, m.start())
        if head is None:
            return None
        ss, se = head
    if not valid(ss, se, m.group("cue")):
        return None
    cs, ce = m.span("content")
    return Reported((cs, ce), (ss, se), None, m.group("cue"), "stance", "lead", ((ss, cs),))


# "Ortiz called the levy a tax on the poor", "critics call him reckless", "calling herself a
# centrist": a verb of naming with an object and its complement reports what the speaker called
# it, quoted or not (eleventh pass).  The object is a pronoun, a phrase opening on a determiner
# or a possessive, or a name; "called a meeting", "called snap elections", "called him back",
# "called Reyes to ask" name nothing.
_NOT_COMPLEMENT = (
    r"(?:to|on|up|back|off|out|into|onto|in|at|for|about|with|over|from|after|before|during|"
    r"by|and|or|but|as|when|while|if|because|since|until|yesterday|today|tonight|last|this|"
    r"that|again|later|earlier|soon|quits|home|is|was|are|were|has|have|had|will|would|can|"
    r"could|said|says|who|which|whose|where|his|her|their|its|every|each|several|"
    r"immediately|repeatedly|directly|personally|privately|publicly|twice|once|daily|"
    r"[a-z]+ly)\b")
# a complement: an indefinite noun phrase, or a word that reads as an adjective
_COMPLEMENT = (
    r"(?:(?:(?<=him\s)|(?<=her\s)|(?<=them\s)|(?<=it\s)|(?<=this\s))the\s|"
    r"(?:a|an|one|nothing|something|part)\s|(?:(?:very|so|too|more|most)\s+)?"
    r"[a-z]+(?:ous|ful|ive|able|ible|al|ic|less|ish|ent|ant|ary|ory|ed|ists?|ate|ile|ong|ad|"
    r"ak|id|ig)\b)")
_CALLED = re.compile(
    r"(?<![\w'-])(?P<cue>(?:(?:has|have|had)\s+(?:also\s+|repeatedly\s+|long\s+|"
    r"nevertheless\s+|since\s+)?)?(?:repeatedly\s+)?(?:called|calls|call|calling))\s+"
    r"(?P<obj>(?:him|her|them|it|this|that|himself|herself|themselves|itself|me|us|you)(?=\s)|"
    r"(?:the|his|her|their|its|this|that|these|those)\s+[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,4}?|"
    r"(?:[A-Z][\w.'-]*\s+){0,4}[A-Z][\w.'-]*(?:'s(?:\s+[a-z][\w'-]*){1,5}?)?)"
    r"\s+(?!" + _NOT_COMPLEMENT + r")(?P<compl>" + _COMPLEMENT + r")")
_COMPLEMENT_END = re.compile(r"\s*(?:[,;:(]|\s[-\u2013\u2014]+\s)|"
                             r"\s+(?:and|but)\s+(?:then\s+|also\s+)?[a-z]+(?:ed|s)\b")


def _called_complement(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    if text.find("call", s0, e0) < 0:
        return None  # (the cheap test first: every sentence without a reporter comes here)
    for m in _CALLED.finditer(text, s0, e0):
        cs = m.start("obj")
        stop = _COMPLEMENT_END.search(text, m.end("compl"), e0)
        ce = trim_span(text, cs, stop.start() if stop else e0)[1]
        span = cue_subject(text, s0, m.start(), m.group("cue"))
        if span is None:
            continue
        ss, se, appos = span
        timed = _TIME_TAIL.search(text, ss, se)
        if timed is not None and timed.start() > ss:
            se = timed.start()
        se = _name_before_phrase(text, ss, se)
        if not valid(ss, se, m.group("cue")):
            continue
        cue = " ".join(m.group("cue").split())
        return Reported((cs, ce), (ss, se), appos, cue, "stance", "lead", ((ss, cs),))
    return None


_CLAUSE_END = re.compile(r"\s*(?:[,;:]|\s[-\u2013\u2014]+\s)")


def _noun_cue(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    m = _NOUN_CUE.search(text, s0, e0)
    if m is None:
        return None
    os_, oe = _owner(text, m)
    if not valid(os_, oe, "said"):
        return None
    stop = _CLAUSE_END.search(text, m.end(), e0)
    cs, ce = trim_span(text, m.end(), stop.start() if stop else e0)
    if _words(text[cs:ce]) < _MIN_WORDS:
        return None
    cue = f"{m.group('cue')} that"
    return Reported((cs, ce), (os_, oe), None, cue, "speech", "lead", ((os_, cs),))


_MAIN_VERB = re.compile(
    r"(?:\s+(?:has|have|had|also|then|later|once|recently|previously|repeatedly|never|"
    r"will|would|did|again|even|quickly|initially))*\s+(?P<verb>[a-z]{3,}(?:ed|es|s))\b")


def _verb_with_fragment(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    """"X rejected Y's offer to make an "exception"", "X assured them that Y was "made of the
    same stuff"": any verb after a speaker subject reports the quoted words that follow it."""
    head = sentence_subject(text, s0, e0)
    if head is None or not valid(head[0], head[1], ""):
        return None
    after = head[1]
    aside = _ASIDE.match(text, after, e0)
    if aside is not None:
        after = aside.end()  # "Priebus, who had read it, acknowledged", "X - in a line - declared"
    m = _MAIN_VERB.match(text, after, e0)
    if m is None:
        return None
    cs, ce = trim_span(text, m.end(), e0)
    if not speech_quote(text, cs, ce) or _words(text[cs:ce]) < 2:
        return None
    return Reported((cs, ce), head, None, m.group("verb"), "stance", "lead",
                    ((head[0], cs),))


_QUOTED = re.compile(r'"([^"]{1,400})"')


def speech_quote(text: str, cs: int, ce: int) -> bool:
    """True when some quotation in ``text[cs:ce]`` reads as words someone said, not a title
    ("The Rachel Maddow Show", "Carlos Danger"): it holds a lower-case word."""
    for m in _QUOTED.finditer(text, cs, ce):
        if any(len(w) > 3 and w.islower() for w in re.findall(r"[A-Za-z]+", m.group(1))):
            return True
    return False


def cue_subject(
    text: str, s0: int, cue_start: int, cue: str
) -> tuple[int, int, str | None] | None:
    """The subject of a cue; a participle after a comma speaks for the sentence's subject."""
    before = text[s0:cue_start].rstrip()
    participle = cue.split()[0].endswith("ing")
    if participle and "ith " in text[s0:cue_start]:
        with_ = _WITH_SUBJECT.search(text, s0, cue_start)
        if with_ is not None:
            # "..., with 30 percent of voters saying A", "with Reyes saying A": the noun
            # phrase after "with" is the participle's own subject
            return with_.start("subj"), with_.end("subj"), None
    if _COORDINATED.search(before) and not participle:
        inner = _subordinate_subject(text, s0, cue_start)
        if inner is not None:
            return inner
    if ((participle and (before.endswith((",", " -", "--", "\u2013", "\u2014"))
                         or _ADVERBIAL_END.search(before)))
            or _COORDINATED.search(before)):
        # "X endorsed Y, saying ...", "X offered Y a job, then says ...", "X smiled and said";
        # a dash may stand for the comma ("X flipped his pick - saying ...", twelfth pass)
        head = sentence_subject(text, s0, cue_start)
        return (head[0], head[1], None) if head else None
    span = subject_span(text, s0, cue_start)
    if participle and span is not None and parse_subject(text[span[0] : span[1]]) is None:
        # "Reyes opened the debate saying A": a participle with no comma before it still
        # speaks for the sentence's named subject (eleventh pass)
        head = sentence_subject(text, s0, cue_start)
        if head is not None and _plain_head(text, head):
            mention = parse_subject(text[head[0] : head[1]])
            if mention is not None and (mention.kind == "named" or mention.role is None):
                return head[0], head[1], None  # (or "Perhaps X ...": a head that names no one)
    return span


# "The crowd cheered when Reyes spotted a sign and asked ...": the subject of the clause the
# second verb is coordinated with, opened by a subordinator (eleventh pass: the sentence's
# head, "The crowd", had been read as the speaker).
_SUBORDINATE_NAME = re.compile(
    r"(?<![\w'-])(?:when|after|as|because|while|before|since|until|once|where)\s+"
    r"(?P<name>[A-Z][\w'-]*(?:\s+[A-Z][\w'.-]*)*)(?<!'s)\s+"
    r"(?!(?:of|for|to|in|on|at|with|by|from|and|or|the|a|an|who|which|that|as|over|about|"
    r"into|against)\b)[a-z]+")


def _subordinate_subject(text: str, s0: int, cue_start: int) -> tuple[int, int, None] | None:
    last = None
    for m in _SUBORDINATE_NAME.finditer(text, s0, cue_start):
        last = m
    if last is None or any(ch in text[last.end() : cue_start] for ch in ',;"'):
        return None
    mention = parse_subject(last.group("name"))
    if mention is None or mention.kind != "named" or mention.speaker_kind != PERSON:
        return None
    return last.start("name"), last.end("name"), None


_NEXT_WORD = re.compile(r"\s+([a-z][\w-]*)")



def _plain_head(text: str, head: tuple[int, int]) -> bool:
    """A sentence head that can be a subject by itself: no possessor, no single letter, no
    quotation, not the premodifier of a person noun ("Presumptive Republican nominee X")."""
    phrase = text[head[0] : head[1]]
    if phrase.endswith(("'s", "s'")) or len(phrase) < 2 or '"' in phrase:
        return False  # "Reyes's aide ...": the possessor is not the speaker
    nxt = _NEXT_WORD.match(text, head[1])
    return (nxt is None or nxt.group(1).endswith(_ADJECTIVE_ENDINGS)
            or not person_head_noun(nxt.group(1)))


_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ful")


_WITH_SUBJECT = re.compile(
    r"(?<![\w'-])with\s+(?P<subj>[^\s,\"][^,;:\"]{0,80}?)\s+(?:also\s+)?$")
# "X distinguished himself by saying", "X hedged, while saying": the clause's subject speaks.
_ADVERBIAL_END = re.compile(r"\s(?:by|while|after|before|when|in|without)$")
_COORDINATED = re.compile(r"\S\s*(?:,\s*(?:and\s+)?then|,?\s+and|,?\s+but)(?:\s+also)?$")


# Verbs whose object stands for what was said; a participle after them carries the words.
_OBJECT_CUES = frozenset(STANCE_CUES[STANCE_CUES.index("accused"):])

# Label verbs split a sentence into a second claim only when a quotation follows them.
_SPLIT_LABELS = frozenset(str.split(
    "calling describing called described accused dismissed labeled branded praised urged"))


def _split_participle(text: str, cues: CueIndex, found: Reported) -> list[Reported]:
    """Cut "A, adding that B" into two claims of the same speaker."""
    cs, ce = found.content
    m = _PARTICIPLE_SPLIT.search(text, cs, ce)
    if m is None or found.style != "lead":
        return [found]
    quote = "q" if m.group("q") else "q2" if m.group("q2") else None
    first_end = m.start(quote) + 1 if quote else trim_span(text, cs, m.start())[1]
    rest = trim_span(text, m.end(), ce)
    if m.group("cue") in ("told", "tells", "telling"):
        # "... and told reporters (that) B": the hearer is no part of B
        hearer = HEARER_RE.match(text, rest[0], rest[1])
        if hearer is None:
            return [found]
        after = (THAT_AFTER_CUE.match(text, hearer.end(), ce)
                 or _NO_THAT.match(text, hearer.end(), ce))
        if after is None:
            return [found]
        rest = trim_span(text, after.end(), ce)
    if (_words(text[cs:first_end]) < (1 if found.family == "stance" else 2)
            or _words(text[rest[0]:rest[1]]) < _MIN_STANCE_WORDS):
        return [found]  # (a stance verb's object may be one name: "praised Reyes and said")
    if m.group("cue") in _SPLIT_LABELS and (
            ('"' not in text[rest[0] : rest[1]] and found.family != "speech")
            or _PREPOSITION_START.match(text, rest[0])):
        # "welcomed X and called for further steps" is one statement; after "said" the
        # second verb is a statement of its own ("said A and accused B of C", eighth pass)
        return [found]
    first = Reported((cs, first_end), found.subject, found.appositive, found.cue, found.family,
                     found.style, found.regions)
    second = Reported(rest, found.subject, found.appositive, m.group("cue"), "speech",
                      found.style, found.regions)
    if (found.family == "stance" and found.cue.lower() in _OBJECT_CUES
            and m.group("cue").endswith("ing") and _words(text[cs:first_end]) <= 4):
        # "X defended the levy, saying A": the words said are A; the object only sets it up
        return [second]
    return [first, second]


def _according(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    if "ccording" not in text[s0:e0]:
        return None  # (the cheap test first: every sentence comes here)
    m = _ACCORDING_TAIL.search(text, s0, e0)
    if m:
        subj = _according_subject(text, *m.span("subj"), valid)
        # '"A," according to X': the closing mark stays with the words it closes
        cs, ce = trim_span(text, s0, m.start() + 2 if text[m.start() + 1] == '"' else m.start())
        if subj is not None and _words(text[cs:ce]) >= _MIN_WORDS:
            return Reported((cs, ce), subj, None, "according to", "speech",
                            "according", ((m.start(), e0),))
    m = _ACCORDING_INSIDE.search(text, s0, e0)
    if m and '"' in text[m.end() : e0]:
        # "For Trump, according to X, the speech is "a test"": the words on both sides are
        # the claim (kept to sentences carrying a quotation: the fragment vouches for speech)
        subj = _according_subject(text, *m.span("subj"), valid)
        first, rest = trim_span(text, s0, m.start()), trim_span(text, m.end(), e0)
        if subj is not None and _words(text[rest[0] : rest[1]]) >= _MIN_WORDS:
            return Reported((first[0], rest[1]), subj, None, "according to", "speech",
                            "trailing", ((m.start() + 1, m.end()),), (first, rest))
    m = _ACCORDING_LEAD.match(text, s0, e0)
    if m and valid(*m.span("subj"), "according to"):
        cs, ce = trim_span(text, m.end(), e0)
        if _words(text[cs:ce]) >= _MIN_WORDS:
            return Reported((cs, ce), m.span("subj"), None, "according to", "speech",
                            "according", ((s0, m.end()),))
    return None


# "As the Gazette reported, A", "As reported by the Gazette, A", "A, as the Gazette first
# reported on Monday": the aside credits the sentence's statement to its source (eleventh pass).
_AS_TIME = (r"(?:\s+(?:(?:on|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
            r"Sunday|yesterday|today|just\s+today|earlier|recently|last\s+\w+|this\s+\w+|"
            r"in\s+(?:19|20)\d\d|in\s+[A-Z]\w+))?")
_AS_REPORTED = re.compile(
    r"(?<![\w'-])[Aa]s\s+(?:(?:first|previously|originally|also|initially)\s+)?"
    r"(?P<cue>reported|noted)\s+by\s+(?P<subj>[^,\"]{2,80}?)" + _AS_TIME + r"\s*(?:,|$)"
    r"|(?<![\w'-])[Aa]s\s+(?P<subj2>[^,\"]{2,80}?)\s+(?:has\s+|had\s+|have\s+)?"
    r"(?:(?:first|previously|originally|also|initially|recently)\s+)?"
    r"(?P<cue2>reported|reports|noted|notes|wrote|writes|pointed\s+out|observed)" + _AS_TIME
    + r"\s*(?:,|$)")


_AS_REPORTED_VERB = re.compile(r"reported|noted|notes|wrote|writes|pointed|observed")


def _as_reported(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    if _AS_REPORTED_VERB.search(text, s0, e0) is None:
        return None  # (the cheap test first: every sentence comes here)
    for m in _AS_REPORTED.finditer(text, s0, e0):
        before = text[s0 : m.start()].rstrip()
        if before and not before.endswith(","):
            continue  # "as" opens the sentence or an aside after a comma
        subj = "subj" if m.group("subj") else "subj2"
        cue = m.group("cue") or m.group("cue2")
        ss, se = m.span(subj)
        if not valid(ss, se, cue):
            continue
        first = trim_span(text, s0, m.start())
        rest = trim_span(text, m.end(), e0)
        parts = [p for p in (first, rest) if _words(text[p[0] : p[1]]) >= 2]
        if not parts or sum(_words(text[a:b]) for a, b in parts) < _MIN_WORDS:
            continue
        content = (parts[0][0], parts[-1][1])
        region = (m.start(), m.end())
        return Reported(content, (ss, se), None, cue, "speech", "according", (region,),
                        tuple(parts) if len(parts) > 1 else ())
    return None


# "The Tribune reports the mayor will resign", "the mill reported a loss of $2 million",
# "Police reported two arrests": before its object "reported" reports as well as "said"
# (eleventh pass; the verb alone stays a closing cue for quotations).
_REPORTED_VERB = re.compile(r"(?:(?:has|have|had)\s+)?(?:(?:first|also|previously)\s+)?"
                            r"(?:reported|reports)$")
_NOT_REPORTED_OBJECT = re.compile(
    r"(?:to|on|for|by|in|at|from|with|about|that|back|directly|earlier|late|last|this|of|"
    r"after|before|when|while|as|since|during|through|into|over|under|a\s+few\s+\w+\s+later|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|[,.;:\"(]")
# "according to reports the clerk filed", "$900 in reported gifts", "as X reported": a noun, an
# adjective, or an aside the "As X reported" rule reads
_NOT_BEFORE_REPORTED = re.compile(
    r"(?:\b(?:to|of|in|on|for|the|a|an|with|by|from|and|or|news|media|press|initial|recent|"
    r"early|earlier|fundraising|financial|these|those|such|as)|[,;:(])\s*$", re.IGNORECASE)


# "Politico reported Saturday that A", "The Gazette reported last month A": a time between the
# verb and its clause (twelfth pass)
_REPORTED_TIME = re.compile(
    r"\s+(?:(?:on\s+|late\s+|early\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)(?:\s+(?:morning|afternoon|evening|night))?|(?:last|this|earlier\s+this)\s+"
    r"(?:week|month|year|quarter|weekend|spring|summer|fall|winter)|yesterday|earlier)"
    r"\s*,?\s+(?:that\s+)?(?=[A-Za-z0-9$])")


def _reported_lead(text: str, cues: CueIndex, s0: int, e0: int,
                   valid: Validator) -> Reported | None:
    for cue in cues.within(s0, e0):
        if cue.family != "quote" or _REPORTED_VERB.search(cue.text) is None:
            continue
        if (_PASSIVE.search(text, max(s0, cue.start - 12), cue.start)
                or _NOT_BEFORE_REPORTED.search(text, max(s0, cue.start - 14), cue.start)):
            continue  # "was reported by", "news reports"
        timed = _REPORTED_TIME.match(text, cue.end, e0)
        cs, ce = trim_span(text, timed.end() if timed is not None else cue.end, e0)
        if _NOT_REPORTED_OBJECT.match(text, cs, ce) or _words(text[cs:ce]) < _MIN_STANCE_WORDS:
            continue  # "reported to work", "reported on the race", "reported Tuesday."
        span = cue_subject(text, s0, cue.start, cue.text)
        if span is None:
            continue
        ss, se, appos = span
        if not valid(ss, se, "reported") or re.search(r"\b[Aa]s\s*$", text[s0:ss]):
            continue
        return Reported((cs, ce), (ss, se), appos, " ".join(cue.text.split()), "speech", "lead",
                        ((ss, cs),))
    return None


# "The merger was first reported by the Gazette.": the outlet broke the news the sentence's
# subject names (eleventh pass; a plain "was reported by" may be a witness's call, not news).
_REPORTED_BY = re.compile(
    r"(?P<content>[^,;:\"]{3,120}?)\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:first|previously|originally|initially)\s+reported\s+by\s+"
    r"(?P<subj>[^,;:\"]{2,80}?)" + _AS_TIME + r"\s*$")


def _reported_by(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    if text.find("reported by", s0, e0) < 0:
        return None
    m = _REPORTED_BY.match(text, s0, e0)
    if m is None or not valid(*m.span("subj"), "reported"):
        return None
    cs, ce = trim_span(text, *m.span("content"))
    if _words(text[cs:ce]) < 2:
        return None
    return Reported((cs, ce), m.span("subj"), None, "reported", "speech", "trailing",
                    ((m.end("content"), e0),))


# "38 percent said yes", "a third said so in the spring survey", "a fifth said the same": a
# short answer is a statement of its own when a subject gives it (eleventh pass).
_SHORT_ANSWER = re.compile(
    r"(?<![\w'-])(?P<cue>(?:(?:has|have|had)\s+)?(?:said|say|says))\s+"
    r"(?P<ans>(?:yes|no)(?:\s+to\s+[^,.;:\"]{1,60}?)?|so|"
    r"the\s+same(?:\s+(?:of|about|for)\s+[^,.;:\"]{1,60}?)?)"
    r"(?=\s*(?:[,.;:]|$|\s(?:in|on|at|last|this|when|while|but|and|compared|after|before)\b))")


def _short_answer(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    if text.find(" sa", s0, e0) < 0:
        return None
    for m in _SHORT_ANSWER.finditer(text, s0, e0):
        span = cue_subject(text, s0, m.start(), m.group("cue"))
        if span is None:
            continue
        ss, se, appos = span
        if not valid(ss, se, m.group("cue")):
            continue
        return Reported(m.span("ans"), (ss, se), appos, " ".join(m.group("cue").split()),
                        "speech", "lead", ((ss, m.start("ans")),))
    return None


# "Lorne used her speech to call for a new bridge", "Reyes went on to criticize the board",
# "voters were more likely to say A": a speech verb in the infinitive reports its object for
# the clause's subject (twelfth pass).  Not after someone asked or urged ("asked him to say")
# nor after an empty subject ("It is too early to say").
_INFINITIVE = re.compile(
    r"(?<![\w'-])to\s+(?:(?:publicly|again|also|forcefully|openly|formally|personally)\s+)?"
    r"(?P<cue>say|tell\s+(?:reporters|voters|supporters|the\s+crowd|him|her|them|us|me)|"
    r"call\s+(?:for|on)|criticize|argue|claim(?=\s+that)|explain|warn|urge|praise|accuse|insist|"
    r"suggest|announce|declare|question(?=\s+(?:whether|if|why|how))|acknowledge|describe|"
    r"demand|endorse|tout)(?:\s+that)?\s+(?=[a-zA-Z$0-9])")
_INFINITIVE_WORD = re.compile(r" to (?:publicly |again |also |forcefully |openly |formally "
                              r"|personally )?(?:say|tell|call|criticize|argue|claim|explain|"
                              r"warn|urge|praise|accuse|insist|suggest|announce|declare|"
                              r"question|acknowledge|describe|demand|endorse|tout) ")
_ASKED_TO = re.compile(r"\b(?:asked|asks|ask|urged|urges|told|tells|wants|want|wanted|"
                       r"forced|pressed|invited|allowed|called\s+on|challenged|begged|expect|"
                       r"expects|expected|left|leave|leaves)\b|\b(?:hard|difficult|early|easy|"
                       r"fair|safe|close|possible|impossible|enough)\s+$")
_EMPTY_SUBJECTS = frozenset(str.split("It There This That What Which Who"))


def _infinitive(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    if _INFINITIVE_WORD.search(text, s0, e0) is None:
        return None  # (the cheap test first: every sentence without a claim comes here)
    m = _INFINITIVE.search(text, s0, e0)
    if m is None:
        return None
    head = sentence_subject(text, s0, m.start())
    if head is None or not valid(*head, "said"):
        return None
    if text[head[0] : head[1]] in _EMPTY_SUBJECTS or _ASKED_TO.search(text, head[1], m.start()):
        return None
    if _PREPOSITION_START.match(text, m.end(), e0) and not m.group("cue").endswith(
            ("for", "on")):
        return None  # "seemed to acknowledge by adding more"
    stop = _CLAUSE_END.search(text, m.end(), e0)
    cs, ce = trim_span(text, m.end(), stop.start() if stop else e0)
    cue = " ".join(m.group("cue").split())
    family = "speech" if cue in ("say", "argue", "claim", "explain", "insist", "suggest",
                                 "announce", "declare", "acknowledge") else "stance"
    if _words(text[cs:ce]) < (_MIN_WORDS if family == "speech" else _MIN_STANCE_WORDS) and not (
            family == "speech" and _short_clause(text, cs, ce)):
        return None
    return Reported((cs, ce), head, None, f"to {cue}", family, "lead", ((head[0], cs),))


# "X talked openly on social media about A", "leaders speak affectionately of B", "X made no
# mention of C", "he spoke briefly of D": a verb of talking with an adverb or a short phrase
# before its topic (twelfth pass; the plain "talked about" is a stance cue).
_TALKED_ABOUT = re.compile(
    r"(?<![\w'-])(?P<cue>(?:talk|talks|talked|speak|speaks|spoke)\s+"
    r"(?:(?:[a-z]+ly|more|most|less|much|at\s+length|again|up|out)\s+){1,2}"
    r"(?:(?:on|at|in|during)\s+[^,;:\"]{1,30}?\s+)?(?:about|of)|"
    r"(?:made|makes|make|making)\s+(?:no|little|scant|only\s+passing)\s+mention\s+of|"
    r"(?:avoided|avoids)\s+(?:all|any)\s+mention\s+of)\s+(?=[A-Za-z$0-9])")
def _talked_about(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    part = text[s0:e0]
    if "mention of" not in part and "talk" not in part and "spok" not in part and (
            "speak" not in part):
        return None  # (the cheap test first)
    m = _TALKED_ABOUT.search(text, s0, e0)
    if m is None:
        return None
    cue = " ".join(m.group("cue").split())
    span = cue_subject(text, s0, m.start(), cue)
    if span is None or not valid(span[0], span[1], "said"):
        return None
    stop = _CLAUSE_END.search(text, m.end(), e0)
    cs, ce = trim_span(text, m.end(), stop.start() if stop else e0)
    if _words(text[cs:ce]) < 1:
        return None
    return Reported((cs, ce), (span[0], span[1]), span[2], cue, "stance", "lead",
                    ((span[0], cs),))


def _according_subject(text: str, ss: int, se: int, valid: Validator) -> tuple[int, int] | None:
    """The source after "according to": the phrase itself, or the authors of a document."""
    if valid(ss, se, "according to"):
        return ss, se
    doc = _DOCUMENT_BY.match(text, ss, se)
    if doc is not None and valid(doc.end(), se, "according to"):
        return doc.end(), se
    return None


def _lead(text: str, cues: CueIndex, s0: int, e0: int, valid: Validator) -> Reported | None:
    for cue in cues.within(s0, e0):
        if cue.family == "quote" or (cue.text.startswith("claim ") and _NOUN_USE.search(
                text, max(s0, cue.start - 8), cue.start)):
            continue  # "Reyes's claim that A": the noun rule reads it
        span = cue_subject(text, s0, cue.start, cue.text)
        if span is None or _named_head_first(text, span):
            # "Sen. X, facing a tough race, a swing state, said": the name opening the
            # sentence, not the last aside, is the subject
            span = _head_before_asides(text, cues, s0, cue.start, cue.text, valid) or span
        if span is None:
            continue
        ss, se, appos = span
        timed = _TIME_TAIL.search(text, ss, se)
        if timed is not None and timed.start() > ss and not valid(ss, se, cue.text):
            se = timed.start()
        se = _name_before_phrase(text, ss, se)
        if _inverted_after_comma(text, cues, s0, e0, cue.start, valid):
            lead_subject = parse_subject(text[ss:se])
            if lead_subject is None or lead_subject.kind != "named":
                return None  # "A, said X, a senior analyst": the trailing rule reads it
        if not valid(ss, se, cue.text):
            inner = _inner_subject(text, ss, se, cue.text, valid)
            if inner is not None:
                ss, appos = inner, None
            else:
                rel = _RELATIVE_TAIL.search(text, ss, se)
                named = (_name_at_end(text, ss, se, cue.text, valid)
                         if cue.family == "speech" or _words(text[ss:se]) <= 4 else None)
                if rel is not None and valid(ss, rel.start(), cue.text):
                    # "Democrats in Iowa who watched the debate said": the head before "who"
                    se, appos = rel.start(), text[rel.start() : se].strip()
                elif named is not None:
                    ss, appos = named, None
                else:
                    tail = _phrase_before_who(text, s0, cue.start, cue.text, valid)
                    head = None if tail is not None else _head_before_asides(
                        text, cues, s0, cue.start, cue.text, valid)
                    if tail is not None:
                        (ss, se), appos = tail, None
                    elif head is not None:
                        ss, se, appos = head
                    else:
                        continue
        if cue.family == "speech":
            m = _THAT_SUBJECT.match(text, cue.end, e0) or THAT_AFTER_CUE.match(text, cue.end, e0)
            day = _TIME_AFTER_CUE.match(text, cue.end, e0) if m is None else None
            if day is not None:
                if (_PLACE_TAIL.match(text, day.end(), e0) is not None
                        and not _CLAUSE_VERB.search(text, day.end(), e0)):
                    continue  # "A, officials said Tuesday at a briefing."
                m = _NO_THAT.match(text, day.end(), e0)
            if m is None:
                m = _PP_THEN_CLAUSE.match(text, cue.end, e0) or _NO_THAT.match(text, cue.end, e0)
                if (
                    m is None
                    or _PREPOSITION_START.match(text, m.end(), e0)
                    or _NOT_A_CLAUSE.match(text, m.end(), e0)
                ):
                    continue
        else:
            m = _NO_THAT.match(text, cue.end, e0)
            if m is None or (_PASSIVE.search(text, max(s0, cue.start - 12), cue.start)
                             and not cue.text.endswith(_PROGRESSIVE)):
                continue  # "he was criticized by": the subject did not say it (but "she is
                # calling for" is the progressive: she did)
            if (cue.text.rsplit(None, 1)[-1] not in _PREPOSITION_CUE_ENDS
                    and _PREPOSITION_START.match(text, m.end(), e0)
                    and not (cue.text.rsplit(None, 1)[-1] in _TO_INFINITIVE_CUES
                             and _TO_INFINITIVE.match(text, m.end(), e0))):
                continue  # "praised for his record", "blamed on the heat"
            rel = _RELATIVE_COMMA.search(text, m.end(), e0)
            if rel is not None and cue.text.lower().startswith("point") and any(
                    c.family == "speech" for c in cues.within(rel.end(), e0)):
                # "pointed to costs, which the auditor said had doubled": the evidence cited
                # is the auditor's statement (the other stance verbs keep their object)
                continue
        cs, ce = trim_span(text, m.end(), e0)
        if _subordinate(text, s0, ss):
            # "While some friends say A, others say B": A ends with the subordinate clause
            stop = _SUBORDINATE_END.search(text, cs, ce)
            if stop is not None:
                ce = stop.start()
        if (_words(text[cs:ce]) < (_MIN_WORDS if cue.family == "speech" else _MIN_STANCE_WORDS)
                and not (cue.family == "speech" and _short_clause(text, cs, ce))):
            continue
        regions = [(ss, cs)]
        if ss > s0 and _INTRO_WITH_CONTEXT.match(text, s0, ss):
            regions.append((s0, ss))
        before = trim_span(text, s0, ss)
        if (cue.family == "speech" and "," in text[cue.end : cs]
                and text[s0:ss].rstrip().endswith(",") and _words(text[before[0]:before[1]]) >= 2
                and not cues.within(s0, ss) and not _INTRO_WITH_CONTEXT.match(text, s0, ss)):
            # "The new line, she said, will open in spring": the words before the
            # attribution are the content's first part
            return Reported((before[0], ce), (ss, se), appos, cue.text, cue.family, "trailing",
                            tuple(regions), (before, (cs, ce)))
        return Reported((cs, ce), (ss, se), appos, cue.text, cue.family, "lead", tuple(regions))
    return None


# "In a spring debate, while most rivals called for A, Reyes hewed to B": the subordinate
# clause may follow an introductory phrase (twelfth pass).
_SUBORDINATE_AFTER_INTRO = re.compile(
    r",\s*(?:while|though|although|whereas|even\s+though|even\s+as)\s+$")


def _subordinate(text: str, s0: int, ss: int) -> bool:
    """Whether the subject at ``ss`` opens a subordinate clause ("While some say A, ...")."""
    return ((SUBORDINATE_OPENING.match(text, s0, ss) is not None
             and text[s0:ss].count(" ") <= 2)
            or _SUBORDINATE_AFTER_INTRO.search(text, s0, ss) is not None)


_NOUN_USE = re.compile(r"(?:'s|'|\b(?:his|her|its|their|the|a|this|that|my|our|your))\s+$")
_SUBORDINATE_END = re.compile(r",\s|\s--?\s")
_RELATIVE_COMMA = re.compile(r",\s+(?:which|who|whom)\s")
_LEAD_CONJUNCTION = re.compile(r"\s*(?:And|But|So|Yet|Still|Then|Also)\s+(?=\S)")
_MAX_ASIDES = 4


def _named_head_first(text: str, span: tuple[int, int, str | None]) -> bool:
    """True when a subject cut from the last of several asides ("facing a tough race") is
    no name and a comma stands before it: the sentence's opening phrase may be the subject."""
    before = span[0] - 1
    while before > 0 and text[before].isspace():
        before -= 1
    if before <= 0 or text[before] != ",":
        return False
    mention = parse_subject(text[span[0] : span[1]])
    return mention is None or mention.kind != "named" or _place(mention)


def _place(mention: Mention) -> bool:
    """"West Virginia" cut from "X, speaking at a rally in Charleston, West Virginia, said":
    a place closing an aside, not the subject (eleventh pass)."""
    name = (mention.name or "").lower()
    return bool(name) and (name in STATE_NAMES or name in _US_STATES
                           or all(w.strip(".,") in PLACE_WORDS for w in name.split()))


_US_STATES = frozenset(s.replace("_", " ") for s in str.split(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia "
    "hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts "
    "michigan minnesota mississippi missouri montana nebraska nevada new_hampshire new_jersey "
    "new_mexico new_york north_carolina north_dakota ohio oklahoma oregon pennsylvania "
    "rhode_island south_carolina south_dakota tennessee texas utah vermont virginia "
    "washington west_virginia wisconsin wyoming"))


def _head_before_asides(
    text: str, cues: CueIndex, s0: int, cue_start: int, cue: str, valid: Validator
) -> tuple[int, int, str] | None:
    """``Sen. X, facing a tough race in Ohio, a swing state, said``, ``Another pollster, Y of
    Z University, said``: when the words before the cue end with a comma and every reading of
    the last phrase failed, the sentence's opening phrase up to its first comma is the subject
    and the phrases after it describe it (eighth pass); never across a cue or a quotation."""
    end = cue_start - 1
    while end > s0 and text[end].isspace():
        end -= 1
    if text[end] != "," or '"' in text[s0:end]:
        return None
    lead = _LEAD_CONJUNCTION.match(text, s0, end)
    start = lead.end() if lead else s0
    while start < end and text[start].isspace():
        start += 1
    first = text.find(",", start, end)
    if first <= start or text.count(",", first, end + 1) > _MAX_ASIDES:
        return None
    if any(c.family == "speech" for c in cues.within(start, end)):
        return None
    aside = text[first + 1 : end].strip()
    if not aside:
        return None
    head_ok = valid(start, first, cue)
    head = parse_subject(text[start:first]) if head_ok else None
    if head is not None and head.kind == "named":
        return start, first, aside
    # "Another pollster, David Wood of Clemson University, said": the name is the first aside
    a0 = first + 1
    while a0 < end and text[a0].isspace():
        a0 += 1
    a1 = text.find(",", a0, end)
    a1 = end if a1 < 0 else a1
    if _FULL_NAME_ASIDE.fullmatch(text, a0, a1) and valid(a0, a1, cue):
        return a0, a1, text[start:first].strip()
    return (start, first, aside) if head_ok else None


_FULL_NAME_ASIDE = re.compile(r"[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,3}(?:\s+of\s+.{2,60})?")


def _inverted_after_comma(
    text: str, cues: CueIndex, s0: int, e0: int, cue_start: int, valid: Validator
) -> bool:
    """``A, said Dan Reyes, director of ...``: an inverted cue right after a comma, with a
    speaker after it, attributes the words before the comma (eighth pass: the lead rule took
    the clause before the comma for the subject and the name for the content)."""
    comma = cue_start - 1
    while comma > s0 and text[comma].isspace():
        comma -= 1
    if text[comma] != ",":
        return False  # (the cheap test first: every cue of every sentence comes here)
    inv = INVERTIBLE.match(text, cue_start, e0)
    if inv is None or _NAME_AFTER_CUE.match(text, inv.end(), e0) is None:
        return False  # "X, an organizer, said he expected": the lead's own appositive
    found = _trailing_at(text, cues, comma + 1, e0, valid)
    return (found is not None and _words(text[s0:comma]) >= _MIN_WORDS
            and (found[0][1] == e0 or text[found[0][1]] == ","))


# A speaker after an inverted cue opens on a capital, never on a pronoun ("said he expected").
_NAME_AFTER_CUE = re.compile(r"\s+(?!(?:He|She|They|It|We|I|You)\b)[A-Z]")


# Where a clause may open inside the words before a cue: "Manafort did not respond, but he
# was copied on the questions and Gates said ...", "74 percent said A, while 22 percent said".
# (eleventh pass: a dash opens a clause too: "X knows it — she told the Ledger that")
_INNER_OPENER = re.compile(
    r"(?:,\s*|\s)(?:and|but|while|whereas|so|yet|although|though|because|as|since|when|"
    r"after|before|if|then|and\s+then|but\s+then|which|that|whom)\s+(?=\S)"
    r"|\s(?:--?|\u2013|\u2014)\s+(?=\S)")


# ", who said", ", many of whom said" (sixth pass: the share of a group named just before)
_WHO_END = re.compile(
    r",?\s+(?:(?:many|most|some|all|several|few|both|each|none|half|one|two|three|four)"
    r"\s+of\s+(?:whom|them)|who)\s*$")
_MAX_HEAD_WORDS = 5


def _phrase_before_who(
    text: str, s0: int, cue_start: int, cue: str, valid: Validator
) -> tuple[int, int] | None:
    """``... came from a young child, who said``, ``leads among voters who say``: the relative
    pronoun speaks for the noun phrase just before it (the longest of its last few words that
    reads as a speaker)."""
    who = _WHO_END.search(text, s0, cue_start)
    if who is None:
        return None
    end = who.start()
    starts = [m.end() for m in _SPACE.finditer(text, s0, end)][-_MAX_HEAD_WORDS:]
    for i, start in enumerate(starts):
        first = text[start : text.find(" ", start, end) if " " in text[start:end] else end]
        if (i < len(starts) - 1 and not first[:1].isupper() and not first[:1].isdigit()
                and first.lower() not in _HEAD_OPENERS):
            continue  # "leads among voters": a phrase opens on a determiner or a name
        if valid(start, end, cue):
            return start, end
    return None


_HEAD_OPENERS = frozenset(str.split(
    "a an the some many most several few those these other all both each one two three four "
    "five six seven eight nine ten his her their its our"))


_SPACE = re.compile(r"\s+")
_MAX_NAME_WORDS = 4
_MAX_DESCRIBED_WORDS = 7
_NOT_BEFORE_NAME = frozenset(str.split(
    "in on at of for from to with by like as into over under about than and or but that which "
    "who whom when where while if because since after before against between among across"))


def _name_at_end(text: str, ss: int, se: int, cue: str, valid: Validator) -> int | None:
    """``Real Time host Bill Maher said``, ``A teary-eyed Bush says``: when the whole phrase
    before a cue reads as no speaker, the longest run of its last few words that opens on a
    capital and reads as one is the speaker (the words before it describe them)."""
    if _words(text[ss:se]) > _MAX_DESCRIBED_WORDS:
        return None  # a whole clause before the cue, not a described name
    starts = [m.end() for m in _SPACE.finditer(text, ss, se)][-_MAX_NAME_WORDS:]
    for start in starts:
        before = text[ss:start].split()
        if before and before[-1].lower().strip(",") in _NOT_BEFORE_NAME:
            continue  # "the fusillade in Colorado": a place after a preposition
        if text[start].isupper() and valid(start, se, cue):
            mention = parse_subject(text[start:se])
            if mention is not None and mention.kind == "named":
                return start
    return None


# "Sean Spicer on Thursday evening said", "Clinton last week said": the time between subject
# and verb is no part of the subject.
_TIME_TAIL = re.compile(
    r",?\s+(?:(?:on|late|early|earlier|last|this|that|in\s+an?\s+\w+)\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|night|"
    r"morning|afternoon|evening|weekend|interview|statement)(?:\s+(?:morning|afternoon|evening|"
    r"night))?,?\s*$")
_RELATIVE_TAIL = re.compile(r"\s+(?:who|whose|that)\s")


# "Tomas Reyes at the time said", "X on Twitter said", "X in a Medium post said": a phrase of
# time, place or medium between a name and its cue (sixth pass).
_PHRASE_TAIL = re.compile(
    r"\s+(?:at\s+(?:the\s+time|one\s+point|an?\s+(?:\w+\s+){0,2}(?:rally|conference|"
    r"hearing|briefing|debate|event|meeting|forum|town\s+hall))|"
    r"on\s+(?:Twitter|Facebook|Instagram|television|TV|the\s+radio|the\s+campaign\s+trail)|"
    r"in\s+(?:an?|his|her|their|the)\s+(?:[\w'-]+\s+){0,2}(?:tweet|post|statement|interview|"
    r"letter|e-?mail|video|speech|op-ed|column|memo|essay|book|appearance|remarks)|"
    r"during\s+(?:an?|the|his|her)\s+(?:[\w'-]+\s+){0,2}(?:interview|speech|debate|rally|"
    r"hearing|appearance|call|visit))(?:\s+[^,\"]{0,30})?$")


def _name_before_phrase(text: str, ss: int, se: int) -> int:
    """Where the subject ends when a name is followed by such a phrase (else ``se``)."""
    tail = _PHRASE_TAIL.search(text, ss, se)
    if tail is None or tail.start() <= ss:
        return se
    head = parse_subject(text[ss : tail.start()])
    if head is None or head.kind != "named":
        return se
    whole = parse_subject(text[ss:se])
    return se if whole is not None and whole.kind == "named" else tail.start()


def _inner_subject(text: str, ss: int, se: int, cue: str, valid: Validator) -> int | None:
    """The start of the shortest-clause subject that ends at ``se``, when the phrase before a
    cue is a whole clause and its subject is what follows a conjunction inside it."""
    for m in _INNER_OPENER.finditer(text, max(0, ss - 1), se):
        if m.end() < se and valid(m.end(), se, cue):
            return m.end()
    return None


def _trailing(
    text: str, cues: CueIndex, s0: int, e0: int, valid: Validator
) -> Reported | None:
    return (_trailing_end(text, cues, s0, e0, valid) or _outlet_reported(text, s0, e0, valid)
            or _parenthetical(text, cues, s0, e0, valid))


# "..., The Hill reported.", "..., the AP first reported.": an outlet's past report of the
# news is its claim (the present "Trend reports" is a newsroom's dateline and is cut before).
_REPORTED_TAIL = re.compile(
    # eighth pass: an adjective after "the" and "of" inside the name ("the nonpartisan
    # Congressional Budget Office", "the University of Michigan")
    r",\s*(?P<subj>(?:the\s+(?:[a-z]+\s+)?)?[A-Z][\w.&'-]*"
    r"(?:\s+(?:of\s+)?[A-Z][\w.&'-]*){0,4})\s+"
    r"(?:first\s+|previously\s+|also\s+)?(?P<cue>reported)"
    # '..., the Gazette reported last week.', '..., the Post reported, citing a source.'
    r"(?:\s+(?:on\s+|late\s+|early\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|yesterday|today|tonight|(?:last|this|earlier\s+this)\s+(?:week|month|year)|"
    r"in\s+(?:19|20)\d\d))?(?:,\s+citing\s[^,\"]{1,80}|\s+--?\s[^\"]{1,120})?\s*$")


def _outlet_reported(text: str, s0: int, e0: int, valid: Validator) -> Reported | None:
    m = _REPORTED_TAIL.search(text, s0, e0)
    if m is None or not valid(*m.span("subj"), "reported"):
        return None
    cs, ce = trim_span(text, s0, m.start())
    if _words(text[cs:ce]) < _MIN_WORDS:
        return None
    return Reported((cs, ce), m.span("subj"), None, "reported", "speech", "trailing",
                    ((m.start() + 1, e0),))


_MAX_ATTRIBUTION = 120  # characters of an attribution set between commas


def _parenthetical(
    text: str, cues: CueIndex, s0: int, e0: int, valid: Validator
) -> Reported | None:
    """``A, he said, B`` / ``A, said X, B``: the attribution between two commas inside the
    content; the claim is A and B, stored as two parts of one claim."""
    at = text.find(",", s0 + 1, e0)
    while at >= 0:
        nxt = text.find(",", at + 1, min(e0, at + _MAX_ATTRIBUTION))
        if nxt < 0:
            return None
        found = _trailing_at(text, cues, at + 1, nxt, valid)
        if found is not None:
            (ss, se), appos, cue = found
            first = trim_span(text, s0, at)
            rest = trim_span(text, nxt + 1, e0)
            if _words(text[first[0] : first[1]]) >= 2 and _words(text[rest[0] : rest[1]]) >= 2:
                return Reported((first[0], rest[1]), (ss, se), appos, cue, "speech",
                                "trailing", ((at + 1, nxt),), (first, rest))
        at = nxt
    return None


def _trailing_end(
    text: str, cues: CueIndex, s0: int, e0: int, valid: Validator
) -> Reported | None:
    commas: list[int] = []
    at = e0
    while len(commas) < 3:
        at = text.rfind(",", s0 + 1, at)
        if at < 0:
            break
        commas.append(at)
    for comma in commas:
        lo = comma + 1
        found = _trailing_at(text, cues, lo, e0, valid)
        if found is None:
            continue
        (ss, se), appos, cue = found
        cs, ce = trim_span(text, s0, comma)
        if _words(text[cs:ce]) < _MIN_WORDS:
            return None
        return Reported((cs, ce), (ss, se), appos, cue, "speech", "trailing", ((lo, e0),))
    return None


# "..., said his survey showed": a clause after the cue, no inverted speaker (eighth pass).
_CLAUSE_AFTER_CUE = re.compile(r"\s+(?:his|her|their|its|our|my|he|she|they|it|we|I|that)\s")


def _trailing_at(
    text: str, cues: CueIndex, lo: int, e0: int, valid: Validator
) -> tuple[tuple[int, int], str | None, str] | None:
    start = lo
    while start < e0 and text[start].isspace():
        start += 1
    inv = INVERTIBLE.match(text, start, e0)
    if inv and _CLAUSE_AFTER_CUE.match(text, inv.end(), e0) is None:
        ss = inv.end()
        while ss < e0 and text[ss].isspace():
            ss += 1
        if ss < e0 and valid(ss, e0, inv.group()):
            return (ss, e0), None, text[inv.start() : inv.end()]
        comma = text.find(",", ss, e0)
        if comma > ss and valid(ss, comma, inv.group()):
            # "..., said Sherman, a reporter whose beat is the Hill.": the name, then who
            return (ss, comma), text[comma + 1 : e0].strip() or None, text[inv.start() : inv.end()]
    for cue in cues.within(start, e0):
        if cue.family != "speech":
            continue
        span = subject_span(text, lo, cue.start)
        if span is None:
            return None
        ss, se, appos = span
        if ss != start or not valid(ss, se, cue.text):
            return None
        if not _TRAILING_REST.match(text, cue.end, e0):
            return None
        return (ss, se), appos, cue.text
    return None


@dataclass(frozen=True, slots=True)
class Question:
    """A question put to someone ("Asked whether A, X said ..."): what was asked, and who
    asked it when the text says so ("asked by a reporter")."""

    content: tuple[int, int]
    asker: tuple[int, int] | None
    cue: tuple[int, int]


# "Asked whether ...", "when asked about ...", "was asked by Y if ...": the question is a
# statement put to the speaker; its asker is named only after "by" (eighth pass: unnamed
# askers).  Before "Asked" stands a sentence start, a comma or a word opening a clause.
_ASKED = re.compile(
    r"(?P<cue>[Aa]sked)"
    r"(?:\s+by\s+(?P<asker>(?:an?|the|one)\s+[a-z][\w'-]*|[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2}))?"
    r"(?:\s+(?:on|in|at|during|last|this|later|again|earlier|repeatedly|directly)"
    r"(?:\s+[A-Za-z][\w'.-]*){0,3}?)?"
    # twelfth pass: an adverb before the question ("Asked specifically what A"), or the
    # question named ("Asked a direct question about A")
    r"(?:\s+(?:specifically|directly|repeatedly|recently|again|later|twice))?"
    r"\s+(?P<wh>whether|if|about|what|how|why|who|which|where|when|"
    r"(?:a|an|the)\s+(?:[a-z]+\s+)?question)\s")
# What may stand just before "asked": a clause opener or a passive auxiliary ("When asked",
# "he was asked", "Sanders, asked"); "Trump asked whether" is the speaker's own question.
_BEFORE_ASKED = re.compile(
    r"(?:[,;:]|\b(?:[Ww]hen|[Aa]fter|[Oo]nce|[Aa]s|was|were|been|being|is|are)"
    r")\s*$")
_PASSIVE_ASKED = re.compile(r"\b(?:was|were|been|being)\s+(?:also\s+|again\s+)?$")
_MIN_QUESTION_WORDS = 3
_MIN_TOPIC_WORDS = 4
_CLAUSE_AFTER_QUESTION = re.compile(r"(?:he|she|they|I|we|(?:the\s+)?[A-Z][\w'.-]*"
                                    r"(?:\s+[A-Z][\w'.-]*){0,2}|(?:the|most|many|some)\s+"
                                    r"[a-z][\w'-]*)\s+[a-z]")


def find_question(text: str, cues: CueIndex, s0: int, e0: int) -> list[Question]:
    """The questions put to someone in one sentence (usually none)."""
    if text.find("sked ", s0, e0) < 0:
        return []  # (the cheap test first: every sentence comes here)
    out: list[Question] = []
    for m in _ASKED.finditer(text, s0, e0):
        if (text[s0 : m.start()].strip()
                and _BEFORE_ASKED.search(text, max(s0, m.start() - 12), m.start()) is None):
            continue
        cs = m.start("wh")
        quote = text.find('"', cs, e0)
        limit = quote if quote >= 0 else e0
        ce = limit
        # the question ends where the main clause (a speech cue after a comma) begins
        at = text.find(",", cs, limit)
        while at >= 0:
            nxt = text.find(",", at + 1, limit)
            if any(c.family == "speech" for c in cues.within(at + 1, nxt if nxt >= 0 else limit)):
                ce = at
                break
            at = nxt
        else:
            if quote >= 0:
                ce = text.rfind(",", cs, limit)  # 'Asked if A, Trump replied, "..."'
                if ce < 0:
                    continue
        opening = not text[s0 : m.start()].strip() and ce == e0
        if opening:
            # "Asked whether A, Reyes gave a roundabout answer": a question opening the
            # sentence ends at its comma though no speech verb follows (twelfth pass)
            comma = text.find(", ", cs, e0)
            if comma > 0 and _CLAUSE_AFTER_QUESTION.match(text, comma + 2, e0):
                ce = comma
        cs, ce = trim_span(text, cs, ce)
        if (quote < 0 and not (opening and ce < e0)
                and not any(c.family == "speech" and not cs <= c.start < ce
                            for c in cues.within(s0, e0))
                and not (m.group("wh") == "about"
                         and _PASSIVE_ASKED.search(text, max(s0, m.start() - 12), m.start()))):
            continue  # "X was asked whether A.": no answer in the sentence, an aside (but "X
            # was asked about A" reports the topic put to X: eleventh pass)
        least = _MIN_TOPIC_WORDS if m.group("wh") == "about" else _MIN_QUESTION_WORDS
        if _words(text[cs:ce]) < least or '"' in text[cs:ce]:
            continue  # "Asked about the deficit, X put it this way": a topic, not a question
        asker = m.span("asker") if m.group("asker") else None
        out.append(Question((cs, ce), asker, m.span("cue")))
    return out



def subject_without_tail(text: str, ss: int, se: int) -> int:
    """Where a subject ends once a time ("X on Tuesday") or a phrase after its name is cut."""
    timed = _TIME_TAIL.search(text, ss, se)
    if timed is not None and timed.start() > ss:
        se = timed.start()
    return _name_before_phrase(text, ss, se)
