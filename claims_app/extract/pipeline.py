"""The extraction pass: fold, segment, find quotations and reported speech, resolve speakers.

Everything runs on the folded text (same length as the body, so offsets carry over) except the
quote pairing, which reads the original glyphs.  Speakers are resolved in reading order after all
candidate attributions are known, so a pronoun always refers to someone met before it.

Size: the extraction pass's stages (direct quotes, reported speech, continued and split
quotes, speaker registration and resolution) share one private state, the ``_Article``
(folded text, paragraphs, sentences, cues, parsed subjects) and its ``_Draft``s, in an order
``extract_claims`` states; the shapes they look for are ``quotes.py``, ``reported.py`` and
``speakers.py``.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from claims_app.extract.attribution import (
    BRACKET_CUE,
    Attribution,
    attribute_after,
    attribute_before,
    attribute_clause_before,
    attribute_sentence_cue,
    cue_goes_on,
    is_title_or_scare,
    name_before_cue,
    possessor_of_person,
    said_that_lead,
    starts_utterance,
)
from claims_app.extract.cues import CueIndex, leads, sentence_subject
from claims_app.extract.dates import when_where
from claims_app.extract.fragments import coordinated_split, fragment_report
from claims_app.extract.lexicon import ABBREVIATIONS, OUTLETS
from claims_app.extract.model import DIRECT, INDIRECT, ORGANIZATION, PERSON, ExtractedClaim
from claims_app.extract.quotes import QuoteSpan, find_quotes
from claims_app.extract.reported import Reported, find_question, find_reported, speech_quote
from claims_app.extract.segments import Segment, paragraphs, sentences
from claims_app.extract.speakers import (
    Mention,
    Registry,
    Resolution,
    described_source,
    document_source,
    is_descriptor_word,
    is_outlet,
    loose_group,
    outlet_mention,
    parse_subject,
    person_head_noun,
    quoted_description,
)
from claims_app.textnorm import fold

__all__ = ["extract_claims"]

# How much each way of finding the speaker is trusted.
_RESOLUTION_WEIGHT = {
    "named": 0.97, "alias": 0.95, "pronoun": 0.9, "role": 0.88, "role-fallback": 0.75,
    "unresolved": 0.6,
}
_DIRECT_BASE = {"explicit": 0.97, "continued": 0.9, "next-paragraph": 0.75, "context": 0.6,
                "none": 0.4}
_INDIRECT_BASE = {"lead": 0.8, "trailing": 0.78, "according": 0.72}
_FAMILY_WEIGHT = {"speech": 1.0, "feeling": 0.9, "stance": 0.85, "quote": 0.9}
_LOOKALIKE_PENALTY = 0.85
# Cues that report speech whatever their subject, so a described source ("a news report",
# "six in 10 voters") may say them.
_LOOSE_CUES = frozenset(str.split(
    "said says say told tell tells asked ask asks wrote writes reported reports announced "
    "announces added adds noted notes argued argue argues claimed claims claim insisted "
    "insist insists warned warn warns stated states explained explains acknowledged to "
    "admitted confirmed denied suggested suggest suggests predicted tweeted according to "
    "point points pointed recall recalled concede conceded boast boasts saying "
    # eighth pass: speech verbs of groups and documents ("some party figures concluded that",
    # "Some GOP strategists predict that", "students have alleged", "economists agree that")
    "agree agrees conclude concludes concluded declare declares declared predict predicts "
    "allege alleges alleged complain complains complained acknowledge acknowledges contend "
    "contends contended assert asserts asserted insisted stressed emphasized cautioned "
    "reiterated"))
# twelfth pass: stance verbs a group or a described source may say as well ("a group of
# rabbis called for a boycott", "some backers urged him to stay", "rivals criticized the deal");
# not a participle ("a book calling for stimulus" describes the book's author's view)
_LOOSE_STANCE = frozenset(str.split("urged urges urge criticized criticize"))
_LOOSE_CALLS = frozenset(str.split("called calls call"))


def _loose_stance(cue: str) -> bool:
    """Whether a described source may say ``cue`` though it is no speech verb."""
    words = cue.lower().split()
    if not words:
        return False
    return words[-1] in _LOOSE_STANCE or (
        len(words) > 1 and words[-1] == "for" and words[-2] in _LOOSE_CALLS)


def _wire_service(phrase: str) -> bool:
    """'The AP', 'Reuters': a news agency the name rules leave out, speaking for itself."""
    words = phrase.split()
    return 0 < len(words) <= 2 and words[-1].lower().strip(",") in OUTLETS and (
        len(words) == 1 or words[0].lower() == "the")


# Cues that are also plural nouns ("when 15 states will hold"): only a named subject says them.
_NOUN_CUES = frozenset(str.split("states claims reports notes"))
_HEARER_VERBS = frozenset(str.split("told tells tell telling"))
_PARTICLES = frozenset(str.split("that out to back on in"))
_UNATTRIBUTED_MIN_WORDS = 8
_PHRASE_THEN_QUOTE = re.compile(r"[^\",.;:]{1,40},\s*(?=\")")
_MIN_HEAD = 30  # characters before a quoted utterance worth reading as reported speech
_MAX_SUBJECT = 160


@dataclass(slots=True)
class _Draft:
    """A claim before its speaker is resolved."""

    kind: str
    start: int
    end: int
    cue: str | None
    base: float
    regions: list[tuple[int, int]] = field(default_factory=list)
    subject: tuple[int, int] | None = None
    appositive: str | None = None
    inherit: _Draft | None = None  # continues the speaker of an earlier draft
    resolution: Resolution | None = None
    fragment: bool = False  # a quotation inside a sentence, not an utterance of its own
    marks: tuple[int, int] = (-1, -1)  # opening and closing mark of a direct quotation
    para: int = -1
    segments: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _Article:
    body: str
    text: str  # folded
    paras: list[Segment]
    sents: list[list[Segment]]
    cues: CueIndex
    parsed: dict[tuple[int, int], Mention | None] = field(default_factory=dict)

    def subject(self, s: int, e: int) -> Mention | None:
        """Parse ``text[s:e]`` as a speaker phrase, once per span per article."""
        key = (s, e)
        if key not in self.parsed:
            mention = parse_subject(self.text[s:e], self.body[s:e])
            cut = self.text.find(" of ", s, e)
            if (mention is None or mention.kind == "role") and cut > s:
                # "Robert Antonacci of the New York delegation": the name before "of" (also
                # when the whole phrase read as a role: "Amy Lind of the Institute of ...")
                head = parse_subject(self.text[s:cut], self.body[s:cut])
                if head is not None and head.kind == "named" and head.speaker_kind == PERSON:
                    mention = head
                elif head is not None and head.kind == "group" and head.role is None:
                    # "Many of the local leaders": a share of a group, no one named (eleventh
                    # pass: "Many" had been read as a name)
                    mention = Mention("group", PERSON, role=self.text[s:e].strip())
            if mention is None or mention.kind in ("document", "role"):
                mention = self._word_surname(s, e) or mention
            self.parsed[key] = mention
        return self.parsed[key]

    def _word_surname(self, s: int, e: int) -> Mention | None:
        """"Steven Law", then "Law said": a surname that is also a role or document word
        ("Law", "Judge", "Banner") names a person when the article puts it, capitalised and
        with no article before it, right beside a speech verb (twelfth pass)."""
        words = self.text[s:e].split()
        if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
            return None
        last = words[-1].rstrip(",.")
        if not last.isalpha() or not last[1:].islower():
            return None
        if len(words) == 2 and not (words[0].isalpha() and words[0][1:].islower()):
            return None
        full = re.search(rf"\b[A-Z][a-z]+ {last}\b", self.text)
        spoken = re.search(rf"(?<!\bthe )(?<!\ba )(?<!\bThe )\b{last} (?:said|says|told|added|"
                           rf"wrote|argued)\b|\b(?:said|says) {last}\b", self.text)
        if full is None or spoken is None:
            return None
        name = " ".join(words) if len(words) == 2 else full.group(0)
        if len(words) == 2 and full.group(0) != name:
            return None
        return Mention("named", PERSON, name=name)


def _sentence_at(sents: list[Segment], pos: int) -> Segment | None:
    for s in sents:
        if s.start <= pos < s.end:
            return s
    return None


def _mention(art: _Article, span: tuple[int, int], appositive: str | None) -> Mention | None:
    s, e = span
    if e - s > _MAX_SUBJECT:
        return None
    mention = (art.subject(s, e) or described_source(art.text[s:e])
               or document_source(art.text[s:e]))
    if mention is None:
        return None
    if appositive and appositive.split(" ", 1)[0].lower() in {"who", "which", "whose", "whom"}:
        appositive = None  # a relative clause describes, it does not give a title
    if appositive and mention.kind == "named" and not mention.role:
        head, _, rest = appositive.partition(" ")
        role = rest if rest and head.lower() in {"the", "a", "an"} else appositive
        mention = Mention(mention.kind, mention.speaker_kind, mention.name, role,
                          mention.acronym, mention.pronoun, mention.lookalike)
    return mention


def _direct_drafts(art: _Article, quotes: list[QuoteSpan]) -> list[_Draft]:
    drafts: list[_Draft] = []
    by_group: dict[int, list[QuoteSpan]] = {}
    for q in quotes:
        by_group.setdefault(q.group, []).append(q)
    prev_in_para: dict[int, _Draft] = {}
    last_direct_para: tuple[int, _Draft] | None = None
    prev_close: dict[int, int] = {}
    for pieces in by_group.values():
        found: Attribution | None = None
        lead_ok = True
        utterance = True
        title = False
        for q in pieces:
            para = art.paras[q.para]
            sents = art.sents[q.para]
            lo = max(para.start, prev_close.get(q.para, para.start))
            sent = _sentence_at(sents, q.open) or Segment(para.start, para.end)
            lead_lo = max(lo, sent.start)
            if q is pieces[0]:
                title = (is_title_or_scare(art.text, q, lead_lo) or _TOLD_BEFORE.search(
                    art.text, max(para.start, q.open - 8), q.open) is not None)
                utterance = starts_utterance(art.text, q, sent, lo)
            if found is None and q.open > lead_lo:
                found = _checked(art, attribute_before(art.text, art.cues, lead_lo, q.open))
                if found is None:
                    found = _checked(
                        art, attribute_clause_before(art.text, art.cues, lead_lo, q.open),
                        described=False)
            if found is None and q.close is not None:
                tail_sent = _sentence_at(sents, q.close) or sent
                limit = _tail_limit(art.text, q, tail_sent.end, para)
                raw = attribute_after(art.text, art.cues, q.close, limit)
                found = _checked(art, raw) or _checked(art, _name_closing_subject(art.text, raw))
                if (found is not None and found.cue_end >= 0
                        and art.text[q.start : q.close].rstrip("'")[-1:] in ("?", "!", ".")
                        and art.text[lead_lo : q.open].rstrip().endswith((",", ":"))
                        and _INTRODUCES_NEXT_COMMA.match(art.text, found.cue_end)):
                    # 'Lorne replies with, "A?" Mott writes back, "B."': A has a lead-in of
                    # its own; the cue after it introduces B (twelfth pass)
                    found = None
                if (found is None and limit == q.close + 1
                        and art.text[q.start : q.close].rstrip("'")[-1:] in ("?", "!", ".")
                        and not _LEAD_GOES_ON.search(art.text, lead_lo, q.open)):
                    # '"Can you?" Sanders asked.': the attribution opens the next sentence
                    # (also past a nested quote's closing mark: '"... 'Can you?'" X said.')
                    nxt = next((x for x in sents if x.start > q.close), None)
                    if nxt is not None:
                        limit = min(_tail_limit(art.text, q, nxt.end, para), nxt.start + 80)
                        found = _checked(
                            art, attribute_after(art.text, art.cues, q.close, limit),
                            described=False)
                        if (found is not None and found.cue_end >= 0
                                and _INTRODUCES_NEXT.match(art.text, found.cue_end)):
                            found = None  # '"B." Reyes added: "C."': the cue introduces C
                        if (found is not None and found.cue_end >= 0
                                and art.text[lead_lo : q.open].strip()
                                and _INTRODUCES_NEXT_COMMA.match(art.text, found.cue_end)):
                            # 'Lorne replies with, "A?" Mott writes back, "B."': A has a
                            # lead-in of its own; the next sentence's cue introduces B
                            # (twelfth pass)
                            found = None
                        if (found is not None and found.cue_end >= 0
                                and q.para in prev_in_para
                                and cue_goes_on(art.text, found.cue_end, nxt.end)):
                            # '"A," Reyes told reporters. "B." Lorne said she would C.':
                            # the next sentence's cue reports a clause of Lorne's own; B
                            # goes on with the quotation before it (thirteenth pass)
                            found = None
                if (found is not None and not utterance and found.cue_end >= 0
                        and cue_goes_on(art.text, found.cue_end, tail_sent.end)):
                    found = None  # "“Title,” X said Y ...": X's words are Y, not the title
            if found is None and q is pieces[0] and q.open > lead_lo:
                # the sentence's own cue, before any fragment quoted after it ("X said he is
                # "confident" that A, "B"")
                found = _checked(art, attribute_sentence_cue(
                    art.text, art.cues, lead_lo, q.open, max(para.start, sent.start)),
                    described=False)
            if found is None and q is pieces[0] and q.open > lead_lo:
                found = _named(art, name_before_cue(art.text, art.cues, lead_lo, q.open))
                if found is None:
                    found = _named(art, said_that_lead(
                        art.text, art.cues, lead_lo, q.open,
                        short_ok=len(art.text[q.start : q.end].split()) >= _MIN_CONTENT_QUOTE))
                if found is None:
                    found = _name_closing_colon_lead(art, lead_lo, q.open)
            if q.close is not None:
                prev_close[q.para] = q.close + 1
            lead_ok = lead_ok and art.text[lead_lo : q.open].strip() == ""
        pieces = [q for q in pieces if not _STAGE_DIRECTION.fullmatch(art.text, q.start, q.end)]
        if not pieces or title or (pieces[0].single and found is None):
            continue  # "(CROSSTALK.)" describes the room; nobody says it
        first = pieces[0]
        words = sum(len(art.text[q.start : q.end].split()) for q in pieces)
        inherit: _Draft | None = None
        how = "explicit"
        if found is None and first.open == art.paras[first.para].start and first.para > 0:
            # "Cruz continued:" closing the previous paragraph introduces this quotation
            prev = art.paras[first.para - 1]
            last = art.sents[first.para - 1][-1] if art.sents[first.para - 1] else prev
            if art.text[prev.end - 1] == ":":
                found = _checked(art, attribute_before(art.text, art.cues, last.start, prev.end))
                if found is None:
                    # "X issued the following statement:" closing the paragraph before
                    # (twelfth pass)
                    found = _named(art, name_before_cue(art.text, art.cues, last.start,
                                                        prev.end))
        if found is None:
            found = _checked(art, _signed_below(art, pieces))
        if found is None:
            earlier = prev_in_para.get(first.para)
            para = art.paras[first.para]
            whole_para = first.open == para.start
            if earlier is not None and (lead_ok or _attribution_between(earlier, first)
                                        or _clause_lead(art, first)):
                inherit, how = earlier, "continued"
            elif (
                whole_para
                and last_direct_para is not None
                and last_direct_para[0] == first.para - 1
                and _ends_clause(art, pieces)
            ):
                inherit, how = last_direct_para[1], "next-paragraph"
            elif utterance and words >= _UNATTRIBUTED_MIN_WORDS and _ends_sentence(art, pieces):
                how = "none"
                context = _own_sentence_speaker(art, first) or _context_speaker(art, first)
                if context is not None:
                    found, how = context, "context"
            else:
                continue
        elif not utterance and not found.cue:
            continue
        group_drafts: list[_Draft] = []
        turn: _Draft | None = None  # the transcript turn speaking, once a label was met
        for q in pieces:
            draft = _Draft(DIRECT, q.start, q.end, (found.cue or None) if found else None,
                           _DIRECT_BASE[how], inherit=inherit, fragment=not utterance,
                           marks=(q.open, q.close if q.close is not None else q.end),
                           para=q.para)
            if found is not None:
                draft.subject = found.subject
                draft.appositive = found.appositive
                draft.regions = [found.region]
            if group_drafts:
                draft.inherit = turn or group_drafts[0]
                draft.subject = None
            label = _SPEAKER_LABEL.match(art.text, q.start, q.end)
            if label:  # a transcript line: "PENCE: Well, look, ..."
                draft.start = label.end()
                draft.subject = label.span("name")
                draft.inherit, draft.cue, draft.appositive = None, ":", None
                draft.base = _DIRECT_BASE["explicit"]
                draft.regions = [(label.start(), label.end())]
                turn = draft  # unlabelled paragraphs after it go on with this speaker
            group_drafts.append(draft)
        drafts.extend(group_drafts)
        if how != "none":
            for q, d in zip(pieces, group_drafts, strict=True):
                prev_in_para[q.para] = d
                last_direct_para = (q.para, d)
    return drafts


# A line of its own signing the quotation above it: "- Tomas Reyes.", "-Ada Lorne, tweeting
# after the vote.", "— Reyes, Port Alder."
_SIGNATURE = re.compile(
    r"[-\u2013\u2014]+\s*(?P<name>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3}?)\.?"
    r"\s*(?:,\s*(?P<appos>[^\"\n]{1,80}?))?\.?\s*")


def _signed_below(art: _Article, pieces: list[QuoteSpan]) -> Attribution | None:
    """A quotation filling its paragraph, signed by the next paragraph ('"A." / - Tomas
    Reyes.'): a fact-check or a notebook quotes first and names the speaker below (twelfth
    pass)."""
    first, last = pieces[0], pieces[-1]
    para = art.paras[last.para]
    if (last.close is None or first.para != last.para or first.open != para.start
            or art.text[last.close + 1 : para.end].strip(" .") or last.para + 1 >= len(art.paras)):
        return None
    below = art.paras[last.para + 1]
    m = _SIGNATURE.fullmatch(art.text, below.start, below.end)
    if m is None:
        return None
    s, e = m.span("name")
    if art.text[e - 1] == "." and not _abbreviation_word(art.text[s:e].rsplit(None, 1)[-1]):
        e -= 1
    appos = m.group("appos")
    return Attribution((s, e), appos.strip() if appos else None, "-", (below.start, below.end))


def _abbreviation_word(word: str) -> bool:
    bare = word.rstrip(".").lower()
    return len(bare) == 1 or bare in ("jr", "sr")


# A participle cue right before a quotation ('..., adding that "B."'): the quotation goes on
# with its own sentence's attribution, so the next sentence's subject never speaks it
# (twelfth pass: '"A," said X at the time, adding that "B." Analyst Y agreed ...' gave B to Y).
_LEAD_GOES_ON = re.compile(r",\s*(?:adding|saying|noting|explaining|arguing|insisting)"
                           r"(?:\s+that)?\s*[,:]?\s*$")


# A cue followed by a colon and a quotation introduces that quotation (ninth pass:
# '"A," Lorne wrote. "B." Reyes added: "C."' gave B to Reyes and joined it with C).
_INTRODUCES_NEXT = re.compile(r"\s*:\s*\"")
_INTRODUCES_NEXT_COMMA = re.compile(r"(?:\s+(?:back|again|later|then|in))?\s*,\s*\"")
_SPEAKER_LABEL = re.compile(r"(?P<name>[A-Z][A-Z'.-]+(?:\s[A-Z][A-Z'.-]+){0,2}):\s+(?=\S)")
# A transcript's stage direction, alone in its quotation: "(CROSSTALK.)", "[APPLAUSE]".
_STAGE_DIRECTION = re.compile(r"\s*[(\[][A-Z][A-Z ,'-]*[.!]?[)\]][.]?\s*")


# The proper name closing a subject the rules could not read whole ('ever-cautious Reyes
# said', 'Harbour Morning co-Host Ines Duarte said', 'said the younger Mr. Lorne'; tenth
# pass: the quotation was lost with its subject).
_CLOSING_NAME = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+)?[A-Z][\w'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'-]+)?$")


def _name_closing_subject(text: str, found: Attribution | None) -> Attribution | None:
    if found is None:
        return None
    s, e = found.subject
    m = _CLOSING_NAME.search(text, s, e)
    if m is None or m.start() == s or not text[m.start() - 1].isspace():
        return None
    return Attribution((m.start(), e), None, found.cue, found.region, found.cue_end)


# A full name right before the colon that ends a lead-in, after a lower-case word ("...
# doesn't surprise Republican pollster Daron Lee: "A."").
_NAME_BEFORE_COLON = re.compile(
    r"\s[a-z][\w'-]*\s+(?P<name>[A-Z][a-z][\w'-]*(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z][\w'-]*){1,2})"
    r":\s*$")


def _name_closing_colon_lead(art: _Article, lo: int, opening: int) -> Attribution | None:
    """'The surge does not surprise Republican pollster Daron Lee: "A."': the full name
    closing a lead-in with no cue introduces the quotation as its source (twelfth pass)."""
    m = _NAME_BEFORE_COLON.search(art.text, lo, opening)
    if m is None or '"' in art.text[lo:opening]:
        return None
    if any(leads(c) for c in art.cues.within(lo, opening)):
        return None
    mention = art.subject(*m.span("name"))
    if mention is None or mention.kind != "named" or mention.speaker_kind != PERSON:
        return None
    return Attribution(m.span("name"), None, ":", (lo, opening))


def _own_sentence_speaker(art: _Article, q: QuoteSpan) -> Attribution | None:
    """The named person opening the quotation's own sentence, when its lead-in ends with a
    comma or a colon and holds no verb the rules read as a cue ("Ames answers Brody with,
    "..."", "Ames proclaimed at a town hall, "...""): a better guess than the sentence
    before (ninth pass)."""
    sent = _sentence_at(art.sents[q.para], q.open)
    if sent is None or sent.start >= q.open:
        return None
    lead = art.text[sent.start : q.open].rstrip()
    if not lead.endswith((",", ":", "--", "\u2014", "\u2013")) or '"' in lead:
        return None  # (twelfth pass: a dash too, 'Reyes also backed the plan -- "A."')
    head = sentence_subject(art.text, sent.start, q.open)
    if head is None or possessor_of_person(art.text, head[1]):
        return None  # "Lorne's aide rallied supporters, saying": the aide, not Lorne
    words = art.text[head[0] : head[1]].split()
    if words[0].lower() in _NOT_OWN_SPEAKER or (len(words) == 1 and words[0].endswith("ly")):
        return None  # "According to the Herald:", "As Ames put it,", "Immediately after"
    after = art.text[head[1] : q.open].split()
    if lead.endswith(":") and len(words) == 1 and after and not (
            after[0].endswith(("ed", "s", ",")) or any(
                w.endswith("ed") or w in _HEARER_VERBS for w in after[:3])):
        return None  # "Full statement as follows:" heads a text, no one speaks it
    mention = art.subject(*head)
    if mention is None or mention.kind != "named" or mention.speaker_kind != PERSON:
        return None
    return Attribution(head, None, "", (sent.start, q.open))


_NOT_OWN_SPEAKER = frozenset(str.split(
    "according as one another some many most several there here when while after before if"))


def _context_speaker(art: _Article, q: QuoteSpan) -> Attribution | None:
    """The named person who is the subject of the sentence just before an unattributed
    quotation ("Howard kept up his attack. "Eight years ago ...""), the last resort when
    nothing closer names a speaker (issue 18, family 8); never a headline's words."""
    sents = art.sents[q.para]
    before = [x for x in sents if x.end <= q.open]
    if before:
        prev = before[-1]
    elif q.para > 0 and art.sents[q.para - 1] and q.open == art.paras[q.para].start:
        prev = art.sents[q.para - 1][-1]
        if q.para - 1 == 0 and len(art.paras) > 1:
            return None  # the first paragraph may be a headline
    else:
        return None
    if art.text[prev.end - 1] == ":" or (
            '"' in art.text[prev.start : prev.end]
            and (before or not _reports_closing_fragment(art, prev))):
        return None  # "Partial transcript as follows:" introduces, it does not speak
    head = sentence_subject(art.text, prev.start, prev.end)
    if head is None:
        aside = _NAME_THEN_ASIDE.match(art.text, prev.start, prev.end)
        if aside is not None:
            # "Lorne, clearly frustrated, responded by ...": an adjectival aside after the
            # name (twelfth pass)
            head = aside.span("name")
    if head is None:
        # "X, the director of the port authority said in a statement. "A."": the sentence
        # before names its speaker behind an appositive whose comma is missing (eleventh pass)
        stop = prev.end - 1 if art.text[prev.end - 1] == "." else prev.end
        said = name_before_cue(art.text, art.cues, prev.start, stop)
        head = said.subject if said is not None else None
    if head is None:
        return None
    mention = art.subject(*head)
    if mention is None or mention.kind != "named" or mention.speaker_kind != PERSON:
        return None
    return Attribution(head, None, "", (prev.start, prev.end))


# A subordinate clause or a connective opening the sentence before its quotation.
_CLAUSE_OPENER = re.compile(
    r"\s*(?:Unless|If|When|While|Although|Though|Because|Since|Once|Until|Even\s+if|"
    r"Even\s+so|But|And|Still|Yet|Indeed|In\s+fact|Otherwise|Without)\b")


def _clause_lead(art: _Article, q: QuoteSpan) -> bool:
    """'"A," said X. Unless the rivals quit the race, "B."': a lead-in that is one opening
    clause ending in a comma (no cue, no quotation) goes on with the speaker of the
    paragraph's quotation before it (twelfth pass)."""
    sent = _sentence_at(art.sents[q.para], q.open)
    if sent is None or sent.start >= q.open:
        return False
    lead = art.text[sent.start : q.open]
    if not lead.rstrip().endswith(",") or '"' in lead or len(lead.split()) > 15:
        return False
    if _CLAUSE_OPENER.match(lead) is None:
        return False
    return not any(leads(c) for c in art.cues.within(sent.start, q.open))


_CLOSING_FRAGMENT = re.compile(r"[^\"]*\"[^\"]{1,200}[.!?]?\"[.]?\s*$")


_NAME_THEN_ASIDE = re.compile(
    r"\s*(?P<name>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,2}),\s+(?:[a-z]+ly\s+)?[a-z][\w-]*"
    r"(?:ed|en|ful|ous|ive|ic|al|y)?,\s+[a-z]")


def _reports_closing_fragment(art: _Article, prev: Segment) -> bool:
    """'X now said Trump had "the chance to unite us." / "B."': the sentence before reports
    its subject's words, closing on one quoted fragment; the quotation after it goes on
    with that subject (twelfth pass)."""
    if _CLOSING_FRAGMENT.fullmatch(art.text, prev.start, prev.end) is None:
        return False
    first = art.text.find('"', prev.start, prev.end)
    return any(c.family in ("speech",) and leads(c) for c in art.cues.within(prev.start, first))


def _attribution_between(earlier: _Draft, q: QuoteSpan) -> bool:
    """``"A," said X, the lawyer, "B"``: the words between the two quotations are A's
    attribution, so B goes on with A's speaker."""
    return (earlier.subject is not None and earlier.marks[1] < earlier.subject[0] < q.open
            and q.open - earlier.marks[1] <= _MAX_SPLIT_GAP)


def _checked(art: _Article, found: Attribution | None,
             described: bool = True) -> Attribution | None:
    """Keep an attribution only if its subject reads as a speaker (``described``: or as an
    unnamed person's description, where the cue is right beside the quotation)."""
    if found is None:
        return None
    if (_mention(art, found.subject, found.appositive) is None
            and _source_mention(art, found.subject, found.cue) is None
            and not (described and _described_speaker(art, found))):
        return None
    return found


# Words a quotation inside a reported clause needs to take the clause's speaker unless it
# opens the content ('X said that "dock people" ...'): "top secret" in 'X said it classified
# the emails as "top secret"' is a label, not X's words.
_MIN_CONTENT_QUOTE = 3


def _named(art: _Article, found: Attribution | None) -> Attribution | None:
    """Keep an attribution only if its subject names someone (a person or a body)."""
    if found is None:
        return None
    mention = (_mention(art, found.subject, found.appositive)
               or _source_mention(art, found.subject, found.cue))
    return found if mention is not None and mention.kind == "named" else None


# Verbs that may come before an unnamed speaker's description ('"A," said one Democrat
# familiar with the talks'); after another verb the words are its object ('posted the clip').
_INVERTED_DESCRIBED = frozenset(str.split("said says added adds wrote writes asked told"))


def _described_speaker(art: _Article, found: Attribution) -> bool:
    """An unnamed person described as the speaker of a quotation (seventh pass): '"A," this
    source told the Post', '"B," said one Democrat familiar with the discussion'."""
    verb = _verb(found.cue or "")
    if not verb or verb in _NOUN_CUES:
        return False  # "the rest of the states": a plural noun read as a cue
    s, e = found.subject
    if art.text.find(found.cue, found.region[0], s) >= 0 and verb not in _INVERTED_DESCRIBED:
        return False
    return quoted_description(art.text[s:e]) is not None


def _source_mention(art: _Article, span: tuple[int, int], cue: str | None) -> Mention | None:
    """A source the name rules cannot read, taken only after "according to" or a reporting
    verb: '"A," according to CNN', '"A," the Herald reported' (sixth pass: the outlet or the
    document a quotation is credited to is its source; never drop the quotation)."""
    verb = _verb(cue or "")
    if verb not in ("according", "reported", "reports", BRACKET_CUE):
        return None
    phrase = art.text[span[0] : span[1]]
    return outlet_mention(phrase) or loose_group(phrase) or described_source(phrase)


def _ends_sentence(art: _Article, pieces: list[QuoteSpan]) -> bool:
    last = pieces[-1]
    return art.text[last.end - 1] in ".!?" if last.end > last.start else False


def _ends_clause(art: _Article, pieces: list[QuoteSpan]) -> bool:
    """The quotation closes on a stop or a comma: an utterance, not a label opening its
    paragraph (""Containment" has been U.S. policy ...", ""Related:"", ninth pass)."""
    last = pieces[-1]
    end = last.close if last.close is not None else last.end
    return art.text[last.start : end].rstrip()[-1:] in (".", "!", "?", ",")


def _tail_limit(text: str, q: QuoteSpan, sent_end: int, para: Segment) -> int:
    """The attribution after a quotation ends with its sentence or at the next quotation."""
    assert q.close is not None
    limit = min(max(sent_end, q.close + 1), para.end)
    i = q.close + 1
    while i < limit:
        if text[i] == '"':
            show = _TOLD_SHOW.match(text, i)
            if show is None or _TOLD_BEFORE.search(text, q.close + 1, i) is None:
                return i
            i = show.end()  # 'X told "Fox and Friends," ...': the hearer is a show's title
            continue
        i += 1
    return limit


_TOLD_SHOW = re.compile(r'"[A-Z][^"]{1,40}"')
_TOLD_BEFORE = re.compile(r"\b(?:told|tells)\s+$")


def _reported_drafts(art: _Article, direct: list[_Draft], quotes: list[QuoteSpan]) -> list[_Draft]:
    """Reported claims of the sentences without a quoted utterance.

    A sentence whose only quotations are fragments ("X said Y had become a "winnable
    state"") is reported speech carrying a partial quote: one indirect claim whose text keeps
    the fragment; the fragment's own direct draft is then dropped from ``direct``.
    """
    quoted = [(q.open, q.close if q.close is not None else q.end) for q in quotes]
    claimed = {(d.start, d.end) for d in direct if not d.fragment}
    attributions = sorted(d.subject[0] for d in direct
                          if not d.fragment and d.subject is not None and d.subject[0] > d.end)
    by_open = {q.open: q for q in quotes}
    claimed_marks = [span for span, q in zip(quoted, quotes, strict=True)
                     if (q.start, q.end) in claimed]
    # top-level quotations never overlap, so their opens and closes both rise: a sentence's
    # quotations and attributions are found by bisection, not by a scan per sentence
    claimed_opens = [o for o, _ in claimed_marks]
    claimed_closes = [c for _, c in claimed_marks]
    quoted_opens = [o for o, _ in quoted]
    drafts: list[_Draft] = []

    def valid(s: int, e: int, cue: str) -> bool:
        if _plain_source(art, s, e, cue):
            return True
        if e - s > _MAX_SUBJECT or '"' in art.text[s:e]:
            return False
        verb = _verb(cue)
        if verb in ("reported", "reports") and outlet_mention(art.text[s:e]):
            return True  # "CNN reported that ...": the outlet is the source
        if verb in _LOOSE_CUES and _wire_service(art.text[s:e]):
            return True  # "The AP said A" (twelfth pass)
        # "a group of pilots called for" (twelfth pass)
        return (_loose_stance(cue)
                and (loose_group(art.text[s:e]) or described_source(art.text[s:e])) is not None)

    for sents in art.sents:
        for sent in sents:
            drafts.extend(_question_drafts(art, sent, quoted))
            if _any_within(attributions, sent.start, sent.end):
                # a participle after a quotation's attribution ('"A," she said, adding that
                # B') reports B with the quotation's speaker
                after = (_participle_after_quote(art, direct, sent)
                         or _participle_object_after_quote(art, direct, sent))
                if after is not None:
                    drafts.append(after)
            inside = claimed_opens[bisect_left(claimed_closes, sent.start)
                                   : bisect_left(claimed_opens, sent.end)]
            tail_start = -1
            clipped = bool(inside)
            if inside:
                # 'X described the move as a "breach of trust," adding: "..."': the words before
                # the sentence's first quoted utterance may still report speech of their own
                head_end = min(inside)
                intro = _QUOTE_INTRO_TAIL.search(art.text, sent.start, head_end)
                if intro is not None and intro.start() - sent.start >= _MIN_HEAD:
                    # 'X said A and added, "B"': a statement of its own before the verb that
                    # introduces the quotation (eighth pass)
                    sent, clipped = Segment(sent.start, intro.start()), False
                elif head_end - sent.start < _MIN_HEAD:
                    tail = _tail_after_quote(art, direct, sent, inside)
                    if tail is None:
                        continue
                    sent, clipped, tail_start = tail, False, tail.start
                elif (colon := _statement_before_colon(art, direct, sent, head_end)) is not None:
                    sent, clipped = Segment(sent.start, colon), False
                elif subjects := [d.subject[0] for d in direct if not d.fragment
                                  and d.subject is not None
                                  and sent.start <= d.subject[0] < head_end]:
                    # 'When X noted that A - as was true - Y boasted, "B"': a statement of
                    # its own before the quotation's subject (eleventh pass)
                    end = _before_conjunction(art.text, sent.start, min(subjects))
                    if (end - sent.start < _MIN_HEAD
                            or (art.text[sent.start : end].rstrip()[-1:] not in (",", "-")
                                and end == min(subjects))):
                        continue
                    while end > sent.start and art.text[end - 1] in " ,-":
                        end -= 1  # the dash closing an aside is no part of the statement
                    sent, clipped = Segment(sent.start, end), False
                elif any(d.subject is not None and sent.start <= d.subject[0] < sent.end
                         for d in direct if not d.fragment):
                    # 'X suggested A - "B," she said - and ...': the quotation attributed
                    # after it leaves the head a statement of its own (thirteenth pass)
                    end = head_end
                    while end > sent.start and art.text[end - 1] in " ,-:\u2013\u2014":
                        end -= 1
                    sent, clipped = Segment(sent.start, end), False
                else:
                    sent = Segment(sent.start, head_end)
            attributing = _any_within(attributions, sent.start, sent.end)
            for found in find_reported(art.text, art.cues, sent, valid):
                if attributing and not _opens_statement(art.text, sent, found):
                    continue  # '"...?" Mr. Trump asked, repeating ...' attributes the quotation
                if tail_start >= 0 and (not _second_speaker(art.text, tail_start, found)
                                        or any(d.start < found.content[1]
                                               and found.content[0] < d.end for d in drafts)):
                    continue  # the quotation's own attribution, not a second statement
                if clipped and '"' not in art.text[found.content[0] : found.content[1]]:
                    continue  # 'X greeted them, telling them' only introduces the quotation
                if (art.subject(*found.subject) is None
                        and _verb(found.cue) not in _LOOSE_CUES and not _loose_stance(found.cue)):
                    continue  # "The fighting continued into October" reports nobody
                cs, ce = found.content
                ce = _past_open_quotation(quoted, quoted_opens, cs, ce)
                base = _INDIRECT_BASE[found.style] * _FAMILY_WEIGHT[found.family]
                kind = INDIRECT
                whole = by_open.get(cs)
                if whole is None:
                    # 'X called over her shoulder, "A."': a short phrase and a comma before the
                    # quotation that ends the content (sixth pass)
                    lead = _PHRASE_THEN_QUOTE.match(art.text, cs, ce)
                    whole = by_open.get(lead.end()) if lead is not None else None
                if whole is not None and whole.close is not None and whole.close + 1 >= ce:
                    # 'X said "A."': the content is one whole quotation, a direct quote
                    kind, cs, ce, base = DIRECT, whole.start, whole.end, _DIRECT_BASE["explicit"]
                draft = _Draft(kind, cs, ce, found.cue, base, list(found.regions),
                               found.subject, found.appositive)
                if kind == INDIRECT and found.parts:
                    draft.segments = list(found.parts)
                covered = [d for d in direct
                           if d.fragment and cs <= d.start and d.end <= ce]
                if kind == INDIRECT:
                    _trailing_attribution(art, draft, covered, sent)
                    _participle_of_trailing_cue(art, draft, sent)
                drafts.append(draft)
                for d in covered:
                    direct.remove(d)
                for d in direct:
                    if d.inherit is not None and d.inherit in covered:
                        d.inherit = draft  # a later quotation continues the same speaker
    return drafts


_WORD = re.compile(r"[\w'-]+")


def _trailing_attribution(art: _Article, draft: _Draft, covered: list[_Draft],
                          sent: Segment) -> None:
    """'Port Alder failed to find the ring and "should have acted sooner," said Karl Brenner,
    the minister.': the attribution closing the sentence after its quoted fragment names who
    says the whole statement, not the subject the reported rules read before the fragment
    (twelfth pass); the statement ends at the fragment's closing mark."""
    if draft.subject is None:
        return
    for d in reversed(covered):
        if (d.subject is None or d.cue is None or d.subject[0] <= d.marks[1]
                or d.subject[0] < draft.subject[1] or d.subject[1] > sent.end):
            continue
        between = _WORD.findall(art.text, d.marks[1] + 1, d.subject[0])
        after = _WORD.findall(art.text, d.subject[1], sent.end)
        who = art.text[d.subject[0] : d.subject[1]].split()
        if (not d.cue.isalpha() or d.cue.endswith("ing") or not who
                or not (who[0][0].isupper() or who[0] in ("he", "she", "they"))
                or not (between == [d.cue] or (not between and after[:1] == [d.cue]))):
            return  # the cue stands right beside the name ('," said X', '," X said')
        draft.subject, draft.appositive, draft.cue = d.subject, d.appositive, d.cue
        draft.regions = list(d.regions)
        if draft.end > d.marks[1] + 1:
            draft.end = d.marks[1] + 1
        return


# ', Lewin added, saying A': the participle goes on from the cue right before it.
_TRAILING_CUE_PARTICIPLE = re.compile(
    r"[,\"]\s*(?P<name>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,2})\s+(?:added|adds|said|says|"
    r"continued|wrote|explained|noted|argued)\s*,\s*(?:saying|adding|noting|arguing|"
    r"explaining|insisting)\s+(?:that\s+)?$")


def _participle_of_trailing_cue(art: _Article, draft: _Draft, sent: Segment) -> None:
    """'Combs cannot say that "A," Lewin added, saying B': B is the speech of the name
    before the cue the participle follows, not of the sentence's subject (twelfth pass)."""
    if draft.cue is None or not draft.cue.endswith("ing"):
        return
    m = _TRAILING_CUE_PARTICIPLE.search(art.text, sent.start, draft.start)
    if m is None or art.subject(*m.span("name")) is None:
        return
    draft.subject, draft.appositive = m.span("name"), None


def _statement_before_colon(art: _Article, direct: list[_Draft], sent: Segment,
                            head_end: int) -> int | None:
    """'X asserted that A: "B," he said.': the words before a colon that opens the sentence's
    first quotation are a statement of their own when that quotation is attributed after
    it, not by the words before the colon (thirteenth pass); the colon's offset, else None."""
    head = art.text[sent.start : head_end].rstrip()
    if (not head.endswith(":") or len(head.split()) < _MIN_COLON_HEAD_WORDS
            or _COLON_INTRO.search(head) is not None):
        return None
    for d in direct:
        if (not d.fragment and d.subject is not None and sent.start <= d.subject[0] < head_end
                and _COLON_THAT.match(art.text, d.subject[1], head_end) is None):
            return None  # 'X, speaking in Ohio, said:' attributes the quotation itself
    return sent.start + len(head) - 1


_MIN_COLON_HEAD_WORDS = 6
# 'X asserted that A:': after the quotation's subject in the head, a conjunction within four
# words opens a statement of its own
_COLON_THAT = re.compile(r"\s+(?:[\w'’-]+\s+){1,4}?(?:that|how|why|whether)\s")
# 'X explained it by saying:', 'wrote of the minister:', 'told the crowd:': a speech verb just
# before the colon introduces the quotation itself
_COLON_INTRO = re.compile(
    r"\b(?:saying|said|says|wrote|writes|tweeted|posted|told|tells|adding|added|explained|"
    r"declared|stated)(?:\s+(?:in|on|of|to|at|by|about|with|during|from)\b[^:]*"
    r"|(?:\s+[\w'’.-]+){0,3})\s*:$")


def _tail_after_quote(art: _Article, direct: list[_Draft], sent: Segment,
                      inside: list[int]) -> Segment | None:
    """'"A," X said, hours after Y declared B': the words after the attribution of a sentence's
    opening quotation, where a second speaker's statement may sit (thirteenth pass)."""
    subjects = [d.subject[1] for d in direct if not d.fragment and d.subject is not None
                and sent.start <= d.subject[0] < sent.end]
    if not subjects:
        return None
    start = max(subjects)
    if any(o >= start for o in inside) or '"' in art.text[start : sent.end]:
        return None
    return Segment(start, sent.end)


def _before_conjunction(text: str, start: int, end: int) -> int:
    """'A woman asked for A and Reyes said, "B"': the head before the quotation's subject ends
    at the comma standing for the "and" or "but" that joins the two clauses (thirteenth pass)."""
    m = _JOINING_CONJUNCTION.search(text, start, end)
    return m.start() + 1 if m is not None else end


_JOINING_CONJUNCTION = re.compile(r"\S\s+(?:and|but)\s+$")


def _second_speaker(text: str, start: int, found: Reported) -> bool:
    """A statement in the tail after a quotation's attribution has a subject of its own there
    and opens no appositive ('..., a city official')."""
    return (found.subject[0] > start and found.content[0] > found.subject[1]
            and not text[found.content[0] - 2 : found.content[0] + 1].lstrip().startswith(","))


def _opens_statement(text: str, sent: Segment, found: Reported) -> bool:
    """'"That is wrong." She said the fund would run dry.': a sentence read as the attribution of
    the quotation before it still reports a statement when it opens on its subject and the
    speech verb leads a clause of its own (eleventh pass)."""
    start = sent.start
    while start < sent.end and text[start].isspace():
        start += 1
    between = text[found.subject[1] : found.content[0]]
    return (found.style == "lead" and found.family == "speech" and found.subject[0] == start
            and _words(text, *found.content) >= _MIN_STATEMENT_WORDS
            and "," not in between and _verb(found.cue) not in ("asked", "asks", "ask")
            and _NOT_STATEMENT_START.match(text, found.content[0]) is None)


# 'X said, waving a flag', 'X said about Y': the words after the verb go on with the
# quotation's attribution, not with a statement
_NOT_STATEMENT_START = re.compile(
    r"(?:about|of|to|in|on|at|with|for|after|before|while|as|by|from|[a-z]+ing)\b")


_MIN_STATEMENT_WORDS = 4


def _words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


# The verb that introduces a sentence's quotation after a statement of the same speaker.
_QUOTE_INTRO_TAIL = re.compile(
    r",?\s+(?:and|but)\s+(?:then\s+|also\s+|later\s+)?(?:said|added|says|adds|wrote|"
    r"writes|went\s+on\s+to\s+say|continued)\s*[,:]?\s*$"
    # eleventh pass: 'X said A, adding: "B"', 'X said A, adding, "B"'
    r"|,\s*(?:adding|noting|explaining|insisting|writing|continuing)\s*[,:]\s*$"
    # thirteenth pass: 'X urged voters to stay home, saying, "B"'
    r"|,\s*(?:saying|declaring|stating)\s*[,:]\s*$")
_QUESTION_BASE = 0.7
_UNNAMED_ASKER = Resolution(None, "unresolved", PERSON, None)


def _question_drafts(art: _Article, sent: Segment, quoted: list[tuple[int, int]]) -> list[_Draft]:
    """The questions put in a sentence ("Asked whether A, X said ..."): claims of their asker,
    named after "by" or left without a speaker (eighth pass: unnamed askers); none inside a
    quotation."""
    out = []
    for q in find_question(art.text, art.cues, sent.start, sent.end):
        cs, ce = q.content
        if any(o < ce and cs < c for o, c in quoted):
            continue
        draft = _Draft(INDIRECT, cs, ce, "asked", _QUESTION_BASE, [(q.cue[0], cs)], q.asker)
        if q.asker is None:
            draft.resolution = _UNNAMED_ASKER
        out.append(draft)
    return out


# "..., she said, adding that B": a participle continuing a quotation's attribution.
_PARTICIPLE_AFTER = re.compile(
    r",\s*(?:(?:while\s+(?:also\s+)?)?(?P<cue>adding|noting|saying|arguing|explaining|insisting|warning|"
    r"claiming|suggesting|stressing|acknowledging|telling\s+(?:[\w'-]+\s+){0,3}?(?=that\b))|"
    # "..., said Ann Lee, who said she had left on good terms": the relative speaks for the
    # quotation's speaker
    r"(?:(?:but\s+|and\s+)?who|"
    # thirteenth pass: '"A," said X, though he added that B'
    r"(?:though|although|but)\s+(?:he|she|they)(?=\s+(?:also\s+)?(?:added|said|noted)\b))"
    r"\s+(?:also\s+|later\s+|then\s+)?(?P<rcue>said|says|added|argued|"
    r"noted|explained|insisted|warned|"
    # eighth pass: '"A," said X, who acknowledged B', '..., who predicted B'
    r"acknowledged|conceded|predicted|suggested|contended|cautioned|stressed|recalled|"
    r"told\s+(?:[\w'-]+\s+){0,3}?(?=that\b)))"
    r"(?:\s+(?P<that>that)\b)?\s*,?\s*")
_MIN_PARTICIPLE_WORDS = 4
# Without "that", a clause opens on a pronoun or a name ("adding a warning" is an object).
_CLAUSE_START = re.compile(r"(?:he|she|they|it|we|I|there|[A-Z])\b|[A-Z]")
# After a finite "who said", a clause may open on a determiner ("who said the mayor was").
# thirteenth pass: '..., adding the city must pay': after a participle too, a determiner opens a
# clause when a finite verb follows within four words ('adding a warning' stays an object)
_DETERMINER_CLAUSE = re.compile(
    r"(?:the|his|her|their|its|this|these|those|some|many|most|no|every|all)\s+"
    r"(?:[\w.'’-]+\s+){0,3}?(?:must|should|will|would|can|could|may|might|is|are|was|were|"
    r"has|have|had|did|does|do)\b")
_DETERMINER_START = re.compile(r"(?:the|a|an|his|her|their|its|this|that|these|those|some|"
                               r"many|most|no|every|all)\s")


_AUXILIARIES = frozenset(str.split("has have had also repeatedly already"))


def _verb(cue: str) -> str:
    """The verb of a cue, lower-cased: "reported that" -> "reported", "has told NBC" ->
    "told" ("" for no cue); the verb decides whether a described source may say it."""
    words = [w for w in cue.lower().split() if w not in _AUXILIARIES]
    if len(words) > 1 and words[0] in _HEARER_VERBS:
        return words[0]  # "told NBC": the hearer is no verb
    while len(words) > 1 and words[-1] in _PARTICLES:
        words = words[:-1]  # "The newspaper reported that", "Labor leaders point out"
    return words[-1] if words else ""


def _before_colon_quote(text: str, start: int, end: int) -> int:
    """'..., explaining he had worked with the data team: "B."': the participle's statement ends
    at the colon that opens the next quotation (thirteenth pass); ``end`` when there is none."""
    mark = text.find('"', start, end)
    if mark < 0:
        return end
    head = text[start:mark].rstrip()
    return start + len(head) - 1 if head.endswith(":") else end


def _participle_object_after_quote(art: _Article, direct: list[_Draft],
                                   sent: Segment) -> _Draft | None:
    """'"A," said X, speaking of the convention', '..., explaining the decision': a participle
    of talk whose object, up to the next comma, is what the quotation's speaker talks about
    (thirteenth pass); None when the sentence has none."""
    for d in direct:
        if d.fragment or d.subject is None or not sent.start <= d.subject[0] < sent.end:
            continue
        m = _PARTICIPLE_OBJECT.search(art.text, d.subject[1], sent.end)
        if m is None or '"' in art.text[d.subject[1] : m.start()]:
            return None
        cs = m.end()
        stop = _OBJECT_STOP.search(art.text, cs, sent.end)
        ce = stop.start() if stop is not None else sent.end
        while ce > cs and (art.text[ce - 1].isspace() or art.text[ce - 1] in ".!?"):
            ce -= 1
        words = len(art.text[cs:ce].split())
        if words < 1 or words > _MAX_OBJECT_WORDS or '"' in art.text[cs:ce]:
            return None
        return _Draft(INDIRECT, cs, ce, " ".join(m.group("cue").split()),
                      _INDIRECT_BASE["lead"], [(d.subject[0], cs)], d.subject, d.appositive)
    return None


# '..., speaking of the convention', '..., explaining why he came': talk about an object
_PARTICIPLE_OBJECT = re.compile(
    r",\s*(?P<cue>speaking\s+(?:of|about)|referring\s+to|asking\s+for|explaining|"
    r"tweeting|describing|discussing)\s+(?=\S)")
_OBJECT_STOP = re.compile(r"[,;:\u2014\u2013]|\s-\s")
_MAX_OBJECT_WORDS = 20


def _participle_after_quote(art: _Article, direct: list[_Draft], sent: Segment) -> _Draft | None:
    """The reported claim a participle adds after a quotation's attribution, with the
    quotation's speaker; None when the sentence has none."""
    for d in direct:
        if d.fragment or d.subject is None or not sent.start <= d.subject[0] < sent.end:
            continue
        m = _PARTICIPLE_AFTER.search(art.text, d.subject[1], sent.end)
        if m is None or '"' in art.text[d.subject[1] : m.start()]:
            return None
        cs, ce = m.end(), sent.end
        if m.group("that") is None and not (
                _CLAUSE_START.match(art.text, cs)
                or (m.group("rcue") and _DETERMINER_START.match(art.text, cs))
                or _DETERMINER_CLAUSE.match(art.text, cs)):
            return None
        ce = _before_colon_quote(art.text, cs, ce)
        while ce > cs and (art.text[ce - 1].isspace() or art.text[ce - 1] in ".!?;:,"):
            ce -= 1
        if '"' in art.text[cs:ce] or len(art.text[cs:ce].split()) < _MIN_PARTICIPLE_WORDS:
            return None
        cue = " ".join((m.group("cue") or m.group("rcue")).split())
        return _Draft(INDIRECT, cs, ce, cue, _INDIRECT_BASE["lead"], [(d.subject[0], cs)],
                      d.subject, d.appositive)
    return None


def _register_sentence_subjects(art: _Article, registry_events: list[tuple[int, Mention]]) -> None:
    """Note speakers introduced at the head of a sentence with a descriptor or an acronym.

    "Secretary General of the OIC Hadi Soleimanpour sent a letter" introduces the person that a
    later "the secretary general" or "Soleimanpour" refers to, though it claims nothing itself.
    """
    text = art.text
    for sents in art.sents:
        for sent in sents:
            tokens_end = sent.start
            for tok in _TOKEN.finditer(text, sent.start, min(sent.end, sent.start + 240)):
                raw = tok.group()
                token = raw.rstrip(",.;:")
                if not token:
                    break
                ok = token[0].isupper() or token[0] == "(" or is_descriptor_word(token)
                if ok:
                    tokens_end = tok.start() + len(token)
                if ok and raw == token + "." and _name_abbreviation(token):
                    tokens_end = tok.end()  # "Harry M. Reid", "Alaska Gov. Bill Walker"
                    continue
                if not ok or raw != token or tok.start() - sent.start > 200:
                    break
            if tokens_end <= sent.start:
                continue
            phrase_end = tokens_end
            # drop lower-case connectors the head-noun phrase ended on
            while True:
                cut = art.text.rfind(" ", sent.start, phrase_end)
                last = art.text[cut + 1 : phrase_end]
                if cut > sent.start and last in {"of", "the", "in", "for", "and", "on"}:
                    phrase_end = cut
                else:
                    break
            if art.text.endswith("'s", sent.start, phrase_end):
                phrase_end -= 2  # "Mr. Rubio's debate ...": the possessor is the person met
            mention = parse_subject(art.text[sent.start : phrase_end],
                                    art.body[sent.start : phrase_end])
            if mention is None or mention.kind != "named":
                continue
            if (mention.role or mention.acronym or mention.speaker_kind != PERSON
                    or " " in (mention.name or "")):
                registry_events.append((sent.start, mention))
            elif mention.speaker_kind == PERSON and " " not in (mention.name or " "):
                registry_events.append((sent.start, mention))  # a surname: only if known


_TOKEN = re.compile(r"\S+")


def _name_abbreviation(token: str) -> bool:
    """A middle initial or an abbreviated title inside a name, whose full stop ends no
    name: "Harry M. Reid" read as "Harry M" became a second person whom "the senator"
    then meant (ninth pass)."""
    return (len(token) == 1 and token.isupper()) or token.lower() in ABBREVIATIONS
_ACRONYM_DEF = re.compile(r"\s\(([A-Z][A-Za-z]{1,9})\)")
_CONNECTORS = frozenset({"of", "for", "and", "in", "on", "the", "de", "du", "des"})


def _register_acronym_definitions(
    art: _Article, registry_events: list[tuple[int, Mention]]
) -> None:
    """Note every "Full Name (ACRONYM)" as an organisation, wherever it stands.

    "The European Union (EU) and the Organization for Security and Co-operation in Europe (OSCE)
    sent observers" defines two organisations that a later "The OSCE said" refers to; the name
    is read backwards from the parenthesis over capitalised words and connectors.
    """
    text = art.text
    for m in _ACRONYM_DEF.finditer(text):
        acronym = m.group(1)
        words = text[max(0, m.start() - 160) : m.start()].split()
        name: list[str] = []
        for word in reversed(words):
            if word[:1].isupper() or word in _CONNECTORS:
                name.append(word)
            else:
                break
        name.reverse()
        while name and (name[0] in _CONNECTORS or name[0] in {"The"}):
            name.pop(0)
        # keep the shortest tail whose initials spell the acronym, when there is one
        for i in range(len(name)):
            if name[i] in _CONNECTORS or name[i] == "The":
                continue
            initials = "".join(w[0] for w in name[i:] if w[:1].isupper())
            if initials == acronym.upper():
                name = name[i:]
                break
        if len(name) < 2 or name[0][0].upper() != acronym[0]:
            continue
        registry_events.append(
            (m.start() - len(" ".join(name)), Mention("named", ORGANIZATION, name=" ".join(name),
                                                      acronym=acronym))
        )


# "Donald Trump, the Republican nominee," / "the party's nominee, Donald Trump," /
# "Republican nominee Donald Trump": a full name beside a description of its bearer.
_FULL_NAME = r"[A-Z][a-z][\w'-]*(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z][\w'-]*){1,2}"
_DESCRIPTION = r"(?:[A-Z][\w'-]*\s+){0,3}(?:[a-z][\w'-]*\s+){0,3}[a-z][\w-]*"
_NAME_THEN_DESCRIPTION = re.compile(
    rf"(?P<name>{_FULL_NAME}),\s+(?:the|a|an)\s+(?P<desc>{_DESCRIPTION})(?=[,.;]|\s+(?:of|for)\b)")
_DESCRIPTION_THEN_NAME = re.compile(
    rf"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+(?P<desc>{_DESCRIPTION}),\s+(?P<name>{_FULL_NAME})"
    r"(?=[,.;])")
_PREMODIFIED_NAME = re.compile(
    rf"(?<![\w'-])(?P<desc>(?:[A-Z][a-z][\w'-]*\s+){{1,2}}(?:[a-z][\w-]*\s+){{0,1}}"
    rf"[a-z][\w-]*)\s+(?P<name>{_FULL_NAME})\b")


def _descriptions(art: _Article) -> list[tuple[str, str, int]]:
    """The descriptions an article gives its named people, wherever they stand: (name,
    description, position of the name).

    "Donald Trump, the Republican nominee, visited ..." says nothing itself, but a later "the
    nominee told reporters" means Trump; the registry resolves such a description by its head
    noun when exactly one named person carries it (issue 18, family 4).  Only descriptions
    headed by a role or person noun count ("the nominee", "the party's candidate").
    """
    text = art.text
    found: list[tuple[str, str, int]] = []
    for pattern in (_NAME_THEN_DESCRIPTION, _DESCRIPTION_THEN_NAME, _PREMODIFIED_NAME):
        for m in pattern.finditer(text):
            desc = m.group("desc").strip()
            words = desc.split()
            if not words or any(w.lower() in _NOT_DESCRIPTION for w in words):
                continue
            head = words[-1].lower()
            if not person_head_noun(head):
                continue
            mention = parse_subject(m.group("name"))
            if (mention is None or mention.kind != "named" or mention.speaker_kind != PERSON
                    or " " not in (mention.name or "")):
                continue
            found.append((mention.name or "", mention.role or desc, m.start("name")))
    return found


_NOT_DESCRIPTION = frozenset(str.split(
    "said says told asked and or but that who which is was are were has have had with by"))


_DOUBLED_CLOSE = re.compile(r"(?<=\S)''|''(?!\S)")
# A nested quotation closing with its outer one (``''... 'We'll bomb them,''' said X``): the
# inner single mark, then the doubled pair (seventh pass).
_TRIPLED_CLOSE = re.compile(r"(?<=\S)'''(?!')")
_DOUBLED_OPEN = re.compile(r"``|''(?=\S)")


def doubled_marks(text: str) -> str:
    """Read the doubled marks of some outlets (``''Yes,'' he said``, ``` ``Yes'' ```) as ``"``.

    The length never changes, so offsets still point into the body: a closing pair becomes
    ``" `` (mark against the last word), an opening pair `` "`` (mark against the first).
    """
    if "''" not in text and "``" not in text:
        return text
    text = _TRIPLED_CLOSE.sub("'\" ", text)
    text = _DOUBLED_CLOSE.sub('" ', text)
    return _DOUBLED_OPEN.sub(' "', text)


# Markup left in pasted copy: an embedded post's tag whose attributes hold text and quotation
# marks ('<tweet author="..." date="...">X said "..."'). Read as spaces, so no claim starts
# inside a tag and the words after it open their own sentence.
_MARKUP = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]{0,2000})?/?>")


