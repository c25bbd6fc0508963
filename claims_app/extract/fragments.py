"""Paraphrases carrying a quoted fragment that no other rule claimed.

``Kelly said Arizona had become a "winnable state"``, ``he called her "weak"``, ``Reyes,
however, described the plan as "a gift to landlords"``: the quoted words are a piece of a
statement the writer paraphrases.  The sentence rules of :mod:`reported` read one statement per
sentence and give up on a subject they cannot cut; a quotation left over after them still says
that someone spoke.  This last pass looks back from such a quotation, inside its own clause, for
the verb that reports it and the speaker before that verb, and claims the words after the verb.

The readings are tried in this order (eleventh pass, all from PolNeAR train misses):

* a cue or a label verb before the quotation, its speaker cut as the sentence rules cut it,
  else the words right before the verb ("- he called her "reckless""), else the name opening
  the sentence past asides ("Ada Brenn, the author of "Salt Roads," said ...");
* a noun of speech owned by its speaker ("his call for "...", "Moll's pledge to "...");
* any verb right after a named or pronoun speaker ("she devoted her speech to the "..."").

A name or a title in marks ("Harbor Watch TV") is read only right after its verb (twelfth pass:
any verb of a speaker, outside the headline and not after the noun of a work).  Separately,
``coordinated_split`` cuts a claim holding two statements, each with its own quotation, or
(twelfth pass) a first statement and a second opened by a speech verb that holds the
quotation ("denied it, dismissing him as "..."").

Size: one pass read top to bottom: the readings of a left-over quotation and the splits of a
claim holding two statements share the verb lists and the speaker cuts, and each reading is
tried only where the ones before it gave up, so they stay side by side.
"""

from __future__ import annotations

import re

from claims_app.extract.cues import CueIndex, sentence_subject
from claims_app.extract.reported import (
    LABEL_VERBS,
    THAT_AFTER_CUE,
    Reported,
    Validator,
    cue_subject,
    speech_quote,
    subject_without_tail,
    trim_span,
)
from claims_app.extract.segments import Segment
from claims_app.extract.speakers import parse_subject

__all__ = ["coordinated_split", "fragment_report"]

_TITLE_BEFORE = re.compile(r"(?:\b(?:on|in|with|of|from|at|to|by|for)|[A-Za-z]'s?)\s*$")
_WORK_BEFORE = re.compile(
    r"\b(?:podcast|show|book|film|movie|series|album|song|program|programme|column|segment|"
    r"play|novel|memoir|documentary|marquee|musical)\s*,?\s*$")
_SENTENCE_END = re.compile(r"[.!?][\")]?\s*$")
_TITLE_AFTER = re.compile(r"\s*,?\s*(?:written|directed|produced|published|by)\b")
_NAME_REACH = 4  # words between a verb and the name or title in marks it reports
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+ly\s+)?$")


def _speaker(text: str, lo: int, ts: int, cue: str,
             valid: Validator) -> tuple[int, int, str | None] | None:
    """The speaker before the verb at ``ts``: the subject the sentence rules cut, else the
    longest run of the last few words before the verb that reads as a speaker ("- he called",
    "who Beck on Wednesday called", "in fact, she said")."""
    span = cue_subject(text, lo, ts, cue)
    if span is not None:
        ss, se, appos = span
        se = subject_without_tail(text, ss, se)
        if ss < se and valid(ss, se, cue):
            return ss, se, appos
    near = _near_speaker(text, lo, ts, cue, valid)
    if near is not None:
        return near[0], near[1], None
    who = _WHO_BEFORE.search(text, max(lo, ts - _NEAR_CHARS), ts)
    if who is not None:
        # "Mayor Tomas Reyes - who previously said he would "...": the name before "who"
        named = _near_speaker(text, lo, who.start(), cue, valid)
        if named is not None:
            return named[0], named[1], None
    before = text[lo:ts].rstrip()
    if before.endswith(",") or (before.endswith(',"') and cue.split()[0].endswith("ing")):
        # 'Hemsley, the co-author of "Going Viral," said', 'Giuliani, who backs him, trashed
        # the report, calling it "...": the name opening the sentence, past its asides; a
        # participle may follow a quotation's comma ('said it was "broken," noting that'),
        # whereas a verb right after one attributes it ('"...," said Reyes, whose ...')
        head = sentence_subject(text, lo, ts)
        if head is not None and head[1] < ts and valid(*head, cue):
            return head[0], head[1], None
        opener = _PRONOUN_OPENING.match(text, lo, ts)
        if opener is not None and valid(*opener.span("pronoun"), cue):
            # "Then he cut into Bush, calling him a "stiff"": the clause opens on a pronoun
            return opener.start("pronoun"), opener.end("pronoun"), None
        if before.endswith(",") and cue.split()[0].endswith("ing"):
            # 'Mr. Manafort, citing "...," said': the name alone before the participle's
            # comma opens the sentence (twelfth pass)
            name = _near_speaker(text, lo, lo + len(before) - 1, cue, valid)
            if name is not None and not text[lo : name[0]].strip():
                return name[0], name[1], None
    return None


