"""Who is speaking: split a subject phrase into name and descriptor, and resolve references.

A subject such as "Permanent representative of OIC delegation Rizwan Saeed Sheikh" is a
descriptor followed by a name; the name is the trailing run of capitalised words that are not
descriptor or organisation words.  Later references ("he", "Sheikh", "the minister",
"the secretariat", "OIC") are resolved against the speakers met so far in the article, in
reading order, so that one speaker keeps one name however the article refers to them.

Size: the name rules (descriptor and organisation words, capitalisation, heads, initials)
and the ``Registry`` that resolves later references use the same private predicates, so a
rule changed for parsing a subject is the rule resolution sees.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from claims_app.extract.lexicon import (
    ALL_PRONOUNS,
    DEMONYMS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    HONORIFICS,
    MONTHS,
    ORG_PRONOUNS,
    ORG_WORDS,
    ORGAN_HEADS,
    OUTLETS,
    PERSON_PRONOUNS,
    PLACE_WORDS,
    ROLE_WORDS,
    STATE_NAMES,
    WEEKDAYS,
)
from claims_app.extract.model import ORGANIZATION, PERSON
from claims_app.textnorm import keyboard_layout_reading

__all__ = ["Mention", "Entity", "Registry", "Resolution", "parse_subject", "is_descriptor_word",
           "is_outlet", "person_head_noun"]

_PARTICLES = frozenset({"al", "al-", "bin", "ibn", "de", "van", "von", "da", "del", "der", "abu",
                        "el", "la", "le", "du", "dos", "di"})
_ACRONYM_IN_PARENS = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.-]{1,12})\s*\)")
_POSSESSIVE = re.compile(r"'s?$")
_PARTY_MARK = re.compile(r"\s*\(\s*[RDI]\s*\)")
_MAX_TOKENS = 16


@dataclass(frozen=True, slots=True)
class Mention:
    """What a subject phrase says about its speaker, before resolution."""

    kind: str  # "named" | "pronoun" | "role" | "document" | "group"
    speaker_kind: str
    name: str | None = None
    role: str | None = None
    acronym: str | None = None
    pronoun: str | None = None
    lookalike: bool = False
    indefinite: bool = False  # "a resident": someone new, never an earlier speaker


@dataclass(slots=True)
class Entity:
    """A speaker of this article; mutable while the article is read, frozen into claims after."""

    name: str
    kind: str
    role: str | None = None
    acronym: str | None = None
    aliases: list[str] = field(default_factory=list)
    last_pos: int = -1
    # every description the article gives this speaker ("the Republican nominee", "the
    # party's nominee"), so a later "the nominee said" finds them by its head noun
    descriptions: list[str] = field(default_factory=list)
    spoke: bool = False  # the subject of a statement, not only named at a sentence's head

    def describe(self, role: str | None) -> None:
        if role and role not in self.descriptions:
            self.descriptions.append(role)

    def add_alias(self, form: str) -> None:
        if form and form != self.name and form not in self.aliases:
            self.aliases.append(form)


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of resolving one mention: an entity, or a role left without a name."""

    entity: Entity | None
    how: str  # "named" | "alias" | "pronoun" | "role" | "role-fallback" | "unresolved"
    speaker_kind: str
    role: str | None
    lookalike: bool = False
    # the second candidate and how close it came (1.0: as likely as the chosen one)
    runner_up: tuple[Entity, float] | None = None


_PREFIXED_NAME = re.compile(r"(?:al|el|ad|as|ibn|bin|abu)-[A-Z]")


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit() or bool(_PREFIXED_NAME.match(token))


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _bare(token: str) -> str:
    return _POSSESSIVE.sub("", token.lower().strip(".,;:()"))


def _descriptor_word(token: str) -> bool:
    low = _bare(token)
    return (
        low in ROLE_WORDS
        or low in ORG_WORDS
        or low in DEMONYMS
        or low in HONORIFICS
        or low in DOCUMENT_NOUNS
        or low in GROUP_NOUNS
        or low in MONTHS
        or low in WEEKDAYS
        or all(part in ROLE_WORDS or part in ORG_WORDS for part in low.split("-") if part)
    )


def is_descriptor_word(token: str) -> bool:
    """True for words that may sit in a speaker's descriptor ("minister", "of", "delegation")."""
    return _descriptor_word(token)


_FIRST_NAME_WORDS = frozenset({"Bill"})


def _name_like(token: str) -> bool:
    return (
        _is_capitalised(token)
        and not _is_acronym(token)
        and not _descriptor_word(token)
        and (token[:1].isupper() or bool(_PREFIXED_NAME.match(token)))
    )


def _month_surname(tokens: list[str]) -> bool:
    """A capitalised month word closing a phrase right after a given name ("Theresa May",
    "Ai Jun") is a surname, not a date."""
    return (len(tokens) >= 2 and _bare(tokens[-1]) in MONTHS and tokens[-1][:1].isupper()
            and not tokens[-1].endswith(".") and not tokens[-1].isupper()
            and _name_like(tokens[-2]) and not tokens[-2].endswith((",", ".", "s"))
            and tokens[-2].lower() not in _NOT_GIVEN_NAMES)


# Capitalised words before a month that open a phrase, never a given name ("Since May",
# "In June", "Early March").
_NOT_GIVEN_NAMES = frozenset(str.split(
    "since in on by until till from through during before after early late mid last next "
    "this each every of to for at"))


def _head(tokens: list[str]) -> str:
    """The head noun: the word before the first "of", else the last word."""
    for i, tok in enumerate(tokens):
        if tok.lower() == "of" and i > 0:
            return _bare(tokens[i - 1])
    return _bare(tokens[-1])


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _org_key(name: str) -> str:
    return re.sub(r"\s+", " ", name.lower().replace("organisation", "organization")).strip()