def blank_markup(text: str) -> str:
    """``text`` with every HTML or XML tag replaced by as many spaces (offsets unchanged)."""
    if "<" not in text:
        return text
    return _MARKUP.sub(lambda m: " " * len(m.group()), text)


def extract_claims(
    body: str,
    *,
    published: datetime.date | None = None,
    dateline: str | None = None,
) -> list[ExtractedClaim]:
    """Propose the claims of an article body, sorted by start offset.

    Pure and deterministic: no I/O, no database.  Every claim satisfies
    ``body[c.start:c.end] == c.text``.  ``published`` anchors dates without a year and is the
    fallback date; ``dateline`` ("BAKU, Azerbaijan, April 6") gives the place meant by "here".
    """
    view = blank_markup(body)
    text = doubled_marks(fold(view))
    paras = paragraphs(text)
    art = _Article(body, text, paras, [sentences(text, p) for p in paras], CueIndex(text))
    quotes = find_quotes(doubled_marks(view), paras)
    direct = _direct_drafts(art, quotes)
    indirect = _reported_drafts(art, direct, quotes)
    direct = _drop_modifier_quotes(art, direct)
    direct = [d for d in direct if not _excerpt(art, d)]
    indirect += _fragment_drafts(art, direct, indirect, quotes)
    indirect = _split_coordinated(art, indirect)
    direct += _label_quotes(art, indirect, quotes)
    direct = _join_split_quotes(art, direct)
    _continue_reported(art, direct, indirect)
    _goes_on_after_report(art, direct, indirect)
    drafts = sorted(direct + indirect, key=lambda d: (d.start, d.end))

    # resolve speakers in reading order: subjects and sentence-head introductions interleaved
    events: list[tuple[int, int, object]] = []
    intro: list[tuple[int, Mention]] = []
    _register_sentence_subjects(art, intro)
    _register_acronym_definitions(art, intro)
    for pos, mention in intro:
        events.append((pos, 0, mention))
    for d in drafts:
        if d.subject is not None:
            events.append((d.subject[0], 1, d))
    events.sort(key=lambda ev: (ev[0], ev[1]))
    registry = Registry()
    registry.surname_gender = _surname_genders(art.text)
    registry.find_descriptions = lambda: _descriptions(art)
    for pos, _order, item in events:
        if isinstance(item, Mention):
            if (item.role or item.acronym or item.speaker_kind != PERSON
                    or " " in (item.name or "")):
                registry.register(item, pos)
            else:
                registry.note_alias(item, pos)
            continue
        assert isinstance(item, _Draft) and item.subject is not None
        subject = (_mention(art, item.subject, item.appositive)
                   or _source_mention(art, item.subject, item.cue))
        if subject is None and item.kind == DIRECT and item.cue:
            subject = quoted_description(art.text[item.subject[0] : item.subject[1]])
        if subject is None and item.kind == INDIRECT:
            phrase = art.text[item.subject[0] : item.subject[1]]
            if (_verb(item.cue or "") in ("reported", "reports") or is_outlet(phrase)
                    or _wire_service(phrase)):
                subject = outlet_mention(phrase)
            subject = subject or loose_group(phrase) or described_source(phrase)
        if subject is not None:
            item.resolution = registry.resolve(subject, pos)

    _full_names(art, registry)
    claims: list[ExtractedClaim] = []
    for d in drafts:
        claim = _finish(art, d, published, dateline)
        if claim is not None:
            claims.append(claim)
    claims.sort(key=lambda c: (c.start, c.end))
    return _follow_the_event(claims)


