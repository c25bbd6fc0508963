"""Every create, update, delete, merge, review and link writes an audit event in the same
transaction, naming who, which record and the values before and after.

Each service is called under a guard that listens to every row the ORM inserts, updates or
deletes in the audited tables, and fails when a change is not accompanied by an audit event
for its record (aliases and roles count under their speaker, reviews and links under their
claims, an import's claims under its article). Rolling back then removes both together.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Connection, event, func, inspect, select
from sqlalchemy.orm import Session

from claims_app.accounts import services as accounts
from claims_app.accounts.models import ApiToken, User
from claims_app.api import tokens
from claims_app.articles import services as articles
from claims_app.articles.models import Article
from claims_app.audit import history
from claims_app.audit.models import AuditEvent
from claims_app.claims import annotate as claim_annotate
from claims_app.claims import services as claims
from claims_app.claims.models import Claim, ClaimKind, ClaimLink, ClaimStatus, LinkType, Review
from claims_app.desk import comments
from claims_app.desk import services as desk
from claims_app.desk.models import Assignment, Comment
from claims_app.export.formats import generate
from claims_app.ingest.draft import ArticleDraft
from claims_app.ingest.importer import store_draft
from claims_app.ingest.load_export import load_export
from claims_app.speakers import merge as speaker_merge
from claims_app.speakers import resolve as speaker_resolve
from claims_app.speakers import services as speakers
from claims_app.speakers.models import Speaker, SpeakerAlias, SpeakerRole
from tests.conftest import make_user
from tests.security.conftest import table_state

BODY = ('Foreign Minister Elmar Mammadyarov said "the talks were useful" on Monday. '
        'Mammadyarov added that "progress was slow". The ministry said the border was calm.')
AUDITED = (Article, Claim, Review, ClaimLink, Speaker, SpeakerAlias, SpeakerRole, User, ApiToken,
           Assignment, Comment)
Key = tuple[str, int]


# --- The guard ------------------------------------------------------------------------------


def _column_changed(target: Any) -> bool:
    state = inspect(target)
    return any(state.attrs[attr.key].history.has_changes()
               for attr in state.mapper.column_attrs)


def _article_of(connection: Connection, claim_id: int | None) -> set[Key]:
    if claim_id is None:
        return set()
    article_id = connection.scalar(select(Claim.article_id).where(Claim.id == claim_id))
    return {("claim", claim_id)} | ({("article", article_id)} if article_id else set())


def _keys(target: Any, connection: Connection) -> set[Key]:
    """The audit events (entity type, id) any one of which accounts for this row's change."""
    if isinstance(target, Article):
        return {("article", target.id)}
    if isinstance(target, Claim):
        speaker_ids = {target.speaker_id,
                       *inspect(target).attrs["speaker_id"].history.deleted}
        return ({("claim", target.id), ("article", target.article_id)}
                | {("speaker", s) for s in speaker_ids if s})
    if isinstance(target, Review):
        return _article_of(connection, target.claim_id)
    if isinstance(target, ClaimLink):
        return ({("claimlink", target.id)} | _article_of(connection, target.source_claim_id)
                | _article_of(connection, target.target_claim_id))
    if isinstance(target, SpeakerAlias | SpeakerRole):
        return {("speaker", target.speaker_id)}
    if isinstance(target, ApiToken):
        return {("apitoken", target.id), ("user", target.user_id)}
    if isinstance(target, Assignment | Comment):  # audited on the record they are about
        return ({("claim", target.claim_id)} if target.claim_id is not None
                else {("article", target.article_id)})
    return {(type(target).__name__.lower(), target.id)}


@dataclass
class Change:
    what: str
    keys: set[Key]


