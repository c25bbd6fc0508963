"""Speaker forms: edit (with optimistic locking) and merge confirmation."""

from __future__ import annotations

from wtforms import (
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from claims_app.errors import ServiceError
from claims_app.inputs import MAX_ID, Form, VersionField
from claims_app.name_rules import speaker_name_validator
from claims_app.speakers.models import SpeakerKind


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes: easier to use than a multi-select for removing a few aliases."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SpeakerForm(Form):
    name = StringField("Name", validators=[DataRequired(), Length(max=300),
                                           speaker_name_validator])
    kind = SelectField("Kind", choices=[SelectChoice(k.value) for k in SpeakerKind])
    description = TextAreaField("Description", validators=[Optional(), Length(max=5000)],
                                render_kw={"rows": 3})
    external_id = StringField(
        "Wikidata id",
        validators=[Optional(), Regexp(r"^Q[1-9]\d*$",
                                       message="Use Q followed by digits, e.g. Q42.")],
    )
    remove_aliases = MultiCheckboxField("Remove these aliases", choices=[])
    add_aliases = TextAreaField("Add aliases (one per line)",
                                validators=[Optional(), Length(max=10000)], render_kw={"rows": 3})
    version = VersionField()
    submit = SubmitField("Save speaker")

    def alias_list(self, current: list[str]) -> list[str]:
        """The whole alias list the editor wants: current minus ticked plus added lines."""
        removed = set(self.remove_aliases.data or [])
        added = [line.strip() for line in (self.add_aliases.data or "").splitlines()]
        return [a for a in current if a not in removed] + [a for a in added if a]


class MergeChooseForm(Form):
    """Pick the speaker to merge into (GET form: nothing changes until confirmation)."""

    class Meta:
        csrf = False

    target_id = IntegerField("Merge into speaker number", validators=[
        DataRequired(), NumberRange(min=1, max=MAX_ID)])
    submit = SubmitField("Show what would change")


class MergeConfirmForm(Form):
    target_id = HiddenField(validators=[DataRequired()])
    source_version = HiddenField()
    target_version = HiddenField()
    submit = SubmitField("Merge speakers")


def attach_error(form: Form, error: ServiceError, default: str | None = None) -> bool:
    """Show a service's refusal beside the field it names; False when no field fits."""
    name = error.field or default
    target = getattr(form, name, None) if name else None
    if target is None or not hasattr(target, "errors"):
        return False
    target.errors = [*target.errors, error.message]
    return True