_HONORIFIC_NAME = re.compile(r"\b(Mrs|Ms|Miss|Mr)\.?\s+((?:[A-Z][\w'-]+\s+){0,2}[A-Z][\w'-]*\w)")


def _surname_genders(text: str) -> dict[str, str]:
    """Each surname the article gives with "Mr." or "Mrs."/"Ms.": what "he" and "she" can
    mean; a surname met with both ("Mr. Clinton", "Mrs. Clinton") says nothing."""
    found: dict[str, str] = {}
    mixed: set[str] = set()
    for m in _HONORIFIC_NAME.finditer(text):
        surname = m.group(2).split()[-1]
        gender = "m" if m.group(1) == "Mr" else "f"
        if found.setdefault(surname, gender) != gender:
            mixed.add(surname)
    for surname in mixed:
        del found[surname]
    return found


def _full_names(art: _Article, registry: Registry) -> None:
    """A speaker known only by a surname ("said Mr. Trump", "Clyburn said") takes the full
    name the article gives that person ("Donald J. Trump"), when exactly one person of that
    surname is named (issue 18, item 3); the short form stays an alias."""
    for ent in registry.entities:
        if (ent.kind != PERSON or " " in ent.name or not ent.name[:1].isupper()
                or ent.name.isupper()):
            continue
        found: dict[str, str] = {}  # first name -> full name (first form met)
        pattern = re.compile(rf"(?:{_NAME_WORD}\s+){{1,3}}{re.escape(ent.name)}\b(?!['-])")
        for m in pattern.finditer(art.text):
            mention = parse_subject(m.group(), art.body[m.start() : m.end()])
            if mention is None or mention.kind != "named" or mention.speaker_kind != PERSON:
                continue
            words = (mention.name or "").split()
            while words and words[0].lower().rstrip(".") in _NOT_FIRST:
                words = words[1:]  # "Sen. Ted Cruz" is Ted Cruz
            if len(words) < 2 or words[-1] != ent.name or any(
                    w.lower() in _HEADLINE_VERBS for w in words):
                continue  # "Does Rubio ...", "Hollande Says Trump ...": a headline's words
            found.setdefault(words[0], " ".join(words))
            if len(found) > 1:
                break
        if len(found) == 1:
            [full] = found.values()
            short, ent.name = ent.name, full
            ent.add_alias(short)


