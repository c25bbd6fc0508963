"""Compiled cue patterns: the verbs and phrases that mark speech, and the subject before them.

Kept apart from the rules that use them so that direct-quote attribution and reported speech
agree on what counts as a cue and on how a subject phrase is cut out of its sentence.

Size: the cue patterns and the subject-cutting rules stay in one module because each rule that
finds a cue then cuts its subject with the same word lists (the adverbs and openers a cue skips
are the ones a subject drops); split, the halves would share their private patterns.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from claims_app.extract.lexicon import (
    ADVERBS,
    FEELING_CUE,
    HEARER,
    QUOTE_ONLY_VERBS,
    ROLE_WORDS,
    SPEECH_VERBS,
    STANCE_CUES,
    TRAILING_ONLY_VERBS,
    VERBS_WITH_HEARER,
    alternation,
)
from claims_app.extract.speakers import person_head_noun

__all__ = ["CueMatch", "CueIndex", "INVERTIBLE", "SUBORDINATE_OPENING", "subject_span",
           "sentence_subject", "HEARER_RE", "leads"]

_SPEECH = alternation(SPEECH_VERBS)
_STANCE = alternation(STANCE_CUES)
_QUOTING = alternation(QUOTE_ONLY_VERBS)
# Only these verbs take a hearer ("told reporters"); trying the hearer after every "said"
# would cost a noun-phrase match per cue for nothing.
_HEARER_VERBS = alternation(VERBS_WITH_HEARER)
_AUX = r"(?:has|have|had)(?:\s+(?:also|repeatedly|already))?\s+"
_CUE = re.compile(
    rf"\b(?P<cue>(?:{_AUX})?(?:(?P<feeling>{FEELING_CUE})|(?P<stance>{_STANCE})|"
    rf"(?P<hverb>{_HEARER_VERBS})\s+(?P<hearer>{HEARER})|(?P<verb>{_SPEECH})|"
    rf"(?P<quoting>{_QUOTING})))(?![\w-])"
)
HEARER_RE = re.compile(HEARER)

#: Verbs that may come before their subject after a quotation ("added the representative").
INVERTIBLE = re.compile(
    r"(?:said|says|added|adds|noted|notes|stated|stressed|emphasized|emphasised|concluded|"
    r"explained|remarked|declared|announced|insisted|argued|warned|asserted|recalled|"
    r"acknowledged|admitted|confirmed|continued|wrote|replied|answered|responded|commented|"
    r"reiterated|went\s+on|asked|cautioned|observed|underlined|pointed\s+out|exclaimed|"
    r"interjected|gushed|tweeted|posted|testified|quipped|shot\s+back|fired\s+back|joked|"
    r"retorted|recounted|boasted|bragged|conceded|countered|pleaded|wondered|mused|marveled|"
    r"lamented|scoffed|snapped|shouted|yelled|cried|sighed|offered|texted|emailed|predicted|"
    # sixth pass: the present of news analysis ('"A," writes Nate Silver') and verbs of manner
    # ('"A," beamed X')
    r"writes|asks|tweets|explains|recalls|argues|warns|insists|observes|notes|continues|"
    r"concludes|replies|responds|adds|beamed|barked|deadpanned|grumbled|groused|fumed|sniffed|"
    r"cracked|chided|teased|hollered|roared|thundered|growled|whispered|murmured|screamed|"
    r"chuckled|laughed|chimed\s+in|cut\s+in|"
    # eleventh pass: '"A," opined the Gazette', '"B," reads an editorial', '"C," exhorted X'
    r"opined|exhorted|mocked|confessed|proclaimed|intoned|vowed|promised|reads|"
    # twelfth pass, speakers: more verbs a post-posed speaker follows ('"A," declares X, 27,',
    # '"B," agrees Y', '"C," remembered Z, the spokesman')
    r"declares|agrees|agreed|remembered|reacted|retaliated|urged)\b"
)


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue found in folded text: its span, its text, and which family it belongs to."""

    start: int
    end: int
    text: str
    family: str  # "speech" | "stance" | "feeling" | "quote" (introduces quoted text only)
    needs_hearer: bool


_LOWER_WORD = re.compile(r"\b[a-z]+")
# First words of every cue: the full pattern is only tried where one of these starts, which is
# several times faster than letting the regex engine try every word boundary.
_FIRST_WORDS = frozenset(
    w.split()[0]
    for w in (*SPEECH_VERBS, *STANCE_CUES, *QUOTE_ONLY_VERBS, "has", "have", "had", "expressed",
              "expresses", "voiced", "voices", "extended", "extends", "conveyed", "conveys")
)


