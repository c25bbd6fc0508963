"""Deterministic generator of realistic wire articles, in the seed format and as JSON Lines.

Why: every benchmark needs corpora far larger than the five seeds, shaped like them (the
optional ``date`` line, section/time line, dateline, the three byline styles, ``---`` footers,
curly and straight quotes, split quotes, "said X" inversions, reported speech attributed by
pronoun and by role noun, boilerplate background paragraphs repeated across articles), and
the same seed must give byte-identical output so figures are comparable between runs.

Each article also carries its ground truth (:class:`GenClaim`: kind, offsets into the body,
speaker, cue), so the pages benchmark can bulk-insert a realistic database of a million
claims without running the extractor. Articles are produced one at a time and written as
they come (a streaming writer): memory stays flat at any size.

Usage::

    python benchmarks/generate.py --articles 1000 --format seed --out /tmp/corpus --seed 1
    python benchmarks/generate.py --articles 100000 --format jsonl --out /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# --- vocabulary -------------------------------------------------------------------------

OUTLETS = [
    ("Trend", "trend.az"), ("AzerNews", "azernews.az"), ("Report", "report.az"),
    ("APA", "apa.az"), ("Anadolu", "aa.com.tr"), ("TASS", "tass.com"),
    ("Xinhua", "xinhuanet.com"), ("Interfax", "interfax.com"), ("Caspian News", "caspiannews.com"),
    ("Daily Sabah", "dailysabah.com"), ("Gulf Times", "gulf-times.com"),
    ("The Peninsula", "thepeninsulaqatar.com"),
]
CITIES = [
    ("BAKU", "Azerbaijan"), ("ANKARA", "Turkey"), ("DOHA", "Qatar"), ("ISTANBUL", "Turkey"),
    ("JEDDAH", "Saudi Arabia"), ("ISLAMABAD", "Pakistan"), ("TEHRAN", "Iran"),
    ("MOSCOW", "Russia"), ("TBILISI", "Georgia"), ("ASTANA", "Kazakhstan"),
    ("GENEVA", "Switzerland"), ("NEW YORK", "USA"), ("BRUSSELS", "Belgium"),
    ("TASHKENT", "Uzbekistan"), ("CAIRO", "Egypt"),
]
COUNTRIES = [
    ("Azerbaijan", "Azerbaijani"), ("Turkey", "Turkish"), ("Pakistan", "Pakistani"),
    ("Qatar", "Qatari"), ("Kazakhstan", "Kazakh"), ("Uzbekistan", "Uzbek"), ("Georgia", "Georgian"),
    ("Iran", "Iranian"), ("Egypt", "Egyptian"), ("Saudi Arabia", "Saudi"),
    ("Indonesia", "Indonesian"), ("Malaysia", "Malaysian"), ("Morocco", "Moroccan"),
    ("Jordan", "Jordanian"), ("Tunisia", "Tunisian"), ("Kyrgyzstan", "Kyrgyz"),
]
ORGS = [
    ("Organization of Islamic Cooperation", "OIC"), ("United Nations", "UN"),
    ("Organization of Turkic States", "OTS"), ("Non-Aligned Movement", "NAM"),
    ("Economic Cooperation Organization", "ECO"), ("European Union", "EU"),
    ("Islamic Development Bank", "IsDB"), ("Black Sea Economic Cooperation", "BSEC"),
]
FIRST_M = [
    "Elmar", "Rizwan", "Ahmad", "Hadi", "Jeyhun", "Mevlut", "Hikmet", "Farid", "Kamran",
    "Tahir", "Yusuf", "Omar", "Bakhtiyar", "Rustam", "Murat", "Emin", "Javid", "Anar",
    "Ilham", "Nasir", "Karim", "Samir", "Orkhan", "Timur", "Daniyar", "Arif", "Ramil",
]
FIRST_F = [
    "Leyla", "Aynur", "Fatima", "Nigar", "Sevinj", "Amina", "Zeynep", "Gulnara", "Aida",
    "Mariam", "Dilnoza", "Samira", "Lala", "Elena", "Aliya", "Narmin", "Khadija",
]
MIDDLE = ["Saeed", "Kawesa", "Ali", "Bin", "Al", "Karimovich", "Ahmed", "", "", "", "", "", ""]
LAST = [
    "Mammadyarov", "Sheikh", "Sengendo", "Soleimanpour", "Bayramov", "Cavusoglu", "Hajiyev",
    "Aliyeva", "Mehdiyev", "Kerimkhanov", "Taha", "Othaimeen", "Hasanov", "Guliyev",
    "Yildiz", "Kaya", "Demir", "Nurlanov", "Abdullayev", "Rahimov", "Saidov", "Tokayev",
    "Hussain", "Qureshi", "Malik", "Rahman", "Iskandarov", "Jafarov", "Novruzov", "Aslanov",
    "Babayev", "Ismayilov", "Karimov", "Yusupov", "Ergashev", "Omarov", "Suleymanov",
    "Zakirov", "Huseynov", "Valiyev", "Safarov", "Khalilov", "Ahmadov", "Mustafayev",
]
AUTHORS = [
    "Jeila Aliyeva", "Elchin Mehdiyev", "Abdul Kerimkhanov", "Nigar Abbasova",
    "Leman Zeynalova", "Vugar Khalilov", "Sabina Mammadli", "Ilkin Ahmadov", "Aisel Mahmudova",
    "Rasul Hajiyev", "Fatima Babayeva", "Orkhan Jalilov", "Kamila Aliyeva", "Tural Heydarov",
]
SECTIONS = ["Politics", "Economy", "Society", "Analytics", "World", "Business", "Region"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov",
                "Dec"]
EVENTS = [
    "the Contact Group meeting", "a press conference", "the ministerial session",
    "a joint press briefing", "the summit", "an international forum", "the plenary session",
    "a meeting with journalists", "the annual conference", "the high-level roundtable",
]

# Content for claims: subjects, predicates and objects combined freely.
SUBJECTS = [  # singular, so every predicate agrees with every subject
    "{country}", "our country", "the international community", "the {org_short}",
    "the region", "the government of {country}", "the delegation", "our partnership",
    "the leadership of {country}", "the peace process", "the reconstruction effort",
    "each member state",
]
PREDICATES = [
    "remains committed to", "will continue to support", "attaches great importance to",
    "is ready to contribute to", "has always stood for", "strongly condemns attacks on",
    "is deeply concerned about", "welcomes the progress in", "calls for the swift resumption of",
    "fully supports", "cannot accept any threat to", "is determined to strengthen",
    "expects concrete steps towards",
]
OBJECTS = [
    "the territorial integrity of {country}", "regional peace and stability",
    "the sovereignty of {country}", "economic cooperation in the region",
    "the return of displaced persons to their homes", "the restoration of the liberated lands",
    "dialogue between {country} and {country2}", "the implementation of the trilateral statement",
    "the principles of international law", "energy security in Europe and Asia",
    "transport links across the Caspian", "humanitarian demining efforts",
    "the normalization of relations between {country} and {country2}",
    "trade and investment between our countries", "the protection of cultural heritage",
    "the fight against terrorism and extremism", "food security in the member states",
]
CONTINUATIONS = [
    "and this position will not change", "as we have said many times",
    "and we will raise this issue at the next session",
    "because stability benefits every nation in the region",
    "and the coming months will be decisive", "and our delegation confirmed this today",
    "in line with the resolutions of the {org_short}",
    "which is the basis of lasting peace", "despite the difficulties we face",
]
QUOTE_OPENERS = [
    "We believe that", "I want to stress that", "Let me say clearly that", "We are confident that",
    "Today I can say that", "It is obvious that", "We have seen that", "I am convinced that",
    "As a member of this delegation, I can confirm that", "We know very well that",
]
BACKGROUND = [
    "The conflict between the two South Caucasus countries began in 1988 when Armenia made "
    "territorial claims against Azerbaijan. As a result of the ensuing war, the Armenian Armed "
    "Forces occupied 20 percent of Azerbaijan, including the Nagorno-Karabakh region and seven "
    "surrounding districts.",
    "The 1994 ceasefire agreement was followed by peace negotiations. Armenia has not yet "
    "implemented four UN Security Council resolutions on the withdrawal of its armed forces "
    "from the occupied territories.",
    "A complete ceasefire and a cessation of all hostilities in the zone of the conflict was "
    "introduced on Nov. 10, 2020.",
    "Following over a month of military action from late Sept. to early Nov. 2020, a joint "
    "statement on the matter was made by the leaders of the three countries.",
    "The organization, founded in 1969, brings together 57 member states across four "
    "continents and is the second largest intergovernmental body after the United Nations.",
    "OSCE Minsk Group co-chaired by representatives from Russia, U.S. and France had been "
    "brokering the peace negotiations since 1994.",
    "The Middle Corridor connects China with Europe through Central Asia, the Caspian Sea and "
    "the South Caucasus, and cargo volumes along it have grown every year since 2022.",
    "About one million people became refugees and internally displaced persons as a result "
    "of the war, and numerous historical, cultural and religious monuments were destroyed.",
    "The contact group was established in 1994 and meets regularly on the sidelines of the "
    "Council of Foreign Ministers and the UN General Assembly.",
    "Trade turnover between the two countries exceeded 4 billion US dollars last year, "
    "according to official statistics.",
    "The forum gathered more than 300 delegates from 40 countries, including ministers, "
    "parliamentarians and representatives of international organizations.",
    "Demining of the liberated territories remains one of the main obstacles to the return of "
    "former residents, with more than 300 civilians killed or injured by mines since 2020.",
]
HEADLINE_VERBS = [
    "reaffirms support for", "calls for", "stresses importance of", "welcomes", "discusses",
    "condemns attacks on", "highlights", "pledges cooperation on",
]
HEADLINE_TOPICS = [
    "regional peace", "territorial integrity", "reconstruction of liberated lands",
    "energy cooperation", "humanitarian demining", "trade links", "the peace agenda",
    "transport corridor", "cultural heritage",
]

# Roles: (template for the full title, role noun used in later paragraphs).
PERSON_ROLES = [
    ("{adj} Foreign Minister", "the minister"),
    ("Foreign Minister of {country}", "the minister"),
    ("Permanent representative of {org_short} delegation", "the representative"),
    ("Assistant Secretary-General in charge of Economic Affairs of the {org_short}",
     "the official"),
    ("Secretary General of the {org}", "the secretary general"),
    ("{adj} Ambassador to {country2}", "the ambassador"),
    ("Spokesperson for the {adj} Foreign Ministry", "the spokesperson"),
    ("Deputy Prime Minister of {country}", "the deputy prime minister"),
    ("{adj} Minister of Economy", "the minister"),
    ("Head of the {org_short} mission", "the diplomat"),
]
ORG_SPEAKERS = [
    ("The General Secretariat of the {org}", "the secretariat"),
    ("The {adj} Foreign Ministry", "the ministry"),
]
SAY = ["said", "noted", "stressed", "added", "emphasized", "underlined", "recalled", "stated"]
SAY_THAT = ["said that", "noted that", "stressed that", "emphasized that", "recalled that",
            "pointed out that", "underlined that", "added that"]
LEAD_CUES = ["told journalists", "said", "told reporters", "has said", "stated"]


@dataclass(frozen=True, slots=True)
class GenSpeaker:
    """One person (or body) in the pool: a fixed name, a role, a pronoun and a role noun."""

    id: int
    name: str
    kind: str  # person | organization
    role: str
    role_noun: str
    pronoun: str  # he | she | it

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass(frozen=True, slots=True)
class GenClaim:
    """Ground truth for one claim: ``body[start:end] == text``."""

    kind: str  # direct | indirect
    start: int
    end: int
    text: str
    speaker_id: int
    cue: str
    said_where: str | None


@dataclass(slots=True)
class GenArticle:
    """One generated article with its header fields, body, footer and true claims."""

    index: int
    outlet: str
    homepage: str
    author: str | None
    title: str | None
    published: dt.date
    section: str
    time: str
    city: str
    country: str
    body: str
    claims: list[GenClaim]
    quotes: int  # quoted spans in the body (each pair of quotation marks)
    layout: dict[str, str] = field(default_factory=dict)

    @property
    def dateline(self) -> str:
        return f"{self.city}, {self.country}, {MONTHS[self.published.month - 1]} " \
               f"{self.published.day}"


class _Body:
    """Builds a body paragraph by paragraph, recording the offsets of the claims in it."""

    def __init__(self) -> None:
        self.paras: list[str] = []
        self.claims: list[GenClaim] = []
        self.quotes = 0
        self._offset = 0
        self._cur: list[str] = []
        self._cur_len = 0

    def text(self, piece: str) -> None:
        self._cur.append(piece)
        self._cur_len += len(piece)

    def claim(self, piece: str, kind: str, speaker: GenSpeaker, cue: str,
              where: str | None = None) -> None:
        start = self._offset + self._cur_len
        self.claims.append(GenClaim(kind, start, start + len(piece), piece, speaker.id, cue,
                                    where))
        if kind == "direct":
            self.quotes += 1
        self.text(piece)

    def end_para(self) -> None:
        para = "".join(self._cur)
        self.paras.append(para)
        self._offset += len(para) + 2  # the blank line between paragraphs
        self._cur, self._cur_len = [], 0

    def body(self) -> str:
        return "\n\n".join(self.paras)


class Generator:
    """A seeded source of articles; ``Generator(seed).articles(n)`` is always the same list."""

    def __init__(self, seed: int = 1, speakers: int = 2000) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.speakers = self._speaker_pool(speakers)
        # Zipf-like popularity: a few officials are quoted all the time (the top one in about
        # one article in eight), most rarely, as in real wire copy.
        self._weights = [1.0 / (rank + 1) for rank in range(len(self.speakers))]
        self._cum = _cumulative(self._weights)

    # -- pool ------------------------------------------------------------------------------

    def _speaker_pool(self, size: int) -> list[GenSpeaker]:
        rng = random.Random(self.seed * 7919 + 13)
        pool: list[GenSpeaker] = []
        seen: set[str] = set()
        while len(pool) < size:
            sid = len(pool) + 1
            country, adj = rng.choice(COUNTRIES)
            country2 = rng.choice([c for c, _ in COUNTRIES if c != country])
            org, org_short = rng.choice(ORGS)
            fmt = {"country": country, "adj": adj, "country2": country2, "org": org,
                   "org_short": org_short}
            if rng.random() < 0.04:
                template, noun = rng.choice(ORG_SPEAKERS)
                name = template.format(**fmt).removeprefix("The ")
                if name in seen:
                    continue
                seen.add(name)
                pool.append(GenSpeaker(sid, name, "organization", "", noun, "it"))
                continue
            female = rng.random() < 0.3
            first = rng.choice(FIRST_F if female else FIRST_M)
            middle = rng.choice(MIDDLE)
            last = rng.choice(LAST) + ("a" if female and rng.random() < 0.5 else "")
            name = " ".join(p for p in (first, middle, last) if p)
            if name in seen:
                continue
            seen.add(name)
            template, noun = rng.choice(PERSON_ROLES)
            pool.append(GenSpeaker(sid, name, "person", template.format(**fmt), noun,
                                   "she" if female else "he"))
        return pool

    def pick_speaker(self, rng: random.Random) -> GenSpeaker:
        x = rng.random() * self._cum[-1]
        lo, hi = 0, len(self._cum) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self._cum[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return self.speakers[lo]

    # -- articles --------------------------------------------------------------------------

    def articles(self, n: int, start: int = 0) -> Iterator[GenArticle]:
        """Articles ``start .. start+n-1``; each depends only on the seed and its index."""
        for i in range(start, start + n):
            yield self.article(i)

    def article(self, index: int) -> GenArticle:
        rng = random.Random(f"{self.seed}:{index}")
        outlet, homepage = rng.choice(OUTLETS)
        published = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
        city, country = rng.choice(CITIES)
        main = self.pick_speaker(rng)
        other = self.pick_speaker(rng)
        ctx = self._context(rng, main)
        # One article in 500 is a long press-conference transcript with ~50 claims, so a page
        # with many highlighted claims exists at every size.
        long_form = index % 500 == 7
        b = _Body()
        self._lead(rng, b, main, outlet, published)
        n_paras = 48 if long_form else rng.randint(6, 10)
        for _ in range(n_paras):
            self._claim_paragraph(rng, b, main, ctx, city)
        if rng.random() < 0.6 and other.id != main.id:
            self._second_speaker(rng, b, other, self._context(rng, other))
        for para in rng.sample(BACKGROUND, rng.randint(2, 4)):
            b.text(para)
            b.end_para()
        author = rng.choice(AUTHORS) if rng.random() < 0.75 else None
        topic = rng.choice(HEADLINE_TOPICS)
        headline = f"{main.role or main.name} {rng.choice(HEADLINE_VERBS)} {topic}"
        return GenArticle(
            index=index, outlet=outlet, homepage=homepage, author=author,
            title=headline[:1].upper() + headline[1:], published=published,
            section=rng.choice(SECTIONS), time=f"{rng.randint(7, 22)}:{rng.randint(0, 59):02d}",
            city=city, country=country, body=b.body(), claims=b.claims, quotes=b.quotes,
            layout=self._layout(rng, author),
        )

    def _context(self, rng: random.Random, sp: GenSpeaker) -> dict[str, str]:
        country, _adj = rng.choice(COUNTRIES)
        country2 = rng.choice([c for c, _ in COUNTRIES if c != country])
        org, org_short = rng.choice(ORGS)
        return {"country": country, "country2": country2, "org": org, "org_short": org_short}

    def _clause(self, rng: random.Random, ctx: dict[str, str]) -> str:
        s = rng.choice(SUBJECTS).format(**ctx)
        p = rng.choice(PREDICATES)
        o = rng.choice(OBJECTS).format(**ctx)
        return f"{s} {p} {o}"

    def _sentence(self, rng: random.Random, ctx: dict[str, str]) -> str:
        clause = self._clause(rng, ctx)
        if rng.random() < 0.5:
            clause = f"{rng.choice(QUOTE_OPENERS)} {clause}"
        if rng.random() < 0.5:
            clause += f", {rng.choice(CONTINUATIONS).format(**ctx)}"
        return clause[:1].upper() + clause[1:]

    def _full(self, sp: GenSpeaker) -> str:
        if sp.kind == "organization":
            return f"The {sp.name}"
        return f"{sp.role} {sp.name}"

    def _lead(self, rng: random.Random, b: _Body, sp: GenSpeaker, outlet: str,
              published: dt.date) -> None:
        ctx = self._context(rng, sp)
        clause = self._clause(rng, ctx)
        if rng.random() < 0.5:
            cue = rng.choice(LEAD_CUES)
            b.claim(clause[:1].upper() + clause[1:], "indirect", sp, cue)
            b.text(f", {self._full(sp)} {cue}, {outlet} reports.")
        else:
            cue = "has said that"
            b.text(f"{self._full(sp)} {cue} ")
            b.claim(clause, "indirect", sp, cue)
            b.text(".")
        b.end_para()

    def _claim_paragraph(self, rng: random.Random, b: _Body, sp: GenSpeaker,
                         ctx: dict[str, str], city: str) -> None:
        curly = rng.random() < 0.7
        oq, cq = ("“", "”") if curly else ('"', '"')
        pron = sp.pronoun.capitalize()
        form = rng.randrange(8)
        if form == 0:  # “Q,” he said.
            b.text(oq)
            b.claim(self._sentence(rng, ctx), "direct", sp, "said")
            b.text(f",{cq} {sp.pronoun} {rng.choice(SAY)}.")
        elif form == 1:  # “Q,” said the minister.  (said-X inversion)
            verb = rng.choice(["said", "added", "stressed", "noted"])
            b.text(oq)
            b.claim(self._sentence(rng, ctx), "direct", sp, verb)
            b.text(f",{cq} {verb} {sp.role_noun}.")
        elif form == 2:  # “Q1,” he said. “Q2.”  (split around the attribution)
            b.text(oq)
            b.claim(self._sentence(rng, ctx), "direct", sp, "said")
            b.text(f",{cq} {sp.pronoun} said. {oq}")
            b.claim(self._sentence(rng, ctx) + ".", "direct", sp, "said")
            b.text(cq)
        elif form == 3:  # "Q," Surname said while addressing ... in City on Month D.
            where = city.title()
            b.text(oq)
            b.claim(self._sentence(rng, ctx), "direct", sp, "said", where)
            b.text(f",{cq} {sp.surname if sp.kind == 'person' else sp.role_noun.capitalize()} "
                   f"said while addressing {rng.choice(EVENTS)} in {where} on "
                   f"{rng.choice(MONTHS)} {rng.randint(1, 28)}.")
        elif form == 4:  # He noted that ...
            cue = rng.choice(SAY_THAT)
            lead = rng.choice(["", "In addition, ", "Moreover, ", "At the same time, "])
            subject = pron if not lead else sp.pronoun
            b.text(f"{lead}{subject} {cue} ")
            b.claim(self._clause(rng, ctx), "indirect", sp, cue)
            b.text(".")
        elif form == 5:  # The minister stressed that ...
            cue = rng.choice(SAY_THAT)
            b.text(f"{sp.role_noun.capitalize()} {cue} ")
            b.claim(self._clause(rng, ctx), "indirect", sp, cue)
            b.text(".")
        elif form == 6:  # Clause, Surname reminded.
            clause = self._clause(rng, ctx)
            verb = rng.choice(["reminded", "said", "noted", "added"])
            b.claim(clause[:1].upper() + clause[1:], "indirect", sp, verb)
            who = sp.surname if sp.kind == "person" else sp.role_noun
            b.text(f", {who} {verb}.")
        else:  # “Q,” the minister concluded.
            b.text(oq)
            b.claim(self._sentence(rng, ctx), "direct", sp, "concluded")
            b.text(f",{cq} {sp.role_noun} concluded.")
        b.end_para()

    def _second_speaker(self, rng: random.Random, b: _Body, sp: GenSpeaker,
                        ctx: dict[str, str]) -> None:
        b.text(f"Meanwhile, {self._full(sp)} said that ")
        b.claim(self._clause(rng, ctx), "indirect", sp, "said that")
        b.text(".")
        b.end_para()
        b.text("“")
        b.claim(self._sentence(rng, ctx), "direct", sp, "added")
        b.text(f",” {sp.pronoun} added.")
        b.end_para()

    def _layout(self, rng: random.Random, author: str | None) -> dict[str, str]:
        """How the seed-format header and footer are laid out (seeded, like the content)."""
        r = rng.random()
        first = "headline" if r < 0.55 else "byline" if r < 0.65 else "note" if r < 0.75 \
            else "none"
        if author is None:
            byline = "outlet" if rng.random() < 0.5 else "none"
            first = "none" if first == "byline" else first
        else:
            r = rng.random()
            byline = "author-outlet" if r < 0.55 else "footer" if r < 0.8 else "first-line"
            if first == "byline":
                byline = "first-line"
            elif byline == "first-line":
                byline = "author-outlet"
        return {
            "first": first, "byline": byline,
            "section": "yes" if rng.random() < 0.5 else "no",
            "dateline": "long" if rng.random() < 0.5 else "short" if rng.random() < 0.5
            else "no",
            "footer": rng.choice(["all-news", "follow", "none"]),
        }


def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


# --- writers ----------------------------------------------------------------------------

def to_seed_text(a: GenArticle) -> str:
    """The article as a seed-format text file (see ``claims_app/ingest/seedtext.py``)."""
    lay = a.layout
    lines: list[str] = []
    iso = a.published.isoformat()
    if lay["first"] == "headline":
        lines += [f" date {iso} {a.title}", ""]
    elif lay["first"] == "byline" or lay["byline"] == "first-line":
        lines += [f" date {iso} By {a.author}", ""]
    elif lay["first"] == "note":
        lines += [f" date {iso} Details added: first version posted on {a.time}", ""]
    if lay["section"] == "yes":
        lines += [f"{a.section} {a.published.day} {MONTHS[a.published.month - 1]} "
                  f"{a.published.year} {a.time} (UTC+04:00)"]
    if lay["dateline"] == "long":
        lines += [a.dateline, ""]
    elif lay["dateline"] == "short":
        lines += [f"{a.city}, {a.country}, {MONTHS_SHORT[a.published.month - 1]}."
                  f"{a.published.day}", ""]
    if lay["byline"] == "author-outlet":
        lines += [f"By {a.author} - {a.outlet}:", ""]
    elif lay["byline"] == "outlet":
        lines += [f"By {a.outlet}", ""]
    lines += ["", a.body, ""]
    footer: list[str] = []
    if lay["byline"] == "footer":
        handle = (a.author or "").replace(" ", "")
        footer.append(f"{a.author} is {a.outlet}’s staff journalist, follow them on Twitter: "
                      f"@{handle}")
    if lay["footer"] == "all-news":
        footer.append("All news")
    elif lay["footer"] == "follow":
        footer.append(f"Follow us on Twitter @{a.outlet.replace(' ', '')}")
    if footer:
        lines += ["---", "", "\n\n".join(footer)]
    return "\n".join(lines) + "\n"


def to_json_record(a: GenArticle) -> dict[str, str]:
    """The article as one JSON Lines object (the generic hand-over format)."""
    rec = {
        "title": a.title or "", "outlet": a.outlet, "published": a.published.isoformat(),
        "dateline": a.dateline, "section": a.section, "body": a.body,
        "url": f"https://{a.homepage}/news/{a.published:%Y/%m}/{a.index}",
        "source_name": f"gen-{a.index:07d}",
    }
    if a.author:
        rec["author"] = a.author
    if a.index % 17 == 3:  # some feeds only know the month
        rec["published"] = a.published.strftime("%Y-%m")
    return rec


def write_corpus(gen: Generator, n: int, fmt: str, out: Path, *, per_file: int = 1000) -> int:
    """Stream ``n`` articles to ``out``; returns the number of files written.

    seed: ``out`` is a folder of one ``.txt`` per article. jsonl: ``out`` is a ``.jsonl``
    file, or a folder of ``.jsonl`` files of ``per_file`` articles each (the importer reads a
    file whole, so chunks keep its memory small).
    """
    files = 0
    if fmt == "seed":
        out.mkdir(parents=True, exist_ok=True)
        for a in gen.articles(n):
            (out / f"{a.index:07d}_{a.outlet.replace(' ', '')}.txt").write_text(
                to_seed_text(a), encoding="utf-8")
            files += 1
        return files
    single = out.suffix in {".jsonl", ".ndjson"}
    if not single:
        out.mkdir(parents=True, exist_ok=True)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
    fh = None
    try:
        for a in gen.articles(n):
            if fh is None or (not single and a.index % per_file == 0):
                if fh is not None:
                    fh.close()
                path = out if single else out / f"articles-{a.index // per_file:05d}.jsonl"
                fh = path.open("w", encoding="utf-8")
                files += 1
            fh.write(json.dumps(to_json_record(a), ensure_ascii=False) + "\n")
    finally:
        if fh is not None:
            fh.close()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="how many articles")
    parser.add_argument("--format", choices=["seed", "jsonl"], default="seed")
    parser.add_argument("--out", type=Path, required=True, help="folder, or a .jsonl file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-file", type=int, default=1000, help="jsonl articles per file")
    args = parser.parse_args(argv)
    files = write_corpus(Generator(args.seed), args.articles, args.format, args.out,
                         per_file=args.per_file)
    print(f"wrote {args.articles} articles in {files} files to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
