"""Score the extractor against gold annotations: span P/R/F1 and speaker attribution.

Gold claims anchor by exact text and speaker, never by offset, so one gold file scores any
version of a body (raw seed file or header-stripped): each gold text is located in the folded
body, searching on from the previous gold claim.  A predicted claim matches a gold claim of the
same kind when their spans overlap by at least half of the shorter one (one-to-one, largest
overlap first).  Attribution accuracy is measured over matched pairs: the predicted speaker name
equals the gold one after search normalisation (None must meet None).

Run ``python -m claims_app.extract.score`` to print the table for both gold sets (and for the
harder held-out passages when ``passages_hard.json`` and
``passages_heldout.json`` are present).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims_app.extract import ExtractedClaim, extract_claims
from claims_app.textnorm import fold, normalize_for_search

__all__ = [
    "GOLD_DIR",
    "KindScore",
    "Report",
    "load_gold",
    "gold_documents",
    "locate",
    "score_documents",
    "main",
]

GOLD_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "gold"
KINDS = ("direct", "indirect")
MIN_OVERLAP = 0.5


@dataclass(slots=True)
class KindScore:
    """Counts for one claim kind; the ratios are derived."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_ok: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attribution(self) -> float:
        return self.speaker_ok / self.tp if self.tp else 1.0


@dataclass(slots=True)
class Report:
    """Scores per kind for one gold set."""

    name: str
    kinds: dict[str, KindScore]

    def rows(self) -> list[str]:
        lines = [f"{self.name:<10} {'kind':<9} {'P':>6} {'R':>6} {'F1':>6} {'attr':>6} "
                 f"{'tp':>4} {'fp':>4} {'fn':>4}"]
        for kind in KINDS:
            k = self.kinds[kind]
            lines.append(
                f"{'':<10} {kind:<9} {k.precision:6.3f} {k.recall:6.3f} {k.f1:6.3f} "
                f"{k.attribution:6.3f} {k.tp:4d} {k.fp:4d} {k.fn:4d}"
            )
        return lines


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One body with its gold claims located in it."""

    name: str
    body: str
    published: datetime.date | None
    dateline: str | None
    claims: tuple[tuple[dict[str, Any], int, int], ...]


def load_gold(name: str, gold_dir: Path = GOLD_DIR) -> dict[str, Any]:
    """Read ``<gold_dir>/<name>.json``."""
    with (gold_dir / f"{name}.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def locate(body: str, text: str, after: int = 0) -> tuple[int, int]:
    """Offsets of ``text`` in ``body`` (compared folded), preferring the first hit at ``after``."""
    folded_body, needle = fold(body), fold(text)
    at = folded_body.find(needle, after)
    if at < 0:
        at = folded_body.find(needle)
    if at < 0:
        raise LookupError(f"gold text not found in body: {text[:60]!r}")
    return at, at + len(needle)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def gold_documents(data: dict[str, Any], bodies: dict[str, str] | None = None) -> list[
    GoldDocument
]:
    """Turn a gold file into documents; ``bodies`` (by file name) replaces the stored text."""
    docs: list[GoldDocument] = []
    items = data.get("articles") or data.get("passages") or []
    for item in items:
        key = item.get("file") or item["id"]
        body = (bodies or {}).get(key, item["text"])
        located: list[tuple[dict[str, Any], int, int]] = []
        pos = 0
        for claim in item["claims"]:
            start, end = locate(body, claim["text"], pos)
            located.append((claim, start, end))
            pos = start
        docs.append(GoldDocument(key, body, _date(item.get("published")), item.get("dateline"),
                                 tuple(located)))
    return docs


def _same_speaker(pred: str | None, gold: str | None) -> bool:
    return normalize_for_search(pred or "") == normalize_for_search(gold or "")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(
    preds: Sequence[ExtractedClaim], golds: Sequence[tuple[dict[str, Any], int, int]]
) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int, int]] = []
    for pi, p in enumerate(preds):
        for gi, (g, gs, ge) in enumerate(golds):
            if p.kind != g["kind"]:
                continue
            ov = _overlap((p.start, p.end), (gs, ge))
            shorter = min(p.end - p.start, ge - gs)
            if ov > 0 and ov >= MIN_OVERLAP * shorter:
                pairs.append((ov, pi, gi))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched: list[tuple[int, int]] = []
    for _ov, pi, gi in pairs:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        matched.append((pi, gi))
    return matched


def score_documents(name: str, docs: Iterable[GoldDocument], verbose: bool = False) -> Report:
    """Run the extractor over every document and count matches per kind."""
    kinds = {k: KindScore() for k in KINDS}
    for doc in docs:
        preds = extract_claims(doc.body, published=doc.published, dateline=doc.dateline)
        matched = _match(preds, doc.claims)
        hit_p = {pi for pi, _ in matched}
        hit_g = {gi for _, gi in matched}
        for pi, gi in matched:
            score = kinds[preds[pi].kind]
            score.tp += 1
            gold = doc.claims[gi][0]
            if _same_speaker(preds[pi].speaker_name, gold.get("speaker")):
                score.speaker_ok += 1
            elif verbose:
                score.misses.append(f"{doc.name}: speaker {preds[pi].speaker_name!r} != "
                                    f"{gold.get('speaker')!r} for {gold['text'][:50]!r}")
        for pi, p in enumerate(preds):
            if pi not in hit_p and p.kind in kinds:
                kinds[p.kind].fp += 1
                if verbose:
                    kinds[p.kind].misses.append(f"{doc.name}: false {p.kind} {p.text[:60]!r}")
        for gi, (g, _s, _e) in enumerate(doc.claims):
            if gi not in hit_g:
                kinds[g["kind"]].fn += 1
                if verbose:
                    kinds[g["kind"]].misses.append(f"{doc.name}: missed {g['text'][:60]!r}")
    return Report(name, kinds)


def main(argv: list[str] | None = None) -> int:
    """Print the score table for the seed and passage gold sets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=GOLD_DIR)
    parser.add_argument("--seeds-dir", type=Path, default=None,
                        help="score seed files from this directory instead of the stored text")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every error")
    args = parser.parse_args(argv)
    bodies = None
    if args.seeds_dir is not None:
        bodies = {p.name: p.read_text(encoding="utf-8") for p in args.seeds_dir.glob("*.txt")}
    reports = [
        score_documents("seeds", gold_documents(load_gold("seeds", args.gold_dir), bodies),
                        args.verbose),
        score_documents("passages", gold_documents(load_gold("passages", args.gold_dir)),
                        args.verbose),
    ]
    if (args.gold_dir / "passages_hard.json").exists():
        reports.append(score_documents(
            "hard", gold_documents(load_gold("passages_hard", args.gold_dir)), args.verbose))
    if (args.gold_dir / "passages_heldout.json").exists():
        reports.append(score_documents(
            "heldout", gold_documents(load_gold("passages_heldout", args.gold_dir)),
            args.verbose))
    for report in reports:
        for line in report.rows():
            print(line)
        if args.verbose:
            for kind in KINDS:
                for miss in report.kinds[kind].misses:
                    print("   ", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