def _candidates(text: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    last = -1
    for w in _LOWER_WORD.finditer(text):
        if w.start() < last or w.group() not in _FIRST_WORDS:
            continue
        m = _CUE.match(text, w.start())
        if m:
            found.append(m)
            last = m.end()
    return found


def leads(cue: CueMatch) -> bool:
    """A cue that may stand before the quotation it introduces ("reported" only closes one)."""
    return (cue.family in ("speech", "quote")
            and cue.text.rsplit(None, 1)[-1].lower() not in TRAILING_ONLY_VERBS)


# "That said," and "Having said that," open a sentence without reporting anyone (ninth pass:
# "That said, young voters say A" gave A to a speaker named "That").
_IDIOM_SAID = re.compile(r"(?:\A|\W)That said,")


# Verbs of speech that are also plural nouns, and the words that make them nouns (eleventh
# pass: '"A," X, one of the states suing the agency, said' lost the quotation to "states").
_NOUN_FORMS = frozenset(str.split("states claims reports notes remarks comments answers"))
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|these|those|many|some|other|all|both|several|two|three|four|five|its|his|her|"
    r"their|our|such|whose)\s+$", re.IGNORECASE)


def _scan(text: str) -> list[CueMatch]:
    found: list[CueMatch] = []
    for m in _candidates(text):
        if m.group("feeling"):
            family = "feeling"
        elif m.group("stance"):
            family = "stance"
        elif m.group("quoting"):
            family = "quote"
        else:
            family = "speech"
            if m.group("verb") and m.group("verb").lower() in VERBS_WITH_HEARER:
                continue  # "told" without a hearer
            if _IDIOM_SAID.match(text, max(0, m.start("cue") - 6), m.end("cue") + 1):
                continue  # "That said, voters say ...": an idiom, nobody speaks
            if (m.group("cue").lower() in _NOUN_FORMS
                    and _DETERMINER_BEFORE.search(text, max(0, m.start("cue") - 12),
                                                  m.start("cue"))):
                continue  # "one of the states suing the agency": a noun, no verb of speech
        found.append(CueMatch(m.start("cue"), m.end("cue"), m.group("cue"), family, False))
    return found


class CueIndex:
    """Every cue of one folded body, found in a single scan and looked up by range.

    The rules ask for the cues of the same sentence several times (lead, trailing, each comma);
    one scan per article keeps extraction linear in the body length.
    """

    __slots__ = ("_cues", "_starts")

    def __init__(self, text: str) -> None:
        self._cues = _scan(text)
        self._starts = [c.start for c in self._cues]

    def within(self, start: int, end: int) -> list[CueMatch]:
        """Cues lying entirely inside ``[start, end)``, in order; "told" needs a hearer."""
        i = bisect_left(self._starts, start)
        result: list[CueMatch] = []
        while i < len(self._cues) and self._cues[i].start < end:
            if self._cues[i].end <= end:
                result.append(self._cues[i])
            i += 1
        return result


_ADVERB_WORDS = (frozenset(w for a in ADVERBS for w in a.split()) - {"in"}) | frozenset(
    {"did", "does", "do", "will", "would", "could", "can", "may", "might", "should", "must",
     "is", "was", "were", "are", "has", "have", "had", "since", "now", "still", "just",
     "already", "even", "actually", "widely", "consistently", "routinely", "herself",
     "himself", "themselves", "likewise", "similarly", "however", "too"})
# "He did say", "Kasich is telling", "She has since said", "he himself said"


# "Pence went on to say", "Trump was quick to add", "she continued to insist": a verb that
# hands over to the cue is no part of the subject (sixth pass).
_CATENATIVE_TAIL = re.compile(
    r"\s+(?:(?:went|goes|go|would\s+go|has\s+gone|had\s+gone)\s+on|"
    r"(?:was|were|is|are|has\s+been|have\s+been)\s+(?:quick|careful|eager|happy|keen)|"
    r"went\s+so\s+far\s+as|(?:did|does|do)\s+not\s+hesitate|continued|continues|"
    r"went\s+(?:on\s+)?to\s+(?:great\s+)?lengths|took\s+pains|takes\s+pains|"
    r"(?:was|were|is|are)\s+(?:also\s+)?expected|"
    r"(?:has|have|had)\s+(?:also\s+)?(?:taken\s+to|been\s+known))\s+to$")


