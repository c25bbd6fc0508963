"""Score extracted claims against attribution annotations in BRAT standoff form (PolNeAR's).

Why a second scorer beside :mod:`claims_app.extract.score`: that one checks the project's own
gold (claims anchored by text, speakers by exact name); this one reads what newsrooms and
corpora publish -- ``GOLD_DIR/text/<article>.txt`` with ``GOLD_DIR/attributions/<article>*.ann``,
each attribution an ``E`` line whose ``Source``, ``Cue`` and ``Content`` arguments point at ``T``
spans made of ``;``-separated parts -- and prints the six figures issue 18 sets goals for, with
rules fixed here so that every figure anyone quotes is comparable:

* gold is every attribution of the first annotation file of an article (files sorted by name);
  its span runs from the smallest part start to the largest part end;
* a prediction matches a gold when their overlap is at least half of the shorter span; golds
  take predictions greedily, one to one, in gold order (by start), largest overlap first; an
  unmatched prediction lying at least half inside an already matched gold is a *piece* of it,
  neither right nor wrong;
* *direct*: golds wholly in quotation marks (“ ” " and the doubled '' and ``) against claims of
  the direct kind; a direct claim on a paraphrase-with-fragment gold is ignored;
* *paraphrase with a quoted fragment*: golds holding a quotation and other words, found by a
  claim of any kind;
* *reported*: golds without quotation marks whose cue is a speech verb, against the other
  claims; such a claim lying on another gold is ignored;
* *right speaker*: over the golds some claim found, where the source is a name, the claim's
  speaker shares a capitalised name word with the source;
* *end to end*: of the quoted golds (direct or with a fragment) whose source is a name, the
  share found with the right speaker.

Below the six figures, :meth:`Figures.breakdown` says why the two speaker figures fall short.
"Where the source is a name" counts any source with a capitalised word, so it counts
descriptions too (`the Vermont senator`, `A Warren adviser`): the product keeps such a
description as the claim's role and names the speaker only when the article does, so a right
answer (Bernie Sanders for "the Vermont senator") and a right abstention (nobody for "A Warren
adviser") both count as wrong. The breakdown splits the misses by what the source is and
repeats the speaker figure over sources that name someone. It changes none of the six.

Size: one scorer read top to bottom: the BRAT reading, the matching rules listed above and
the six figures stay side by side so that the rules this docstring states are visibly the
rules applied, and every figure quoted is computed one way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claims_app.extract.lexicon import GROUP_NOUNS, ROLE_WORDS
from claims_app.extract.pipeline import extract_claims
from claims_app.ingest.seedtext import read_seed_text

__all__ = [
    "Figures",
    "GoldArticle",
    "GoldAttribution",
    "Predicted",
    "find_articles",
    "name_words",
    "parse_ann",
    "score",
]

MIN_OVERLAP = 0.5
OPENING = ("“", '"', "``", "''")
_MARK = re.compile(r"“|”|\"|``|''")

# Verbs that report speech (any inflection is listed as used in news copy).  A gold whose cue
# holds one of these words is "reported speech"; "according to", "found", "shows" are not.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = _words("""
say says said saying tell tells told telling add adds added adding ask asks asked asking
state states stated stating explain explains explained explaining announce announces announced
declare declares declared claim claims claimed claiming argue argues argued arguing insist
insists insisted note notes noted noting write writes wrote written writing tweet tweets tweeted
tweeting post posts posted testify testifies testified quip quips quipped remark remarks
remarked reply replies replied respond responds responded answer answers answered exclaim
exclaimed shout shouted yell yelled whisper whispered mention mentions mentioned comment
comments commented report reports reported warn warns warned warning admit admits admitted
acknowledge acknowledges acknowledged deny denies denied concede concedes conceded confirm
confirms confirmed contend contends contended assert asserts asserted maintain maintains
maintained predict predicts predicted promise promises promised pledge pledges pledged vow vows
vowed urge urges urged repeat repeats repeated recall recalls recalled conclude concludes
concluded complain complains complained boast boasts boasted joke jokes joked retort retorted
interject interjected gush gushed observe observes observed counter counters countered allege
alleges alleged charge charges charged suggest suggests suggested describe describes described
call calls called calling accuse accuses accused criticize criticizes criticized praise praised
blast blasts blasted slam slams slammed dismiss dismissed demand demands demanded propose
proposed proposes threaten threatened threatens recount recounted reiterate reiterated
emphasize emphasized stress stressed stresses point pointed speak spoke speaking talk talked
continue continued conceded chant chanted chanting echo echoed echoes agree agreed agrees
""")

# Capitalised words that do not name anyone: pronouns, determiners, titles, generic nouns.
_NOT_NAMES = _words("""
I He She It We They You His Her Its Our Their My Your Him Them Us Me The A An This That These
Those Some Many Most One Another Other Both All Each Several Few No Any Such In On At Of For And
But Or As If When While After Before According Mr Mrs Ms Miss Dr Sen Rep Gov Gen Lt Col Sgt Rev
Prof President Senator Governor Representative Secretary Speaker Chairman Chairwoman Chair
Judge Justice Mayor Minister Director General Vice Former Sources Source Officials Official
Experts Critics Aides Analysts Polls Poll Voters Supporters People Reports Report Spokesman
Spokeswoman Spokesperson
""")
_CAP_WORD = re.compile(r"[A-Z][\w’'.-]*")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution: where its content lies and what kind of statement it is."""

    start: int
    end: int
    source: str | None
    cue: str | None
    quoted: bool  # some quotation mark inside the content
    wholly: bool  # every content part is a quotation (nothing outside the marks)
    speech: bool  # the cue holds a speech verb

    @property
    def kind(self) -> str:
        """``direct``, ``fragment`` (paraphrase with a quoted fragment), ``reported``, ``other``."""
        if self.wholly:
            return "direct"
        if self.quoted:
            return "fragment"
        return "reported" if self.speech else "other"


