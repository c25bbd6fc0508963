"""The three-way view of an edit conflict: what the record was when I opened it (base), what
the other person saved (theirs, with who and when), and my edit (mine).

The base comes from the audit trail, which keeps each update's whole state before and after
(``claim_state`` / ``article_state``, version included): the state with the version my form
carried is exactly what I opened. So no hidden copy of the opened values is needed, and the
page works for a form opened before this feature existed. When the trail has no state for
that version (a record imported in bulk and never edited since) the base is unknown, and
every field where mine and theirs differ is a clash for the person to decide.

The proposal: a field only I changed takes my value; a field only they changed keeps
theirs; a field we both changed to the same value is settled; a field we both changed
differently is a *clash*, shown with both values and a choice (theirs unless I pick mine).
So saving the proposal never silently reverts the other person's change. The conflict
page's form posts the chosen values back to the ordinary edit view, with the stored
version, through ``resolved_formdata``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from claims_app.articles.models import Article
from claims_app.audit.models import AuditEvent
from claims_app.claims.forms import KIND_LABELS, ClaimForm
from claims_app.claims.models import Claim
from claims_app.ingest.draft import content_hash
from claims_app.speakers.models import Speaker

#: Audit actions whose before/after hold the record's whole state.
STATE_ACTIONS = ("create", "update", "review", "revert", "import", "restore")
#: How far back the trail is read for the opened version (a form open across more saves
#: than this has its base treated as unknown).
TRAIL_LIMIT = 200

SAME, MINE, THEIRS, BOTH, CLASH = "same", "mine", "theirs", "both", "clash"


@dataclass(frozen=True)
class FieldInput:
    """One form field a comparison sets: its name, my value and theirs, and how the
    conflict page lets me adjust my value (``hidden``, ``text``, ``textarea``, ``date``)."""

    name: str
    mine: str
    theirs: str
    widget: str = "hidden"


@dataclass(frozen=True)
class Field3:
    """One compared field: comparison keys (``base`` None when unknown), what to show of
    each side, and the form fields it sets."""

    key: str
    label: str
    base: str | None
    theirs: str
    mine: str
    shown_base: str | None = None
    shown_theirs: str | None = None
    shown_mine: str | None = None
    inputs: tuple[FieldInput, ...] = field(default_factory=tuple)

    @property
    def state(self) -> str:
        if self.mine == self.theirs:
            return SAME if self.base is None or self.base == self.theirs else BOTH
        if self.base is None:
            return CLASH
        if self.mine == self.base:
            return THEIRS
        if self.theirs == self.base:
            return MINE
        return CLASH

    @property
    def proposed(self) -> str:
        """What the proposal holds: mine where only I changed it, else theirs (a clash
        starts from theirs until I pick mine)."""
        return self.mine if self.state == MINE else self.theirs

    def show(self, side: str) -> str:
        value = {"base": self.shown_base if self.shown_base is not None else self.base,
                 "theirs": self.shown_theirs if self.shown_theirs is not None else self.theirs,
                 "mine": self.shown_mine if self.shown_mine is not None else self.mine}[side]
        if value is None:
            return "(not known)"
        return value or "—"


@dataclass(frozen=True)
class OtherSave:
    """Who saved after I opened the record, when, and how many saves there were."""

    actor_name: str
    at: dt.datetime
    saves: int


@dataclass(frozen=True)
class ThreeWay:
    fields: list[Field3]
    other: OtherSave | None
    base_known: bool
    stored_version: int

    @property
    def changed(self) -> list[Field3]:
        return [f for f in self.fields if f.state != SAME]

    @property
    def clashes(self) -> list[Field3]:
        return [f for f in self.fields if f.state == CLASH]


def opened_state(session: Session, entity_type: str, entity_id: int, version: int
                 ) -> tuple[dict[str, Any] | None, OtherSave | None]:
    """The record's state at ``version`` from its audit trail (None when the trail does not
    hold it), and the saves made since (the latest one's actor and time)."""
    events = list(session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id,
               AuditEvent.action.in_(STATE_ACTIONS))
        .order_by(AuditEvent.id.desc()).limit(TRAIL_LIMIT)))
    base: dict[str, Any] | None = None
    since: list[AuditEvent] = []
    for event in events:  # newest first
        before, after = event.before, event.after
        before_v = before.get("version") if isinstance(before, dict) else None
        after_v = after.get("version") if isinstance(after, dict) else None
        if isinstance(before_v, int) and before_v >= version:
            since.append(event)
            if before_v == version and isinstance(before, dict):
                base = before
        elif base is None and after_v == version and isinstance(after, dict):
            base = after
    other = (OtherSave(since[0].actor_name, since[0].at, len(since)) if since else None)
    return base, other


