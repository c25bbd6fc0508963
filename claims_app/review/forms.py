"""The queue's filter form: a GET form, so a filtered queue is a link that can be shared and
every paging link keeps the filters (``args``)."""

from __future__ import annotations

from typing import Any

from wtforms import FloatField, HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from claims_app.claims.forms import KIND_LABELS
from claims_app.claims.models import ClaimKind
from claims_app.inputs import Form
from claims_app.review.services import QUEUE_FLAGS, QUEUE_SORTS, QUEUE_STATUSES, QueueFilters

_ANY = SelectChoice("", "any")
#: The filters' names in the query string, in the order links write them.
FILTER_NAMES = ("article", "speaker", "outlet", "kind", "status", "min_confidence",
                "max_confidence", *QUEUE_FLAGS, "assigned")
#: The value each switch-like filter has when it is on (any other value is off).
SET_VALUES = {**dict.fromkeys(QUEUE_FLAGS, "1"), "assigned": "me"}


class QueueFilterForm(Form):
    """Which claims the queue lists. Adding a filter: a field here, its name in
    FILTER_NAMES, a field of :class:`~claims_app.review.services.QueueFilters` and a line in
    :meth:`filters`. A yes/no flag (``?misquote=1``) is only its entry in
    :data:`~claims_app.review.services.QUEUE_FLAGS`: its hidden field is added below the
    class, and :meth:`filters` and :meth:`args` read every flag."""

    class Meta:
        csrf = False  # a GET form that changes nothing

    sort = SelectField("Order", choices=[SelectChoice(k, v) for k, v in QUEUE_SORTS.items()],
                       default="confidence", validators=[Optional()])
    article = HiddenField()
    #: "me": only the claims assigned to the viewer (the desk's assignments); the view says
    #: who is asking.
    assigned = HiddenField()
    speaker = StringField("Speaker", validators=[Optional(), Length(max=300)],
                          render_kw={"list": "queue-speakers", "autocomplete": "off"})
    outlet = SelectField("Outlet", choices=[_ANY], validators=[Optional()])
    kind = SelectField("Kind", choices=[_ANY, *(SelectChoice(k.value, v)
                                                for k, v in KIND_LABELS.items())],
                       validators=[Optional()])
    status = SelectField("Status", choices=[SelectChoice(k, v)
                                            for k, v in QUEUE_STATUSES.items()],
                         default="unreviewed", validators=[Optional()])
    min_confidence = FloatField("Confidence from",
                                validators=[Optional(), NumberRange(min=0.0, max=1.0)],
                                render_kw={"inputmode": "decimal", "placeholder": "0"})
    max_confidence = FloatField("Confidence to",
                                validators=[Optional(), NumberRange(min=0.0, max=1.0)],
                                render_kw={"inputmode": "decimal", "placeholder": "1"})

    def validate_max_confidence(self, field: Any) -> None:
        low = self.min_confidence.data
        if low is not None and field.data is not None and field.data < low:
            raise ValidationError("The upper bound is below the lower one.")

    def validate_article(self, field: Any) -> None:
        if field.data and not str(field.data).isdigit():
            raise ValidationError("An article is given by its number.")

    def filters(self, speaker_id: int | None, viewer_id: int | None = None) -> QueueFilters:
        """The valid form as the service's filters (``speaker_id`` resolved by the view;
        ``viewer_id`` is whose queue "assigned to me" means)."""
        return QueueFilters(
            status=self.status.data or "unreviewed",
            article_id=int(self.article.data) if self.article.data else None,
            speaker_id=speaker_id,
            outlet_id=int(self.outlet.data) if self.outlet.data else None,
            kind=ClaimKind(self.kind.data) if self.kind.data else None,
            min_confidence=self.min_confidence.data,
            max_confidence=self.max_confidence.data,
            flags=frozenset(name for name in QUEUE_FLAGS if self[name].data == "1"),
            assignee_id=viewer_id if self.assigned.data == "me" else None,
        )

    def args(self) -> dict[str, str]:
        """The filters and order as query-string arguments, for paging and action links."""
        out = {"sort": self.sort.data or "confidence"}
        for name in FILTER_NAMES:
            value = getattr(self, name).data
            flag = SET_VALUES.get(name)
            if value not in (None, "") and (flag is None or value == flag):
                out[name] = str(value)
        if out.get("status") == "unreviewed":
            del out["status"]  # the default: links stay short
        return out

    @property
    def narrowed(self) -> bool:
        """Whether any filter (not the order) is set: the filter box then opens."""
        return any(k != "sort" for k in self.args())


# One hidden field per yes/no flag ("1": on), so a new entry in QUEUE_FLAGS needs no line here.
for _flag in QUEUE_FLAGS:
    setattr(QueueFilterForm, _flag, HiddenField())