# A word of a full name: a capitalised word, an initial, or an abbreviated title (never a
# sentence's last word before its full stop).
_NAME_WORD = r"(?:[A-Z][\w'-]*[\w]|[A-Z]\.|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St)\.)"
# Verbs a headline capitalises ("Does Reyes Stand a Chance", "Lorne Says Reyes Lied", "See
# Reyes's Reply"): never part of a full name (eleventh pass).
_HEADLINE_VERBS = frozenset(str.split(
    "does do did is are was were has have had says said tells told asks asked calls slams "
    "blasts wants claims thinks warns urges see like can will would could should may might "
    "must ever"))
# Capitalised words that open a sentence or a phrase, never a first name.
_NOT_FIRST = frozenset(str.split(
    "the a an and but or in on at of for to from with by as if when while after before since "
    "then so yet this that these those his her their its our my your said says told asked "
    "according president senator governor secretary former republican democrat democratic "
    "speaker leader mayor judge justice candidate rep sen gov vice chief mr mrs ms dr gen lt "
    "col st"))


def _follow_the_event(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """Later statements of a speaker take the date and place of the event where the article
    placed them ("... Mammadyarov said in Doha on November 4." then "the minister stressed
    ...": the same address), unless they state their own (issue 18, family 9)."""
    event: dict[str, ExtractedClaim] = {}
    out: list[ExtractedClaim] = []
    for c in claims:
        key = c.speaker_name
        if key is None:
            out.append(c)
            continue
        if c.said_on_basis == "stated" and c.said_where:
            event[key] = c
        elif key in event and c.said_where is None and c.said_on_basis != "stated":
            src = event[key]
            c = replace(c, said_on=src.said_on, said_on_basis="stated",
                        said_where=src.said_where)
        out.append(c)
    return out


_MAX_SPLIT_GAP = 160


_UNATTRIBUTED = (_DIRECT_BASE["none"], _DIRECT_BASE["context"])


def _continue_reported(art: _Article, direct: list[_Draft], indirect: list[_Draft]) -> None:
    """``Obama "felt a duty" to act, Axelrod said. "This is core stuff for him."``: a
    quotation with no attribution of its own that opens the sentence right after a reported
    claim goes on with that claim's speaker (issue 18, family 7), before any guess from the
    context."""
    if not indirect:
        return
    for d in direct:
        if d.subject is not None or d.inherit is not None or d.base not in _UNATTRIBUTED:
            continue
        sents = art.sents[d.para]
        at = next((i for i, x in enumerate(sents) if x.start <= d.marks[0] < x.end), None)
        if at is None or sents[at].start != d.marks[0]:
            continue  # only a quotation that opens its sentence
        if at > 0:
            prev_sent = sents[at - 1]
        elif d.para > 0 and art.sents[d.para - 1]:
            prev_sent = art.sents[d.para - 1][-1]  # the paragraph before ends with the report
        else:
            continue
        prev = [r for r in indirect
                if r.subject is not None and prev_sent.start <= r.start < prev_sent.end]
        if len(prev) != 1 or '"' in art.text[prev[0].end : prev_sent.end]:
            continue  # two speakers before it, or a quotation of its own between
        d.inherit, d.base = prev[0], _DIRECT_BASE["continued"]
        d.subject, d.appositive, d.regions = None, None, []


# The lead-in of a quotation that goes on after a reported claim of the same sentence: "X told
# the Herald that A, adding, "B"", "X said A but added, "B"", "X described the move as "A,"
# adding: "B"", "X insisted A while adding on port matters, "B"".
_GOING_ON_LEAD = re.compile(
    r"(?:,[\"']?\s*|\s(?:and|but|while|before)\s+(?:then\s+|also\s+|later\s+)?)"
    r"(?:adding|added|explaining|explained|noting|noted|continuing|continued|contrasted|"
    r"concluding|concluded|insisting|saying)\b[^\"]{0,80}?[,:]?\s*$", re.IGNORECASE)
# A sentence that only goes on with the report before it: 'Adding, "B."'
_GOING_ON_SENTENCE = re.compile(r"\s*(?:Adding|Continuing|Explaining|Concluding)\s*[,:]?\s*$")


def _goes_on_after_report(art: _Article, direct: list[_Draft], indirect: list[_Draft]) -> None:
    """A quotation with no attribution of its own whose lead-in goes on from a reported claim
    ("X told the Herald that A, adding, "B"", "X said A but added, "B"", or a sentence of
    its own, 'X stated that A. Adding, "B."') takes that claim's speaker (eleventh pass: it
    had been left to nobody)."""
    if not indirect:
        return
    for d in direct:
        if d.subject is not None or d.inherit is not None or d.base not in _UNATTRIBUTED:
            continue
        sents = art.sents[d.para]
        at = next((i for i, x in enumerate(sents) if x.start <= d.marks[0] < x.end), None)
        if at is None:
            continue
        sent = sents[at]
        lead = art.text[sent.start : d.marks[0]]
        if _GOING_ON_LEAD.search(lead):
            lo = sent.start
        elif _GOING_ON_SENTENCE.fullmatch(lead) and at > 0:
            lo = sents[at - 1].start
        else:
            continue
        before = [r for r in indirect if r.subject is not None and lo <= r.start < d.marks[0]]
        if not before:
            continue
        d.inherit, d.base = before[-1], _DIRECT_BASE["continued"]
        d.subject, d.appositive, d.regions = None, None, []


# '"A," X said, adding, "B."': a second statement of the same speaker, not one quotation split
# around its attribution (issue 18, families 2 and 7).
_GOES_ON = re.compile(r"\b(?:adding|noting|continuing|explaining|before\s+adding|then\s+added|"
                      r"and\s+added|later\s+added)\b")


def _join_split_quotes(art: _Article, direct: list[_Draft]) -> list[_Draft]:
    """``"A," X said. "B."`` and ``"A," X said, "B."``: one claim in two segments.

    B joins A when it follows in the same paragraph with nothing between them but A's
    attribution (no other quotation, a short gap) and B names no other speaker.
    """
    out: list[_Draft] = []
    ordered = sorted(direct, key=lambda d: d.start)
    for d in ordered:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == DIRECT
            and d.para == prev.para
            and prev.subject is not None
            and not prev.fragment
            and not d.fragment
            and prev.marks[1] < prev.subject[0] < d.marks[0]
            and d.marks[0] - prev.marks[1] <= _MAX_SPLIT_GAP
            and '"' not in art.text[prev.marks[1] + 1 : d.marks[0]]
            and not _GOES_ON.search(art.text, prev.marks[1] + 1, d.marks[0])
            and (d.subject is None or d.subject == prev.subject
                 or (d.inherit is prev and d.subject is None))
        ):
            if not prev.segments:
                prev.segments = [(prev.start, prev.end)]
            prev.segments.append((d.start, d.end))
            prev.end = d.end
            prev.marks = (prev.marks[0], d.marks[1])
            for other in direct:
                if other.inherit is d:
                    other.inherit = prev
            continue
        out.append(d)
    return out


