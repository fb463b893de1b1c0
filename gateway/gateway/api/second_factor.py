"""/api/session/2fa: proving the second factor, to finish signing in or to confirm it is still you (a step-up)."""
from flask import Response, make_response
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from gateway.api.session import AUTH_BROKE, AUTH_TOO_SLOW, SessionSchema
from gateway.authentication import AuthDeclined
from gateway.browser_sessions import forget_session_cookie, required_session, set_session_cookie
from gateway.extension import auth_client
from gateway.second_factor_steps import SignInEnded, WrongSecondFactor, prove_second_factor
from gateway.upstreams import UpstreamResponse
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.languages import _
from servicekit.problems import Problem, problem_response

blp = Blueprint(
    "second_factor", __name__, url_prefix="/api/session/2fa",
    description="Proving the second factor: finishing a sign-in, or a step-up before a sensitive action",
)

METHODS = ("totp", "sms", "email", "webauthn", "recovery_code")
# The methods where auth first sends something: a code by SMS or email, a challenge for the security key.
CHALLENGE_METHODS = ("sms", "email", "webauthn")
TOO_MANY_ATTEMPTS = "Too many attempts for this session, this account or from this address; see Retry-After."


class SecondFactorProofSchema(Schema):
    method = fields.String(required=True, validate=validate.OneOf(METHODS))
    code = fields.String(
        validate=validate.Length(min=1, max=64),
        metadata={"description": "The code from the app, the SMS or email, or a recovery code (not for webauthn)."},
    )
    credential = fields.Dict(
        metadata={"description": "For webauthn: the security key's assertion (PublicKeyCredential as JSON)."}
    )

    @validates_schema
    def _proof_fits_the_method(self, data, **kwargs):
        if data.get("method") == "webauthn":
            if "credential" not in data:
                raise ValidationError("A security key proves itself with a credential.", "credential")
            if "code" in data:
                raise ValidationError("A security key sends a credential, not a code.", "code")
        elif "method" in data:
            if "code" not in data:
                raise ValidationError("Send the code.", "code")
            if "credential" in data:
                raise ValidationError("Only a security key sends a credential.", "credential")


class ChallengeRequestSchema(Schema):
    method = fields.String(required=True, validate=validate.OneOf(CHALLENGE_METHODS))


class ChallengeSchema(Schema):
    method = fields.String()
    sent_to = fields.String(metadata={"description": "Where the code went, masked (sms, email)."})
    expires_at = fields.AwareDateTime(metadata={"description": "When the code stops working (sms, email)."})
    options = fields.Dict(metadata={"description": "For webauthn: the options for navigator.credentials.get()."})


@blp.route("")
class SecondFactorProof(MethodView):
    @blp.signed_in()
    @blp.arguments(SecondFactorProofSchema)
    @blp.response(200, SessionSchema)
    @blp.problem(
        401,
        "Not signed in; the proof is wrong, used or expired (second-factor-invalid); or a pending "
        "session sent too many wrong ones and ended (second-factor-attempts-exhausted): sign in again.",
    )
    @blp.problem(429, TOO_MANY_ATTEMPTS)
    @blp.problem(502, AUTH_BROKE)
    @blp.problem(504, AUTH_TOO_SLOW)
    def post(self, proof):
        """Prove the second factor.

        With a pending session this finishes signing in: the session gets a new id and cookie (and a new
        csrf_token). With a signed-in session it is a step-up: second_factor_at becomes now.
        """
        user_session = required_session()
        try:
            proved = prove_second_factor(
                runtime(), auth_client(), user_session, proof["method"], proof.get("code"), proof.get("credential")
            )
        except WrongSecondFactor as wrong:
            return _refused(wrong.attempts_left)
        except AuthDeclined as declined:
            return _passed_on(declined.response)
        except SignInEnded:
            raise Problem(401, "unauthenticated", "Unauthorized", _("This sign-in has ended: sign in again.")) from None
        if proved.token is None:
            return proved.session
        # A finished sign-in: its new session has a cookie of its own.
        response = make_response(SessionSchema().dump(proved.session), 200)
        set_session_cookie(response, proved.token, proved.session)
        return response


@blp.route("/challenge")
class SecondFactorChallenge(MethodView):
    @blp.signed_in()
    @blp.arguments(ChallengeRequestSchema)
    @blp.response(200, ChallengeSchema)
    @blp.problem(401, "Not signed in.")
    @blp.problem(409, "second-factor-not-enrolled, or no-contact: auth's refusal, as it is.")
    @blp.problem(429, TOO_MANY_ATTEMPTS)
    @blp.problem(502, AUTH_BROKE)
    @blp.problem(504, AUTH_TOO_SLOW)
    def post(self, challenge):
        """Have a code sent by SMS or email, or get a challenge for the security key.

        Auth's refusals (a method not enrolled, too many codes sent) come back as they are.
        """
        user_session = required_session()
        return _passed_on(auth_client().request_second_factor_challenge(user_session.account_id, challenge["method"]))


def _refused(attempts_left: int | None) -> Response:
    if attempts_left == 0:
        response = problem_response(
            Problem(
                401, "second-factor-attempts-exhausted", "Unauthorized",
                _("Too many wrong codes: sign in again with your password."),
            )
        )
        forget_session_cookie(response)
        return response
    extra = {} if attempts_left is None else {"attempts_left": attempts_left}
    raise Problem(401, "second-factor-invalid", "Unauthorized", _("The code is wrong, expired or already used."), **extra)


def _passed_on(answer: UpstreamResponse) -> Response:
    return Response(answer.content, status=answer.status_code, content_type=answer.headers.get("Content-Type"))
