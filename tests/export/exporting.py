"""Helpers for the export tests (records made with ``tests/worlds/builders.py``).

The sample is a small, fully annotated database: three articles (one without claims),
four claims with tags, reviews and links, a speaker with a dated role, an
organisation speaker, and a speaker merged into another."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.articles.models import Article, DatePrecision
from claims_app.claims.models import ClaimKind
from claims_app.claims.services import add_link, add_review
from claims_app.export import ExportFilters, ExportOptions, write_export
from claims_app.export.csv_export import BOM
from claims_app.export.query import NO_FILTERS
from claims_app.ingest.draft import content_hash
from claims_app.speakers.models import Speaker, SpeakerKind
from claims_app.speakers.names import name_key
from claims_app.speakers.resolve import resolve_speaker
from claims_app.speakers.services import add_alias
from tests.worlds.builders import make_article, make_claim, make_outlet

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
DATA = Path(__file__).resolve().parent / "data"
FIXED_TIME = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)

BODY_1 = (
    "BAKU, April 6. Foreign Minister Elmar Mammadyarov said the talks were "
    "\u201cconstructive and useful\u201d. He added: \u201cNo agreement was reached on the "
    "schedule,\nbut we will meet again.\u201d\nThe economy grew by 3 per cent, the ministry "
    "noted."
)
BODY_2 = (
    "The Ministry of Foreign Affairs said on October 2 that the talks had been cancelled. "
    "Officials declined to comment further."
)
BODY_3 = "A short note with no claims in it at all."


@dataclass
class Sample:
    """Ids of the sample's records, by the role each plays in the tests."""

    articles: dict[str, int]
    claims: dict[str, int]
    speakers: dict[str, int]
    outlets: dict[str, int]

    def ids(self, *names: str) -> set[int]:
        return {self.claims[n] for n in names}


def build_sample(session: Session, users: dict[str, User]) -> Sample:
    reviewer, editor = users["reviewer"], users["editor"]
    trend = make_outlet(session, "Trend", homepage="https://en.trend.az/")
    reuters = make_outlet(session, "Reuters")
    a1 = make_article(session, BODY_1, outlet=trend, source_name="sample.txt",
                      title="Minister speaks", author="Jeila Aliyeva",
                      published=dt.date(2021, 4, 6), precision=DatePrecision.DAY,
                      dateline="BAKU, April 6", place="Baku", url="https://example.test/a1",
                      language="en", raw="raw text", extra={"wire": "yes", "n": 2},
                      imported_by_id=editor.id)
    a2 = make_article(session, BODY_2, outlet=reuters, source_name="sample.txt",
                      title="Talks cancelled", published=dt.date(2020, 10, 1),
                      precision=DatePrecision.MONTH, notes="checked twice")
    a3 = make_article(session, BODY_3, source_name="sample.txt", published_text="Oct.23")

    minister = resolve_speaker(session, editor, "Elmar Mammadyarov", role="Foreign Minister",
                               seen_on=dt.date(2021, 4, 6))
    minister.external_id = "Q466519"
    ministry = resolve_speaker(session, editor, "Ministry of Foreign Affairs",
                               kind=SpeakerKind.ORGANIZATION)
    duplicate = Speaker(name="E. Mammadyarov", name_key=name_key("E. Mammadyarov"),
                        description="duplicate entry", merged_into_id=minister.id)
    session.add(duplicate)
    session.flush()
    add_alias(session, duplicate, "Mammadyarov E.")

    c1 = make_claim(session, a1, "constructive and useful", minister, actor=editor,
                    speaker_role="Foreign Minister", cue="said", said_on=dt.date(2021, 4, 5),
                    said_where="Baku", tags=["Diplomacy", "talks"], note="first quote").id
    c2 = make_claim(session, a1,
                    "No agreement was reached on the schedule,\nbut we will meet again.",
                    minister, actor=editor, cue="added", confidence=0.8).id
    c3 = make_claim(session, a1, "The economy grew by 3 per cent", kind=ClaimKind.ASSERTION,
                    actor=editor, tags=["economy"]).id
    c4 = make_claim(session, a2, "the talks had been cancelled", ministry,
                    kind=ClaimKind.INDIRECT, actor=editor, said_on=dt.date(2020, 10, 2),
                    tags=["talks"]).id
    claims = {c.id: c for c in [a1, a2] for c in c.claims}
    add_review(session, reviewer, claims[c1], "accurate_quote",
               evidence_urls=["https://example.test/video", "https://example.test/transcript"],
               note="Matches the recording.")
    add_review(session, reviewer, claims[c4], "misattributed", note="It was the spokesman.")
    add_review(session, editor, claims[c4], "false", rating_text="The talks went ahead")
    add_link(session, editor, claims[c2], claims[c1], "repeats", note="same press conference")
    add_link(session, editor, claims[c4], claims[c1], "contradicts")
    session.flush()
    return Sample(
        articles={"a1": a1.id, "a2": a2.id, "a3": a3.id},
        claims={"c1": c1, "c2": c2, "c3": c3, "c4": c4},
        speakers={"minister": minister.id, "ministry": ministry.id, "duplicate": duplicate.id},
        outlets={"trend": trend.id, "reuters": reuters.id},
    )


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def export_text(session: Session, fmt: str, filters: ExportFilters = NO_FILTERS,
                **options: Any) -> str:
    out = io.StringIO(newline="")
    write_export(session, fmt, filters, out,
                 ExportOptions(exported_at=FIXED_TIME, base_url="https://claims.test/",
                               **options))
    return out.getvalue()