def _source(d: _Draft) -> _Draft:
    seen = 0
    while d.inherit is not None and d.subject is None and seen < 64:
        d = d.inherit
        seen += 1
    return d


def _finish(
    art: _Article, d: _Draft, published: datetime.date | None, dateline: str | None
) -> ExtractedClaim | None:
    src = _source(d)
    res = src.resolution
    if d.kind == INDIRECT and res is None:
        return None
    regions = [art.text[s:e] for s, e in src.regions]
    said_on, basis, where = when_where(regions, published, dateline)
    entity = res.entity if res else None
    confidence = d.base * (_RESOLUTION_WEIGHT[res.how] if res else 0.6)
    if res is not None and res.lookalike:
        confidence *= _LOOKALIKE_PENALTY
    text = art.body[d.start : d.end]
    runner_up = None
    if res is not None and res.runner_up is not None:
        other, closeness = res.runner_up
        runner_up = (other.name, round(min(max(confidence * closeness, 0.0), 1.0), 3))
    return ExtractedClaim(
        kind=d.kind,
        text=text,
        start=d.start,
        end=d.end,
        speaker_name=entity.name if entity else None,
        speaker_kind=(entity.kind if entity else (res.speaker_kind if res else PERSON)),
        speaker_role=(entity.role if entity else (res.role if res else None)),
        speaker_aliases=tuple(entity.aliases) if entity else (),
        cue=src.cue,
        confidence=round(min(max(confidence, 0.0), 1.0), 3),
        said_on=said_on,
        said_on_basis=basis,
        said_where=where,
        segments=tuple(d.segments),
        runner_up=runner_up,
    )