class AuditGuard:
    """Collects every audited row change; ``unaccounted`` lists those without an event."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.changes: list[Change] = []
        self.first_event = (session.scalar(select(func.max(AuditEvent.id))) or 0) + 1

    def listener(self, op: str) -> Callable[..., None]:
        def on_change(_mapper: Any, connection: Connection, target: Any) -> None:
            if op == "update" and not _column_changed(target):
                return
            self.changes.append(Change(f"{op} {type(target).__name__} {target.id}",
                                       _keys(target, connection)))

        return on_change

    def events(self) -> list[AuditEvent]:
        self.session.flush()
        return list(self.session.scalars(
            select(AuditEvent).where(AuditEvent.id >= self.first_event)
            .order_by(AuditEvent.id)))

    def unaccounted(self) -> list[str]:
        covered: set[Key] = set()
        for ev in self.events():
            covered.add((ev.entity_type, ev.entity_id))
            for state in (ev.before, ev.after):
                if isinstance(state, dict):
                    covered |= {("claim", int(i)) for i in state.get("claim_ids") or []}
        return [c.what for c in self.changes if not c.keys & covered]


@contextmanager
def audit_guard(session: Session) -> Iterator[AuditGuard]:
    guard = AuditGuard(session)
    listeners = [(model, op, guard.listener(op.removeprefix("after_")))
                 for model in AUDITED for op in ("after_insert", "after_update", "after_delete")]
    for model, op, fn in listeners:
        event.listen(model, op, fn)
    try:
        yield guard
        session.flush()
    finally:
        for model, op, fn in listeners:
            event.remove(model, op, fn)


# --- Records to act on ----------------------------------------------------------------------


@dataclass
class Ctx:
    session: Session
    editor: User
    admin: User
    viewer: User
    article: Article
    quote: Claim
    slow: Claim
    elmar: Speaker
    ministry: Speaker
    link: ClaimLink


def _span(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


@pytest.fixture
def ctx(session: Session) -> Ctx:
    editor = make_user(session, "eddie", "editor")
    admin = make_user(session, "ada", "admin")
    viewer = make_user(session, "val", "viewer")
    article = articles.create_article(session, editor, BODY, {"title": "Talks in Doha"})
    elmar = speakers.create_speaker(session, editor, "Elmar Mammadyarov")
    speakers.update_speaker(session, editor, elmar, {"aliases": ["Mammadyarov"]},
                            expected_version=None)
    ministry = speakers.create_speaker(session, editor, "Ministry", kind="organization")
    quote = claims.create_claim(session, editor, article, claims.ClaimInput(
        *_span("the talks were useful"), kind=ClaimKind.DIRECT, speaker_id=elmar.id))
    slow = claims.create_claim(session, editor, article, claims.ClaimInput(
        *_span("progress was slow"), kind=ClaimKind.DIRECT, speaker_id=elmar.id))
    link = claims.add_link(session, editor, quote, slow, LinkType.SUPPORTS)
    session.commit()
    return Ctx(session, editor, admin, viewer, article, quote, slow, elmar, ministry, link)


def _input(claim: Claim, **changes: Any) -> claims.ClaimInput:
    data = claims.ClaimInput(start=claim.start, end=claim.end, kind=claim.kind,
                             speaker_id=claim.speaker_id, note=claim.note,
                             tags=[t.name for t in claim.tags])
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def _last_event(c: Ctx, action: str, entity_type: str) -> AuditEvent:
    c.session.flush()
    return c.session.scalars(select(AuditEvent).where(
        AuditEvent.action == action, AuditEvent.entity_type == entity_type)
        .order_by(AuditEvent.id.desc())).first()  # type: ignore[return-value]


def _revert(c: Ctx) -> tuple[Any, User]:
    claims.update_claim(c.session, c.editor, c.quote, _input(c.quote, note="changed"),
                        expected_version=None)
    update = _last_event(c, "update", "claim")
    return history.revert_event(c.session, c.admin, update.id, expected_version=None), c.admin


def _undelete(c: Ctx, record: Any) -> tuple[Any, User]:
    c.session.flush()
    deleted = _last_event(c, "delete", type(record).__name__.lower())
    return history.undelete(c.session, c.admin, deleted.id), c.admin


def _load_export(c: Ctx) -> tuple[Any, User]:
    claims.add_review(c.session, c.editor, c.quote, "accurate_quote", note="checked")
    c.session.flush()
    exported = "".join(generate(c.session, "json"))
    articles.delete_article(c.session, c.editor, c.article)
    digest, admin_id = c.article.content_hash, c.admin.id
    # The database removed the article's links by cascade; forget the stale objects (SQLite
    # may hand a restored link the same id).
    c.session.expunge_all()
    admin = c.session.get(User, admin_id)
    load_export(c.session, io.StringIO(exported), admin)
    return c.session.scalar(select(Article).where(Article.content_hash == digest)), admin


def _assigned(c: Ctx) -> Assignment:
    return desk.assign(c.session, c.editor, assignee_id=c.editor.id, claim=c.slow)


def _commented(c: Ctx) -> Comment:
    return comments.add_comment(c.session, c.editor, "Check the second source.", claim=c.slow)


def _unmerge(c: Ctx) -> tuple[Any, User]:
    merge = speaker_merge.merge_speakers(c.session, c.editor, c.ministry, c.elmar)
    return speaker_merge.unmerge_speakers(c.session, c.admin, merge), c.admin


# name -> (act on ctx, returning (record or event, actor), action, entity type, needs before,
#          needs after)
Case = tuple[Callable[[Ctx], tuple[Any, User]], str, str, bool, bool]
CASES: dict[str, Case] = {
    "claims.create_claim": (lambda c: (claims.create_claim(
        c.session, c.editor, c.article, claims.ClaimInput(
            *_span("the border was calm"), kind=ClaimKind.ASSERTION)), c.editor),
        "create", "claim", False, True),
    "claims.update_claim": (lambda c: (claims.update_claim(
        c.session, c.editor, c.quote, _input(c.quote, note="checked", tags=["talks"]),
        expected_version=c.quote.version), c.editor), "update", "claim", True, True),
    "claims.delete_claim": (lambda c: (claims.delete_claim(
        c.session, c.editor, c.quote) or c.quote, c.editor), "delete", "claim", True, False),
    "claims.set_status": (lambda c: (claims.set_status(
        c.session, c.editor, c.quote, ClaimStatus.REJECTED), c.editor),
        "review", "claim", True, True),
    "claims.add_review": (lambda c: (claims.add_review(
        c.session, c.editor, c.quote, "misquoted", note="see the transcript",
        evidence_urls=["https://example.org/t"]).claim, c.editor), "review", "claim", False,
        True),
    "claims.add_link": (lambda c: (claims.add_link(
        c.session, c.editor, c.slow, c.quote, LinkType.RESPONDS_TO), c.editor),
        "link", "claimlink", False, True),
    "claims.remove_link": (lambda c: (claims.remove_link(
        c.session, c.editor, c.link) or c.link, c.editor), "unlink", "claimlink", True, False),
    "claim_annotate.annotate_claim": (lambda c: (claim_annotate.annotate_claim(
        c.session, c.editor, c.article, claims.ClaimInput(
            *_span("the border was calm"), kind=ClaimKind.INDIRECT),
        claim_annotate.SpeakerChoice(name="The ministry", create_new=True)), c.editor),
        "create", "claim", False, True),
    "claim_annotate.revise_claim": (lambda c: (claim_annotate.revise_claim(
        c.session, c.editor, c.quote, _input(c.quote, note="fixed"),
        claim_annotate.SpeakerChoice(name="Mammadyarov", speaker_id=c.elmar.id),
        expected_version=None, mark_corrected=True), c.editor), "review", "claim", True, True),
    "articles.create_article": (lambda c: (articles.create_article(
        c.session, c.editor, "A second body of text.", {"title": "Second"}), c.editor),
        "create", "article", False, True),
    "articles.update_article": (lambda c: (articles.update_article(
        c.session, c.editor, c.article, {"title": "Talks in Doha, updated"},
        expected_version=c.article.version), c.editor), "update", "article", True, True),
    "articles.edit_article": (lambda c: (articles.edit_article(
        c.session, c.editor, c.article, {"body": "Before. " + BODY},
        expected_version=None), c.editor), "update", "article", True, True),
    "articles.delete_article": (lambda c: (articles.delete_article(
        c.session, c.editor, c.article) or c.article, c.editor), "delete", "article", True,
        False),
    "speakers.create_speaker": (lambda c: (speakers.create_speaker(
        c.session, c.editor, "Jeyhun Bayramov"), c.editor), "create", "speaker", False, True),
    "speaker_resolve.resolve_speaker (new)": (lambda c: (speaker_resolve.resolve_speaker(
        c.session, c.editor, "Hikmet Hajiyev", role="aide", seen_on=None), c.editor),
        "create", "speaker", False, True),
    "speaker_resolve.resolve_speaker (existing, fuller name and new role)": (
        lambda c: (speaker_resolve.resolve_speaker(
            c.session, c.editor, "Elmar Maharram oglu Mammadyarov", role="Foreign Minister",
            seen_on=None), c.editor), "update", "speaker", True, True),
    "speakers.update_speaker": (lambda c: (speakers.update_speaker(
        c.session, c.editor, c.elmar, {"description": "diplomat", "aliases": ["E. M."]},
        expected_version=c.elmar.version), c.editor), "update", "speaker", True, True),
    "speakers.delete_speaker": (lambda c: (speakers.delete_speaker(
        c.session, c.editor, c.elmar) or c.elmar, c.editor), "delete", "speaker", True, False),
    "speaker_merge.merge_speakers": (lambda c: (speaker_merge.merge_speakers(
        c.session, c.editor, c.ministry, c.elmar), c.editor), "merge", "speaker", True, True),
    "speaker_merge.unmerge_speakers": (_unmerge, "revert", "speaker", True, True),
    "history.revert_event": (_revert, "revert", "claim", True, True),
    "history.undelete (claim)": (lambda c: _undelete(
        c, claims.delete_claim(c.session, c.editor, c.slow) or c.slow),
        "restore", "claim", False, True),
    "history.undelete (article)": (lambda c: _undelete(
        c, articles.delete_article(c.session, c.editor, c.article) or c.article),
        "restore", "article", False, True),
    "history.undelete (speaker)": (lambda c: _undelete(
        c, speakers.delete_speaker(c.session, c.editor, c.elmar) or c.elmar),
        "restore", "speaker", False, True),
    "accounts.create_user": (lambda c: (accounts.create_user(
        c.session, c.admin, "newcomer", "a-long-enough-passphrase", "reviewer"), c.admin),
        "create", "user", False, True),
    "accounts.set_role": (lambda c: (accounts.set_role(
        c.session, c.admin, c.viewer, "editor"), c.admin), "update", "user", True, True),
    "accounts.set_active": (lambda c: (accounts.set_active(
        c.session, c.admin, c.viewer, False), c.admin), "update", "user", True, True),
    "accounts.change_password": (lambda c: (accounts.change_password(
        c.session, c.viewer, "correct-horse-battery", "another-long-passphrase") or c.viewer,
        c.viewer), "update", "user", True, True),
    "ingest.store_draft": (lambda c: (store_draft(c.session, ArticleDraft(
        body='Jeyhun Bayramov said "the corridor will open" on Friday.',
        source_name="wire.jsonl", title="Corridor"), c.editor)[0], c.editor),
        "import", "article", False, True),
    "ingest.load_export": (_load_export, "import", "article", False, True),
    "desk.assign": (lambda c: (_assigned(c) and c.slow, c.editor), "assign", "claim", False,
                    True),
    "desk.unassign": (lambda c: (desk.unassign(
        c.session, c.editor, _assigned(c), expected_version=None) or c.slow, c.editor),
        "unassign", "claim", True, False),
    "desk.comments.add_comment": (lambda c: (_commented(c) and c.slow, c.editor), "comment",
                                  "claim", False, True),
    "desk.comments.edit_comment": (lambda c: (comments.edit_comment(
        c.session, c.editor, _commented(c), "Checked.", expected_version=None) and c.slow,
        c.editor), "comment_edit", "claim", True, True),
    "desk.comments.delete_comment": (lambda c: (comments.delete_comment(
        c.session, c.editor, _commented(c), expected_version=None) or c.slow, c.editor),
        "comment_delete", "claim", True, False),
    "api.tokens.create_token": (lambda c: (tokens.create_token(
        c.session, c.viewer, "nightly export")[0], c.viewer), "create", "apitoken", False,
        True),
    "api.tokens.revoke_token": (lambda c: (tokens.revoke_token(
        c.session, c.viewer, tokens.create_token(c.session, c.viewer, "old")[0].id),
        c.viewer), "revoke", "apitoken", True, True),
}


@pytest.mark.parametrize("name", list(CASES))
def test_service_writes_its_audit_event_in_the_same_transaction(
    ctx: Ctx, connection: Connection, name: str,
) -> None:
    act, action, entity_type, needs_before, needs_after = CASES[name]
    untouched = table_state(connection)
    with audit_guard(ctx.session) as guard:
        result, actor = act(ctx)
    assert guard.changes, f"{name} changed nothing"
    assert not guard.unaccounted(), f"{name} wrote without an audit event"

    entity_id = result.entity_id if isinstance(result, AuditEvent) else result.id
    matching = [e for e in guard.events() if e.action == action
                and e.entity_type == entity_type and e.entity_id == entity_id]
    assert matching, f"{name}: no {action} event for {entity_type} {entity_id}"
    ev = matching[-1]
    assert (ev.actor_id, ev.actor_name) == (actor.id, actor.username)
    assert ev.at is not None
    assert bool(ev.before) or not needs_before, f"{name}: the event keeps no 'before'"
    assert bool(ev.after) or not needs_after, f"{name}: the event keeps no 'after'"

    ctx.session.rollback()
    assert table_state(connection) == untouched, "the change and its event roll back together"


def test_audit_events_keep_no_secrets(ctx: Ctx) -> None:
    accounts.change_password(ctx.session, ctx.viewer, "correct-horse-battery",
                             "another-long-passphrase")
    _token, plaintext = tokens.create_token(ctx.session, ctx.viewer, "script")
    ctx.session.flush()
    dumped = repr([(e.before, e.after) for e in ctx.session.scalars(select(AuditEvent))])
    assert "password_hash" not in dumped and "$argon2" not in dumped
    assert "token_hash" not in dumped and plaintext not in dumped


def test_the_guard_notices_a_write_without_an_event(ctx: Ctx) -> None:
    with audit_guard(ctx.session) as guard:
        ctx.quote.note = "changed behind the trail's back"
    assert guard.unaccounted() == [f"update Claim {ctx.quote.id}"]