def parse_subject(folded: str, original: str | None = None) -> Mention | None:
    """Parse a subject phrase (folded text) into a :class:`Mention`, or None if it is not one.

    ``original`` is the same phrase before folding; it lets a word typed with the wrong keyboard
    layout ("Рe", folded to "Pe") be read as the pronoun it was meant to be ("He").
    """
    phrase = folded.strip().strip(",;:")
    if not phrase:
        return None
    low = phrase.lower()
    if low in ALL_PRONOUNS:
        return Mention("pronoun", _pronoun_kind(low), pronoun=low)
    if original is not None and original.strip() != phrase and " " not in phrase:
        reading = keyboard_layout_reading(original.strip()).lower()
        if reading in ALL_PRONOUNS:
            return Mention("pronoun", _pronoun_kind(reading), pronoun=reading, lookalike=True)
    phrase = _PARTY_MARK.sub("", phrase)  # "Gov. Phil Bryant (R)": a party, no acronym
    acronym = None
    m = _ACRONYM_IN_PARENS.search(phrase)
    if m:
        acronym = m.group(1)
        phrase = (phrase[: m.start()] + phrase[m.end() :]).strip()
    camp = _CAMPAIGN.fullmatch(phrase)
    if camp and not acronym:
        # "the Trump campaign", "Clinton's campaign": the organisation takes the name it serves
        name = _POSSESSIVE.sub("", camp.group("name"))
        return Mention("named", ORGANIZATION, name=f"{name} {camp.group('head')}")
    named = _name_then_appositive(phrase)
    if named is not None:
        return named
    tokens = phrase.split()
    if len(tokens) > 1 and _NEGATED.search(phrase):
        # "Reyes isn't saying", "Reyes refused to say": the subject before the refusal
        return parse_subject(_NEGATED.sub("", phrase))
    if phrase.startswith("(") and ")" not in phrase:
        return parse_subject(phrase[1:])  # "(Reyes writes that ...": an aside's subject
    if len(tokens) > 1 and tokens[0] in _CONJUNCTION_HEADS:
        # "But Sanders said": the conjunction opens the clause, the name follows it
        return parse_subject(" ".join(tokens[1:]))
    if tokens and tokens[0].lower() in _NEVER_A_NAME_HEAD:
        # "When Trump said ...": the clause opener is no part of the name; "If" alone is nobody
        return parse_subject(" ".join(tokens[1:])) if len(tokens) > 1 else None
    # "one senior Democrat said", "another Twitter user said": determiners like "a" (sixth pass)
    indefinite = bool(tokens) and tokens[0].lower() in {"a", "an", "one", "another"}
    if tokens and (tokens[0].lower() in {"the", "a", "an"}
                   or (len(tokens) > 2 and tokens[0].lower() in {"one", "another"})):
        tokens = tokens[1:]
    if not tokens or len(tokens) > _MAX_TOKENS:
        return None
    topic = False
    loose = 0
    for idx, tok in enumerate(tokens):
        if not (_is_capitalised(tok) or _descriptor_word(tok) or tok.lower() in _PARTICLES):
            if _topic_word(tokens, idx):
                topic = True
            elif _loose_descriptor(tok):
                loose += 1  # "presidential hopeful Donald Trump": allowed before a full name
            else:
                return None
    if _bare(tokens[-1]) in OUTLETS or _bare(tokens[0]) in OUTLETS:
        return None
    # trailing run of name words, allowing particles between them ("Ali bin Hamad")
    i = len(tokens)
    if _month_surname(tokens):
        i -= 1  # "Theresa May", "columnist Ai Jun": a surname spelt like a month (twelfth pass)
    while i > 0 and (
        _name_like(tokens[i - 1])
        or (tokens[i - 1].lower() in _PARTICLES and i < len(tokens) and i - 1 > 0)
        # "Bill Clinton", "Texas delegate Bill Eastland": a first name that is also a word
        # of the descriptor lexicon ("the bill") when a name follows it
        or (tokens[i - 1] in _FIRST_NAME_WORDS and i < len(tokens))
    ):
        i -= 1
    while i < len(tokens) and tokens[i].lower() in _PARTICLES:
        i += 1
    name_tokens = tokens[i:]
    descriptor = tokens[:i]
    while len(name_tokens) > 2 and _capitalised_role(name_tokens[0]):
        # "Comedian Ada Lorne", "Rival Tomas Reyes" opening a sentence: the capitalised
        # role word describes the person, it is no part of the name (eleventh pass)
        descriptor, name_tokens = descriptor + name_tokens[:1], name_tokens[1:]
    if descriptor and name_tokens:
        descriptor, name_tokens = _split_place(descriptor, name_tokens)
    if (loose and not topic and len(name_tokens) == 1 and len(descriptor) == loose <= 2
            and phrase.split()[0].lower() in ("a", "an")):
        # "an angry Hollande retaliated", "A flabbergasted Noah quipped": an adjective between
        # the article and a surname colours the person; it is no description (twelfth pass)
        return Mention("named", PERSON, name=name_tokens[0], role=None, acronym=acronym)
    if (topic or loose) and len(name_tokens) < 2:
        if not name_tokens and not topic and _person_noun(tokens[-1].lower()):
            # "the New York businessman": a described person, resolved like a role
            return Mention("role", PERSON, role=" ".join(tokens), indefinite=indefinite)
        return None  # lower-case words are allowed only inside the role of a named person
    if loose and (loose > _MAX_LOOSE or tokens[0].lower().endswith("ing")
                  or tokens[0].lower() in _CLAUSE_WORDS | _PREPOSITIONS):
        return None  # "Speaking on the sidelines of the forum Ali Hasanov" is no descriptor
    if name_tokens and "of" in descriptor:
        # "Rep. Lee Ames of New York": the person before "of", not the place after it
        # (eleventh pass: "New" is a descriptor word, so the name had been "York")
        cut = len(descriptor) - 1 - descriptor[::-1].index("of")
        person = parse_subject(" ".join(tokens[:cut])) if cut > 0 else None
        if person is not None and person.kind == "named" and person.speaker_kind == PERSON:
            return person
    if name_tokens and (not descriptor or len(name_tokens) == 1) and _not_a_name(name_tokens):
        return _not_named(name_tokens)
    if name_tokens:
        name = " ".join(name_tokens)
        role = " ".join(descriptor).rstrip(",;:") or None
        kind = ORGANIZATION if name.lower() in STATE_NAMES and not role else PERSON
        if kind == PERSON and all(_bare(t) in PLACE_WORDS for t in name_tokens):
            kind = ORGANIZATION  # "The United States said": a country, never "she"
        return Mention("named", kind, name=name, role=role, acronym=acronym)
    head = _head(tokens)
    text = " ".join(tokens)
    if all(t.isupper() for t in tokens) and (
            tokens[0].lower() in _NOT_NAME_FIRST
            or any(_bare(t) in _HEADING_WORDS for t in tokens)):
        return _UNNAMED  # "FULL TEXT", "ABSTRACT": a heading in capitals, no organisation
    if head in ORG_WORDS or _is_acronym(tokens[-1]) or acronym:
        return _org_mention(tokens, text, acronym)
    if head in DOCUMENT_NOUNS:
        return Mention("document", ORGANIZATION, role=text)
    if head in GROUP_NOUNS:
        return Mention("group", PERSON, role=text)
    if head in ROLE_WORDS or _person_noun(head):
        return Mention("role", PERSON, role=text, indefinite=indefinite)
    return None


