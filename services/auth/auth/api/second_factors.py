"""/api/second-factors: a signed-in user enrols and removes second factors (A4), and makes recovery codes.

Removing a factor needs a second factor proved in the last few minutes (a step-up); so do adding
another factor and remaking recovery codes once one is enrolled, so that a stolen session cannot
give itself a factor of its own.
"""
import segno
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from auth.api.viewers import request_origin, viewer
from auth.second_factors import authenticator_app, contact_factors, enrolment, security_keys
from contracts.session_instructions import SECOND_FACTOR_HEADER, SECOND_FACTOR_VERIFIED
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_recent_second_factor

blp = Blueprint("second_factors", __name__, url_prefix="/api/second-factors", description="Two-factor enrolment")

# Tells the gateway the caller has just proved a second factor: it marks their session as having done so.
SESSION_SECOND_FACTOR = {SECOND_FACTOR_HEADER: SECOND_FACTOR_VERIFIED}
# Secrets and recovery codes are shown once and kept by no cache on the way.
NO_STORE = {"Cache-Control": "no-store"}
ENROLLED_HEADERS = {**SESSION_SECOND_FACTOR, **NO_STORE}
ENROLLED_HEADERS_DOC = {
    SECOND_FACTOR_HEADER: {"description": "`verified`: the caller has just proved this second factor.",
                           "schema": {"type": "string", "enum": [SECOND_FACTOR_VERIFIED]}},
}


class CodeSchema(Schema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=32))


class TotpEnrolmentSchema(Schema):
    secret = fields.String(metadata={"description": "The base32 secret, for typing into an app that cannot scan."})
    otpauth_uri = fields.String(metadata={"description": "otpauth://totp/... with issuer Marketplace."})
    qr_svg = fields.Method(
        "_qr_svg", metadata={"description": "The otpauth URI as a QR code: an SVG data URI, usable as an image src."}
    )

    def _qr_svg(self, enrolment) -> str:
        return segno.make(enrolment.otpauth_uri, error="m").svg_data_uri(scale=4)


class WebAuthnCredentialSchema(Schema):
    id = fields.String()
    name = fields.String()
    transports = fields.List(fields.String())
    created_at = fields.AwareDateTime()
    last_used_at = fields.AwareDateTime(allow_none=True)


class EnrolmentSchema(Schema):
    method = fields.String(metadata={"enum": [m for m in enrolment.METHODS if m != enrolment.RECOVERY_CODE]})
    enrolled_at = fields.AwareDateTime()
    credential = fields.Nested(WebAuthnCredentialSchema, allow_none=True,
                               metadata={"description": "The security key registered; null for other factors."})
    recovery_codes = fields.List(
        fields.String(), allow_none=True,
        metadata={"description": "With the account's first factor only (null otherwise): ten one-time codes, "
                                 "shown this once."},
    )


class CodeSentSchema(Schema):
    method = fields.String()
    sent_to = fields.String(metadata={"description": "The contact the code went to, partly hidden."})
    expires_at = fields.AwareDateTime()


class OverviewSchema(Schema):
    methods = fields.List(fields.String(metadata={"enum": list(enrolment.METHODS)}),
                          metadata={"description": "What can sign the account in as a second factor."})
    totp_status = fields.String(metadata={"enum": [enrolment.TOTP_NONE, enrolment.TOTP_PENDING,
                                                   enrolment.TOTP_ACTIVE]})
    webauthn_credentials = fields.List(fields.Nested(WebAuthnCredentialSchema))
    recovery_codes_remaining = fields.Integer()


class RecoveryCodesSchema(Schema):
    recovery_codes = fields.List(fields.String(), metadata={"description": "Ten one-time codes, shown this once."})


class RegistrationSchema(Schema):
    name = fields.String(required=True, validate=[validate.Length(min=1, max=100), validate.Regexp(r"\S")],
                         metadata={"description": "What the owner calls this key, e.g. 'YubiKey on my keyring'."})
    credential = fields.Dict(required=True, metadata={
        "description": "The browser's PublicKeyCredential for the registration options, as JSON (base64url)."
    })


@blp.route("")
class SecondFactors(MethodView):
    @requires()
    @blp.response(200, OverviewSchema)
    def get(self):
        """The caller's second factors: what signs them in, the authenticator app, security keys, codes left."""
        return enrolment.overview(viewer().account_id)


@blp.route("/totp")
class Totp(MethodView):
    @requires()
    @blp.response(201, TotpEnrolmentSchema)
    @blp.problem(403, "step-up-required: another factor is enrolled.")
    @blp.problem(404, "account-not-found: the signed-in account is gone.")
    @blp.problem(409, "second-factor-enrolled: the authenticator app is enrolled already.")
    def post(self):
        """Start enrolling an authenticator app; a first code from it confirms it (POST .../totp/confirmation).

        Needs a step-up when another factor is enrolled. Starting again replaces an enrolment not yet
        confirmed; once one is confirmed, 409.
        """
        return authenticator_app.start_enrolment(viewer()), NO_STORE

    @requires_recent_second_factor
    @blp.response(204)
    @blp.problem(404, "second-factor-not-enrolled, or account-not-found.")
    def delete(self):
        """Remove the authenticator app (needs a step-up); the owner is told."""
        authenticator_app.remove(viewer().account_id, request_origin())