# Verbs no cue lists that carry someone's quoted words ('X, citing "...", said', 'thanked
# her for "..."', 'summed up Y as "..."', 'shouting "..."', 'a sign reading "..."', 'an audit
# found that riders were "..."') (twelfth pass); "terms", "names", "lists" are mostly nouns
# and stay out.
_QUOTING_VERBS = re.compile(
    r"(?<![\w-])(?:cit(?:e|es|ed|ing)|thank(?:s|ed|ing)|identif(?:y|ies|ied|ying)|"
    r"summ(?:ed|ing|s)\s+up|sums\s+up|shout(?:s|ed|ing)|yell(?:s|ed|ing)|"
    r"interject(?:s|ed|ing)|dub(?:s|bed|bing)|chant(?:s|ed|ing)|term(?:ed|ing)|"
    r"proclaim(?:s|ed|ing)|utter(?:s|ed|ing)|pronounc(?:e|es|ed|ing)|"
    r"endors(?:e|es|ed|ing)|oppos(?:e|es|ed|ing)|read(?:s|ing)|blare(?:s|d)|nam(?:ed|ing)|"
    r"hits|echo(?:es|ed|ing)|found|finds)(?![\w-])")
_WHO_BEFORE = re.compile(
    r"\s*(?:,|\s-+|\()\s*who\s+(?:(?:has|have|had|also|previously|once|later|recently|"
    r"repeatedly|then|already|often|long)\s+)*$")
_ASIDE_CLOSE = re.compile(r"\s-+\s|\)")
_PRONOUN_OPENING = re.compile(
    r"\s*(?:(?:Then|But|And|So|Later|Still|Now|Instead|Meanwhile|Yet),?\s+)?"
    r"(?P<pronoun>he|she|they|He|She|They)\s+[a-z]")


def _near_speaker(text: str, lo: int, ts: int, cue: str,
                  valid: Validator) -> tuple[int, int] | None:
    """The longest run of the last few words before the verb at ``ts`` that reads as a
    speaker, with nothing but adverbs or a time between them and the verb."""
    words = [m for m in _WORD.finditer(text, max(lo, ts - _NEAR_CHARS), ts)]
    end = ts
    while words and (words[-1].group().lower() in _SKIP or _LY.fullmatch(words[-1].group())):
        end = words[-1].start()
        words.pop()  # "he later said", "Trump on Friday called"
    if words and text[words[-1].end() : end].strip():
        return None  # a comma or a dash between the speaker and the verb
    run: list[re.Match[str]] = []
    for w in reversed(words):
        if w.group().lower() in _STOP or text[w.end() : (run[0].start() if run else end)].strip():
            break
        run.insert(0, w)
        if len(run) >= _NEAR_WORDS:
            break
    for i in range(len(run)):
        ss, se = run[i].start(), run[-1].end()
        if valid(ss, se, cue):
            return ss, se
    return None


_WORD = re.compile(r"[\w.'-]+")
_LY = re.compile(r"[a-z]{3,}ly")
_NEAR_CHARS = 80
_NEAR_WORDS = 6
# Words between a speaker and the verb: auxiliaries, adverbs, a time ("on Wednesday").
_SKIP = frozenset(str.split(
    "has have had also then later again once previously recently repeatedly already even "
    "on monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "earlier last week this would will did does do not never often always still just since "
    "first at one point in the past further instead"))