@dataclass(frozen=True, slots=True)
class Predicted:
    """What the scorer needs of a claim: its kind, outer span and speaker name."""

    kind: str
    start: int
    end: int
    speaker: str | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """An article's text and its gold attributions, sorted by start."""

    name: str
    text: str
    golds: tuple[GoldAttribution, ...]


@dataclass(slots=True)
class Figures:
    """The counts behind the six figures; ratios are derived so sums over articles stay exact."""

    articles: int = 0
    direct_tp: int = 0
    direct_fp: int = 0
    direct_fn: int = 0
    fragment_found: int = 0
    fragment_total: int = 0
    reported_tp: int = 0
    reported_fp: int = 0
    reported_fn: int = 0
    speaker_right: int = 0
    speaker_counted: int = 0
    e2e_ok: int = 0
    e2e_total: int = 0
    # the breakdown of the speaker misses (see the module docstring)
    speaker_described_wrong: int = 0  # the source is a description
    speaker_unnamed: int = 0  # the source names someone; the claim has no speaker
    speaker_other: int = 0  # the source names someone; the claim names someone else
    named_counted: int = 0  # counted golds whose source names someone
    named_right: int = 0
    e2e_not_found: int = 0
    e2e_described_wrong: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(num: int, den: int) -> float:
        return num / den if den else 1.0

    @property
    def direct_precision(self) -> float:
        return self._ratio(self.direct_tp, self.direct_tp + self.direct_fp)

    @property
    def direct_recall(self) -> float:
        return self._ratio(self.direct_tp, self.direct_tp + self.direct_fn)

    @property
    def direct_f1(self) -> float:
        p, r = self.direct_precision, self.direct_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def fragment_recall(self) -> float:
        return self._ratio(self.fragment_found, self.fragment_total)

    @property
    def reported_precision(self) -> float:
        return self._ratio(self.reported_tp, self.reported_tp + self.reported_fp)

    @property
    def reported_recall(self) -> float:
        return self._ratio(self.reported_tp, self.reported_tp + self.reported_fn)

    @property
    def speaker_accuracy(self) -> float:
        return self._ratio(self.speaker_right, self.speaker_counted)

    @property
    def end_to_end(self) -> float:
        return self._ratio(self.e2e_ok, self.e2e_total)

    def lines(self) -> list[str]:
        """The six figures as printed by ``claims-app evaluate`` and ``bench_accuracy.py``."""
        return [
            f"articles scored: {self.articles}",
            f"direct quotes P / R / F1: {self.direct_precision:.2f} / {self.direct_recall:.2f}"
            f" / {self.direct_f1:.2f}  (tp {self.direct_tp}, fp {self.direct_fp}, "
            f"fn {self.direct_fn})",
            f"paraphrase with quoted fragment, found: {self.fragment_recall:.2f}  "
            f"({self.fragment_found} of {self.fragment_total})",
            f"reported speech P / R: {self.reported_precision:.2f} / "
            f"{self.reported_recall:.2f}  (tp {self.reported_tp}, fp {self.reported_fp}, "
            f"fn {self.reported_fn})",
            f"right named speaker: {self.speaker_accuracy:.2f}  "
            f"({self.speaker_right} of {self.speaker_counted})",
            f"end to end: {self.end_to_end:.2f}  ({self.e2e_ok} of {self.e2e_total})",
        ]

    def breakdown(self) -> list[str]:
        """Why the speaker figures fall short: the misses split by what the gold source is."""
        wrong = self.speaker_counted - self.speaker_right
        e2e_wrong = self.e2e_total - self.e2e_ok - self.e2e_not_found
        return [
            f"wrong speakers: {wrong}: the source is a description {self.speaker_described_wrong}"
            f", a name left unnamed {self.speaker_unnamed}, a name given to another "
            f"{self.speaker_other}",
            f"right speaker where the source names someone (descriptions set aside): "
            f"{self._ratio(self.named_right, self.named_counted):.2f}  ({self.named_right} of "
            f"{self.named_counted})",
            f"end-to-end misses: {self.e2e_total - self.e2e_ok}: not found "
            f"{self.e2e_not_found}, found with another speaker {e2e_wrong} (the source a "
            f"description {self.e2e_described_wrong})",
        ]


