"""Desk forms: assign (a reviewer and a due note), a comment, and the small buttons."""

from __future__ import annotations

from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from claims_app.accounts.models import User
from claims_app.desk.comments import MAX_COMMENT
from claims_app.inputs import Form


class AssignForm(Form):
    """Assign an article or a claim; ``version`` is the current assignment's (empty when
    there is none), so two editors assigning at once cannot overwrite each other."""

    assignee = SelectField("Reviewer", coerce=int, validate_choice=True)
    due_note = StringField("Due (optional note)", validators=[Optional(), Length(max=300)],
                           description="e.g. “by Friday”")
    version = HiddenField()
    next = HiddenField()
    submit = SubmitField("Assign")

    def with_reviewers(self, users: list[User]) -> AssignForm:
        self.assignee.choices = [(u.id, u.display_name or u.username) for u in users]
        return self


class CommentForm(Form):
    text = TextAreaField("Comment", validators=[DataRequired(message="Write something first."),
                                                Length(max=MAX_COMMENT)],
                         render_kw={"rows": 3})
    version = HiddenField()
    next = HiddenField()
    submit = SubmitField("Post comment")


class ButtonForm(Form):
    """A CSRF-checked button on a versioned record (unassign, delete a comment)."""

    version = HiddenField()
    next = HiddenField()
