"""Account forms."""

from __future__ import annotations

from wtforms import (
    HiddenField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import AnyOf, DataRequired, EqualTo, Length, Optional

from claims_app.accounts.models import Role
from claims_app.accounts.passwords import MIN_LENGTH
from claims_app.inputs import Form


class LoginForm(Form):
    username = StringField("Username", validators=[DataRequired(), Length(max=80)],
                           render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField("Password", validators=[DataRequired(), Length(max=256)],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField("Log in")


def policy_help() -> str:
    """The password rules in words, shown beside every new-password field."""
    return (f"At least {MIN_LENGTH} characters, hard to guess (no common password, keyboard "
            "pattern, date or word with digits added), and not containing the username.")


class ChangePasswordForm(Form):
    current_password = PasswordField("Current password",
                                     validators=[DataRequired(), Length(max=256)],
                                     render_kw={"autocomplete": "current-password"})
    new_password = PasswordField("New password", validators=[DataRequired(), Length(max=256)],
                                 render_kw={"autocomplete": "new-password"})
    confirm = PasswordField("New password again",
                            validators=[DataRequired(),
                                        EqualTo("new_password", "The two new passwords differ.")],
                            render_kw={"autocomplete": "new-password"})
    submit = SubmitField("Change password")


def _role_choices() -> list[SelectChoice]:
    return [SelectChoice(r.value) for r in Role]


class CreateUserForm(Form):
    username = StringField("Username", validators=[DataRequired(), Length(max=80)],
                           render_kw={"autocomplete": "off"})
    display_name = StringField("Display name", validators=[Optional(), Length(max=200)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=256)],
                             render_kw={"autocomplete": "new-password"})
    role = SelectField("Role", choices=_role_choices, default=Role.VIEWER.value)
    submit = SubmitField("Create user")


class RoleForm(Form):
    role = SelectField("Role", choices=_role_choices)
    submit = SubmitField("Change role")


class ActiveForm(Form):
    active = HiddenField(validators=[AnyOf(["0", "1"])])


class LogoutEverywhereForm(Form):
    """CSRF only: ending every session is a change, so it is a POST with a token."""

    submit = SubmitField("Log out everywhere")
