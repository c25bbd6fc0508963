"""Loading our own lossless json export back in (``claims-app export --format json``, read by
``claims-app load-export``; not a backup restore, which is ``claims_app.backup``).

Into an empty database everything comes back as it was, ids included, so links, merges
and bookmarks to ``/claims/<id>`` keep working and a second export is byte-identical.
Into a database that already holds records, ids are assigned afresh and every reference
(speaker, link target, merge) is mapped; an article already present (same content hash)
is not duplicated, and of its claims only those not already there (same span and kind)
are added. Accounts named by the export are matched by username; missing ones are
created inactive with a password hash nothing verifies against, so loading an export never opens
a login. Every created article, speaker and account gets an "import" audit event.

Like every service this flushes and never commits. The document is parsed whole (it is
our own format, and checking it before writing anything means a bad file writes nothing
it can be blamed for), so memory grows with the file's size.

Size: one loader (``_ExportLoader``) whose steps (accounts, speakers and their merges,
articles with their outlets, claims and tags, then links and comments) share its maps from
exported ids and names to stored records; split, every step would pass those maps around.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from claims_app.accounts.models import Role, User
from claims_app.articles.models import Article, DatePrecision, Outlet
from claims_app.articles.services import get_or_create_outlet
from claims_app.audit.services import SYSTEM_ACTOR, record, snapshot
from claims_app.claims.models import (
    Claim,
    ClaimKind,
    ClaimLink,
    ClaimOrigin,
    ClaimStatus,
    LinkType,
    Review,
    SaidOnBasis,
    Tag,
    Verdict,
)
from claims_app.claims.services import check_segments
from claims_app.desk.models import Comment
from claims_app.errors import InvalidInput
from claims_app.ingest.errors import ReadError
from claims_app.name_rules import normalize_username
from claims_app.speakers.models import Speaker, SpeakerAlias, SpeakerKind, SpeakerRole
from claims_app.speakers.names import name_key

SCHEMA_VERSION = 1
# Tables whose ids a load into an empty database keeps (PostgreSQL sequences follow).
_ID_TABLES = ("articles", "claims", "speakers")


@dataclass
class LoadExportSummary:
    """What loading an export did, for the command's report and the tests."""

    ids_preserved: bool = False
    articles_created: int = 0
    articles_present: int = 0
    claims_created: int = 0
    claims_present: int = 0
    reviews_created: int = 0
    links_created: int = 0
    links_skipped: int = 0
    comments_created: int = 0
    speakers_created: int = 0
    speakers_matched: int = 0
    users_created: int = 0
    outlets_created: int = 0
    claim_ids: dict[int, int] = field(default_factory=dict, repr=False)  # exported -> stored

    def lines(self) -> list[str]:
        return [
            f"articles: {self.articles_created} loaded, {self.articles_present} already present",
            f"claims: {self.claims_created} loaded, {self.claims_present} already present "
            f"({self.reviews_created} reviews, {self.links_created} links"
            + (f", {self.links_skipped} links to claims not loaded" if self.links_skipped
               else "") + ")",
            f"comments: {self.comments_created} loaded",
            f"speakers: {self.speakers_created} loaded, {self.speakers_matched} matched; "
            f"accounts created (inactive): {self.users_created}",
            "ids preserved" if self.ids_preserved else "ids assigned afresh (database not empty)",
        ]


def load_export(
    session: Session, source: str | Path | IO[str] | IO[bytes], actor: User | None = None
) -> LoadExportSummary:
    """Recreate every record of a json export; see the module docstring for the rules."""
    name, doc = _load(source)
    return _ExportLoader(session, actor, name).run(doc)


