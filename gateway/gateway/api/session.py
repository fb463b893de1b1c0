"""/api/session: sign in, see who is signed in, sign out."""
from flask import make_response
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from gateway.authentication import LoginFailed
from gateway.browser_sessions import (
    current_session,
    device_token,
    required_session,
    session_cookie_token,
    set_device_cookie,
    set_session_cookie,
    signed_out,
)
from gateway.domain.session_tokens import device_id_of
from gateway.extension import auth_client
from gateway.sign_in import sign_in, sign_out
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.languages import _
from servicekit.problems import Problem

blp = Blueprint("session", __name__, url_prefix="/api/session", description="The browser's signed-in session")
# What a step that asks auth may answer instead (503, auth unreachable, as every operation documents).
AUTH_BROKE = "bad-gateway: auth gave an answer that is not HTTP."
AUTH_TOO_SLOW = "upstream-timeout: auth did not answer in time."


class LoginSchema(Schema):
    login = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=1024))


class SessionSchema(Schema):
    handle = fields.String(metadata={"description": "This session's id in GET /api/session/devices."})
    account_id = fields.String()
    name = fields.String()
    roles = fields.List(fields.String())
    seller_id = fields.String(allow_none=True)
    csrf_token = fields.String(
        metadata={"description": "Send it back in the X-CSRF-Token header of every POST, PUT, PATCH and DELETE."}
    )
    expires_at = fields.AwareDateTime(
        metadata={
            "description": "When the session ends unless used again; each use extends it, up to 12 hours "
            "(5 minutes while the second factor is still required)."
        }
    )
    second_factor_required = fields.Boolean(
        attribute="second_factor_pending",
        metadata={
            "description": "The password passed but the second factor is still due: until POST /api/session/2fa "
            "succeeds, nothing else can be done with this session."
        },
    )
    second_factor_at = fields.AwareDateTime(
        allow_none=True, metadata={"description": "When this session last proved a second factor; null if never."}
    )


class SignInSchema(SessionSchema):
    second_factors = fields.List(
        fields.String(),
        metadata={"description": "The second factors the account can finish signing in with: totp, sms, email, "
                                 "webauthn, recovery_code. Empty when the password alone signs it in."},
    )
    password_change_recommended = fields.Boolean(
        metadata={"description": "The password is old: suggest changing it."}
    )


@blp.route("")
class CurrentSession(MethodView):
    @blp.arguments(LoginSchema)
    @blp.response(201, SignInSchema)
    @blp.problem(401, "The login or password is wrong.")
    @blp.problem(429, "Too many attempts from this address or for this login; see Retry-After.")
    @blp.problem(502, AUTH_BROKE)
    @blp.problem(504, AUTH_TOO_SLOW)
    def post(self, credentials):
        """Sign in: a new session and its cookie; any session the browser had is ended.

        When the account has a second factor, the session is pending (second_factor_required) until
        POST /api/session/2fa proves it.
        """
        device = device_token()
        try:
            signed_in = sign_in(
                runtime(), auth_client(), credentials["login"], credentials["password"], device_id_of(device),
                replaced_token=session_cookie_token(),
            )
        except LoginFailed:
            raise Problem(401, "login-failed", "Unauthorized", _("The id or password is wrong.")) from None
        outcome = SignInSchema(only=("second_factors", "password_change_recommended")).dump(signed_in.authentication)
        response = make_response(SignInSchema().dump(signed_in.session) | outcome, 201)
        set_session_cookie(response, signed_in.token, signed_in.session)
        set_device_cookie(response, device)
        return response

    @blp.signed_in()
    @blp.response(200, SessionSchema)
    @blp.problem(401, "Not signed in.")
    def get(self):
        """The current session."""
        return required_session()

    @blp.response(204)
    def delete(self):
        """Sign out: the session is revoked and its cookie cleared."""
        user_session = current_session()
        if user_session is not None:
            sign_out(runtime(), user_session.id)
        return signed_out()

