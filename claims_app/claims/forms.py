"""Claim forms: annotate/edit, verdicts, links, and the one-button status changes."""

from __future__ import annotations

from typing import Any

from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from claims_app.claims.annotate import SpeakerChoice, stored_input
from claims_app.claims.models import Claim, ClaimKind, LinkType, Verdict
from claims_app.claims.services import ClaimInput
from claims_app.inputs import Form, VersionField
from claims_app.name_rules import speaker_name_validator
from claims_app.speakers.models import SpeakerKind

KIND_LABELS = {
    ClaimKind.DIRECT: "direct quote",
    ClaimKind.INDIRECT: "indirect (reported speech)",
    ClaimKind.PARAPHRASE: "paraphrase",
    ClaimKind.ASSERTION: "the outlet's own assertion",
}
VERDICT_LABELS = {
    Verdict.ACCURATE_QUOTE: "accurate quote",
    Verdict.MISQUOTED: "misquoted",
    Verdict.MISATTRIBUTED: "misattributed",
    Verdict.NEEDS_CONTEXT: "needs context",
    Verdict.TRUE: "true",
    Verdict.MISLEADING: "misleading",
    Verdict.FALSE: "false",
    Verdict.UNVERIFIABLE: "unverifiable",
}
LINK_LABELS = {
    LinkType.REPEATS: "repeats",
    LinkType.SUPPORTS: "supports",
    LinkType.CONTRADICTS: "contradicts",
    LinkType.RESPONDS_TO: "responds to",
    LinkType.CORRECTS: "corrects",
}


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _typed_speaker(form: ClaimForm | CorrectForm) -> SpeakerChoice:
    """The speaker typed in either form's speaker fields (name or picked id, whether to create
    a new one, and as what kind)."""
    kind = (SpeakerKind.ORGANIZATION if form.new_speaker_kind.data
            == SpeakerKind.ORGANIZATION.value else SpeakerKind.PERSON)
    return SpeakerChoice(name=form.speaker.data, speaker_id=_int_or_none(form.speaker_id.data),
                         create_new=bool(form.create_speaker.data), new_kind=kind)


class ClaimForm(Form):
    """Annotating a span of an article, or editing a claim (its span is re-anchored)."""

    start = IntegerField("Starts at character", validators=[InputRequired(), NumberRange(min=0)])
    end = IntegerField("Ends before character", validators=[InputRequired(), NumberRange(min=1)])
    text = TextAreaField(
        "Selected text", validators=[Optional(), Length(max=100_000)], render_kw={"rows": 3},
        description="Checked against the article at these offsets; leave it empty to take "
                    "whatever the offsets cover.")
    speaker = StringField("Speaker", validators=[Optional(), Length(max=300),
                                                 speaker_name_validator],
                          render_kw={"list": "speaker-suggestions", "autocomplete": "off"},
                          description="Type a name or alias; leave empty if unattributed.")
    speaker_id = HiddenField()
    create_speaker = BooleanField("Create a new speaker with this name if nobody has it")
    new_speaker_kind = RadioField(
        "A new speaker is", choices=[SelectChoice(SpeakerKind.PERSON.value, "a person"),
                                     SelectChoice(SpeakerKind.ORGANIZATION.value,
                                                  "an organisation")],
        default=SpeakerKind.PERSON.value, validators=[Optional()])
    speaker_role = StringField("Role the article gives them",
                               validators=[Optional(), Length(max=300)])
    kind = SelectField("Kind", choices=[SelectChoice(k.value, v) for k, v in KIND_LABELS.items()],
                       default=ClaimKind.DIRECT.value)
    cue = StringField("Cue (“said”, “told journalists”)", validators=[Optional(), Length(max=100)])
    said_on = DateField("Said on", validators=[Optional()])
    said_where = StringField("Said where", validators=[Optional(), Length(max=200)])
    tags = StringField("Tags (comma-separated)", validators=[Optional(), Length(max=3000)])
    note = TextAreaField("Note", validators=[Optional(), Length(max=20000)],
                         render_kw={"rows": 3})
    version = VersionField()
    mark_corrected = HiddenField()
    submit = SubmitField("Save claim")

    def validate_end(self, field: IntegerField) -> None:
        if self.start.data is not None and field.data is not None and field.data <= self.start.data:
            raise ValidationError("The end must come after the start.")

    def claim_input(self, previous: Claim | None = None) -> ClaimInput:
        """What was typed, as the claim services take it. When editing (``previous``), a
        span moved by its numbers alone drops the old text check, and an unchanged date keeps
        where it came from (stated, or the publication date)."""
        data = ClaimInput(
            start=self.start.data or 0, end=self.end.data or 0, kind=self.kind.data,
            text=self.text.data.replace("\r\n", "\n") if self.text.data else None,
            speaker_role=self.speaker_role.data, cue=self.cue.data,
            said_on=self.said_on.data, said_where=self.said_where.data, note=self.note.data,
            tags=[t for t in (self.tags.data or "").split(",") if t.strip()],
        )
        if previous is not None:
            if data.text == previous.text and (data.start, data.end) != (previous.start,
                                                                         previous.end):
                data.text = None
            if data.said_on == previous.said_on:
                data.said_on_basis = previous.said_on_basis
        return data

    def speaker_choice(self) -> SpeakerChoice:
        return _typed_speaker(self)