# Words no speaker phrase runs across.
_STOP = frozenset(str.split(
    "and but or who whom which that what when while where because as if after before since "
    "than so though although until of for to in at by with from about into on"))


def fragment_report(text: str, cues: CueIndex, sent: Segment, q_open: int, q_close: int,
                    blocked: list[tuple[int, int]], valid: Validator) -> Reported | None:
    """The statement that carries the quotation ``text[q_open:q_close + 1]``, or None.

    ``blocked`` are quotations already claimed: a verb before one of them reports it, not
    this one.
    """
    # a name or a title in marks ("Chris", "Great Satan") only right after its verb
    named = not speech_quote(text, q_open, q_close + 1)
    if named and (_TITLE_BEFORE.search(text, max(sent.start, q_open - 30), q_open)
                  or _TITLE_AFTER.match(text, q_close + 1)):
        return None  # 'on CBS's "Face the Nation"', '"Brokers," written by': a title
    lo = sent.start
    semi = text.rfind(";", sent.start, q_open)
    if semi >= 0:
        lo = semi + 1
    triggers: dict[int, tuple[int, int, str]] = {}
    for match in cues.within(lo, q_open):
        triggers[match.start] = (match.start, match.end, match.text)
    for m in LABEL_VERBS.finditer(text, lo, q_open):
        triggers.setdefault(m.start(), (m.start(), m.end(), m.group()))
    for m in _QUOTING_VERBS.finditer(text, lo, q_open):
        triggers.setdefault(m.start(), (m.start(), m.end(), m.group()))
    for ts, te, cue in sorted(triggers.values(), reverse=True):
        if any(ts < o < q_open for o, _c in blocked):
            break  # this verb reports an earlier quotation
        if _PASSIVE_BEFORE.search(text, max(lo, ts - 20), ts):
            continue
        if named and len(text[te:q_open].split()) > _NAME_REACH:
            continue
        found = _speaker(text, lo, ts, cue, valid)
        if found is None:
            continue
        ss, se, appos = found
        that = THAT_AFTER_CUE.match(text, te, q_open)
        cs = that.end() if that is not None else te
        cs, ce = trim_span(text, cs, _clause_end(text, lo, ss, q_close, sent.end))
        if _WHO_BEFORE.search(text, se, ts):
            # the relative clause of "X - who said A - went on" ends where its aside does
            close = _ASIDE_CLOSE.search(text, q_close + 1, ce)
            ce = trim_span(text, cs, close.start())[1] if close is not None else ce
        if not cs <= q_open < ce:
            continue
        cue = " ".join(cue.split())
        return Reported((cs, ce), (ss, se), appos, cue, "stance", "lead", ((ss, cs),))
    lo = max([lo, *(c for _o, c in blocked if c <= q_open)])  # after the claims before it
    if named:
        # 'Fenn identified the judge as "Danish"': a name in marks only close after any verb,
        # never in a headline nor after the noun of a work ('her podcast "Tide Talk"')
        if (_WORK_BEFORE.search(text, max(lo, q_open - 20), q_open) or sent.start == 0
                or not _SENTENCE_END.search(text, max(lo, sent.end - 3), sent.end)):
            return None
        label = _any_verb(text, lo, q_open, q_close, sent.end, valid)
        if label is None or len(text[label.content[0] : q_open].split()) > _NAME_REACH:
            return None
        return label
    return (_noun_cue(text, lo, q_open, sent.end, valid)
            or _any_verb(text, lo, q_open, q_close, sent.end, valid))


def _noun_cue(text: str, lo: int, q_open: int, end: int, valid: Validator) -> Reported | None:
    """'his call for "a total ban"', 'Reyes's pledge to stay "neutral"', 'her admission that
    it was "a mistake"': a noun of speech owned by its speaker carries the quoted words."""
    for m in reversed(list(_OWNED_NOUN.finditer(text, lo, q_open))):
        if text.count('"', m.end(), q_open) or text.count('"', lo, m.start()) % 2:
            continue  # another quotation between, or the noun inside one
        os_, oe = m.span("owner")
        if text.endswith("'s", os_, oe):
            oe -= 2
        elif text[oe - 1] == "'":
            oe -= 1
        if not valid(os_, oe, "said"):
            continue
        cs, ce = trim_span(text, m.end(), end)
        if (not cs <= q_open < ce or len(text[cs:q_open].split()) > _NOUN_REACH
                or _DASH.search(text, cs, q_open)):
            continue  # "treating X's remark first as a joke -- "..."": the words are not X's
        return Reported((cs, ce), (os_, oe), None, m.group("noun"), "speech", "lead",
                        ((os_, cs),))
    return None