def _strip_adverbs(segment: str) -> str:
    """Drop adverbs between a subject and its cue ("the General Secretariat further")."""
    words = _CATENATIVE_TAIL.sub("", _ASIDE.sub("", _PAREN_ASIDE.sub("", segment.rstrip())))
    while True:
        cut = words.rfind(" ")
        word = words[cut + 1 :].lower()
        if cut < 0 or (word not in _ADVERB_WORDS
                       and (not _LY_ADVERB.fullmatch(word) or word in _NOT_LY)):
            return words
        words = words[:cut].rstrip()


# "Emanuel, however, said", "Trump jokingly said": an aside or a manner adverb is no part
# of the subject.
_ASIDE = re.compile(r",\s*(?:however|though|too|meanwhile|instead|in turn|"
                    r"for (?:his|her|their|its) part|in fact|of course|nonetheless|"
                    r"nevertheless|again|later|then),?$")
# "Kasich (who has 25 delegates to date) said": a parenthesis describing the subject.
_PAREN_ASIDE = re.compile(
    r"\s*\((?:who|which|whose|a|an|the|now|then|once|still)\s[^()\"]{1,100}\)$")
_LY_ADVERB = re.compile(r"[a-z]{3,}ly")
_NOT_LY = frozenset({"italy", "july", "family", "ally", "early", "only", "holy", "daily",
                     "weekly", "monthly", "assembly", "supply", "reply", "rally", "lily"})


_APPOSITIVE = re.compile(
    r"(?P<subj>[^,]+),\s+(?P<appos>(?:(?i:the|a|an|his|her|its)\s|[a-z])[^,]+),\s*$"
)


_ROLE_HEADS = ROLE_WORDS - {"the", "a", "an", "of", "in", "for", "and", "on", "to", "at"}
# A role phrase followed by the name in commas: "The head of the service, Vusal Huseynov,".
_NAME_APPOSITIVE = re.compile(
    r"(?P<subj>(?:(?i:the)\s+)?(?P<head>[A-Za-z-]+)\b[^,]*),\s+"
    r"(?P<name>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,3}),\s*$"
)


_LEADING_CONJUNCTION = re.compile(
    r"\s*(?:And|But|So|Yet|Still|Then|Also|As|"
    # a subordinate clause opening the sentence ("While some friends say A, others ...";
    # eighth pass): its subject follows the conjunction
    r"While|Though|Although|Whereas|Even\s+though|Even\s+as)\s+(?=\S)")
SUBORDINATE_OPENING = re.compile(
    r"\s*(?:But\s+|And\s+)?(?:While|Though|Although|Whereas|Even\s+though|Even\s+as)\s")
# "Sarandon, 69, told", "A third of independents, 33%, say": an age or a poll's share set
# between commas is no appositive.
_AGE = re.compile(r",\s*(?:about\s+|nearly\s+|roughly\s+)?\d{1,3}(?:\s*%|\s+percent)?\s*,\s*$")
_HEAD_WORD = re.compile(r"[A-Z][\w'.-]*|(?:the|a|an)\b")


_INTRO_WORDS = frozenset(str.split(
    "Earlier Later Last Hours Days Weeks Months Minutes Moments Speaking Meanwhile However "
    "Today Yesterday Still Instead Asked Then That This In On At After Before During When "
    "While Since Once Now Also But And So Yet Previously Separately Afterward Afterwards "
    # eighth pass: participles and adverbs opening a phrase ("Facing mounting criticism, X")
    "Amid Back Here Wherever Specifically Hastily Fully Finally Importantly Initially Having "
    "Facing Walking Appearing Recognizing Acknowledging Based"))
_DATELINE_HEAD = re.compile(r"\s*[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z ]+\))?\s*[-\u2014\u2013]+\s*"
                            # "Washington (AFP) -": a place in title case before a wire's name
                            r"|\s*[A-Z][\w .,'-]{2,40}?\s*\([A-Z][A-Za-z]{1,10}\)\s*"
                            r"[-\u2014\u2013]+\s*")


_APPOSED = re.compile(r"\s+(?:a|an|the|his|her|its|their|who|whose)\s[^,]{2,120},")


# A capitalised first word that opens a phrase ("In TV interviews, ...", "Here in Columbia")
# or a clause ("But Sanders said"): never the first word of the subject's name.
_PHRASE_OPENERS = frozenset(str.split(
    "In On At After Before During When While Since For From With Without Under Over Among "
    "Despite Amid Alongside Here There Like Unlike Through Throughout By"))