_APPOSITIVE_AFTER_NAME = re.compile(
    r"(?P<name>[^,]{3,60}),\s+(?P<role>(?:a|an|the|[a-z][\w'-]*)\s[^\"]+)")


def _name_then_appositive(phrase: str) -> Mention | None:
    """"Brad Lorne, a Democratic pollster and consultant": a subject phrase that kept its
    appositive is the named person it opens, described by the rest (twelfth pass: the whole
    phrase had read as a role and gone to another person)."""
    m = _APPOSITIVE_AFTER_NAME.fullmatch(phrase)
    if m is None:
        return None
    head = parse_subject(m.group("name"))
    if (head is None or head.kind != "named" or head.speaker_kind != PERSON or head.role
            or head.name is None or len(head.name.split()) < 2):
        return None
    return Mention("named", PERSON, name=head.name, role=m.group("role").strip(),
                   acronym=head.acronym)


# "the Trump campaign", "Clinton's campaign", "the Obama administration": an organisation named
# after the person it serves.
_CAMPAIGN = re.compile(
    r"(?:(?i:the)\s+)?(?P<name>[A-Z][\w.'-]*[a-z](?:\s+[A-Z][\w.'-]*[a-z]){0,2}?)(?:'s?)?\s+"
    r"(?P<head>campaign|administration|transition\s+team|camp|White\s+House)")


_CONJUNCTION_HEADS = frozenset(str.split("But And So Yet Or Nor Then"))
# Words that open a clause, never the first word of a speaker's name.
_NEVER_A_NAME_HEAD = frozenset(str.split(
    "if when while whenever yet although though because unless whether until despite however"
    # eighth pass: sentence openers that had become speakers' first names ("Back", "Amid",
    # "Specifically", "Having"): adverbs, prepositions and participles opening a clause
    " after before amid instead here back wherever neither specifically hastily fully"
    " finally importantly initially having facing walking appearing recognizing"
    " acknowledging based"
    # tenth pass: an inverted verb or pointer before a label ("Stated Lorne:", "Here's Reyes")
    " stated continued here's here\u2019s"))


# Eleventh pass: capitalised words that opened a sentence and had become speakers' names
# ("Some said", "That suggests", "Nobody asked", "Meantime ... say", "He's said"): a
# quantifier, pointer, preposition or adverb is never the first word of a name, and a phrase
# holding "than" or a negated auxiliary is a headline's words ("More Important Than Winning
# Reyes"), not a name.
_NOT_NAME_FIRST = frozenset(str.split(
    "that this these those there why what how as by with among just plus meantime "
    "usually shortly ever continue pause smiling right you it's you're we're they're "
    # a headline's capitalised verb before a name ("Does Reyes Stand a Chance?")
    "does did do is are was were has have had like see full "
    # an adverb opening the clause ("Later Reyes said")
    "later earlier meanwhile instead however still also now then today yesterday tonight "
    "recently afterward afterwards separately previously "
    # a conjunction standing alone ("But advocates ...": the head run stopped at it)
    "but and or so yet nor perhaps maybe there's here's that's what's who's more less lower "
    "higher never always often"))
_QUANTIFIERS = frozenset(str.split(
    "some one two three four five six seven eight nine ten several many most both all each "
    "few half another nobody anyone everyone everybody none eleven twelve thirteen fourteen "
    "fifteen twenty thirty forty fifty hundreds thousands dozens"))
_HEADING_WORDS = frozenset(str.split("abstract text video watch update photos related"))
_NOT_NAME_ANYWHERE = frozenset(str.split(
    "than don't doesn't didn't isn't aren't wasn't weren't can't won't says tells asks slams "
    "blasts urges warns"))
# A negated auxiliary or a refusal between a subject and its cue (eleventh pass: "Reyes
# isn't" had been the whole subject, so no one spoke).
_NEGATED = re.compile(
    r"\s+(?:isn't|wasn't|won't|wouldn't|can't|cannot|couldn't|didn't|doesn't|don't|hasn't|"
    r"haven't|(?:refused|refuses|declined|declines)\s+to)$", re.IGNORECASE)
# "He's said", "She'd told", "I'm old enough": a pronoun and its auxiliary.
_CONTRACTED = re.compile(r"(?P<pronoun>he|she|i)'(?:s|d|ll|m|ve)", re.IGNORECASE)
_UNNAMED = Mention("group", PERSON, indefinite=True)


_PARTY_NOUNS = frozenset(str.split("republican democrat rival comedian actor actress"))


def _capitalised_role(token: str) -> bool:
    low = token.lower()
    return token[:1].isupper() and (low in _PARTY_NOUNS or low in ROLE_WORDS)


def _not_a_name(tokens: list[str]) -> bool:
    first = tokens[0].lower()
    return (first in _NOT_NAME_FIRST or first in _QUANTIFIERS
            or _CONTRACTED.fullmatch(tokens[0]) is not None
            or any(t.lower() in _NOT_NAME_ANYWHERE for t in tokens))


def _not_named(tokens: list[str]) -> Mention:
    """What a subject opening on a word no name opens with is: "He's" the pronoun; "Two
    Democrats" the words after the first; anything else someone unnamed, so that the
    statement stays but no headline word or pointer becomes a speaker a later "he" can
    reach ("As Reyes" is Reyes)."""
    m = _CONTRACTED.fullmatch(tokens[0])
    if m is not None and len(tokens) == 1:
        pronoun = m.group("pronoun").lower()
        return Mention("pronoun", _pronoun_kind(pronoun), pronoun=pronoun)
    if len(tokens) > 1 and not any(t.lower() in _NOT_NAME_ANYWHERE for t in tokens):
        return parse_subject(" ".join(tokens[1:])) or _UNNAMED
    return _UNNAMED