_FRAGMENT_BASE = 0.6
_OPENERS = frozenset(str.split(
    "afterwards afterward later earlier meanwhile still now then today yesterday instead also "
    "again however separately previously eventually finally ultimately indeed and but so"))


def _fragment_drafts(art: _Article, direct: list[_Draft], indirect: list[_Draft],
                     quotes: list[QuoteSpan]) -> list[_Draft]:
    """Reported claims for the quoted fragments no other rule covered (eleventh pass):
    'he called her "weak"', 'she said it "humanizes" her' after a subject the sentence rules
    could not cut."""
    def valid(s: int, e: int, cue: str) -> bool:
        return _plain_source(art, s, e, cue)

    def described(s: int, e: int, cue: str) -> bool:
        # the quotation vouches for speech: a described source may say any verb of it ("many
        # commentators called him "..."), when no reading names anyone
        phrase = art.text[s:e]
        if e - s > _MAX_SUBJECT or '"' in phrase or phrase.split()[0].lower() in _OPENERS:
            return False  # "Afterwards many commentators": the adverb is no part of them
        return (loose_group(phrase) or described_source(phrase)) is not None

    claimed = [(d.marks[0], d.marks[1] + 1) if d.kind == DIRECT and d.marks[0] >= 0
               else (d.start, d.end) for d in direct + indirect]
    out: list[_Draft] = []
    for q in quotes:
        if q.close is None or any(s <= q.close and q.open < e for s, e in claimed):
            continue
        sent = _sentence_at(art.sents[q.para], q.open)
        if sent is not None and q.close >= sent.end:
            # 'X used the question to demand they "pay their share. ... My plan would ..."':
            # a quotation running on past its sentence ends the statement (twelfth pass)
            last = _sentence_at(art.sents[q.para], q.close)
            sent = Segment(sent.start, last.end) if last is not None else None
        if sent is None:
            continue
        blocked = [(s, e) for s, e in claimed if sent.start <= s < q.open]
        found = (fragment_report(art.text, art.cues, sent, q.open, q.close, blocked, valid)
                 or fragment_report(art.text, art.cues, sent, q.open, q.close, blocked,
                                    described))
        if found is None:
            continue
        cs, ce = found.content
        draft = _Draft(INDIRECT, cs, ce, found.cue, _FRAGMENT_BASE, list(found.regions),
                       found.subject, found.appositive)
        if (cs == q.open and ce >= q.close and speech_quote(art.text, q.open, q.close + 1)
                and len(art.text[q.start : q.end].split()) >= _LABEL_MIN_WORDS):
            # 'chanting "Dump the levy."': the words after the verb are one whole quotation
            draft.kind, draft.start, draft.end = DIRECT, q.start, q.end
            draft.marks, draft.para = (q.open, q.close), q.para
            draft.base = _DIRECT_BASE["explicit"]
            direct.append(draft)
        else:
            out.append(draft)
        claimed.append((cs, ce))
    return out