_CLAUSE_OPENERS = frozenset(str.split("But And So Yet Also Still Then Now Meanwhile Instead"))
_LONE_OPENERS = _PHRASE_OPENERS | frozenset(str.split("Two Three Four Five Six Several Many Few"))


def _without_opener(text: str, head: tuple[int, int]) -> tuple[int, int] | None:
    words = text[head[0] : head[1]].split()
    if len(words) < 2:
        return head
    if words[0] in _PHRASE_OPENERS:
        return None
    if words[0] in _CLAUSE_OPENERS:
        rest = text.find(words[1], head[0] + len(words[0]), head[1])
        return rest, head[1]
    return head


# A determiner opening a lower-case description ("The spokesman declined ... but said", "Some
# senators vented ... and said"): the head run stops at it, the description goes on.
_DETERMINER_HEADS = frozenset(str.split(
    "The A An Some Several Many Most Both Other Two Three Four Five His Her Their Its Our"))
_DESCRIPTION_WORD = re.compile(r"\s*([A-Za-z][\w'-]*)(?=\s)")
_MAX_DESCRIPTION_WORDS = 4
# Verbs the person-noun suffixes would take for heads ("His remarks buttress", "Four hours
# earlier,"): no description's head ends so.
_NOT_HEAD_ENDINGS = ("ess", "ier", "ed")
_MAX_NAME_AFTER_ROLE = 3


def _described_subject(text: str, head: tuple[int, int], hi: int) -> tuple[int, int]:
    """``The spokesman``, ``Some senators``, ``The district chairman Chuck Will`` when the head
    run stopped at a lone determiner (eighth pass); ``head`` unchanged when no person noun
    follows it."""
    if text[head[0] : head[1]] not in _DETERMINER_HEADS:
        return head
    pos, end, named = head[1], head[1], 0
    for _ in range(_MAX_DESCRIPTION_WORDS + _MAX_NAME_AFTER_ROLE):
        m = _DESCRIPTION_WORD.match(text, pos, hi)
        if m is None:
            break
        word = m.group(1)
        if end > head[1] and word[:1].isupper():
            named += 1  # a name after the role: "The district chairman Chuck Will"
            if named > _MAX_NAME_AFTER_ROLE:
                break
            end = pos = m.end()
            continue
        if named or not word.islower():
            break
        if not word.endswith(_NOT_HEAD_ENDINGS) and (
                person_head_noun(word) or (word.endswith("s") and person_head_noun(word[:-1]))):
            end = m.end()  # "The harbor master": a head may take a second one
        elif end > head[1]:
            break  # the head noun ends the description ("The spokesman declined")
        pos = m.end()
    return (head[0], end) if end > head[1] else head


_PRONOUN_HEAD = re.compile(r"\s*(he|she|they|we)\s+(?=[a-z])")