_PERSON_SUFFIXES = ("man", "woman", "person", "ist", "ian", "eer", "ier", "ee", "ant", "or",
                    "er", "ess", "ive")
_NOT_PERSONS = frozenset(str.split(
    "paper letter newsletter order number poster filer border corner center centre matter "
    "water weather chapter quarter register meter minister"  # minister is a role word already
    " sector factor mirror error door floor mayor tenor motor actor vendor monitor tremor"
    " poll report statement document memo survey study email tweet post book article "
    "newspaper magazine website campaign committee government ministry office department"
    " executive initiative detective"))


_OUTLET_NAME = re.compile(r"(?:(?i:the)\s+)?(?P<name>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})")


def is_outlet(phrase: str) -> bool:
    """"CNN", "the AP": a news service the lexicon knows, standing alone as a subject, whose
    words are its report whatever the verb ("CNN declared", "AP says"; eleventh pass)."""
    tokens = [t for t in phrase.split() if t.lower() != "the"]
    return len(tokens) == 1 and _bare(tokens[0]) in OUTLETS


def outlet_mention(phrase: str) -> Mention | None:
    """A news outlet's name as the source of what it reported ("CNN reported that", ", The
    Hill reported."): an organisation, asked for only after a reporting verb, so that a wire
    service's own "Trend reports" never becomes a speaker elsewhere."""
    m = _OUTLET_NAME.fullmatch(phrase.strip().strip(","))
    if m is None or m.group("name").split()[0].lower() in ALL_PRONOUNS:
        return None
    return Mention("named", ORGANIZATION, name=m.group("name"))


def person_head_noun(word: str) -> bool:
    """True for a noun that names a kind of person or office ("nominee", "senator",
    "spokeswoman"): the head a description of a named person must have.  The connectors the
    role lexicon keeps for descriptors ("of", "in") are no head."""
    if len(word) < 3 or word in _PREPOSITIONS or word in _CLAUSE_WORDS or word in _DETERMINERS:
        return False
    return word in ROLE_WORDS or _person_noun(word)


def _person_noun(head: str) -> bool:
    """A head noun that names a kind of person ("businessman", "strategist", "frontrunner"),
    so "the New York businessman said" refers to someone met earlier."""
    return head in _SHORT_PERSONS or (len(head) > 4 and head.isalpha()
                                      and head not in _NOT_PERSONS
                                      and head.endswith(_PERSON_SUFFIXES))


# Person nouns too short for the suffix rule ("the man shouted", "a young boy said").
_SHORT_PERSONS = frozenset(str.split(
    "man men boy boys girl girls guy guys kid kids fan fans teen"))


_PREPOSITIONS = frozenset({"of", "for", "in", "and", "the", "on", "to"})
_MAX_LOOSE = 4
_MAX_LOOSE_GROUP = 8
# Words that show a phrase is a clause, not a descriptor before a name.
_CLAUSE_WORDS = frozenset(str.split(
    "that which who whom whose is was are were be been has have had will would could should "
    "can may might must do does did not said says say told and but or if when because while "
    "than then as by with from about after before"
))


_NOT_OPENING = frozenset(str.split(
    "if when because although though while but and or so yet as since until unless after "
    "before where whether once then there here it this these those such"))


def loose_group(phrase: str) -> Mention | None:
    """A subject the name rules cannot read, kept as a described group or source.

    "Six in 10 primary voters said", "A news report said", "about half of Democrats said":
    reported speech keeps the claim with the phrase as the role and no named speaker (issue 18,
    family 4: never drop the statement because its source is a description).
    """
    tokens = phrase.split()
    if not tokens or '"' in phrase:
        return None
    if _SHARE.match(phrase) and len(tokens) <= _MAX_SHARE_WORDS and not any(
            t.lower() in _SHARE_STOPS for t in tokens):
        # "About 4 in 10 say", "36 percent of Democrats said", "Large majorities of
        # Republican voters said": a poll's share of people, never a named speaker
        return Mention("group", PERSON, role=phrase)
    if len(tokens) > _MAX_LOOSE_GROUP:
        return None
    if tokens[0].lower() in _NOT_OPENING:
        return None
    if tokens[-1].lower() in _DETERMINERS:
        return None  # "the claims tend": a noun read as a cue
    if any(t.lower().strip(",;:") in _CLAUSE_WORDS for t in tokens):
        return None
    if any(t[:1].isupper() for t in tokens[1:]) and not _described_head(tokens):
        return None  # a name the rules could not read: better no claim than a wrong source
    return Mention("group", PERSON, role=" ".join(tokens))


# Where a described source's head noun ends and its post-modifier begins: "People with
# knowledge of the talks", "A law enforcement official familiar with the case", "Staff for the
# committee", "activists clamoring to block him".
_POST_MODIFIER = re.compile(
    r"\s(?:of|for|with|familiar|close|in|at|from|on|inside|outside|within|across|around|near|"
    r"involved|who|whose|to|like|over|[a-z]+ing)\b")
_MAX_DESCRIBED_SOURCE = 24
_DASHES = frozenset(("-", "--", "\u2013", "\u2014"))
_CLAUSE_INSIDE = frozenset(str.split("he she they it we i you that which and but"))


def described_source(phrase: str) -> Mention | None:
    """The head of a described source followed by what describes it (issue 18, family 4): a
    group or role without a name, or None when the words before the modifier name nobody."""
    if len(phrase.split()) > _MAX_DESCRIBED_SOURCE or '"' in phrase or "," in phrase:
        return None  # "The author of the book, Mitchell Zuckoff,": the name rules read it
    part = _PART_OF.match(phrase)
    if part is not None:
        # "one of those advisers", "some of the delegates": the group after "of" describes
        rest = described_source(phrase[part.end():]) or loose_group(phrase[part.end():])
        if rest is None or not _person_head(phrase[part.end():].split()[-1].lower()):
            return None
        return Mention("group", PERSON, role=phrase.strip())
    if any(t.lower() in _CLAUSE_INSIDE for t in phrase.split()):
        return None  # "savings from spending that he": a clause whose subject speaks
    m = _POST_MODIFIER.search(phrase)
    if m is not None and m.start() == 0:
        return None
    head = (phrase[: m.start()] if m is not None else phrase).strip()
    words = head.split()
    if any(t in _DASHES for t in phrase.split()):
        return None  # "Kall -- co-editor of the book --": an aside set off by dashes
    last = words[-1].lower()
    known = last in GROUP_NOUNS or last in ROLE_WORDS
    if not _person_head(last):
        return None  # "The loudest applause came from": no person heads the phrase
    if any(t[:1].isupper() for t in words[1:]) or (
            not known and all(t[:1].isupper() for t in words)):
        return None  # "Sanders on Tuesday", "Senator Smith of Ohio": the name rules read it
    mention = loose_group(head)
    if mention is None:
        return None
    return Mention("group", PERSON, role=phrase.strip(), indefinite=mention.indefinite)