_NOUN_REACH = 15  # words between the noun and the quotation it introduces
_DASH = re.compile(r"\s-+\s")
_OWNED_NOUN = re.compile(
    r"(?<![\w'])(?P<owner>his|her|their|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*(?:'s|'))"
    r"(?:\s+[a-z][\w-]*,?){0,3}?\s+(?P<noun>promises?|pledges?|calls?|claims?|assertions?|"
    r"contention|admission|suggestion|remarks?|comments?|statements?|description|"
    r"warnings?|vows?|accusations?|charges?|arguments?|insistence|demands?|message|answer|"
    r"predictions?|complaints?|embrace|dismissal|characterization|references?|proposals?|"
    r"slogan|mantra|refrain|boasts?|denunciations?|explanation|appeals?|plea|depiction|"
    r"portrayal|criticism|attacks?|rhetoric|words|view|insults?|responses?|rejection|"
    r"broadsides?|mangling|retort|reply|verdict)"
    r"(?:\s+(?:(?:was|is)(?:\s+that)?:?|that|to|of|for|about|on|as|against))?\s+")


def _clause_end(text: str, lo: int, ss: int, q_close: int, end: int) -> int:
    """Where the statement ends: with the sentence, or with the quotation when its speaker
    stands in a relative clause ('what employees have called a "scheme" took a turn')."""
    if _RELATIVE_BEFORE.search(text, max(lo, ss - 12), ss):
        return q_close + 1
    return end


_RELATIVE_BEFORE = re.compile(r"\b(?:what|which|that|whom|who|one|ones)\s+$", re.IGNORECASE)


def _any_verb(text: str, lo: int, q_open: int, q_close: int, end: int,
              valid: Validator) -> Reported | None:
    """'Rubio devoted his speech to the "forgotten middle class"', 'the board saw her as a
    "steady hand"': any verb right after a speaker reports the quoted words after it."""
    verbs = [(m.start(), m.end(), m.group()) for m in _VERB.finditer(text, lo, q_open)
             if m.group().lower() not in _NOT_REPORTING]
    # 'X refused to say the words "..."', 'X is trying to convince the courts that "..."':
    # the verb after a catenative one speaks for the subject before it (twelfth pass)
    verbs += [(m.start(), m.end(), " ".join(m.group().split()))
              for m in _CATENATIVE.finditer(text, lo, q_open)]
    for vs, ve, verb in sorted(verbs, reverse=True):
        if text.count('"', lo, vs) % 2:
            continue  # a word inside a quotation
        found = _near_speaker(text, lo, vs, verb, valid)
        if found is None:
            continue
        mention = parse_subject(text[found[0] : found[1]])
        if mention is None or mention.kind not in ("named", "pronoun"):
            continue  # "the public health crisis": a noun ending in -s after a noun phrase
        if verb.endswith("s") and text[found[1] - 1] == "s":
            continue  # "support among Republicans shows": a plural is not the verb's subject
        cs, ce = trim_span(text, ve, _clause_end(text, lo, found[0], q_close, end))
        if not cs <= q_open < ce:
            continue
        if _NO_OBJECT.match(text, cs):
            continue  # 'X campaigned in 2008, with a "theme"': the verb took no object
        return Reported((cs, ce), found, None, verb, "stance", "lead", ((found[0], cs),))
    return None


_CATENATIVE = re.compile(
    r"(?<![\w'-])(?:(?:is|are|was|were)\s+(?:trying|quick|eager|careful|going)|refused|"
    r"refuses|tried|tries|decided|decides|hoped|hopes|plans|planned|wants|wanted|sought|"
    r"seeks|continued|continues|began|begins|started|declined|declines|"
    r"used\s+(?:this|the|his|her|their|its)\s+\w+)\s+to\s+[a-z]+(?![\w'-])")


