"""The Export page's form: a GET form (a download changes nothing), every export filter."""

from __future__ import annotations

from typing import Any

from wtforms import BooleanField, DateField, RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from claims_app.claims.models import ClaimKind, ClaimStatus
from claims_app.export.formats import FORMATS
from claims_app.inputs import Form

_ANY = SelectChoice("", "any")


class ExportFilterForm(Form):
    """Every export filter: the Export page's form and the annotation container's query
    string read the same fields with the same rules."""

    class Meta:
        csrf = False  # a GET form that changes nothing

    status = SelectField("Status", choices=[_ANY, *(SelectChoice(s.value) for s in ClaimStatus)],
                         validators=[Optional()])
    kind = SelectField("Kind", choices=[_ANY, *(SelectChoice(k.value) for k in ClaimKind)],
                       validators=[Optional()])
    speaker = StringField("Speaker", validators=[Optional(), Length(max=300)])
    outlet = SelectField("Outlet", choices=[_ANY], validators=[Optional()])
    tag = StringField("Tag", validators=[Optional(), Length(max=100)])
    said_from = DateField("Said from", validators=[Optional()])
    said_to = DateField("Said to", validators=[Optional()])
    published_from = DateField("Published from", validators=[Optional()])
    published_to = DateField("Published to", validators=[Optional()])
    reviewed_only = BooleanField("Only reviewed claims")

    def validate_said_to(self, field: Any) -> None:
        _check_range(self.said_from.data, field)

    def validate_published_to(self, field: Any) -> None:
        _check_range(self.published_from.data, field)


class ExportForm(ExportFilterForm):
    format = RadioField(
        "Format",
        choices=[SelectChoice(f.name, f"{f.name}: {f.description}") for f in FORMATS.values()],
        default="json", validators=[InputRequired(message="Choose a format.")],
    )


def _check_range(start: Any, field: Any) -> None:
    if start and field.data and field.data < start:
        raise ValidationError("The end date is before the start date.")
