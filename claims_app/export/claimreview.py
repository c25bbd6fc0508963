"""schema.org ClaimReview (JSON-LD) for every reviewed claim, the markup search engines and
fact-check aggregators read (https://developers.google.com/search/docs/appearance/
structured-data/factcheck).

A claim's current verdict is its latest review. Verdicts map to a fixed 1-5 scale (5 is
accurate, 1 is false) so a consumer comparing ratings across fact-checks gets numbers with
one meaning; "unverifiable" has no place on that scale and carries only its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from claims_app.articles.models import Article, DatePrecision
from claims_app.claims.models import Claim, Verdict
from claims_app.export.options import ExportOptions
from claims_app.export.query import ExportFilters, iter_claims, reviewed
from claims_app.export.records import dumps, iso_date, iso_time, latest_review
from claims_app.speakers.models import Speaker, SpeakerKind

CONTEXT = "https://schema.org"
BEST_RATING, WORST_RATING = 5, 1

# verdict -> (the human text shown as alternateName, its value on the 1..5 scale)
VERDICT_RATINGS: dict[Verdict, tuple[str, int | None]] = {
    Verdict.ACCURATE_QUOTE: ("Accurate quote", 5),
    Verdict.TRUE: ("True", 5),
    Verdict.NEEDS_CONTEXT: ("Needs context", 3),
    Verdict.MISLEADING: ("Misleading", 2),
    Verdict.MISQUOTED: ("Misquoted", 2),
    Verdict.MISATTRIBUTED: ("Misattributed", 1),
    Verdict.FALSE: ("False", 1),
    Verdict.UNVERIFIABLE: ("Unverifiable", None),
}
_WIKIDATA_QID = re.compile(r"^Q\d+$")


def rating(verdict: Verdict, explanation: str | None) -> dict[str, Any]:
    label, value = VERDICT_RATINGS[Verdict(verdict)]
    out: dict[str, Any] = {"@type": "Rating", "alternateName": label}
    if value is not None:
        out.update(ratingValue=value, bestRating=BEST_RATING, worstRating=WORST_RATING)
    if explanation:
        out["ratingExplanation"] = explanation
    return out


def schema_date(article: Article) -> str | None:
    """A publication date only as precise as the source gave it (ISO 8601 allows
    "2020-10" and "2020"); an unknown date is left out rather than invented."""
    if article.published is None:
        return None
    precision = DatePrecision(article.published_precision)
    if precision is DatePrecision.MONTH:
        return article.published.strftime("%Y-%m")
    if precision is DatePrecision.YEAR:
        return str(article.published.year)
    return article.published.isoformat() if precision is DatePrecision.DAY else None


def _clean(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v is not None}


def speaker_entity(speaker: Speaker, role: str | None) -> dict[str, Any]:
    person = SpeakerKind(speaker.kind) is SpeakerKind.PERSON
    same_as = None
    if speaker.external_id and _WIKIDATA_QID.match(speaker.external_id):
        same_as = f"https://www.wikidata.org/wiki/{speaker.external_id}"
    if role is None and speaker.roles:
        role = max(speaker.roles, key=lambda r: (r.last_seen is not None, r.last_seen, r.id)).title
    return _clean({
        "@type": "Person" if person else "Organization",
        "name": speaker.name,
        "jobTitle": role if person else None,
        "description": role if not person else None,
        "sameAs": same_as,
    })


def appearance(article: Article) -> dict[str, Any]:
    outlet = article.outlet
    return _clean({
        "@type": "NewsArticle" if outlet is not None else "CreativeWork",
        "headline": article.title,
        "datePublished": schema_date(article),
        "author": {"@type": "Person", "name": article.author} if article.author else None,
        "publisher": {"@type": "Organization", "name": outlet.name} if outlet else None,
        "url": article.url,
    })


def claim_review(claim: Claim, options: ExportOptions) -> dict[str, Any]:
    review = latest_review(claim)
    if review is None:  # the query asks for reviewed claims only; guard the contract anyway
        raise ValueError(f"claim {claim.id} has no review")
    article = claim.article
    seen = appearance(article)
    author: dict[str, Any] | None = None
    if claim.speaker is not None:
        author = speaker_entity(claim.speaker, claim.speaker_role)
    elif article.outlet is not None:
        author = {"@type": "Organization", "name": article.outlet.name}
    item = _clean({
        "@type": "Claim",
        "author": author,
        "datePublished": iso_date(claim.said_on),
        "appearance": seen,
        "firstAppearance": seen,
    })
    return _clean({
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": options.claim_url(claim.id),
        "claimReviewed": claim.text,
        "author": _clean({"@type": "Organization", "name": options.organization_name,
                          "url": options.organization_url}),
        "datePublished": (iso_time(review.created_at) or "")[:10],
        "reviewBody": review.note,
        "itemReviewed": item,
        "reviewRating": rating(review.verdict, review.rating_text),
    })


def export_claimreview(
    session: Session, filters: ExportFilters, options: ExportOptions
) -> Iterator[str]:
    """A JSON array, one ClaimReview per line; only claims with at least one review."""
    yield "["
    first = True
    for claim in iter_claims(session, reviewed(filters), batch_size=options.batch_size,
                             speaker_details=True):
        yield ("\n" if first else ",\n") + dumps(claim_review(claim, options))
        first = False
    yield "\n]\n"