# A document a quotation is credited to, after the quotation ('"A," the lawsuit says.', '"B,"
# the congressional report said', '"C," the order released Friday said'): seventh pass, the
# document is the source, kept as the role; at most two lower-case words before its noun.
_DOCUMENT_SOURCE = re.compile(
    r"(?i:the|a|an|this|its|his|her|their|one)\s+(?:[a-z][\w'-]*\s+){0,2}(?P<head>[a-z]+)"
    r"(?:\s+(?:released|issued|filed|obtained|published|sent)(?:\s+[\w'.-]+){1,4})?")
_DOCUMENT_SOURCE_HEADS = DOCUMENT_NOUNS | frozenset(str.split(
    "lawsuit suit complaint petition editorial release order email e-mail ad advertisement "
    "filing motion brief opinion column op-ed message post tweet cable transcript audit"))


def document_source(phrase: str) -> Mention | None:
    """A document named as the source of a quotation, or None."""
    m = _DOCUMENT_SOURCE.fullmatch(phrase.strip().strip(","))
    if m is None or m.group("head") not in _DOCUMENT_SOURCE_HEADS:
        return None
    return Mention("document", ORGANIZATION, role=phrase.strip().strip(","))


# A person described and never named who speaks a quotation ('"A," said one Democrat familiar
# with the talks', '"B," this source told the Post', '"C," a longtime GOP data expert said'):
# seventh pass, the quotation is kept with the description as its role.  Capitalised words may
# only be an acronym or a party or nationality modifying the head ("GOP", "Democratic"); a
# capitalised head is a party member or a nationality ("one Democrat"), never a name.
_DESCRIBED_OPENERS = frozenset(str.split(
    "the a an one this that another his her their its our some two three several"))
_PARTY_WORDS = frozenset(str.split(
    "Democrat Democrats Democratic Republican Republicans GOP Independent Independents "
    "Conservative Conservatives Liberal Liberals Libertarian"))
_NOT_DESCRIBED = frozenset(str.split(
    "that which who whom whose is was are were be been has have had will would could should "
    "can may might must do does did not and but or if when because while than then as said "
    "says told")) | ALL_PRONOUNS
_MAX_DESCRIBED_WORDS = 6


def quoted_description(phrase: str) -> Mention | None:
    """The description of an unnamed person who speaks a quotation, or None."""
    phrase = phrase.strip().strip(",")
    tokens = phrase.split()
    if len(tokens) < 2 or tokens[0].lower() not in _DESCRIBED_OPENERS or '"' in phrase:
        return None
    m = _POST_MODIFIER.search(phrase)
    head = (phrase[: m.start()] if m is not None else phrase).split()
    if not 2 <= len(head) <= _MAX_DESCRIBED_WORDS:
        return None
    if any(t.lower() in _NOT_DESCRIBED for t in tokens[1:]) or tokens[-1].lower() in _DETERMINERS:
        return None
    for t in head[1:]:
        word = t.strip("'")
        if word[:1].isupper() and not (word in _PARTY_WORDS or word.lower() in DEMONYMS
                                       or _is_acronym(word)):
            return None  # "the younger Mr. Trump": a name the name rules could not read
    last = head[-1]
    if not (last in _PARTY_WORDS or last.lower() in DEMONYMS
            or (last.islower() and any(ch.isalpha() for ch in last))):
        return None
    return Mention("group", PERSON, role=phrase,
                   indefinite=tokens[0].lower() in {"a", "an", "one", "another"})


_PART_OF = re.compile(r"(?i:one|some|many|most|two|three|several|each|all|none|both|few)\s+of\s+"
                      r"(?:(?i:the|those|these|his|her|their|its|our)\s+)?")


def _person_head(last: str) -> bool:
    """A word that heads a phrase naming people ("official", "advisers", "experts")."""
    return (last in GROUP_NOUNS or last in ROLE_WORDS or f"{last}s" in GROUP_NOUNS
            or _person_noun(last)
            or (last.endswith("s") and (last[:-1] in ROLE_WORDS or _person_noun(last[:-1]))))


# The share of a poll's respondents that opens a subject phrase.
_SHARE = re.compile(
    r"(?i:(?:about|nearly|almost|roughly|some|only|just|over|under|fully|barely|another|"
    r"a\s+full|a\s+mere|a\s+whopping|(?:just|well)\s+(?:over|under)|"
    r"(?:more|fewer|less)\s+than)\s+)?"
    # "those surveyed say", "those polled said": the respondents as a whole
    r"(?:(?i:those|the\s+people|the\s+voters|the\s+adults)\s+(?:surveyed|polled|questioned|"
    r"interviewed)\b|(?i:respondents)\b|"
    r"(?:\d[\d.,]*\s*(?:%|percent\b|in\s+\d+\b|out\s+of\s+\d+\b)"
    r"|(?i:one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out\s+of)\s+"
    r"(?:10|ten|three|four|five|six|seven|eight|nine)\b"
    r"|(?i:half|a\s+third|a\s+quarter|two-thirds|three-quarters|(?:large\s+|a\s+)?majorit(?:y|ies)|"
    r"most|all\s+but\s+\w+|a\s+plurality|nine\s+in\s+10|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety)[\w-]*(?:\s+percent)?\b))")
_MAX_SHARE_WORDS = 16
_SHARE_STOPS = frozenset(str.split(
    "said says say told that which is was are were has have had will would and but"))


_DETERMINERS = frozenset(str.split(
    "the a an this that these those its their his her our my your some any each every no"))


def _described_head(tokens: list[str]) -> bool:
    """Capitalised words only modify a lower-case head noun: "A Clinton ally", "Other Asian
    leaders", "One California delegate" describe someone the article does not name."""
    head = tokens[-1]
    return (len(head) > 2 and head.isalpha() and head.islower()
            and head not in _NOT_HEADS and not head.endswith("ing"))