def _load(source: str | Path | IO[str] | IO[bytes]) -> tuple[str, dict[str, Any]]:
    if isinstance(source, str | Path):
        name = str(source)
        try:
            data: str | bytes = Path(source).read_bytes()
        except OSError as exc:
            raise ReadError(name, f"cannot read the file ({exc.strerror})") from exc
    else:
        name = str(getattr(source, "name", "<stream>"))
        data = source.read()
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ReadError(name, f"not UTF-8 (byte offset {exc.start})") from exc
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as exc:
        raise ReadError(name, f"not valid JSON ({exc.msg}, column {exc.colno})",
                        exc.lineno) from exc
    if not isinstance(doc, dict) or "articles" not in doc:
        raise ReadError(name, "not a claims_app json export (no \"articles\")")
    if doc.get("schema_version") != SCHEMA_VERSION:
        raise ReadError(name, f"schema_version {doc.get('schema_version')!r} is not supported "
                              f"(this version reads {SCHEMA_VERSION})")
    for key in ("articles", "speakers", "users", "outlets"):
        if not isinstance(doc.get(key, []), list):
            raise ReadError(name, f"\"{key}\" must be a list")
    return name, doc


def _targets_first(speakers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Speakers in an order where each merged speaker follows the one it was merged into,
    so it is stored merged (see ``_ExportLoader.speaker``). A target missing from the file, or
    a merge cycle, keeps the rest in file order for ``merges`` to report."""
    placed: set[Any] = set()
    ordered: list[dict[str, Any]] = []
    waiting = list(speakers)
    while waiting:
        ready = [d for d in waiting if d.get("merged_into") is None
                 or d.get("merged_into") in placed]
        if not ready:
            return ordered + waiting
        ordered += ready
        placed.update(d.get("id") for d in ready)
        ready_ids = {id(d) for d in ready}
        waiting = [d for d in waiting if id(d) not in ready_ids]
    return ordered


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


class _ExportLoader:
    def __init__(self, session: Session, actor: User | None, name: str) -> None:
        self.session, self.actor, self.name = session, actor, name
        self.summary = LoadExportSummary()
        self.users: dict[str, int] = {}
        self.outlets: dict[str, Outlet] = {}
        self.speakers: dict[int, int] = {}
        self.tags: dict[str, Tag] = {}
        self.links: list[tuple[int, dict[str, Any]]] = []
        self.article_ids: dict[int, int] = {}  # exported -> stored

    def fail(self, message: str) -> ReadError:
        return ReadError(self.name, message)

    def run(self, doc: dict[str, Any]) -> LoadExportSummary:
        s = self.session
        s.flush()
        self.preserve = all(
            s.scalar(select(func.count()).select_from(model)) == 0
            for model in (Article, Claim, Speaker)
        )
        self.summary.ids_preserved = self.preserve
        try:
            for user in doc.get("users", []):
                self.user(user)
            for outlet in doc.get("outlets", []):
                self.outlet(outlet["name"], outlet.get("homepage"))
            speakers = _targets_first(doc.get("speakers", []))
            for speaker in speakers:
                self.speaker(speaker)
            self.merges(speakers)
            for article in doc["articles"]:
                self.article(article)
            self.load_links()
            self.load_comments(doc.get("comments", []))
        except (KeyError, TypeError, ValueError) as exc:
            raise self.fail(f"malformed record ({type(exc).__name__}: {exc})") from exc
        if self.preserve:
            self.advance_sequences()
        s.flush()
        return self.summary

    # --- accounts and outlets -------------------------------------------------------------

    def user(self, data: dict[str, Any]) -> None:
        named = data["username"]
        # Accounts are matched and stored in the one username form (an older export may
        # spell "Maria" where this database now has "maria").
        username = normalize_username(named)
        user = self.session.scalar(select(User).where(User.username == username))
        if user is None:
            user = User(username=username, display_name=data.get("display_name"),
                        role=Role(data.get("role") or Role.VIEWER), active=False,
                        # Not an Argon2 hash: verification always fails, so no login opens.
                        password_hash="!restored:" + secrets.token_hex(16))
            self.session.add(user)
            self.session.flush()
            record(self.session, self.actor, "import", user,
                   after=snapshot(user, exclude=frozenset({"password_hash"})),
                   summary=f"account {username} loaded from an export (inactive)")
            self.summary.users_created += 1
        self.users[named] = user.id

    def user_id(self, username: str | None) -> int | None:
        if not username:
            return None
        if username not in self.users:
            found = self.session.scalar(select(User.id).where(
                User.username == normalize_username(username)))
            if found is None:
                return None
            self.users[username] = found
        return self.users[username]

    def outlet(self, name: str | None, homepage: str | None = None) -> Outlet | None:
        outlet, created = get_or_create_outlet(self.session, name, homepage=homepage,
                                               cache=self.outlets)
        self.summary.outlets_created += created
        return outlet

    # --- speakers -------------------------------------------------------------------------

    def speaker(self, data: dict[str, Any]) -> None:
        kind = SpeakerKind(data.get("kind") or SpeakerKind.PERSON)
        key = name_key(data["name"])
        speaker = None
        if not self.preserve:
            speaker = self.session.scalars(
                select(Speaker).where(Speaker.name_key == key, Speaker.kind == kind)
                .order_by(Speaker.merged_into_id.is_not(None), Speaker.id)
            ).first()
        if speaker is None:
            speaker = Speaker(name=data["name"], name_key=key, kind=kind,
                              description=data.get("description"),
                              external_id=data.get("external_id"))
            if self.preserve:
                speaker.id = data["id"]
            # Merged at once when its target is in (it is, see ``_targets_first``): a merged
            # speaker may share its target's name, which two live speakers cannot.
            target = data.get("merged_into")
            if target is not None and target in self.speakers:
                speaker.merged_into_id = self.speakers[target]
            self.session.add(speaker)
            created = True
        else:
            created = False
            self.summary.speakers_matched += 1
        known_aliases = {a.alias_key for a in speaker.aliases} if not created else set()
        for alias in data.get("aliases", []):
            akey = name_key(alias)
            if akey and akey not in known_aliases:
                speaker.aliases.append(SpeakerAlias(alias=alias, alias_key=akey))
                known_aliases.add(akey)
        titles = {r.title.casefold() for r in speaker.roles} if not created else set()
        for role in data.get("roles", []):
            if role["title"].casefold() in titles:
                continue
            titles.add(role["title"].casefold())
            speaker.roles.append(SpeakerRole(
                title=role["title"], organization=role.get("organization"),
                first_seen=_date(role.get("first_seen")), last_seen=_date(role.get("last_seen"))))
        self.session.flush()
        if created:
            record(self.session, self.actor, "import", speaker, after=snapshot(speaker),
                   summary=f"speaker {speaker.name} loaded from an export")
            self.summary.speakers_created += 1
        self.speakers[data["id"]] = speaker.id

    def merges(self, speakers: list[dict[str, Any]]) -> None:
        """Merges are set once every speaker exists: a speaker may be merged into a later one."""
        for data in speakers:
            target = data.get("merged_into")
            if target is None:
                continue
            if target not in self.speakers:
                raise self.fail(f"speaker {data['id']} is merged into speaker {target}, "
                                "which is not in the file")
            speaker = self.session.get(Speaker, self.speakers[data["id"]])
            if (speaker is not None and speaker.merged_into_id is None
                    and speaker.id != self.speakers[target]):  # matched its own target
                speaker.merged_into_id = self.speakers[target]
        self.session.flush()

    def speaker_id(self, ref: dict[str, Any] | None) -> int | None:
        if ref is None:
            return None
        if ref["id"] in self.speakers:
            return self.speakers[ref["id"]]
        # A hand-trimmed file may name a speaker it does not list: take or make one by name.
        self.speaker({"id": ref["id"], "name": ref["name"]})
        return self.speakers[ref["id"]]

    # --- articles and claims --------------------------------------------------------------

    def article(self, data: dict[str, Any]) -> None:
        s = self.session
        existing = s.scalar(select(Article).where(Article.content_hash == data["content_hash"]))
        if existing is not None:
            self.summary.articles_present += 1
            self.article_ids[data["id"]] = existing.id
            taken = {
                (start, end, kind): claim_id
                for start, end, kind, claim_id in s.execute(
                    select(Claim.start, Claim.end, Claim.kind, Claim.id)
                    .where(Claim.article_id == existing.id))
            }
            new = [self.claim(existing, c, taken) for c in data.get("claims", [])]
            created = [c for c in new if c is not None]
            if created:
                s.flush()
                record(s, self.actor, "import", existing,
                       after={"claim_ids": [c.id for c in created]},
                       summary=f"loaded {len(created)} claims into article {existing.id}")
            return
        article = Article(
            outlet=self.outlet(data.get("outlet")),
            title=data.get("title"), author=data.get("author"),
            published=_date(data.get("published")),
            published_precision=DatePrecision(data.get("published_precision") or "unknown"),
            published_text=data.get("published_text"), dateline=data.get("dateline"),
            place=data.get("place"), section=data.get("section"), url=data.get("url"),
            language=data.get("language") or "en", source_name=data.get("source_name"),
            body=data["body"], raw=data.get("raw"), content_hash=data["content_hash"],
            extra=data.get("extra") or {}, notes=data.get("notes"),
            imported_by_id=self.user_id(data.get("imported_by")),
        )
        if data.get("imported_at"):
            article.imported_at = _time(data["imported_at"])  # type: ignore[assignment]
        if self.preserve:
            article.id = data["id"]
        s.add(article)
        s.flush()
        self.article_ids[data["id"]] = article.id
        claims = [self.claim(article, c, {}) for c in data.get("claims", [])]
        s.flush()
        after = snapshot(article, exclude=frozenset({"body", "raw"}))
        after["claim_ids"] = [c.id for c in claims if c is not None]
        record(s, self.actor, "import", article, after=after,
               summary=f"loaded article {data['id']} with {len(after['claim_ids'])} claims")
        self.summary.articles_created += 1

    def claim(self, article: Article, data: dict[str, Any],
              taken: dict[tuple[int, int, ClaimKind], int]) -> Claim | None:
        start, end, kind = data["start"], data["end"], ClaimKind(data["kind"])
        if article.body[start:end] != data["text"]:
            raise self.fail(f"claim {data['id']}: its text is not the article body at "
                            f"{start}-{end}")
        for link in data.get("links", []):
            self.links.append((data["id"], link))
        if (start, end, kind) in taken:
            self.summary.claim_ids[data["id"]] = taken[(start, end, kind)]
            self.summary.claims_present += 1
            return None
        with self.session.no_autoflush:
            claim = self._new_claim(article, data, kind)
        self.session.add(claim)
        self.session.flush()
        self.summary.claim_ids[data["id"]] = claim.id
        self.summary.claims_created += 1
        return claim

    def _new_claim(self, article: Article, data: dict[str, Any], kind: ClaimKind) -> Claim:
        start, end = data["start"], data["end"]
        runner_up = data.get("runner_up")
        claim = Claim(
            article_id=article.id, kind=kind, text=data["text"], start=start, end=end,
            segments=self.segments(article, data),
            runner_up_name=runner_up["name"] if runner_up else None,
            runner_up_score=runner_up.get("score") if runner_up else None,
            prefix=data.get("prefix") or "", suffix=data.get("suffix") or "",
            speaker_id=self.speaker_id(data.get("speaker")),
            speaker_role=data.get("speaker_role"), cue=data.get("cue"),
            said_on=_date(data.get("said_on")),
            said_on_basis=SaidOnBasis(data.get("said_on_basis") or "unknown"),
            said_where=data.get("said_where"),
            origin=ClaimOrigin(data.get("origin") or ClaimOrigin.IMPORTED),
            confidence=data.get("confidence"),
            status=ClaimStatus(data.get("status") or ClaimStatus.UNREVIEWED),
            note=data.get("note"),
            created_by_id=self.user_id(data.get("created_by")),
            updated_by_id=self.user_id(data.get("updated_by")),
            tags=[self.tag(name) for name in data.get("tags", [])],
        )
        for key in ("created_at", "updated_at"):
            if data.get(key):
                setattr(claim, key, _time(data[key]))
        if self.preserve:
            claim.id = data["id"]
        for review in data.get("reviews", []):
            item = Review(
                verdict=Verdict(review["verdict"]), rating_text=review.get("rating_text"),
                evidence_urls=list(review.get("evidence_urls") or []), note=review.get("note"),
                reviewer_id=self.user_id(review.get("reviewer")),
            )
            if review.get("created_at"):
                item.created_at = _time(review["created_at"])  # type: ignore[assignment]
            claim.reviews.append(item)
            self.summary.reviews_created += 1
        return claim

    def segments(self, article: Article, data: dict[str, Any]) -> list[list[int]] | None:
        """The stored form of a claim's ``segments`` (absent in older exports: one segment),
        each checked against the body like the claim's own text."""
        pieces = data.get("segments")
        if not pieces:
            return None
        for piece in pieces:
            if article.body[piece["start"]:piece["end"]] != piece["text"]:
                raise self.fail(f"claim {data['id']}: a segment's text is not the article "
                                f"body at {piece['start']}-{piece['end']}")
        try:
            return check_segments(data["start"], data["end"],
                                  [(p["start"], p["end"]) for p in pieces])
        except InvalidInput as exc:
            raise self.fail(f"claim {data['id']}: {exc.message}") from exc

    def tag(self, name: str) -> Tag:
        if name not in self.tags:
            tag = self.session.scalar(select(Tag).where(Tag.name == name))
            if tag is None:
                tag = Tag(name=name)
                self.session.add(tag)
            self.tags[name] = tag
        return self.tags[name]

    def load_links(self) -> None:
        """Links go last: a link may point at a claim later in the file."""
        ids = self.summary.claim_ids
        loaded: list[ClaimLink] = []
        for source, data in self.links:
            target = ids.get(data["target"])
            if target is None or ids[source] == target:
                self.summary.links_skipped += 1
                continue
            kind = LinkType(data["type"])
            exists = self.session.scalar(select(ClaimLink.id).where(
                ClaimLink.source_claim_id == ids[source], ClaimLink.target_claim_id == target,
                ClaimLink.link_type == kind))
            if exists is not None:
                continue
            link = ClaimLink(source_claim_id=ids[source], target_claim_id=target,
                             link_type=kind, note=data.get("note"),
                             created_by_id=self.user_id(data.get("created_by")))
            if data.get("created_at"):
                link.created_at = _time(data["created_at"])  # type: ignore[assignment]
            self.session.add(link)
            self.summary.links_created += 1
            loaded.append(link)
        self.session.flush()
        # A link may join claims that were already stored (no import event covers them), so
        # each loaded link is audited on its own, as a link made by the loading user.
        for link in loaded:
            record(self.session, self.actor, "link", link, after=snapshot(link),
                   summary=f"loaded link: claim {link.source_claim_id} {link.link_type} "
                           f"claim {link.target_claim_id}")

    def load_comments(self, comments: list[dict[str, Any]]) -> None:
        """Comments go after the claims and articles they are on, in the file's (posting)
        order; one already stored (same record, author, time and text) is not doubled, and
        one on a record not loaded is skipped. Each is audited on its record, as a comment
        made by the loading user, so it shows in that record's History."""
        for data in comments:
            on_claim = data["on"] == "claim"
            ids = self.summary.claim_ids if on_claim else self.article_ids
            target_id = ids.get(data["target"])
            if target_id is None:
                continue
            created = _time(data.get("created_at"))
            column = Comment.claim_id if on_claim else Comment.article_id
            author = data.get("author") or SYSTEM_ACTOR
            if self.session.scalar(select(Comment.id).where(
                    column == target_id, Comment.author_name == author,
                    Comment.text == data["text"], Comment.created_at == created)):
                continue
            comment = Comment(claim_id=target_id if on_claim else None,
                              article_id=None if on_claim else target_id,
                              author_id=self.user_id(data.get("author")), author_name=author,
                              text=data["text"], edited_at=_time(data.get("edited_at")))
            if created is not None:
                comment.created_at = created
            self.session.add(comment)
            self.session.flush()
            target: Any = (self.session.get(Claim, target_id) if on_claim
                           else self.session.get(Article, target_id))
            record(self.session, self.actor, "comment", target,
                   after={"comment_id": comment.id, "author": author, "text": comment.text},
                   summary=f"loaded comment by {author}")
            self.summary.comments_created += 1

    def advance_sequences(self) -> None:
        """PostgreSQL sequences do not move when ids are given explicitly; move them past
        the loaded ids so the next record created gets a free one. (SQLite needs nothing:
        it takes max(id) + 1.)"""
        if self.session.get_bind().dialect.name != "postgresql":
            return
        self.session.flush()
        for table in _ID_TABLES:
            self.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            ))
