"""The search form: a GET form, so results pages can be bookmarked and shared."""

from __future__ import annotations

import datetime as dt
from typing import Any

from wtforms import DateField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import Length, Optional, ValidationError

from claims_app.claims.models import ClaimKind, ClaimStatus
from claims_app.inputs import Form

_ANY = SelectChoice("", "any")
FILTER_NAMES = ("speaker", "outlet", "kind", "status", "tag", "said_from", "said_to",
                "published_from", "published_to")


class SearchForm(Form):
    class Meta:
        csrf = False  # a GET form that changes nothing

    q = StringField("Search", validators=[Optional(), Length(max=500)],
                    render_kw={"type": "search"})
    type = SelectField("Show", choices=[SelectChoice("", "everything"),
                                        SelectChoice("claim", "claims"),
                                        SelectChoice("article", "articles"),
                                        SelectChoice("speaker", "speakers")],
                       validators=[Optional()])
    speaker = StringField("Speaker", validators=[Optional(), Length(max=300)])
    outlet = SelectField("Outlet", choices=[_ANY], validators=[Optional()])
    kind = SelectField("Kind", choices=[_ANY, *(SelectChoice(k.value) for k in ClaimKind)],
                       validators=[Optional()])
    status = SelectField("Status",
                         choices=[_ANY, *(SelectChoice(s.value) for s in ClaimStatus)],
                         validators=[Optional()])
    tag = StringField("Tag", validators=[Optional(), Length(max=100)])
    said_from = DateField("Said from", validators=[Optional()])
    said_to = DateField("Said to", validators=[Optional()])
    published_from = DateField("Published from", validators=[Optional()])
    published_to = DateField("Published to", validators=[Optional()])
    submit = SubmitField("Search")

    def validate_said_to(self, field: Any) -> None:
        _check_range(self.said_from.data, field)

    def validate_published_to(self, field: Any) -> None:
        _check_range(self.published_from.data, field)

    def filter_args(self) -> dict[str, str]:
        """The filters as query-string arguments (for paging and the export link)."""
        out: dict[str, str] = {}
        for name in FILTER_NAMES:
            value = getattr(self, name).data
            if value not in (None, ""):
                out[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
        return out


def _check_range(start: dt.date | None, field: Any) -> None:
    if start and field.data and field.data < start:
        raise ValidationError("The end date is before the start date.")