def claim_ids(fmt: str, text: str) -> list[int]:
    """The claim ids an export holds, in order, whatever its format."""
    if fmt == "json":
        return [c["id"] for a in json.loads(text)["articles"] for c in a["claims"]]
    if fmt == "jsonl":
        return [json.loads(line)["id"] for line in text.splitlines()]
    if fmt == "csv":
        return [int(row["claim_id"]) for row in csv.DictReader(io.StringIO(text.lstrip(BOM)))]
    if fmt == "claimreview":
        return [int(item["url"].rsplit("/", 1)[1]) for item in json.loads(text)]
    if fmt == "webannotation":
        # A collection with nothing in it has no page (a page holds one item or more).
        items = json.loads(text).get("first", {"items": []})["items"]
        return [int(item["id"].rsplit("/", 1)[1]) for item in items]
    raise AssertionError(fmt)


def bulk_claims(session: Session, n: int, *, per_article: int = 10) -> None:
    """``n`` generated claims (``per_article`` to an article, every other one reviewed),
    inserted in bulk: fast enough to make thousands in a test."""
    from sqlalchemy import insert, select, update

    from claims_app.claims.models import Claim, ClaimOrigin, ClaimStatus, Review, Verdict

    sentence = "Speaker number {i} said \u201cthe figure {i} is right\u201d today. "
    speaker = Speaker(name="Bulk Speaker", name_key=name_key("Bulk Speaker"))
    session.add(speaker)
    session.flush()
    article_rows, bodies = [], []
    for a in range(0, n, per_article):
        body = "".join(sentence.format(i=i) for i in range(a, min(n, a + per_article)))
        bodies.append(body)
        article_rows.append({"body": body, "content_hash": content_hash(body),
                             "title": f"Generated {a}", "source_name": "bulk",
                             "published": dt.date(2022, 1, 1), "language": "en"})
    session.execute(insert(Article), article_rows)
    hashes = [r["content_hash"] for r in article_rows]
    ids = dict(session.execute(select(Article.content_hash, Article.id)
                               .where(Article.content_hash.in_(hashes))).all())
    claim_rows = []
    for body, row in zip(bodies, article_rows, strict=True):
        pos = 0
        while (start := body.find("the figure", pos)) >= 0:
            end = body.index("\u201d", start)
            claim_rows.append({"article_id": ids[row["content_hash"]], "kind": ClaimKind.DIRECT,
                               "text": body[start:end], "start": start, "end": end,
                               "prefix": body[max(0, start - 32):start],
                               "suffix": body[end:end + 32], "speaker_id": speaker.id,
                               "origin": ClaimOrigin.EXTRACTED, "confidence": 0.9})
            pos = end
    session.execute(insert(Claim), claim_rows)
    claim_ids = session.scalars(select(Claim.id).where(Claim.speaker_id == speaker.id)).all()
    session.execute(insert(Review), [{"claim_id": cid, "verdict": Verdict.TRUE}
                                     for cid in claim_ids[::2]])
    # A verdict confirms an unreviewed claim (claims.services.add_review): these are reviewed.
    session.execute(update(Claim).where(Claim.id.in_(claim_ids[::2]))
                    .values(status=ClaimStatus.CONFIRMED))
    session.flush()