_NOT_HEADS = frozenset(str.split(
    "campaign statement report poll survey study memo letter email tweet post website"))


def _loose_descriptor(token: str) -> bool:
    """A lower-case word that may describe a named person ("hopeful", "law", "expert")."""
    bare = token.replace("-", "")
    return bare.isalpha() and token.islower() and token not in _CLAUSE_WORDS
_TOPIC_OPENERS = frozenset({"on", "for", "against"})
_MAX_TOPIC_WORDS = 6


def _topic_word(tokens: list[str], idx: int) -> bool:
    """A lower-case word of a role's topic: "Special Rapporteur on the right to food Y".

    Allowed only after "on"/"for"/"against" that follows a role word, a few words at most.
    """
    if not tokens[idx].isalpha():
        return False
    for j in range(idx - 1, 0, -1):
        if idx - j > _MAX_TOPIC_WORDS:
            return False
        low = tokens[j].lower()
        if low in _TOPIC_OPENERS:
            return _bare(tokens[j - 1]) in ROLE_WORDS
    return False


def _split_place(descriptor: list[str], run: list[str]) -> tuple[list[str], list[str]]:
    """Move the place or body the role belongs to from the name run into the descriptor.

    "Minister of Saudi Arabia Khadija Ali Zakirov" has the run "Arabia Khadija Ali Zakirov";
    place words at its head belong to the descriptor.  After a preposition with no known place
    ("Secretary General of the Organization of Turkic States Ali Kaya") the first word is the
    preposition's object; a name keeps 2 to 4 words.  A run that is all place is no name.
    """
    after_prep = descriptor[-1].lower() in _PREPOSITIONS
    k = 0
    while k < len(run) and _bare(run[k]) in PLACE_WORDS:
        k += 1
    if k == len(run):
        return descriptor + run, []
    if k == 0 and after_prep:
        if len(run) <= 2:
            return descriptor + run, []  # "Foreign Ministry of Azerbaijan": no name in it
        k = 1
        while k < len(run) - 2 and _bare(run[k]) in PLACE_WORDS:
            k += 1
        k = max(k, len(run) - 4)
    return descriptor + run[:k], run[k:]


def _pronoun_kind(pronoun: str) -> str:
    return ORGANIZATION if pronoun in ORG_PRONOUNS else PERSON


def _org_mention(tokens: list[str], text: str, acronym: str | None) -> Mention:
    low = text.lower()
    for organ in ORGAN_HEADS:
        if low.startswith(organ + " of "):
            rest = tokens[len(organ.split()) + 1 :]
            if rest and rest[0].lower() == "the":
                rest = rest[1:]
            if rest:
                return Mention("named", ORGANIZATION, name=" ".join(rest),
                               role=" ".join(tokens[: len(organ.split())]), acronym=acronym)
    if all(not _is_capitalised(t) for t in tokens):
        return Mention("role", ORGANIZATION, role=text)
    if len(tokens) == 1 and _is_acronym(tokens[0]):
        return Mention("named", ORGANIZATION, name=tokens[0], acronym=tokens[0])
    if all(_bare(t) in ORGAN_HEADS or _bare(t) in {"general"} for t in tokens):
        return Mention("role", ORGANIZATION, role=text)
    return Mention("named", ORGANIZATION, name=text, acronym=acronym)


