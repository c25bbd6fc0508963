"""Shared by the reliability tests: row counts, consistency checks and generated articles.

Kept out of conftest.py (owned elsewhere) and imported as ``tests.reliability.helpers``.
"""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.orm import Session

from claims_app.articles.models import Article
from claims_app.audit.models import AuditEvent
from claims_app.claims.models import Claim
from claims_app.db import Base
from claims_app.extract import extract_claims

GOOD_ARTICLE = (
    "date 2021-06-01 Harbour reopens\n\nBAKU, Azerbaijan, June 1\n\nBy Jane Example\n\n"
    "\u201cThe harbour is open again,\u201d port director Samir Hasanov said on Tuesday.\n\n"
    "Ships queued outside the breakwater.\n"
)

_NAMES = ["Samir Hasanov", "Leyla Aliyeva", "Orkhan Guliyev", "Nigar Abbasova", "Rauf Mammadov",
          "Kamal Rzayev", "Anar Huseynov", "Elnur Karimov"]
_ROLES = ["Foreign Minister", "port director", "mayor", "spokesman", "chief engineer"]
_WORDS = ["bridge", "harbour", "school", "budget", "ceasefire", "election", "road", "dam",
          "council", "talks", "port", "railway", "hospital", "market", "grain", "water"]


def table_counts(bind: Session | Connection | Engine) -> dict[str, int]:
    """Rows per table, for every table the models know (the "nothing partial" check)."""
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        stmt = select(func.count()).select_from(table)
        if isinstance(bind, Engine):
            with bind.connect() as conn:
                counts[table.name] = conn.scalar(stmt) or 0
        else:
            counts[table.name] = bind.scalar(stmt) or 0
    return counts


def write_good_article(folder: Path, name: str = "good.txt") -> Path:
    path = folder / name
    path.write_text(GOOD_ARTICLE, encoding="utf-8")
    return path


def generated_article(rng: random.Random, number: int) -> str:
    """A seed-format article with two or three attributable quotes, unique by its number."""
    day = 1 + number % 28
    paragraphs = []
    for _ in range(rng.randint(2, 3)):
        who, role = rng.choice(_NAMES), rng.choice(_ROLES)
        topic = " ".join(rng.sample(_WORDS, 3))
        paragraphs.append(
            f"\u201cThe {topic} plan number {number} will go ahead,\u201d {role} {who} said."
        )
        paragraphs.append(f"Officials discussed the {rng.choice(_WORDS)} for {number} hours.")
    return (f"date 2021-03-{day:02d} Story {number}\n\nBAKU, Azerbaijan, March {day}\n\n"
            f"By Jane Example\n\n" + "\n\n".join(paragraphs) + "\n")


def write_generated_articles(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"article-{n:04d}.txt"
        path.write_text(generated_article(rng, n), encoding="utf-8")
        paths.append(path)
    return paths


def consistency_problems(engine: Engine) -> list[str]:
    """Everything that would show a half-written import; an empty list means consistent.

    Each stored article must hold exactly the claims a fresh extraction finds in its body
    (an article committed without its claims would show fewer), no claim may point at a
    missing article, and every article needs its import audit event.
    """
    problems: list[str] = []
    with Session(engine) as s:
        for article in s.scalars(select(Article)):
            expected = len(extract_claims(article.body, published=article.published,
                                          dateline=article.dateline))
            stored = len(article.claims)
            if stored != expected:
                problems.append(f"article {article.id} has {stored} claims, expected {expected}")
            for claim in article.claims:
                if article.body[claim.start:claim.end] != claim.text:
                    problems.append(f"claim {claim.id} offsets do not match its text")
        orphans = s.scalar(select(func.count()).select_from(Claim).where(
            ~Claim.article_id.in_(select(Article.id))))
        if orphans:
            problems.append(f"{orphans} claims without an article")
        unaudited = s.scalar(select(func.count()).select_from(Article).where(
            ~Article.id.in_(select(AuditEvent.entity_id).where(
                AuditEvent.entity_type == "article", AuditEvent.action == "import"))))
        if unaudited:
            problems.append(f"{unaudited} articles without an import audit event")
    return problems


def terminate_other_backends(admin_engine: Engine, database: str) -> int:
    """Kill every PostgreSQL connection to one database except our own (not the server)."""
    with admin_engine.connect() as conn:
        killed = conn.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = :db AND pid <> pg_backend_pid()"), {"db": database}).scalar()
        conn.commit()
    return int(killed or 0)


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def populate(engine: Engine, folder: Path, *, articles: int = 30, seed: int = 11) -> None:
    """Fill a database through the services: seeds, generated articles, accounts, reviews,
    links, tags, edits and status changes, each with its audit events; committed."""
    from sqlalchemy.orm import sessionmaker

    from claims_app.accounts.services import create_user
    from claims_app.claims.models import ClaimKind, LinkType, Verdict
    from claims_app.claims.services import (
        ClaimInput,
        add_link,
        add_review,
        set_status,
        update_claim,
    )
    from claims_app.ingest.importer import import_paths

    factory = sessionmaker(bind=engine, expire_on_commit=False)
    write_generated_articles(folder, articles, seed=seed)
    summary = import_paths(factory, [SEEDS, folder])
    assert summary.ok, summary.lines()
    rng = random.Random(seed)
    with factory() as s, s.begin():
        people = [create_user(s, None, f"{role}-{seed}", "correct-horse-battery", role)
                  for role in ("reviewer", "editor", "admin")]
        claims = list(s.scalars(select(Claim).order_by(Claim.id)))
        for i, claim in enumerate(claims):
            actor = people[i % len(people)]
            if i % 2 == 0:
                add_review(s, actor, claim, rng.choice(list(Verdict)), note=f"review {i}",
                           evidence_urls=[f"https://example.org/{i}"])
            if i % 3 == 0:
                update_claim(s, actor, claim, ClaimInput(
                    start=claim.start, end=claim.end, kind=ClaimKind(claim.kind),
                    speaker_id=claim.speaker_id, speaker_role=claim.speaker_role,
                    cue=claim.cue, said_on=claim.said_on, said_where=claim.said_where,
                    note=f"checked {i} \u201cquoted\u201d", tags=[f"topic-{i % 5}", "checked"]),
                    expected_version=claim.version)
            if i % 4 == 1:
                set_status(s, actor, claim, "rejected" if i % 8 == 1 else "corrected")
            if i and i % 5 == 0:
                add_link(s, actor, claim, claims[i - 1], rng.choice(list(LinkType)),
                         note=f"link {i}")