_NO_OBJECT = re.compile(r"(?:from|on|in|at|with|thus|just|was|were|up)\b")
_VERB = re.compile(r"(?<![\w'-])(?:[a-z]{2,}(?:ed|[^s's]s)|" + "|".join(sorted(str.split(
    "thought saw sees made makes put puts found finds gave gives took takes wrote spoke kept "
    "keeps left brought brings sent led leads won set sets held holds meant felt knew got "
    "gets told tells said says "
    # the plain form after "they", "we", "I" or a plural ("critics say", "they write")
    "say write state ask argue believe think remember call describe claim insist warn "
    "contend note hope fear worry prefer want urge see view consider"))) + r")(?![\w'-])")
# Verbs that link or help, reporting nothing ("seemed "angry"", "is a "must-win"").
_NOT_REPORTING = frozenset(str.split(
    "is was are were has does seems seemed appears appeared becomes became remains remained "
    "looks looked sounds sounded gets got needed needs used"))


# '... "a terrible deal" and ranked her among the worst "in the history of business"', '...
# "very encouraged" and Trump calling it a "great meeting"': a second verb, of the same
# speaker or of a name given with it, opens a second statement carrying its own quotation;
# "and" may follow a dash, "before" a participle, and an adverb ("pointedly") may stand
# before a participle of speech (twelfth pass).
_SPEAKING = (r"(?:accusing|calling|saying|claiming|adding|citing|describing|dismissing|"
             r"labeling|insisting|arguing|noting|warning|urging|praising|blaming|charging|"
             r"suggesting|vowing|promising|declaring|asking|telling|branding|deriding)")
_COORDINATED = re.compile(
    # '"provocative and expansionist," accusing it of "..."': a participle right after a
    # quotation's closing mark
    r"(?:(?<=\")\s*,?\s*(?=" + _SPEAKING + r"\b)|(?<=,\")\s*(?=" + _SPEAKING + r"\b)|"
    r"(?:,\s*|\s*-+\s*|\s+)(?:and|but|while)\s+(?:(?:then|also|later|later\s+even)\s+)?|"
    r"\s+before\s+(?=\w+ing\b))"
    r"(?:(?P<subj>he|she|they|[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})\s+)?"
    r"(?:(?:then|also|later)\s+|[a-z]{3,}ly\s+(?=" + _SPEAKING + r"\b))?"
    r"(?P<verb>[a-z]{3,}(?:ed|ing|[^s's]s)|" + "|".join(sorted(
        str.split("saw sees made put found gave took wrote spoke said says told tells"))) +
    r")(?:\s+(?:that|to|for|on|about|of|as))?\s+")


def coordinated_split(text: str, cs: int, ce: int, valid: Validator) -> tuple[
        tuple[int, int], tuple[int, int], tuple[int, int] | None, str] | None:
    """Where a claim's content holds two statements joined by "and" + a verb, each with a
    quotation of its own, or a first one without quotation and a speech verb ("..., adding
    that", "but agreed that", ", which Vale called", ", Rubio said only that") before the
    quotation: (first content, second content, the second's own speaker or None when the
    first's goes on, the second verb); None when it holds one."""
    tail = _speech_tail(text, cs, ce) or _named_second(text, cs, ce, valid)
    if tail is not None:
        return tail
    first_close = _first_close(text, cs, ce)
    if first_close < 0:
        return None
    for m in _COORDINATED.finditer(text, first_close, ce):
        if '"' not in text[m.end() : ce]:
            return None
        if m.group("verb") in _NOT_REPORTING:
            continue
        speaker = m.span("subj") if m.group("subj") else None
        if speaker is not None and not valid(*speaker, m.group("verb")):
            continue
        head = trim_span(text, cs, m.start())
        rest = trim_span(text, m.end(), ce)
        if head[1] <= head[0] or rest[1] <= rest[0]:
            return None
        return head, rest, speaker, m.group("verb")
    return None


def _first_close(text: str, cs: int, ce: int) -> int:
    """The offset just past the first quotation closed inside ``text[cs:ce]``, or -1."""
    first = text.find('"', cs, ce)
    second = text.find('"', first + 1, ce) if first >= 0 else -1
    return second + 1 if second >= 0 else -1


