"""One GET form per question (they change nothing, so answers can be bookmarked)."""

from __future__ import annotations

from typing import Any

from wtforms import DateField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from claims_app.inputs import Form

_SPEAKER_HELP = "A name, an alias or a speaker number."
_TOPIC_HELP = 'Words, "a phrase", or pre* for a prefix.'


class _QuestionForm(Form):
    class Meta:
        csrf = False  # GET forms that change nothing

    def with_ids(self, prefix: str) -> _QuestionForm:
        """Give the fields ids unique on a page holding several forms (names stay the same)."""
        for f in self:
            f.id = f"{prefix}-{f.name}"
            f.label.field_id = f.id
        return self


def _speaker() -> StringField:
    return StringField("Speaker", validators=[InputRequired("Name a speaker."), Length(max=300)],
                       description=_SPEAKER_HELP)


def _topic() -> StringField:
    return StringField("Topic", validators=[InputRequired("Give a topic."), Length(max=500)],
                       description=_TOPIC_HELP, render_kw={"type": "search"})


class SaidAboutForm(_QuestionForm):
    speaker = _speaker()
    topic = _topic()


class WhoElseForm(_QuestionForm):
    claim = IntegerField("Claim number", validators=[
        InputRequired("Give a claim number."), NumberRange(min=1, message="Claim numbers "
                                                           "start at 1.")])


class FirstSaidForm(_QuestionForm):
    text = TextAreaField("Wording", validators=[Length(max=5000)],
                         render_kw={"rows": 3},
                         description="A sentence as it was said; or give a claim number.")
    claim = IntegerField("or claim number", validators=[
        Optional(), NumberRange(min=1, message="Claim numbers start at 1.")])

    def validate_text(self, field: Any) -> None:
        typed_claim = any((r or "").strip() for r in (self.claim.raw_data or []))
        if not (field.data or "").strip() and not typed_claim:
            raise ValidationError("Give the wording or a claim number.")


class SaidBetweenForm(_QuestionForm):
    speaker = _speaker()
    start = DateField("From", validators=[Optional()], description="Leave empty: any time.")
    end = DateField("To", validators=[Optional()], description="Inclusive.")

    def validate_end(self, field: Any) -> None:
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError("The end date is before the start date.")


class ContradictionsForm(_QuestionForm):
    topic = _topic()
