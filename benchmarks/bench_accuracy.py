"""Extraction accuracy on a PolNeAR checkout (or any BRAT attribution corpus laid out like it).

Why: the extractor's promise is *who said what* on real news, so its figures must come from
real published text, measured the way a user gets the claims: the split's articles are imported
into a fresh, migrated SQLite database through the real importer, exported as JSON, and the
exported claims are scored with :mod:`claims_app.extract.evaluate` (the rules of issue 18).
The corpus is not ours: it is read from the checkout given, never copied. Develop on ``train``,
report ``dev``; the held-out ``test`` split must never be scored here.

    python benchmarks/bench_accuracy.py /work/polnear --split dev
    python benchmarks/bench_accuracy.py /work/polnear --split train --errors /tmp/train.txt
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import command_line, fresh_database, import_sessions, machine_line

from claims_app.extract.evaluate import GoldArticle, Predicted, find_articles, load_article, score

SPLITS = ("train", "dev")


def imported_claims(db_url: str, files: list[Path]) -> dict[str, tuple[str, list[Predicted]]]:
    """Import ``files`` through the importer and export JSON: body and claims per file name."""
    from claims_app.export.formats import write_export
    from claims_app.export.query import ExportFilters

    buffer = io.StringIO()
    with import_sessions(db_url) as target:
        target.import_paths(files)
        with target.factory() as session:
            write_export(session, "json", ExportFilters(), buffer)
    out: dict[str, tuple[str, list[Predicted]]] = {}
    for article in json.loads(buffer.getvalue())["articles"]:
        preds = [
            Predicted(c["kind"], c["start"], c["end"],
                      c["speaker"]["name"] if c["speaker"] else None)
            for c in article["claims"]
        ]
        out[article["source_name"]] = (article["body"], preds)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="a PolNeAR checkout (holding data/<split>/)")
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--errors", type=Path, help="write one line per scoring error here")
    args = parser.parse_args(argv)
    gold_dir = args.path / "data" / args.split
    if not gold_dir.is_dir():
        gold_dir = args.path  # a folder laid out like one split
    pairs = list(find_articles(gold_dir))
    tmp = Path(tempfile.mkdtemp(prefix="claims-accuracy-"))
    try:
        # one copy per article under its own name, so the importer reads only the texts
        files = []
        for txt, _ann in pairs:
            target = tmp / "text" / txt.name
            target.parent.mkdir(exist_ok=True)
            shutil.copyfile(txt, target)
            files.append(target)
        started = time.perf_counter()
        with fresh_database("sqlite", tmp_dir=tmp) as db:
            stored = imported_claims(db.url, files)
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    scored: list[tuple[GoldArticle, list[Predicted]]] = []
    skipped = []
    for txt, ann in pairs:
        gold = load_article(txt, ann)
        if txt.name not in stored:
            # the importer keeps one copy of an article published twice (train holds a
            # re-run of one Washington Post story): scored once, under its first name
            skipped.append(txt.name)
            continue
        body, preds = stored[txt.name]
        shift = max(0, gold.text.replace("\r\n", "\n").find(body))
        scored.append((gold, [Predicted(p.kind, p.start + shift, p.end + shift, p.speaker)
                              for p in preds]))
    figures = score(scored, verbose=args.errors is not None)
    print(f"PolNeAR {args.split}: {len(pairs)} articles imported, exported and scored "
          f"in {seconds:.1f} s")
    if skipped:
        print(f"  not stored by the importer (a duplicate of another article): "
              f"{', '.join(skipped)}")
    for line in figures.lines():
        print("  " + line)
    for line in figures.breakdown():
        print("    " + line)
    if args.errors is not None:
        args.errors.write_text("\n".join(figures.errors) + "\n", encoding="utf-8")
    print(machine_line())
    print(command_line("bench_accuracy.py", argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
