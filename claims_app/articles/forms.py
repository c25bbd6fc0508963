"""Article forms: the list's filters (a GET form), entering and editing an article, deleting."""

from __future__ import annotations

from typing import Any

from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SearchField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError

from claims_app.articles.listing import ARTICLE_SORTS
from claims_app.articles.models import DatePrecision
from claims_app.errors import ServiceError
from claims_app.inputs import Form, VersionField


class ArticleFilterForm(Form):
    """Search, filters and sort of the article list; a GET form, so bookmarkable."""

    class Meta:
        csrf = False

    q = SearchField("Title or text contains", validators=[Optional(), Length(max=200)])
    outlet = SelectField("Outlet", choices=[SelectChoice("", "Any outlet")],
                         validators=[Optional()])
    date_from = DateField("Published from", validators=[Optional()])
    date_to = DateField("to", validators=[Optional()])
    unreviewed = BooleanField("Only with unreviewed claims")
    sort = SelectField("Sort", choices=[SelectChoice(k, v) for k, v in ARTICLE_SORTS.items()],
                       default="newest", validators=[Optional()])

    def validate_date_to(self, field: DateField) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("The end date is before the start date.")


PRECISION_LABELS = {
    DatePrecision.DAY: "the exact day",
    DatePrecision.MONTH: "the month only",
    DatePrecision.YEAR: "the year only",
    DatePrecision.UNKNOWN: "unknown",
}


class ArticleForm(Form):
    """Every field a person may set on an article; the body is checked against its claims."""

    title = StringField("Title", validators=[Optional(), Length(max=500)])
    outlet = StringField("Outlet", validators=[Optional(), Length(max=200)])
    author = StringField("Author (byline)", validators=[Optional(), Length(max=200)])
    published = DateField("Published", validators=[Optional()])
    published_precision = SelectField(
        "The source gave", choices=[SelectChoice(p.value, label)
                                    for p, label in PRECISION_LABELS.items()],
        default=DatePrecision.DAY.value)
    published_text = StringField("Date as written, when too partial to place",
                                 validators=[Optional(), Length(max=100)])
    dateline = StringField("Dateline", validators=[Optional(), Length(max=200)])
    place = StringField("Place", validators=[Optional(), Length(max=200)])
    section = StringField("Section", validators=[Optional(), Length(max=100)])
    url = StringField("Web address", validators=[Optional(), URL(), Length(max=2000)])
    language = StringField("Language", validators=[Optional(), Length(max=16)], default="en")
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=20000)],
                          render_kw={"rows": 3})
    # Its length is the article services' to check (articles/limits.py: one limit for
    # every way in), so the form sends any length on and shows their answer beside it.
    body = TextAreaField("Text", validators=[DataRequired()],
                         render_kw={"rows": 20})
    version = VersionField()
    submit = SubmitField("Save article")

    def fields_dict(self) -> dict[str, Any]:
        """The descriptive fields, blank ones as None, for the article services."""
        names = ("title", "outlet", "author", "published", "published_precision",
                 "published_text", "dateline", "place", "section", "url", "language", "notes")
        out: dict[str, Any] = {}
        for name in names:
            value = getattr(self, name).data
            out[name] = value.strip() or None if isinstance(value, str) else value
        if out["published"] is None:
            out["published_precision"] = DatePrecision.UNKNOWN.value
        return out

    def body_text(self) -> str:
        """The body as the browser sent it, with its line ends made Unix ones (a textarea
        sends CRLF; the stored text and every offset use LF)."""
        return (self.body.data or "").replace("\r\n", "\n").replace("\r", "\n")


class DeleteArticleForm(Form):
    version = HiddenField()
    submit = SubmitField("Delete this article")


def attach_error(form: Form, error: ServiceError, default: str | None = None) -> bool:
    """Show a service's complaint beside the field it names; False when no field fits."""
    name = error.field if error.field in form._fields else default
    if name is None or name not in form._fields:
        return False
    field = form._fields[name]
    field.errors = [*field.errors, error.message]
    return True