class CorrectForm(Form):
    """The review queue's in-place corrections, one at a time: the speaker (with the role),
    or the span (selected in the claim's context). Everything else stays as stored, and the
    claim is marked corrected, as the full edit page's "Correct…" does."""

    what = SelectField("Correct", choices=[SelectChoice("speaker"), SelectChoice("span")])
    speaker = StringField("Speaker", validators=[Optional(), Length(max=300),
                                                 speaker_name_validator])
    speaker_id = HiddenField()
    create_speaker = BooleanField("Create a new speaker with this name if nobody has it")
    new_speaker_kind = SelectField(
        "A new speaker is", choices=[SelectChoice(SpeakerKind.PERSON.value, "a person"),
                                     SelectChoice(SpeakerKind.ORGANIZATION.value,
                                                  "an organisation")],
        default=SpeakerKind.PERSON.value, validators=[Optional()])
    speaker_role = StringField("Role the article gives them",
                               validators=[Optional(), Length(max=300)])
    start = IntegerField("Starts at character", validators=[Optional(), NumberRange(min=0)])
    end = IntegerField("Ends before character", validators=[Optional(), NumberRange(min=1)])
    text = HiddenField()
    version = HiddenField()
    next = HiddenField()

    def validate(self, extra_validators: Any = None) -> bool:
        """The fields, then the span a span correction needs (an empty box is Optional to
        WTForms, so its own validator would not run)."""
        valid = super().validate(extra_validators)
        if self.what.data == "span":
            start, end = self.start.data, self.end.data
            if start is None or end is None:
                self.end.errors = [*self.end.errors, "Select the claim's words in the text."]
                return False
            if end <= start:
                self.end.errors = [*self.end.errors, "The end must come after the start."]
                return False
        return valid

    def claim_input(self, claim: Claim) -> ClaimInput:
        """The claim's stored values with the one correction applied."""
        data = stored_input(claim)
        if self.what.data == "span":
            data.start, data.end = self.start.data or 0, self.end.data or 0
            data.text = self.text.data or None
            data.segments = None
        else:
            data.speaker_role = self.speaker_role.data
        return data

    def speaker_choice(self) -> SpeakerChoice | None:
        """The typed speaker (None for a span correction: the speaker stays)."""
        if self.what.data != "speaker":
            return None
        return _typed_speaker(self)


class ReviewForm(Form):
    verdict = SelectField("Verdict", choices=[SelectChoice(v.value, label)
                                              for v, label in VERDICT_LABELS.items()])
    rating_text = StringField("Rating in words", validators=[Optional(), Length(max=200)])
    note = TextAreaField("Note", validators=[Optional(), Length(max=20000)],
                         render_kw={"rows": 2})
    evidence_urls = TextAreaField("Evidence links (one per line)",
                                  validators=[Optional(), Length(max=20000)],
                                  render_kw={"rows": 2})
    next = HiddenField()
    submit = SubmitField("Record verdict")

    def urls(self) -> list[str]:
        return [line.strip() for line in (self.evidence_urls.data or "").splitlines()
                if line.strip()]


class LinkForm(Form):
    link_type = SelectField("Link type", choices=[SelectChoice(t.value, label)
                                                  for t, label in LINK_LABELS.items()])
    target_id = IntegerField("Other claim", validators=[DataRequired(), NumberRange(min=1)],
                             render_kw={"data-claim-picker": "on"},
                             description="Type words of the claim, its speaker or its "
                                         "article and pick it (or give its number).")
    note = StringField("Note", validators=[Optional(), Length(max=5000)])
    version = HiddenField()  # the version of the claim the link is made on
    submit = SubmitField("Add link")


class StatusForm(Form):
    """One button each: accept (confirmed) or reject; the version guards against a race."""

    action = SelectField("Action", choices=[SelectChoice("accept"), SelectChoice("reject")])
    version = HiddenField()
    next = HiddenField()


class SimpleForm(Form):
    """A CSRF-checked button with nothing else to say (remove a link, delete a claim)."""

    version = HiddenField()
    next = HiddenField()