class Registry:
    """The speakers of one article in reading order, and the rules for referring back to them."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        # people the article describes ("Donald Trump, the Republican nominee, visited ..."):
        # (name, description, position), read from the text only when a description must be
        # resolved (it costs a scan of the article), kept apart from the speakers so that
        # pronouns never reach them; one becomes a speaker when a description refers to them
        self.find_descriptions: Callable[[], list[tuple[str, str, int]]] | None = None
        self._described: list[tuple[str, str, int]] | None = None
        # surname -> "m" / "f" from the article's own "Mr. Amos" / "Mrs. Brody" (a surname
        # met with both, as the Clintons are, is left out)
        self.surname_gender: dict[str, str] = {}

    # -- registering -------------------------------------------------------------------------
    def _touch(self, entity: Entity, pos: int) -> Entity:
        entity.last_pos = max(entity.last_pos, pos)
        return entity

    def _find_person(self, name: str) -> tuple[Entity | None, str]:
        key = name.lower()
        last = key.split()[-1]
        for ent in reversed(self.entities):
            if ent.kind != PERSON:
                continue
            ent_key = ent.name.lower()
            if ent_key == key or key in (a.lower() for a in ent.aliases):
                return ent, "named"
            ent_last = ent_key.split()[-1]
            if " " not in key and key == ent_last:
                return ent, "alias"
            if " " not in ent_key and ent_key == last:
                return ent, "upgrade"
        return None, "new"

    def _find_org(self, name: str, acronym: str | None) -> Entity | None:
        key = _org_key(name)
        spelled = _initials(name) if " " in name else ""  # what an acronym of it would be
        for ent in reversed(self.entities):
            if ent.kind != ORGANIZATION:
                continue
            if _org_key(ent.name) == key or key in (_org_key(a) for a in ent.aliases):
                return ent
            ent_acr = ent.acronym or _initials(ent.name)
            if acronym and len(acronym) > 1 and (acronym == ent_acr or acronym == ent.name):
                return ent
            if name.isupper() and name in (ent_acr, ent.acronym):
                return ent
            if (spelled and ent.name.replace(".", "") == spelled
                    and _is_acronym(ent.name)):
                return ent  # "the IMF" met first, "the International Monetary Fund" later
        return None

    def register(self, mention: Mention, pos: int) -> Resolution:
        """Add or update the speaker a named mention refers to, and return it."""
        if mention.speaker_kind == ORGANIZATION:
            return self._register_org(mention, pos)
        assert mention.name is not None
        ent, how = self._find_person(mention.name)
        if ent is None:
            ent = Entity(mention.name, PERSON, role=mention.role)
            self.entities.append(ent)
            how = "named"
        elif how == "upgrade":
            old = ent.name
            ent.name = mention.name
            ent.add_alias(old)
            how = "named"
        elif how == "alias":
            ent.add_alias(mention.name)
        if mention.role and not ent.role:
            ent.role = mention.role
        ent.describe(mention.role)
        return Resolution(self._touch(ent, pos), how, PERSON, ent.role)

    @property
    def described(self) -> list[tuple[str, str, int]]:
        """The descriptions of named people in the article, read on first use."""
        if self._described is None:
            self._described = self.find_descriptions() if self.find_descriptions else []
        return self._described

    def note_alias(self, mention: Mention, pos: int) -> None:
        """Record a bare surname as another form of a known person; ignore unknown words."""
        if mention.name is None:
            return
        ent, how = self._find_person(mention.name)
        if ent is not None and how == "alias":
            ent.add_alias(mention.name)
            self._touch(ent, pos)

    def _register_org(self, mention: Mention, pos: int) -> Resolution:
        assert mention.name is not None
        ent = self._find_org(mention.name, mention.acronym)
        how = "named"
        if ent is None:
            ent = Entity(mention.name, ORGANIZATION, role=mention.role, acronym=mention.acronym)
            self.entities.append(ent)
        else:
            if _is_acronym(ent.name) and not _is_acronym(mention.name):
                short, ent.name = ent.name, mention.name
                ent.add_alias(short)  # after the rename: an alias is never the name itself
            else:
                if mention.name != ent.name:
                    how = "alias"
                ent.add_alias(mention.name)
        if mention.acronym:
            ent.acronym = ent.acronym or mention.acronym
            ent.add_alias(mention.acronym)
        if mention.role and not ent.role:
            ent.role = mention.role
        return Resolution(self._touch(ent, pos), how, ORGANIZATION, ent.role)

    # -- resolving ---------------------------------------------------------------------------
    def resolve(self, mention: Mention, pos: int) -> Resolution:
        """Resolve a mention at ``pos`` to a speaker met so far (registering named ones)."""
        if mention.kind == "named":
            res = self.register(mention, pos)
            if res.entity is not None:
                res.entity.spoke = True
            return res
        if mention.kind == "pronoun":
            return self._resolve_pronoun(mention, pos)
        if mention.kind == "role":
            return self._resolve_role(mention, pos)
        return Resolution(None, "unresolved", mention.speaker_kind, mention.role)

    def _latest(self, kind: str, pos: int) -> Entity | None:
        candidates = [e for e in self.entities if e.kind == kind and e.last_pos <= pos]
        return max(candidates, key=lambda e: e.last_pos, default=None)

    def _runner_up(self, chosen: Entity, pos: int) -> tuple[Entity, float] | None:
        """The next most recent speaker of the same kind, when it was met close to the chosen
        one: "Ames met Brody. He said ..." could be either, so the reviewer is offered Ames."""
        others = [e for e in self.entities
                  if e is not chosen and e.kind == chosen.kind and e.last_pos <= pos]
        second = max(others, key=lambda e: e.last_pos, default=None)
        if second is None:
            return None
        gap = chosen.last_pos - second.last_pos
        if gap >= _RUNNER_UP_SPAN:
            return None
        return second, round(1.0 - gap / _RUNNER_UP_SPAN, 3)

    def gender(self, ent: Entity) -> str | None:
        """"m" or "f" when the article says so: an honorific ("Mr. Amos") anywhere in it, or a
        gendered description ("the spokeswoman", "his wife"); None when it does not."""
        if ent.kind != PERSON:
            return None
        for text in (ent.role, *ent.descriptions):
            words = _norm_role(text or "").replace(".", " ").split()
            # an honorific before the name ("Mrs."), or the description's head ("his wife");
            # never any word of it ("Cruz's wife" describes no woman named Cruz)
            for word in (words[:1] + [_head(words)]) if words else ():
                found = _GENDERED_WORDS.get(word)
                if found:
                    return found
        surname = ent.name.split()[-1] if ent.name.split() else ""
        namesakes = [e for e in self.entities
                     if e.kind == PERSON and e.name.split() and e.name.split()[-1] == surname]
        if len(namesakes) > 1:
            return None  # "Mr. Trump" says nothing of Ivanka Trump
        return self.surname_gender.get(surname)

    def _latest_of_gender(self, pos: int, wanted: str) -> Entity | None:
        """The most recent person the pronoun can mean: "she" skips a latest speaker the
        article calls "Mr." (issue 18, pronouns to the right antecedent).  A person the article
        gives the pronoun's gender comes first; failing one, the latest person whose gender
        it leaves open and who has spoken already or came with a title ("Governor Elias
        Ward"): a phrase such as "Silicon Valley", read as a name at a sentence's head, never
        takes a pronoun this way."""
        candidates = sorted((e for e in self.entities if e.kind == PERSON and e.last_pos <= pos),
                            key=lambda e: e.last_pos, reverse=True)
        genders = [(ent, self.gender(ent)) for ent in candidates]
        return (next((ent for ent, found in genders if found == wanted), None)
                or next((ent for ent, found in genders
                         if found is None and (ent.spoke or ent.role)
                         and _plausible_name(ent.name)), None))

    def _resolve_pronoun(self, mention: Mention, pos: int) -> Resolution:
        if mention.pronoun in PERSON_PRONOUNS or mention.pronoun in ORG_PRONOUNS:
            ent = self._latest(mention.speaker_kind, pos)
            wanted = _PRONOUN_GENDER.get(mention.pronoun or "")
            if ent is not None and wanted and self.gender(ent) not in (None, wanted):
                ent = self._latest_of_gender(pos, wanted) or ent
            if ent is not None:
                runner = self._runner_up(ent, pos)
                return Resolution(self._touch(ent, pos), "pronoun", ent.kind, ent.role,
                                  mention.lookalike, runner)
        return Resolution(None, "unresolved", mention.speaker_kind, None, mention.lookalike)

    def _resolve_role(self, mention: Mention, pos: int) -> Resolution:
        role = mention.role or ""
        if mention.indefinite:
            return Resolution(None, "unresolved", mention.speaker_kind, role or None)
        words = [w for w in _norm_role(role).split() if w not in {"the", "of", "a", "an"}]
        # drop possessor words ("organization's representative" -> "representative")
        words = [w for w in words if not w.endswith("'s") and not w.endswith("'")]
        wanted = " ".join(words)
        candidates = sorted(
            (e for e in self.entities if e.last_pos <= pos),
            key=lambda e: e.last_pos,
            reverse=True,
        )
        for ent in candidates:
            if ent.kind != mention.speaker_kind:
                continue
            haystack = _norm_role(f"{ent.role or ''} {ent.name}")
            if wanted and re.search(rf"\b{re.escape(wanted)}\b", haystack):
                return Resolution(self._touch(ent, pos), "role", ent.kind, ent.role)
        described = self._by_head_noun(mention.speaker_kind, words, candidates, pos)
        if described is not None:
            return Resolution(self._touch(described, pos), "role", described.kind,
                              described.role)
        proper = _proper_name_role(role)
        if proper is not None:
            # "The Associated Press reported", "The Brennan Center for Justice noted": a
            # capitalised name after "the" is a body of its own, never the latest person
            # (ninth pass: the fallback gave their words to the mayor quoted before)
            return self.register(Mention("named", ORGANIZATION, name=proper), pos)
        generic = mention.speaker_kind == ORGANIZATION and words and words[-1] in {
            "organization", "organisation"}
        if _possessor_named(role):
            # "Cameron's spokesman", "Ada Lorne's right-hand man": someone the article has
            # not named, never the latest person met unless the article described them so
            # (eleventh pass: the possessor, or whoever spoke last, had been given the words)
            latest = self._latest(mention.speaker_kind, pos)
            head = _description_head(role)
            if latest is not None and head and any(
                    _description_head(d) == head for d in (latest.role, *latest.descriptions)
                    if d):
                return Resolution(self._touch(latest, pos), "role-fallback", latest.kind,
                                  latest.role)
            return Resolution(None, "unresolved", mention.speaker_kind, _strip_article(role))
        if mention.speaker_kind == PERSON or generic:
            latest = self._latest(mention.speaker_kind, pos)
            if latest is not None:
                runner = self._runner_up(latest, pos)
                return Resolution(self._touch(latest, pos), "role-fallback", latest.kind,
                                  latest.role, runner_up=runner)
        return Resolution(None, "unresolved", mention.speaker_kind, _strip_article(role))


    def _by_head_noun(self, kind: str, words: list[str], candidates: list[Entity],
                      pos: int) -> Entity | None:
        """The one named person the article described this way: "the Green nominee" finds the
        one person introduced with those words; failing that, "the nominee" finds the person
        introduced as "the party's nominee, Ada Lorne", but only when exactly one named person
        of the article was described with that head noun (issue 18, family 4)."""
        if kind != PERSON or not words or words[0] in _NOT_DEFINITE:
            return None  # "one Clinton spokesman" is someone the article need not name
        head = _head(words)
        if not person_head_noun(head):
            return None
        wanted = re.compile(rf"\b{re.escape(' '.join(words))}\b")
        by_head: dict[str, tuple[Entity | None, str, str]] = {}
        by_phrase: dict[str, tuple[Entity | None, str, str]] = {}
        described: list[tuple[Entity | None, str, str]] = [
            (ent, ent.name, d) for ent in candidates
            if ent.kind == PERSON and " " in ent.name and _plausible_name(ent.name)
            for d in ent.descriptions]
        for name, role, at in self.described:
            if at <= pos:
                ent, how = self._find_person(name)
                known = ent is not None and how != "upgrade"
                described.append((ent if known else None, ent.name if known and ent else name,
                                  role))
        for ent, name, role in described:
            if _description_head(role) == head:
                by_head.setdefault(name, (ent, name, role))
                if wanted.search(_norm_role(role)):
                    by_phrase.setdefault(name, (ent, name, role))
        found = by_phrase if len(by_phrase) == 1 else by_head
        if len(found) != 1:
            return None
        [(ent, name, role)] = found.values()
        if ent is None:
            ent = self.register(Mention("named", PERSON, name=name, role=role), pos).entity
        return ent


def _possessor_named(role: str) -> bool:
    """A capitalised possessor in a description: "Reyes's aide", "the Lorne campaign's
    spokesman"."""
    return any(w[:1].isupper() and w.endswith(("'s", "s'")) for w in role.split())


def _proper_name_role(role: str) -> str | None:
    """"Brennan Center for Justice", "Associated Press" (a role phrase read after "the"): a
    capitalised name of two words or more that no person noun heads ("Florida Senator",
    "Chief Justice", "Secretary of State" stay roles), or None."""
    words = [w for w in role.split() if w not in _NAME_CONNECTORS]
    if len(words) < 2 or not all(w[:1].isupper() and w[1:2].islower() for w in words):
        return None
    lowered = [w.lower() for w in words]
    body, last = lowered[:-1], lowered[-1]
    after_connector = any(w in _NAME_CONNECTORS for w in role.split())  # "Center for Justice"
    if any(person_head_noun(w) for w in body) or (
            person_head_noun(last) and last not in _BODY_WORDS and not after_connector):
        return None
    return role


_BODY_WORDS = frozenset({"state", "press"})  # "Islamic State", "Associated Press"
_NAME_CONNECTORS = frozenset(str.split("of for and on the de"))


_NOT_DEFINITE = frozenset(str.split("one another some any other two three several many"))


def _description_head(role: str) -> str:
    words = [w for w in _norm_role(role).split() if not w.endswith(("'s", "'"))]
    return _head(words) if words else ""


def _plausible_name(name: str) -> bool:
    """No function word in it: "Who Once Mocked", a headline fragment an earlier rule read as a
    speaker, never takes a pronoun away from the latest speaker."""
    return not any(w.lower() in _CLAUSE_WORDS or w.lower() in _NOT_OPENING
                   or w.lower() in _DETERMINERS for w in name.split())


_PRONOUN_GENDER = {"he": "m", "she": "f"}
_GENDERED_WORDS = {
    **dict.fromkeys(str.split(
        "mrs ms miss madam dame spokeswoman congresswoman businesswoman chairwoman "
        "councilwoman assemblywoman woman wife mother daughter sister grandmother "
        "actress queen princess duchess"), "f"),
    **dict.fromkeys(str.split(
        "mr sir congressman businessman councilman assemblyman husband father "
        "son brother grandfather actor king prince duke"), "m"),
}


_RUNNER_UP_SPAN = 300  # characters: speakers met further apart than this are not close


def _norm_role(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.lower().replace("organisation", "organization")).strip()


def _strip_article(role: str) -> str | None:
    role = re.sub(r"^(?:the|a|an)\s+", "", role.strip(), flags=re.IGNORECASE)
    return role or None
