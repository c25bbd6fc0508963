"""The one owner of derived data: search documents and passage signatures follow the session.

**Fact-check matches** (:mod:`claims_app.factchecks.matching`) follow the same way: a claim
whose text is new or changed is matched against the fact-checks, a new fact-check (its
``claim_reviewed``) against the claims, after the search documents are written (the
fact-check finds claims through them).

**Why here and not in the services.** Search documents (:mod:`claims_app.crossref.documents`) and
passage signatures (:mod:`claims_app.crossref.repeats`) are computed from the text of
articles, claims and speakers. When each service kept them current by hand, the paths that
forgot (a claim created through the API, a speaker made from the annotate form, a restored
record) left records that search could not find. Here the session itself does it, whatever
wrote the rows, the way Warehouse and microblog keep their search index:

- an ``after_flush`` listener notes, in ``session.info``, the articles, claims and speakers
  whose indexed text the flush inserted or changed (an alias or role counts for its speaker,
  an article's body also for its passage signatures). Deleted records are dropped from the
  note: their rows cascade away in the database;
- a ``before_commit`` listener flushes what is still pending, then writes the noted records'
  documents and signatures in bulk (:func:`claims_app.crossref.indexing.write_documents`,
  :func:`~claims_app.crossref.indexing.write_passages`), from the text the database now
  holds, in the transaction being committed: the records and what is derived from them
  commit together or not at all.

**Transactions.** Only the outermost commit writes: releasing a savepoint
(``begin_nested``) keeps the note for the commit that follows. When the outermost
transaction ends (committed, rolled back or closed) the note is discarded, so a rolled-back
change leaves nothing to do. A savepoint rolled back inside a transaction keeps its entries:
they are only ids to look at, and a record that no longer exists, or whose text is back to
what its document says, is skipped or left alone.

**Statement groups** (:mod:`claims_app.provenance.groups`) follow the same note: a claim
whose text or speaker changed is placed again, the claims of an article whose publication
date changed are re-ordered, and after any deletion of a claim or article the groups that
lost their earliest appearance are summarised again (:func:`refresh_stale`).

**Bulk writers.** Code that writes rows with Core statements (the importer's bulk path)
writes their derived rows itself and calls :func:`mark_written` for ORM-changed records it
covered, so nothing is done twice. :func:`write_pending` writes the note early, for code that
searches inside the transaction that changed the records.

:func:`register` attaches the listeners to a ``sessionmaker`` (the app's and the CLI's, in
:class:`claims_app.db.Database`) or one ``Session`` (the test fixture's).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import InstanceState, Session, SessionTransaction, sessionmaker

from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.crossref.indexing import write_documents, write_passages
from claims_app.factchecks.matching import write_fact_check_matches, write_matches_for_claims
from claims_app.factchecks.models import FactCheck
from claims_app.provenance.groups import refresh_claims, refresh_stale
from claims_app.speakers.models import Speaker, SpeakerAlias, SpeakerRole

__all__ = ["Pending", "mark_written", "note_claims_to_match", "note_statements", "pending",
           "register", "write_pending"]

_INFO_KEY = "claims_app.crossref.sync"

#: The columns (and collections) each record's search document is made of.
_ARTICLE_TEXT = ("title", "author", "dateline", "body")
_CLAIM_TEXT = ("text",)
#: What a claim's statement group depends on (its wording and who said it).
_CLAIM_STATEMENT = ("text", "speaker_id", "speaker")
_SPEAKER_TEXT = ("name", "description", "aliases", "roles")
_ALIAS_TEXT = ("alias", "speaker_id")
_ROLE_TEXT = ("title", "organization", "speaker_id")


@dataclass
class Pending:
    """Ids whose derived rows are due: search documents of articles, claims and speakers,
    passage signatures of articles whose body is new or changed, statement groups of claims
    whose wording or speaker is new or changed and of articles re-dated, whether a claim or
    article was deleted (groups may have lost their earliest appearance), and the fact-check
    matches of claims (their text) and of new fact-checks."""

    articles: set[int] = field(default_factory=set)
    bodies: set[int] = field(default_factory=set)
    claims: set[int] = field(default_factory=set)
    speakers: set[int] = field(default_factory=set)
    statements: set[int] = field(default_factory=set)
    dated: set[int] = field(default_factory=set)
    deleted: bool = False
    fact_checks: set[int] = field(default_factory=set)
    # Claims whose fact-check matches are due though their documents are not (the
    # importer's bulk path writes documents itself: :func:`note_claims_to_match`).
    to_match: set[int] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.articles or self.bodies or self.claims or self.speakers
                    or self.statements or self.dated or self.deleted
                    or self.fact_checks or self.to_match)


def register(target: sessionmaker[Session] | Session | type[Session]) -> None:
    """Keep derived data current in the sessions ``target`` makes (or in that session).
    Registering the same target again changes nothing."""
    # Remembered by identity, not asked of ``event.contains``: that looks targets up by
    # ``id()``, which a new factory may share with a collected one.
    if target in _registered:
        return
    _registered.add(target)
    event.listen(target, "after_flush", _after_flush)
    event.listen(target, "before_commit", _before_commit)
    event.listen(target, "after_transaction_end", _after_transaction_end)


_registered: weakref.WeakSet[Any] = weakref.WeakSet()


def pending(session: Session) -> Pending:
    """What the session has changed and not yet written derived rows for (a copy)."""
    noted: Pending | None = session.info.get(_INFO_KEY)
    if noted is None:
        return Pending()
    return Pending(set(noted.articles), set(noted.bodies), set(noted.claims),
                   set(noted.speakers), set(noted.statements), set(noted.dated), noted.deleted,
                   set(noted.fact_checks), set(noted.to_match))


def mark_written(session: Session, *, articles: Iterable[int] = (),
                 bodies: Iterable[int] = (), claims: Iterable[int] = (),
                 speakers: Iterable[int] = (), statements: Iterable[int] = (),
                 fact_checks: Iterable[int] = ()) -> None:
    """Say that a bulk writer has just written these records' derived rows from their
    current text. A later change to one of them is noted again by the next flush."""
    noted: Pending | None = session.info.get(_INFO_KEY)
    if noted is not None:
        noted.articles.difference_update(articles)
        noted.bodies.difference_update(bodies)
        noted.claims.difference_update(claims)
        noted.speakers.difference_update(speakers)
        noted.statements.difference_update(statements)
        noted.fact_checks.difference_update(fact_checks)


def note_statements(session: Session, claim_ids: Iterable[int]) -> None:
    """Say that a bulk writer changed these claims' speakers with a Core statement (a
    speaker merge), so the commit places them in their statement groups again."""
    noted: Pending = session.info.setdefault(_INFO_KEY, Pending())
    noted.statements.update(claim_ids)


def note_claims_to_match(session: Session, claim_ids: Iterable[int]) -> None:
    """Have the commit write these claims' fact-check matches (for a bulk writer that wrote
    their other derived rows itself). Nothing happens in a session the listeners are not
    registered on."""
    noted: Pending = session.info.setdefault(_INFO_KEY, Pending())
    noted.to_match.update(claim_ids)


def write_pending(session: Session) -> None:
    """Flush, then write the derived rows of everything noted so far (what the commit would
    do), so that a search later in the same transaction finds the changes."""
    session.flush()
    noted: Pending | None = session.info.pop(_INFO_KEY, None)
    if noted:
        write_documents(session, articles=noted.articles, claims=noted.claims,
                        speakers=noted.speakers)
        write_passages(session, noted.bodies)
        if noted.deleted:
            refresh_stale(session)
        statements = set(noted.statements)
        if noted.dated:
            statements.update(session.scalars(
                select(Claim.id).where(Claim.article_id.in_(sorted(noted.dated)))))
        refresh_claims(session, statements)
        # After the documents: a new fact-check finds the claims through their search text.
        write_matches_for_claims(session, noted.claims | noted.to_match)
        write_fact_check_matches(session, noted.fact_checks)


# --- the listeners ---------------------------------------------------------------------------


def _after_flush(session: Session, _context: Any) -> None:
    """Note the records this flush inserted, changed or deleted (the objects' histories are
    still those of the flush here)."""
    noted: Pending = session.info.setdefault(_INFO_KEY, Pending())
    for obj in session.new:
        _note(noted, obj, new=True)
    for obj in session.dirty:
        _note(noted, obj, new=False)
    for obj in session.deleted:
        if isinstance(obj, SpeakerAlias | SpeakerRole):
            noted.speakers.update(_speaker_ids(obj))
    for obj in session.deleted:  # after the aliases and roles: a deleted speaker is gone
        if isinstance(obj, Article):
            noted.articles.discard(obj.id)
            noted.bodies.discard(obj.id)
            noted.dated.discard(obj.id)
            noted.deleted = True
        elif isinstance(obj, Claim):
            noted.claims.discard(obj.id)
            noted.statements.discard(obj.id)
            noted.deleted = True
            noted.to_match.discard(obj.id)
        elif isinstance(obj, Speaker):
            noted.speakers.discard(obj.id)
        elif isinstance(obj, FactCheck):
            noted.fact_checks.discard(obj.id)


def _note(noted: Pending, obj: object, *, new: bool) -> None:
    if isinstance(obj, Article):
        if new or _changed(obj, _ARTICLE_TEXT):
            noted.articles.add(obj.id)
        if new or _changed(obj, ("body",)):
            noted.bodies.add(obj.id)
        if not new and _changed(obj, ("published",)):
            noted.dated.add(obj.id)
    elif isinstance(obj, Claim):
        if new or _changed(obj, _CLAIM_TEXT):
            noted.claims.add(obj.id)
        if new or _changed(obj, _CLAIM_STATEMENT):
            noted.statements.add(obj.id)
    elif isinstance(obj, Speaker):
        if new or _changed(obj, _SPEAKER_TEXT):
            noted.speakers.add(obj.id)
    elif isinstance(obj, SpeakerAlias):
        if new or _changed(obj, _ALIAS_TEXT):
            noted.speakers.update(_speaker_ids(obj))
    elif isinstance(obj, SpeakerRole) and (new or _changed(obj, _ROLE_TEXT)):
        noted.speakers.update(_speaker_ids(obj))
    elif isinstance(obj, FactCheck) and (new or _changed(obj, ("claim_reviewed",))):
        noted.fact_checks.add(obj.id)


def _changed(obj: object, keys: tuple[str, ...]) -> bool:
    attrs = cast("InstanceState[Any]", inspect(obj)).attrs
    return any(attrs[key].history.has_changes() for key in keys)


def _speaker_ids(obj: SpeakerAlias | SpeakerRole) -> set[int]:
    """The speaker an alias or role belongs to, and the one it was moved from."""
    history = cast("InstanceState[Any]", inspect(obj)).attrs["speaker_id"].history
    return {sid for sid in (obj.speaker_id, *history.deleted) if sid is not None}


def _before_commit(session: Session) -> None:
    # Also called when a savepoint is released; only the outermost commit writes.
    if session.in_nested_transaction():
        return
    write_pending(session)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost transaction: committed or abandoned
        session.info.pop(_INFO_KEY, None)
