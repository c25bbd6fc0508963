"""The article page's "Boilerplate carried elsewhere": the article's unattributed paragraphs
(wire copy, background) that other articles carry too, with the earliest appearance in this
archive and the outlets carrying each. Read-only, from the statement groups that
:mod:`claims_app.provenance.groups` writes at commit; bounded whatever the groups' size.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from sqlalchemy import Select, bindparam, func, select, union_all
from sqlalchemy.orm import Session, aliased

from claims_app.articles.models import Article, Outlet
from claims_app.claims.models import Claim
from claims_app.provenance.models import StatementGroup, StatementGroupMember

__all__ = ["BOILERPLATE_LISTED", "CARRIERS_COUNTED", "Boilerplate", "CarriedBy",
           "boilerplate_in_article"]


#: Boilerplate groups an article page lists (the first in the text).
BOILERPLATE_LISTED = 10
#: Appearances of one boilerplate group the article page's outlet counts are taken over:
#: the first this many claims of the group (by claim id, the order the archive received
#: them). A background paragraph carried by 50,000 articles then costs the page what one
#: carried by 200 does, and the page says the counts cover 200 of the 50,000.
CARRIERS_COUNTED = 200


@dataclass(frozen=True)
class CarriedBy:
    """An outlet carrying a boilerplate paragraph: in how many articles, since when."""

    outlet: str | None
    articles: int
    since: dt.date | None


@dataclass
class Boilerplate:
    """An unattributed paragraph of an article repeated elsewhere (wire copy, background):
    its statement group, the earliest appearance in this archive and the other outlets."""

    claim_id: int
    text: str
    group_id: int
    total: int  # claims in the group, this article's included
    earliest_claim_id: int | None
    earliest_article_id: int | None
    earliest_outlet: str | None
    earliest_published: dt.date | None
    outlets: list[CarriedBy] = field(default_factory=list)

    @property
    def counted(self) -> int:
        """Appearances the outlet counts cover: all of them, or the first
        ``CARRIERS_COUNTED`` of a larger group (the page then says so)."""
        return min(self.total, CARRIERS_COUNTED)

    @property
    def partial(self) -> bool:
        """Whether the outlet counts cover only the first ``CARRIERS_COUNTED`` appearances."""
        return self.total > CARRIERS_COUNTED

    @property
    def earliest_here(self) -> bool:
        """Whether this article holds the earliest appearance in this archive."""
        return self.earliest_claim_id == self.claim_id


@functools.cache
def _grouped_claims() -> Select:
    """The article's grouped unattributed claims with their group's earliest appearance
    (parameters ``article_id``, ``listed``). Built once: constructing a statement of three
    aliases and five joins cost ten times what running it does (1 ms against 0.05 ms)."""
    earliest = aliased(Claim, name="earliest")
    first_article = aliased(Article, name="first_article")
    first_outlet = aliased(Outlet, name="first_outlet")
    return (select(Claim.id, Claim.text, StatementGroup.id, StatementGroup.claim_count,
                   StatementGroup.earliest_claim_id, earliest.article_id, first_outlet.name,
                   first_article.published)
            .join(StatementGroupMember, StatementGroupMember.claim_id == Claim.id)
            .join(StatementGroup, StatementGroup.id == StatementGroupMember.group_id)
            .outerjoin(earliest, earliest.id == StatementGroup.earliest_claim_id)
            .outerjoin(first_article, first_article.id == earliest.article_id)
            .outerjoin(first_outlet, first_outlet.id == first_article.outlet_id)
            .where(Claim.article_id == bindparam("article_id"), Claim.speaker_id.is_(None),
                   StatementGroup.claim_count > 1)
            .order_by(Claim.start, Claim.id).limit(bindparam("listed")))


@functools.lru_cache(maxsize=BOILERPLATE_LISTED)
def _carriers(groups: int) -> Select:
    """Outlets with their article count and first date over the first members of
    ``groups`` groups (parameters ``g0``... , ``article_id``, ``counted``). Each group's
    first members are a LIMIT inside a subquery of their own, so each is one bounded range
    of the ``(group_id, claim_id)`` index whatever the group's size (a window function
    would still read every member to number them). Built once per number of groups."""
    firsts = union_all(*(
        select(select(StatementGroupMember.group_id, StatementGroupMember.claim_id)
               .where(StatementGroupMember.group_id == bindparam(f"g{n}"))
               .order_by(StatementGroupMember.claim_id).limit(bindparam(f"counted{n}"))
               .subquery())
        for n in range(groups))).subquery()
    return (select(firsts.c.group_id, Outlet.name,
                   func.count(Article.id.distinct()), func.min(Article.published))
            .join(Claim, Claim.id == firsts.c.claim_id)
            .join(Article, Article.id == Claim.article_id)
            .outerjoin(Outlet, Outlet.id == Article.outlet_id)
            .where(Claim.article_id != bindparam("article_id"))
            .group_by(firsts.c.group_id, Outlet.name))


def boilerplate_in_article(session: Session, article_id: int, *,
                           limit: int = BOILERPLATE_LISTED) -> list[Boilerplate]:
    """The article's unattributed claims that other articles carry too (their statement
    group holds more than one claim), first in the text first, each with its earliest
    appearance in this archive and the other outlets carrying it, each with its article
    count and first date here.

    Two statements whatever the article's size or the groups': the article's grouped
    unattributed claims with their group's earliest appearance (``limit`` rows, through
    the article's claim index), then one aggregate per outlet over the first
    ``CARRIERS_COUNTED`` members of each of those groups (one bounded range of the
    ``(group_id, claim_id)`` index per group, joined in one statement). Counting every
    member instead cost ~100 ms a view at a million claims on PostgreSQL, where one
    background paragraph's group held tens of thousands of members, and grew with the
    archive; now the cost is fixed and the page says when the counts cover only part."""
    rows = session.execute(_grouped_claims(),
                           {"article_id": article_id, "listed": limit}).all()
    found: dict[int, Boilerplate] = {}
    for cid, text, gid, count, earliest_id, e_article, e_outlet, e_published in rows:
        if gid not in found:  # one paragraph twice in an article: listed once
            found[gid] = Boilerplate(cid, text, gid, int(count), earliest_id, e_article,
                                     e_outlet, e_published)
    if not found:
        return []
    params: dict[str, int] = {"article_id": article_id}
    for n, gid in enumerate(found):
        params[f"g{n}"], params[f"counted{n}"] = gid, CARRIERS_COUNTED
    for gid, outlet, articles, since in session.execute(_carriers(len(found)), params):
        found[gid].outlets.append(CarriedBy(outlet, int(articles), since))
    for item in found.values():
        # oldest carrier first, undated ones last, then by name
        item.outlets.sort(key=lambda c: (c.since is None, c.since or dt.date.min,
                                         c.outlet or ""))
    return list(found.values())