def _s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split()) if not isinstance(value, str) or "\n" not in value \
        else str(value).replace("\r\n", "\n").strip()


def _text(value: Any) -> str:
    return "" if value is None else str(value).replace("\r\n", "\n").strip()


def _tags(values: Any) -> str:
    if isinstance(values, str):
        values = values.split(",")
    return ", ".join(sorted({v.strip() for v in values or [] if v and v.strip()}))


def claim_three_way(session: Session, claim: Claim, form: ClaimForm) -> ThreeWay:
    """My claim edit (``form``, made on ``form.version``) against the stored ``claim``."""
    opened = int(form.version.data or 0)
    base, other = opened_state(session, "claim", claim.id, opened)
    ids = {i for i in ((base or {}).get("speaker_id"), claim.speaker_id) if i is not None}
    names: dict[int, str] = {}
    if ids:
        names = {i: n for i, n in session.execute(
            select(Speaker.id, Speaker.name).where(Speaker.id.in_(ids)))}

    def b(key: str) -> Any:
        return None if base is None else base.get(key)

    body = claim.article.body
    my_start, my_end = form.start.data, form.end.data
    my_text = (form.text.data or "").replace("\r\n", "\n") or (
        body[my_start:my_end] if isinstance(my_start, int) and isinstance(my_end, int) else "")
    base_span = None if base is None else f"{b('start')}–{b('end')}"
    kinds = {k.value: label for k, label in KIND_LABELS.items()}
    my_kind = form.kind.data or ""
    base_speaker: str | None = None
    if base is not None:
        base_speaker = names.get(b("speaker_id"), "") if b("speaker_id") is not None else ""
    their_speaker = claim.speaker.name if claim.speaker else ""
    my_speaker = " ".join((form.speaker.data or "").split())
    fields = [
        Field3("span", "Span", base_span, f"{claim.start}–{claim.end}",
               f"{my_start}–{my_end}", shown_base=_text(b("text")) if base else None,
               shown_theirs=claim.text, shown_mine=my_text, inputs=(
                   FieldInput("start", str(my_start), str(claim.start)),
                   FieldInput("end", str(my_end), str(claim.end)),
                   FieldInput("text", my_text, claim.text))),
        Field3("speaker", "Speaker", None if base_speaker is None else base_speaker.casefold(),
               their_speaker.casefold(), my_speaker.casefold(), shown_base=base_speaker,
               shown_theirs=their_speaker, shown_mine=my_speaker, inputs=(
                   FieldInput("speaker", my_speaker, their_speaker),
                   FieldInput("speaker_id", form.speaker_id.data or "",
                              str(claim.speaker_id or "")),
                   FieldInput("create_speaker", "y" if form.create_speaker.data else "", ""),
                   FieldInput("new_speaker_kind", form.new_speaker_kind.data or "person",
                              "person"))),
        Field3("kind", "Kind", None if base is None else _s(b("kind")), claim.kind.value,
               my_kind, shown_base=kinds.get(_s(b("kind"))) if base else None,
               shown_theirs=kinds[claim.kind.value], shown_mine=kinds.get(my_kind, my_kind),
               inputs=(FieldInput("kind", my_kind, claim.kind.value),)),
    ]
    for key, label, theirs, mine, widget in (
        ("speaker_role", "Role", claim.speaker_role, form.speaker_role.data, "text"),
        ("cue", "Cue", claim.cue, form.cue.data, "text"),
        ("said_on", "Said on", claim.said_on, form.said_on.data, "date"),
        ("said_where", "Said where", claim.said_where, form.said_where.data, "text"),
    ):
        fields.append(Field3(key, label, None if base is None else _s(b(key)), _s(theirs),
                             _s(mine), inputs=(FieldInput(key, _s(mine), _s(theirs), widget),)))
    their_tags, my_tags = _tags([t.name for t in claim.tags]), _tags(form.tags.data or "")
    fields.append(Field3("tags", "Tags", None if base is None else _tags(b("tags")), their_tags,
                         my_tags, inputs=(FieldInput("tags", my_tags, their_tags, "text"),)))
    fields.append(Field3("note", "Note", None if base is None else _text(b("note")),
                         _text(claim.note), _text(form.note.data),
                         inputs=(FieldInput("note", _text(form.note.data), _text(claim.note),
                                            "textarea"),)))
    return ThreeWay(fields, other, base is not None, claim.version)