@blp.route("/totp/confirmation")
class TotpConfirmation(MethodView):
    @requires()
    @blp.arguments(CodeSchema)
    @blp.response(200, EnrolmentSchema, headers=ENROLLED_HEADERS_DOC)
    @blp.problem(404, "account-not-found: the signed-in account is gone.")
    @blp.problem(409, "totp-enrolment-not-started, or second-factor-enrolled.")
    def post(self, body):
        """Confirm the authenticator app with the code it shows now; 422 invalid-code when it is wrong."""
        confirmed = authenticator_app.confirm_enrolment(viewer().account_id, body["code"], request_origin())
        return confirmed, ENROLLED_HEADERS


@blp.route("/<any(sms, email):method>")
class ContactFactor(MethodView):
    @requires()
    @blp.response(202, CodeSentSchema)
    @blp.problem(403, "step-up-required: another factor is enrolled.")
    @blp.problem(409, "no-contact: the account has no such phone or email; or second-factor-enrolled.")
    def post(self, method):
        """Send a code to the account's registered phone (sms) or email; 409 when it has no such contact.

        Needs a step-up when another factor is enrolled.
        """
        return contact_factors.send_check(viewer(), method)

    @requires_recent_second_factor
    @blp.response(204)
    def delete(self, method):
        """Stop signing in with codes by SMS or email (needs a step-up); the owner is told."""
        contact_factors.remove(viewer().account_id, method, request_origin())


@blp.route("/<any(sms, email):method>/confirmation")
class ContactFactorConfirmation(MethodView):
    @requires()
    @blp.arguments(CodeSchema)
    @blp.response(200, EnrolmentSchema, headers=ENROLLED_HEADERS_DOC)
    @blp.problem(409, "second-factor-enrolled: it is enrolled already.")
    def post(self, body, method):
        """Enable codes by SMS or email with the code just sent; 422 invalid-code when it is wrong or expired."""
        confirmed = contact_factors.confirm(viewer().account_id, method, body["code"], request_origin())
        return confirmed, ENROLLED_HEADERS


@blp.route("/webauthn")
class WebAuthnCredentials(MethodView):
    @requires()
    @blp.response(200, WebAuthnCredentialSchema(many=True))
    def get(self):
        """The caller's security keys, oldest first."""
        return security_keys.keys_of(viewer().account_id)


@blp.route("/webauthn/registration-options")
class WebAuthnRegistrationOptions(MethodView):
    @requires()
    @blp.response(200, description="PublicKeyCredentialCreationOptionsJSON for navigator.credentials.create(); "
                                   "answer within 5 minutes, once.")
    @blp.problem(403, "step-up-required: another factor is enrolled.")
    @blp.problem(404, "account-not-found: the signed-in account is gone.")
    def post(self):
        """Start registering a security key or passkey; needs a step-up when another factor is enrolled."""
        return security_keys.registration_options(viewer())


@blp.route("/webauthn/registrations")
class WebAuthnRegistrations(MethodView):
    @requires()
    @blp.arguments(RegistrationSchema)
    @blp.response(201, EnrolmentSchema, headers=ENROLLED_HEADERS_DOC)
    @blp.problem(404, "account-not-found: the signed-in account is gone.")
    @blp.problem(409, "webauthn-ceremony-expired (ask for options again), or webauthn-credential-registered.")
    def post(self, body):
        """Register the security key that answered the registration options; 422 when its answer does not verify."""
        registered = security_keys.register(viewer().account_id, body["name"], body["credential"], request_origin())
        return registered, ENROLLED_HEADERS


@blp.route("/webauthn/<uuid:credential_id>")
class WebAuthnCredentialById(MethodView):
    @requires_recent_second_factor
    @blp.response(204)
    def delete(self, credential_id):
        """Remove a security key (needs a step-up); the owner is told."""
        security_keys.remove(viewer().account_id, str(credential_id), request_origin())


@blp.route("/recovery-codes")
class RecoveryCodes(MethodView):
    @requires()
    @blp.response(201, RecoveryCodesSchema)
    @blp.problem(403, "step-up-required: a second factor is enrolled.")
    @blp.problem(404, "account-not-found: the signed-in account is gone.")
    def post(self):
        """Make ten new recovery codes; the old ones stop working. Needs a step-up once a factor is enrolled."""
        return {"recovery_codes": enrolment.regenerate_recovery_codes(viewer(), request_origin())}, NO_STORE