def _split_coordinated(art: _Article, indirect: list[_Draft]) -> list[_Draft]:
    """'X called the deal "a disaster" and ranked it among the worst "in history"': two
    statements, each with its quotation, are two claims (eleventh pass); a name before the
    second verb ("... and Reyes calling it "a win"") speaks the second."""
    def valid(s: int, e: int, cue: str) -> bool:
        return art.subject(s, e) is not None

    out: list[_Draft] = []
    todo = list(reversed(indirect))
    while todo:
        d = todo.pop()
        if d.kind != INDIRECT or d.segments or d.subject is None or '"' not in art.text[
                d.start : d.end]:
            out.append(d)
            continue
        split = coordinated_split(art.text, d.start, d.end, valid)
        if split is None:
            out.append(d)
            continue
        head, rest, speaker, verb = split
        d.end = head[1]
        second = replace(d, start=rest[0], end=rest[1], cue=verb, regions=list(d.regions))
        if speaker is not None:
            second.subject, second.appositive, second.regions = speaker, None, [
                (speaker[0], rest[0])]
            second.resolution = None
        out.append(d)
        if not any((o.start, o.end) == (second.start, second.end) for o in out + todo):
            todo.append(second)  # a third statement may follow the second
    return out


# A quotation used as a modifier: 'the "Never Again" movement', '"rebellious" people', 'over
# the "provisional" role': a label inside a noun phrase, nobody's statement.
_NOUN_AFTER = re.compile(r'"\s+(?!(?:said|says|say|told|tells|added|adds|wrote|writes|asked|'
                         r'and|or|but|to|in|on|at|of|for|from|with|by|as|is|was|are|were|'
                         r'that|which|who|when|if|because|he|she|they|it|we|I|could|would|'
                         r'will|should|may|might|can|must|has|have|had|did|does|do|not|than|'
                         r'then|so|into|over|after|before|about|against|[a-z]+(?:ed|ly))\b)'
                         r'[a-z][\w-]*')