def sentence_subject(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The capitalised noun phrase that is the subject of ``text[lo:hi]`` ("Sen. Ted Cruz").

    The subject of a participle cue ("Weaver shrugged, telling reporters, ...") is the
    sentence's own subject, not the words before the cue's comma.  A dateline ("WASHINGTON -")
    and introductory phrases ending in a comma ("Hours later, Trump ...") are skipped.
    """
    dateline = _DATELINE_HEAD.match(text, lo, hi)
    if dateline:
        lo = dateline.end()
    start = lo
    lone: tuple[int, int] | None = None
    while True:
        head = _subject_at(text, start, hi)
        if (head is not None and text[head[0] : head[1]] in _LONE_OPENERS
                and text.find(",", head[1], hi) >= 0):
            # "For months, X has ...", "Two weeks after ..., X broke ...": a lone opener or
            # quantifier opens a phrase; the subject follows its comma (eleventh pass), and
            # the opener is kept only when nothing does
            lone, head = lone or head, None
        if head is not None:
            head = _without_opener(text, head)
        if head is not None:
            head = _described_subject(text, head, hi)
        elif start > lo:
            pronoun = _PRONOUN_HEAD.match(text, start, hi)
            if pronoun is not None:
                # "However, he held his fire on X, calling him a "nice guy"": after an
                # introductory phrase the clause may open on a pronoun (eighth pass)
                return pronoun.span(1)
        comma = text.find(",", start, hi)
        if head is not None and text[head[0] : head[1]] not in _INTRO_WORDS and (
                comma < 0 or comma > head[1] + 1 or text[head[1]:comma].strip()
                or (_APPOSED.match(text, comma + 1, hi)
                    and text[head[0] : head[1]].split()[0] not in _INTRO_WORDS)):
            return head  # "Gary Emineth, a former party chairman, became ... and said"
        if comma < 0:
            return lone
        start = comma + 1


def _subject_at(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    pos = lo
    while pos < hi and text[pos].isspace():
        pos += 1
    start, end = pos, pos
    while pos < hi:
        m = _HEAD_WORD.match(text, pos, hi)
        if m is None:
            break
        end = m.end()
        pos = end
        if pos < hi and text[pos] == " ":
            pos += 1
        else:
            break
    while end > start and text[end - 1] in ".,":
        end -= 1
    return (start, end) if end > start and text[start].isupper() else None


def subject_span(text: str, lo: int, cue_start: int) -> tuple[int, int, str | None] | None:
    """Cut the subject of a cue out of ``text[lo:cue_start]``.

    The subject is what follows the last comma (an introductory phrase ends with one:
    "In his letter, Soleimanpour expressed"), minus adverbs ("further calls for"); a subject
    followed by an appositive ("Ali, the minister, said") returns the appositive as well.
    Returns (start, end, appositive) or None when nothing is there.
    """
    lead = _LEADING_CONJUNCTION.match(text, lo, cue_start)
    if lead:  # "And he added that ...": the conjunction is no part of the subject
        lo = lead.end()
    aside = _DASH_ASIDE.search(text, lo, cue_start)
    if aside is not None and aside.start() > lo:
        # "X - the mayor's sister and co-host - told", "X -- who has feuded ... -- said": the
        # aside between dashes describes the subject before it (eighth pass)
        head = subject_span(text, lo, aside.start())
        if head is not None:
            return head[0], head[1], head[2] or aside.group("aside").strip()
    segment = _strip_adverbs(text[lo:cue_start])
    age = _AGE.search(segment)
    if age:  # "Sarandon, 69, told": the age is no appositive
        segment = segment[: age.start()]
    stripped = segment.rstrip()
    appos: str | None = None
    if stripped.endswith(","):
        lead = _LEAD_NAME.match(stripped)
        if lead and not _lead_name_ok(lead):
            lead = None
        if lead and stripped.count(",", lead.end("name")) >= 3 - (lead.group("rel") is not None):
            # "Geoff Garin, a pollster who works with Priorities USA, a super PAC, said": the
            # name opens the phrase and every comma after it belongs to its appositive
            return _trimmed(text, lo + lead.start("name"), lo + lead.end("name"),
                            lead.group("appos").strip())
        m = _APPOSITIVE.search(stripped)
        named = None if m else _NAME_APPOSITIVE.search(stripped)
        # "The head of the service, Vusal Huseynov, said": role and name together
        if named and named.group("head").lower() in _ROLE_HEADS:
            comma = stripped.rfind(",", 0, named.start("subj"))
            s = lo + comma + 1 if comma >= 0 else lo
            return _trimmed(text, s, lo + named.end("name"), None)
        if not m:
            return _any_appositive(text, lo, stripped)
        appos = m.group("appos").strip()
        head_end = m.end("subj")
        comma = stripped.rfind(",", 0, m.start("subj"))
        s = lo + comma + 1 if comma >= 0 else lo
        e = lo + head_end
    else:
        comma = stripped.rfind(",")
        s = lo + comma + 1 if comma >= 0 else lo
        e = lo + len(stripped)
        dash = _LAST_DASH.search(stripped)
        if dash is not None and dash.start() > comma:
            # 'When X noted that A - as was true for years - Trump boasted': a dash closes
            # the clause before the cue's own, as a comma does
            s = lo + dash.end()
        if comma > 0 and _RELATIVE.fullmatch(stripped, comma + 1):
            # "Ted Cruz, who said ...": the relative pronoun speaks for the phrase before it
            before = stripped.rfind(",", 0, comma)
            s, e = lo + before + 1, lo + comma
            run = _NAME_RUN.search(text, s, e)
            if run and run.start() > s and (
                    not _PLACE_BEFORE.search(text, s, run.start())
                    or _TITLED.match(text, run.start(), e) is not None):
                # "Trump was out-dueling Ted Cruz, who said": the named one; after "from" or
                # "of" only a titled name ("a reaction from President X, who called", eighth
                # pass), not a place ("voters in New York, who said")
                s = run.start()
        conj = _CLAUSE_OPENER.match(text, s, e)
        if conj:  # "..., and Farley said", "..., where he says": the opener is no subject
            s = conj.end()
        else:
            inner = max(_INNER_CLAUSE.finditer(text, s, e), key=lambda m: m.end(), default=None)
            if inner is not None:
                # "Clinton was booed when she said", "... is paying off: He said": the
                # subject of the cue's own clause
                s = inner.end()
    return _trimmed(text, s, e, appos)


_RELATIVE = re.compile(r"\s*who")
_LAST_DASH = re.compile(r"\s--?\s(?!.*\s--?\s)")
# An aside set off by dashes (folded: " - " or " -- ") that ends right before the cue.
_DASH_ASIDE = re.compile(
    r"\s(?P<dash>--?)\s(?P<aside>(?:(?!\s--?\s)[^\"]){2,200}?)\s(?P=dash)\s*$")
# A name opening the subject phrase, then an appositive running over several commas.
_LEAD_NAME = re.compile(
    r"\s*(?P<name>(?:(?:[A-Z][\w'-]*\.?|[A-Z]\.)\s+){0,4}[A-Z][\w'-]*[a-z])\s*,\s+"
    r"(?P<appos>(?:(?P<rel>(?i:who|whose))|(?i:the|a|an|his|her|its|their)|[a-z0-9][\w'-]*)\b"
    r"[^\"]{0,240}?),\s*$")
# A lowercase word opening the appositive ("now 81 and retired in ...", "assistant secretary
# for parks, lakes, and rivers", an age) describes the name, unless it opens a clause or an
# aside ("At Port Alder, where it costs ...", "On Monday, however, ...": no name there).
_NOT_APPOSITIVE_OPENERS = frozenset(str.split(
    "where when while however though although which whereas meanwhile too also then instead "
    "still because if as and but or so yet"))


def _lead_name_ok(lead: re.Match[str]) -> bool:
    """A name opening a subject phrase is no introductory word ("At Boca", "On Monday"), and
    its appositive opens with a description (twelfth pass: the lowercase alternative had
    only taken one-letter words)."""
    if lead.group("name").split()[0] in _INTRO_WORDS:
        return False
    first = lead.group("appos").split(None, 1)[0].lower().strip(",")
    return first not in _NOT_APPOSITIVE_OPENERS


_INNER_CLAUSE = re.compile(
    r"(?:[:;]|\s[\u2014\u2013]|\s--|\s(?:when|because|after|before|where|while|since|although|"
    r"though|if|as|once|until|whom))\s+(?=\S)")
_NAME_RUN = re.compile(r"(?<!\S)(?:[A-Z][\w'.-]*\s+){0,3}[A-Z][\w'-]*[a-z]$")
_PLACE_BEFORE = re.compile(r"\b(?:of|from|in|at|near|to)\s+$")
_TITLED = re.compile(
    r"(?:[A-Z][\w.'-]*\s+)?(?:President|Sen\.|Senator|Rep\.|Gov\.|Governor|Mayor|Secretary|"
    r"Judge|Justice|Speaker|Gen\.|General|Prime\s+Minister|Minister|Dr\.|Mr\.|Mrs\.|Ms\.)"
    r"\s+[A-Z]")
_CLAUSE_OPENER = re.compile(
    r"\s*(?:and|but|so|yet|or|while|whereas|where|when|because|although|though|since|after|"
    r"as|if|then|and\s+then|but\s+then)\s+(?=\S)")


_PAIR = re.compile(r"(?P<first>[^,]{2,80}),\s+(?P<second>[^,]{2,120}),\s*$")
_FULL_NAME = re.compile(r"[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,5}")


def _any_appositive(
    text: str, lo: int, stripped: str
) -> tuple[int, int, str | None] | None:
    """``X, Y,`` before a cue where one side is a full name: "William Daley, Obama's former
    chief of staff, said" or "Carson's business manager, Armstrong Williams, stated"."""
    m = _PAIR.search(stripped)
    if m is None:
        return None
    first, second = m.group("first").strip(), m.group("second").strip()
    if _FULL_NAME.fullmatch(second) and not _FULL_NAME.fullmatch(first):
        return _trimmed(text, lo + m.start("second"), lo + m.end("second"), None)
    if _FULL_NAME.fullmatch(first):
        return _trimmed(text, lo + m.start("first"), lo + m.end("first"), second)
    return None


def _trimmed(text: str, s: int, e: int, appos: str | None) -> tuple[int, int, str | None] | None:
    while s < e and (text[s].isspace() or text[s] == '"'):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s >= e:
        return None
    return s, e, appos
