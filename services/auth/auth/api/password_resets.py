"""/api/password-resets: "find password" (A5), a code to the registered email or phone, then a new password."""
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates

from auth import credentials
from auth.api.fields import Password
from auth.api.sessions import SESSIONS_ENDED_DOC, sessions_ended
from auth.api.viewers import request_origin
from auth.domain.accounts import parse_login
from servicekit.blueprints import Blueprint
from servicekit.languages import Message, _, translate

blp = Blueprint(
    "password_resets", __name__, url_prefix="/api/password-resets", description="Password reset with a code"
)


class CodeRequestSchema(Schema):
    login = fields.String(
        required=True,
        validate=validate.Length(min=1, max=254),
        metadata={"description": "The email address or mobile number the account signs in with."},
    )

    @validates("login")
    def _email_or_mobile(self, login, **kwargs):
        parsed = parse_login(login)
        if not (parsed.email or parsed.phone):
            # A list: marshmallow wraps only a str in one, and every field message is a list.
            raise ValidationError([_("Give the email address or the mobile number you sign in with.")])


class LoginCodeSchema(CodeRequestSchema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=32))


class CodeConfirmationSchema(LoginCodeSchema):
    new_password = Password(required=True)


class CodeRequestAcceptedSchema(Schema):
    detail = fields.String()


CODE_REQUEST_ACCEPTED = _("If an account signs in with this email or phone, a code is on its way to it. "
                          "It works once and expires soon.")


def accepted(detail: Message) -> dict:
    """The answer to a request taken for later (a code on its way), in the caller's language."""
    return {"detail": translate(detail)}


@blp.route("")
class PasswordResets(MethodView):
    @blp.arguments(CodeRequestSchema)
    @blp.response(202, CodeRequestAcceptedSchema)
    def post(self, reset):
        """Ask for a reset code; the answer is the same whether or not an account has this email or phone."""
        credentials.request_password_reset(reset["login"], request_origin())
        return accepted(CODE_REQUEST_ACCEPTED)


@blp.route("/confirm")
class PasswordResetConfirmation(MethodView):
    @blp.arguments(CodeConfirmationSchema)
    @blp.response(204, headers=SESSIONS_ENDED_DOC)
    @blp.problem(400, "reset-code-invalid: the code is wrong, used or expired.")
    def post(self, confirmation):
        """Set a new password with the code; every session of the account ends.

        400 reset-code-invalid for any wrong, used or expired code (or unknown login); 422 naming the
        failed rules for a weak password, checked before the code is spent.
        """
        account_id = credentials.confirm_password_reset(
            confirmation["login"], confirmation["code"], confirmation["new_password"], request_origin()
        )
        return None, sessions_ended(account_id)