# '..., adding that he would "...", 'denied it, dismissing him as "..."', '... but agreed that
# the fleet had "..."': a speech verb after a comma or "and"/"but" opens a second statement of
# the same speaker, whose quotation is its own even when the first statement holds none
# (twelfth pass).
_SPEECH_PARTICIPLE = (
    r"(?:adding|noting|saying|arguing|suggesting|claiming|citing|vowing|dismissing|"
    r"responding|admitting|insisting|warning|calling|accusing|describing|praising|chiding|"
    r"blaming|pointing\s+to|declaring|promising|asserting|stressing|explaining|urging|"
    r"labeling|branding|deriding|complaining|predicting|charging|conceding|acknowledging|"
    r"contending|maintaining|lamenting|quipping|joking|tweeting|writing|telling)")
_SPEECH_PAST = (
    r"(?:said|added|agreed|implied|argued|suggested|warned|insisted|noted|claimed|called|"
    r"accused|described|dismissed|vowed|promised|declared|predicted|complained|conceded|"
    r"acknowledged|admitted|stressed|urged|tweeted|wrote|posted|told|asked|charged|"
    r"contended|maintained|praised|blasted|slammed|chided|derided|labeled|branded|quipped|"
    r"joked|lamented)")
_SPEECH_TAIL = re.compile(
    r"(?:(?:,\s*(?:and\s+|but\s+)?|\s+(?:and|but)\s+)(?:(?:then|also|later)\s+)?"
    r"(?P<part>" + _SPEECH_PARTICIPLE + r")|"
    r"(?:,\s*|\s+)(?:and|but)\s+(?:(?:then|also|later|only)\s+)?(?P<past>" + _SPEECH_PAST +
    r"))(?:\s+(?:that|to|of|as|on|about|for))?\s+")


def _speech_tail(text: str, cs: int, ce: int) -> tuple[
        tuple[int, int], tuple[int, int], None, str] | None:
    """The split of a claim whose quotation comes only after a second speech verb."""
    q = text.find('"', cs, ce)
    m = _SPEECH_TAIL.search(text, cs, q) if q >= 0 else None
    if m is None:
        return None
    head = trim_span(text, cs, m.start())
    rest = trim_span(text, m.end(), ce)
    if head[1] <= head[0] or rest[1] <= rest[0]:
        return None
    return head, rest, None, m.group("part") or m.group("past")


# 'pegged him at $2.9 billion, which Vale called "a disgrace"', 'After X argued that A, Rubio
# said only that his "..."', 'Graham, who says A, tweeted that "..."': a comma, then a speaker
# (or none: the sentence subject's) and a speech verb open a statement of their own, which
# holds the quotation (twelfth pass).
_NAMED_SECOND = re.compile(
    r",\s+(?P<rel>(?:which|what|both\s+of\s+which|all\s+of\s+which)\s+)?"
    r"(?:(?P<subj>(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w'-]*|he|she|they)\s+"
    r"(?:(?:also|now|later|then|once|has|had|have)\s+)*)?"
    r"(?P<verb>" + _SPEECH_PAST + r"|says|calls|writes|argues|insists|claims|warns)"
    r"(?:\s+only)?(?:\s+(?:that|of))?\s+")


def _named_second(text: str, cs: int, ce: int, valid: Validator) -> tuple[
        tuple[int, int], tuple[int, int], tuple[int, int] | None, str] | None:
    """The split of a claim at a comma, a speaker and a speech verb before its quotation."""
    for m in _NAMED_SECOND.finditer(text, cs, ce):
        if text.count('"', cs, m.start()) % 2 or '"' not in text[m.end() : ce]:
            continue
        speaker = m.span("subj") if m.group("subj") else None
        if speaker is None and not text.startswith("that", m.end() - 5):
            continue  # ', said the mayor': an inverted verb, not a second statement
        if speaker is not None and not valid(*speaker, m.group("verb")):
            continue
        end = ce
        if m.group("rel"):
            # 'which Vale called "a disgrace," blaming Lund': the relative clause ends with its
            # quotation (as in ``_clause_end``)
            close = _first_close(text, m.end(), ce)
            end = close if close > 0 else ce
        head = trim_span(text, cs, m.start())
        rest = trim_span(text, m.end(), end)
        if head[1] <= head[0] or rest[1] <= rest[0]:
            return None
        return head, rest, speaker, m.group("verb")
    return None