def _drop_modifier_quotes(art: _Article, direct: list[_Draft]) -> list[_Draft]:
    """The direct drafts without the quotations used as modifiers; a draft that went on
    with one's speaker takes its attribution over (tenth-pass chains stay whole)."""
    dropped = [d for d in direct if _modifier_quote(art, d)]
    if not dropped:
        return direct
    for d in direct:
        while d.inherit is not None and d.inherit in dropped:
            src = d.inherit
            d.inherit = src.inherit
            if src.subject is not None and d.subject is None:
                d.subject, d.appositive, d.regions, d.cue = (
                    src.subject, src.appositive, list(src.regions), src.cue)
                d.inherit = None
    return [d for d in direct if d not in dropped]


def _modifier_quote(art: _Article, d: _Draft) -> bool:
    """A short lower-case fragment followed by a noun it modifies (eleventh pass: such
    quotations were direct claims nobody made)."""
    if not d.fragment or d.kind != DIRECT or d.marks[1] < 0:
        return False
    close = d.marks[1]
    if (len(art.text[d.start : d.end].split()) > _MAX_MODIFIER_WORDS
            or art.text[close - 1] in ",.;:!?" or not art.text[d.start : d.end].islower()):
        return False  # '"no matter what," one user wrote': a clause ends inside the marks
    return _NOUN_AFTER.match(art.text, close) is not None


_MAX_MODIFIER_WORDS = 4


_LABEL_OBJECT_WORDS = 5
_LABEL_MIN_WORDS = 3
# Verbs whose object is followed by the words the speaker used for it, or that utter them.
_LABEL_CUES = frozenset(str.split(
    "called calls call calling labeled labels labeling labelled branded brands branding "
    "dubbed dubs termed terms described describes describing thanked thanks praised "
    "saying yelled shouted chanted chanting echoing mouthing reading"))
_DETERMINERS = frozenset(str.split("a an the his her its their our my your this that"))


def _label_quotes(art: _Article, indirect: list[_Draft], quotes: list[QuoteSpan]) -> list[_Draft]:
    """'She called his executive actions "a crucial step forward."': the quoted words that
    close a short paraphrase are the speaker's own, a direct quotation beside the reported
    claim (eleventh pass)."""
    by_close = {q.close: q for q in quotes if q.close is not None}
    out: list[_Draft] = []
    for d in indirect:
        if (d.kind != INDIRECT or d.subject is None or d.segments
                or _verb(d.cue or "") not in _LABEL_CUES):
            continue  # 'said the district had "run out of patience"': a paraphrased clause
        end = d.end
        while end > d.start and art.text[end - 1] in ".,!?":
            end -= 1
        q = by_close.get(end - 1)
        if q is None or q.open <= d.start or '"' in art.text[d.start : q.open]:
            continue
        words = art.text[q.start : q.end].split()
        before = art.text[d.start : q.open].split()
        if before and before[-1].lower() in _DETERMINERS:
            continue  # 'it was an "honor to serve"': the quotation ends a noun phrase
        if (len(before) > _LABEL_OBJECT_WORDS
                or len(words) < _LABEL_MIN_WORDS or sum(w[:1].isupper() for w in words) > 1):
            continue  # '"sociopath"', '"Morning Joe."': a label or a title, not a statement
        out.append(_Draft(DIRECT, q.start, q.end, d.cue, _DIRECT_BASE["explicit"],
                          inherit=d, fragment=True, marks=(q.open, q.close or q.end),
                          para=q.para))
    return out


# '"Museum to close," by the Ledger's Ann Lee: "..."': a digest's headline and byline before an
# unattributed quotation credit an article's text, nobody's statement (eleventh pass).
_BYLINE_COLON = re.compile(r"\bby\s+(?:the\s+)?[A-Z][^:\"]{1,80}:\s*$")


def _past_open_quotation(quoted: list[tuple[int, int]], opens: list[int], cs: int,
                         ce: int) -> int:
    """The end of a reported statement that stops inside a quotation it opened: the
    quotation's close ('to demand rich towns "pay their share. My plan would ..."' holds both
    quoted sentences; twelfth pass). ``opens`` are the quotations' opening offsets, rising."""
    for _, c in quoted[bisect_left(opens, cs) : bisect_left(opens, ce)]:
        if ce < c:
            return c + 1
    return ce


def _plain_source(art: _Article, s: int, e: int, cue: str) -> bool:
    """``text[s:e]`` can say what ``cue`` reports: a subject the rules read, or a described
    source ("a news report said") with an unambiguous speech verb; never a phrase holding a
    quotation mark or longer than a subject."""
    if e - s > _MAX_SUBJECT or '"' in art.text[s:e]:
        return False
    if art.subject(s, e) is not None:
        return True
    verb = _verb(cue)
    return (verb in _LOOSE_CUES and verb not in _NOUN_CUES
            and (loose_group(art.text[s:e]) or described_source(art.text[s:e])) is not None)


def _any_within(starts: list[int], lo: int, hi: int) -> bool:
    """Some offset of the rising list ``starts`` lies in ``[lo, hi)``."""
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def _excerpt(art: _Article, d: _Draft) -> bool:
    """A direct draft right after a headline's byline and a colon, unattributed or given to
    the byline's author (the name closing a colon lead-in would be read as its speaker)."""
    if d.kind != DIRECT or d.inherit is not None or d.marks[0] < 0:
        return False
    para = art.paras[d.para]
    byline = _BYLINE_COLON.search(art.text, max(para.start, d.marks[0] - 120), d.marks[0])
    return byline is not None and (d.subject is None or d.subject[0] >= byline.start())