#: The article form's descriptive fields: (name, label, widget).
ARTICLE_FIELDS = (
    ("title", "Title", "text"), ("outlet", "Outlet", "text"), ("author", "Author", "text"),
    ("published", "Published", "date"), ("published_precision", "Date precision", "hidden"),
    ("published_text", "Date as written", "text"), ("dateline", "Dateline", "text"),
    ("place", "Place", "text"), ("section", "Section", "text"), ("url", "Web address", "text"),
    ("language", "Language", "text"), ("notes", "Notes", "textarea"),
)


def article_three_way(session: Session, article: Article, form: Any) -> ThreeWay:
    """My article edit (an ``ArticleForm`` made on ``form.version``) against the stored one.
    The body is compared by its content hash (the trail keeps the hash, not the text)."""
    opened = int(form.version.data or 0)
    base, other = opened_state(session, "article", article.id, opened)
    mine = form.fields_dict()
    stored = {"outlet": article.outlet.name if article.outlet else None,
              **{name: getattr(article, name) for name, _l, _w in ARTICLE_FIELDS
                 if name != "outlet"}}
    fields = []
    for name, label, widget in ARTICLE_FIELDS:
        theirs_v, mine_v = stored[name], mine.get(name)
        if name == "published_precision":
            theirs_v = getattr(theirs_v, "value", theirs_v)
        convert = _text if widget == "textarea" else _s
        base_v = None if base is None else convert(base.get(name))
        if name == "language":
            base_v = base_v if base_v is None else (base_v or "en")
            mine_v = mine_v or "en"
        fields.append(Field3(name, label, base_v, convert(theirs_v), convert(mine_v),
                             inputs=(FieldInput(name, convert(mine_v), convert(theirs_v),
                                                widget),)))
    my_body = form.body_text()
    base_hash = None if base is None else base.get("content_hash")
    fields.append(Field3(
        "body", "Text", base_hash, article.content_hash, content_hash(my_body),
        shown_base="(the text as you opened it)" if base_hash else None,
        shown_theirs=_excerpt(article.body), shown_mine=_excerpt(my_body),
        inputs=(FieldInput("body", my_body, article.body),)))
    return ThreeWay(fields, other, base is not None, article.version)


def _excerpt(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def resolved_formdata(formdata: MultiDict[str, str]) -> MultiDict[str, str]:
    """The edit form's data from a conflict page's post: for each clash (``clash_<key>`` =
    its field names), the side picked in ``pick_<key>`` ("mine" or "theirs", theirs when
    none was picked), taken from the ``mine_<field>`` / ``theirs_<field>`` copies. A post
    from the ordinary edit form has no ``clash_`` keys and comes back unchanged."""
    clashes = [k for k in formdata if k.startswith("clash_")]
    if not clashes:
        return formdata
    out: MultiDict[str, str] = MultiDict(formdata)
    for marker in clashes:
        key = marker.removeprefix("clash_")
        side = "mine" if formdata.get(f"pick_{key}") == "mine" else "theirs"
        for name in formdata.get(marker, "").split(","):
            if not name:
                continue
            value = formdata.get(f"{side}_{name}", "")
            if value:
                out.setlist(name, [value])
            else:
                out.pop(name, None)
    return out


__all__ = ["BOTH", "CLASH", "MINE", "SAME", "THEIRS", "Field3", "FieldInput",
           "OtherSave", "ThreeWay", "article_three_way", "claim_three_way", "opened_state",
           "resolved_formdata"]