# --- reading the annotations ----------------------------------------------------------------

def _parts(spec: str) -> list[tuple[int, int]]:
    """``"315 448;463 553"`` -> [(315, 448), (463, 553)]."""
    out = []
    for piece in spec.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return out


def _wholly_quoted(text: str, s: int, e: int) -> bool:
    """True when ``text[s:e]`` holds only quoted words (marks included or just outside)."""
    part = text[s:e]
    inside = False
    outside_letters = False
    marks = 0
    i = 0
    while i < len(part):
        m = _MARK.match(part, i)
        if m:
            marks += 1
            glyph = m.group()
            inside = glyph in ("“", "``") or (glyph in ('"', "''") and not inside)
            if glyph == "”":
                inside = False
            i = m.end()
            continue
        if not inside and part[i].isalnum():
            outside_letters = True
        i += 1
    if marks:
        return not outside_letters
    # content annotated without its marks: look just outside the part
    before = text[max(0, s - 3) : s].rstrip()
    after = text[e : e + 4].lstrip(".,!?;: ")
    return before.endswith(OPENING) and after.startswith(("”", '"', "''"))


def parse_ann(text: str, ann: str) -> list[GoldAttribution]:
    """The attributions of one ``.ann`` file over ``text``, sorted by content start."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        if line.startswith("T"):
            fields = line.split("\t")
            if len(fields) < 2:
                continue
            label_spec = fields[1].split(" ", 1)
            if len(label_spec) == 2:
                spans[fields[0]] = _parts(label_spec[1])
        elif line.startswith("E"):
            fields = line.split("\t")
            if len(fields) < 2:
                continue
            args: dict[str, str] = {}
            for arg in fields[1].split()[1:]:
                role, _, ref = arg.partition(":")
                args[role.rstrip("0123456789")] = ref
            events.append(args)
    golds = []
    for args in events:
        content = spans.get(args.get("Content", ""))
        if not content:
            continue
        start = min(a for a, _ in content)
        end = max(b for _, b in content)
        source = _join(text, spans.get(args.get("Source", "")))
        cue = _join(text, spans.get(args.get("Cue", "")))
        quoted = any(_MARK.search(text, a, b) for a, b in content)
        wholly = all(_wholly_quoted(text, a, b) for a, b in content)
        speech = cue is not None and any(
            w in SPEECH_VERBS for w in re.findall(r"[a-z]+", cue.lower()))
        golds.append(GoldAttribution(start, end, source, cue, quoted or wholly, wholly, speech))
    golds.sort(key=lambda g: (g.start, g.end))
    return golds


def _join(text: str, parts: list[tuple[int, int]] | None) -> str | None:
    if not parts:
        return None
    return " ".join(text[a:b] for a, b in sorted(parts))


def find_articles(gold_dir: Path) -> Iterator[tuple[Path, Path]]:
    """(text file, first annotation file) for every article of a BRAT gold folder.

    Annotation files are ``<article>.ann`` or ``<article>_<annotator>.ann``; when an article
    has several, the first by name is the gold (PolNeAR's double annotations).
    """
    text_dir, ann_dir = gold_dir / "text", gold_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(
            f"{gold_dir} must hold text/*.txt and attributions/*.ann (BRAT standoff)")
    by_stem: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        by_stem.setdefault(ann.stem, []).append(ann)
        head, sep, _tail = ann.stem.rpartition("_")
        if sep:
            by_stem.setdefault(head, []).append(ann)
    for txt in sorted(text_dir.glob("*.txt")):
        anns = sorted(by_stem.get(txt.stem, []))
        if anns:
            yield txt, anns[0]


def load_article(txt: Path, ann: Path) -> GoldArticle:
    """Read one article and its gold (text read as UTF-8, offsets in characters)."""
    text = txt.read_text(encoding="utf-8")
    golds = parse_ann(text, ann.read_text(encoding="utf-8"))
    return GoldArticle(txt.stem, text, tuple(golds))


# --- matching ---------------------------------------------------------------------------------

def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _close(p: Predicted, g: GoldAttribution) -> int:
    """The overlap when it is at least half of the shorter span, else 0."""
    ov = _overlap(p.start, p.end, g.start, g.end)
    shorter = max(1, min(p.end - p.start, g.end - g.start))
    return ov if ov and ov >= MIN_OVERLAP * shorter else 0


def _greedy(golds: Sequence[GoldAttribution],
            preds: Sequence[Predicted]) -> dict[int, int]:
    """Gold index -> prediction index, greedy in gold order, largest overlap first."""
    used: set[int] = set()
    out: dict[int, int] = {}
    for gi, g in enumerate(golds):
        best, best_ov = -1, 0
        for pi, p in enumerate(preds):
            if pi in used or p.end <= g.start or p.start >= g.end:
                continue
            ov = _close(p, g)
            if ov > best_ov:
                best, best_ov = pi, ov
        if best >= 0:
            used.add(best)
            out[gi] = best
    return out


def _piece(p: Predicted, matched: Iterable[GoldAttribution]) -> bool:
    length = max(1, p.end - p.start)
    return any(_overlap(p.start, p.end, g.start, g.end) >= MIN_OVERLAP * length for g in matched)


def name_words(phrase: str | None) -> set[str]:
    """The capitalised words of a phrase that can name someone ("Mr. Trump's aide" -> Trump)."""
    if not phrase:
        return set()
    out = set()
    for word in _CAP_WORD.findall(phrase.replace("’", "'")):  # O’Donnell is O'Donnell
        word = re.sub(r"(?:['’]s?|\.)+$", "", word)
        if len(word) >= 2 and word not in _NOT_NAMES:
            out.add(word)
    return out


_HEAD_END = re.compile(
    r",|\(|\s[-–—]|\s(?:who|which|that|whose|of|from|at|for|by|in|with|on|to|including)\s")
# Common nouns that open a sentence capitalised ("Lawmakers said"): a description all the same.
_COMMON_HEADS = ROLE_WORDS | GROUP_NOUNS | _words(
    "companies individuals lawmaker member members protesters delegates experts voters")


def described(source: str | None) -> bool:
    """The source describes its speaker rather than naming them.

    Its head, the last word before a comma, a bracket or a trailing phrase, is not capitalised
    ("the Vermont senator", "A Warren adviser", "Gary Johnson's doctor", "Police officials"),
    or is a common noun capitalised only because it opens the phrase ("Lawmakers"); whereas
    "Sen. Bernie Sanders", "the Rev. Ann Lee, of Grace Church", "The IMF" and "Trump's" name
    someone.
    """
    if not source:
        return False
    words = _HEAD_END.split(source.strip(), maxsplit=1)[0].split()
    if not words:
        return False
    head = re.sub(r"(?:['’]s?|[.:;\"“”])+$", "", words[-1])
    if len(words) == 1 and head.lower() in _COMMON_HEADS:
        return True
    return not head[:1].isupper()


def right_speaker(speaker: str | None, source: str | None) -> bool:
    """The claim's speaker shares a capitalised name word with the gold source (compared
    without case: a transcript's "PENCE" is Pence)."""
    return bool({w.lower() for w in name_words(speaker)}
                & {w.lower() for w in name_words(source)})


def score_article(gold: GoldArticle, preds: Sequence[Predicted], figures: Figures,
                  verbose: bool = False) -> None:
    """Add one article's counts to ``figures`` (and, when ``verbose``, a line per error)."""
    figures.articles += 1
    golds = gold.golds

    def note(line: str) -> None:
        if verbose:
            figures.errors.append(line)

    def show(s: int, e: int) -> str:
        return " ".join(gold.text[s:e].split())[:90]

    # direct
    d_golds = [g for g in golds if g.kind == "direct"]
    d_preds = [p for p in preds if p.kind == "direct"]
    d_match = _greedy(d_golds, d_preds)
    figures.direct_tp += len(d_match)
    figures.direct_fn += len(d_golds) - len(d_match)
    for gi, g in enumerate(d_golds):
        if gi not in d_match:
            note(f"{gold.name}: direct missed [{g.source}] {show(g.start, g.end)!r}")
    matched_d = [d_golds[gi] for gi in d_match]
    fragments = [g for g in golds if g.kind == "fragment"]
    hit_d = set(d_match.values())
    for pi, p in enumerate(d_preds):
        if pi in hit_d or _piece(p, matched_d) or any(_close(p, g) for g in fragments):
            continue
        figures.direct_fp += 1
        note(f"{gold.name}: direct false {show(p.start, p.end)!r}")

    # every gold against every claim: fragments found, speakers, end to end
    all_match = _greedy(golds, preds)
    f_match = _greedy(fragments, preds)
    figures.fragment_total += len(fragments)
    figures.fragment_found += len(f_match)
    for gi, g in enumerate(fragments):
        if gi not in f_match:
            note(f"{gold.name}: fragment missed [{g.source}] {show(g.start, g.end)!r}")
    for gi, g in enumerate(golds):
        named = bool(name_words(g.source))
        found = gi in all_match
        ok = found and right_speaker(preds[all_match[gi]].speaker, g.source)
        if found and named:
            figures.speaker_counted += 1
            figures.speaker_right += ok
            if not described(g.source):
                figures.named_counted += 1
                figures.named_right += ok
            if not ok:
                speaker = preds[all_match[gi]].speaker
                if described(g.source):
                    figures.speaker_described_wrong += 1
                elif speaker is None:
                    figures.speaker_unnamed += 1
                else:
                    figures.speaker_other += 1
                note(f"{gold.name}: speaker {speaker!r} for "
                     f"[{g.source}] {show(g.start, g.end)!r}")
        if g.quoted and named:
            figures.e2e_total += 1
            figures.e2e_ok += ok
            figures.e2e_not_found += not found
            figures.e2e_described_wrong += found and not ok and described(g.source)

    # reported
    r_golds = [g for g in golds if g.kind == "reported"]
    others = [g for g in golds if g.kind != "reported"]
    r_preds = [p for p in preds if p.kind != "direct"]
    r_match = _greedy(r_golds, r_preds)
    figures.reported_tp += len(r_match)
    figures.reported_fn += len(r_golds) - len(r_match)
    for gi, g in enumerate(r_golds):
        if gi not in r_match:
            note(f"{gold.name}: reported missed [{g.source} | {g.cue}] {show(g.start, g.end)!r}")
    matched_r = [r_golds[gi] for gi in r_match]
    hit_r = set(r_match.values())
    for pi, p in enumerate(r_preds):
        if pi in hit_r or _piece(p, matched_r) or any(_close(p, g) for g in others):
            continue
        figures.reported_fp += 1
        note(f"{gold.name}: reported false {show(p.start, p.end)!r}")


def score(pairs: Iterable[tuple[GoldArticle, Sequence[Predicted]]],
          verbose: bool = False) -> Figures:
    """The six figures over (gold article, its predicted claims) pairs."""
    figures = Figures()
    for gold, preds in pairs:
        score_article(gold, preds, figures, verbose)
    return figures


def predict(text: str, name: str = "article.txt") -> list[Predicted]:
    """Run the reader and extractor the importer runs on a ``.txt`` article.

    The reader strips header lines and footers; claims are shifted back to offsets in
    ``text`` so that they line up with the annotations.
    """
    draft = read_seed_text(Path(name), text.encode("utf-8"))
    shift = max(0, text.replace("\r\n", "\n").find(draft.body))
    seen: set[tuple[int, int]] = set()
    out = []
    for c in extract_claims(draft.body, published=draft.published, dateline=draft.dateline):
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        out.append(Predicted(c.kind, c.start + shift, c.end + shift, c.speaker_name))
    return out


def evaluate_dir(gold_dir: Path, verbose: bool = False) -> Figures:
    """Extract every article of a BRAT gold folder and score it (no database needed)."""
    def pairs() -> Iterator[tuple[GoldArticle, list[Predicted]]]:
        for txt, ann in find_articles(gold_dir):
            gold = load_article(txt, ann)
            yield gold, predict(gold.text, txt.name)
    return score(pairs(), verbose)
