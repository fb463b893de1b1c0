"""/internal/second-factor-*: the gateway sends sign-in challenges and checks second factors (A4).

Not under /api, so the gateway never forwards a client to them; only the gateway's own identity
(role "gateway") may call them.
"""
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from auth.api.second_factors import CodeSentSchema
from auth.api.viewers import origin_from
from auth.second_factors import checks
from auth.second_factors.enrolment import METHODS, WEBAUTHN
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from servicekit.languages import _

blp = Blueprint(
    "second_factor_checks", __name__, url_prefix="/internal", description="Second factors at sign-in, for the gateway"
)


def AccountId() -> fields.String:
    return fields.String(required=True, validate=validate.Length(min=1, max=36))


class ChallengeRequestSchema(Schema):
    account_id = AccountId()
    method = fields.String(required=True, validate=validate.OneOf(checks.CHALLENGE_METHODS))


class ChallengeSchema(CodeSentSchema):
    options = fields.Dict(metadata={
        "description": "webauthn only: PublicKeyCredentialRequestOptionsJSON for navigator.credentials.get()."
    })


class VerificationRequestSchema(Schema):
    account_id = AccountId()
    method = fields.String(required=True, validate=validate.OneOf(METHODS))
    code = fields.String(load_default=None, validate=validate.Length(min=1, max=64),
                         metadata={"description": "For totp, sms, email and recovery_code."})
    credential = fields.Dict(load_default=None, metadata={
        "description": "For webauthn: the browser's PublicKeyCredential for the options, as JSON (base64url)."
    })
    ip = fields.String(load_default=None, allow_none=True)
    user_agent = fields.String(load_default=None, allow_none=True)

    @validates_schema
    def _proof_of_the_method(self, data, **kwargs):
        if data.get("method") == WEBAUTHN and data.get("credential") is None:
            raise ValidationError({"credential": [_("A security key answers with its credential.")]})
        if data.get("method") not in (None, WEBAUTHN) and data.get("code") is None:
            raise ValidationError({"code": [_("This second factor is answered with a code.")]})


class VerifiedSchema(Schema):
    account_id = fields.String()
    method = fields.String()
    verified_at = fields.AwareDateTime()


@blp.route("/second-factor-challenges")
class SecondFactorChallenges(MethodView):
    @requires("gateway")
    @blp.arguments(ChallengeRequestSchema)
    @blp.response(200, ChallengeSchema)
    @blp.problem(409, "second-factor-not-enrolled, or no-contact.")
    def post(self, body):
        """Send a sign-in code (sms, email: `sent_to`, `expires_at`) or make a security-key challenge (`options`).

        409 second-factor-not-enrolled when the account does not use that method; 401 when it may not sign in.
        """
        return checks.send_challenge(body["account_id"], body["method"])


@blp.route("/second-factor-verifications")
class SecondFactorVerifications(MethodView):
    @requires("gateway")
    @blp.arguments(VerificationRequestSchema)
    @blp.response(200, VerifiedSchema)
    def post(self, body):
        """Check a second factor; 401 second-factor-invalid, the same for every kind of wrong, otherwise.

        Each failure counts towards locking the account; a locked or deactivated account always fails.
        """
        return checks.verify(
            body["account_id"], body["method"], code=body["code"], credential=body["credential"],
            origin=origin_from(body["ip"], body["user_agent"]),
        )
