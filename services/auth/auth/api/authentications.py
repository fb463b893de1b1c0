"""/internal/authentications: the gateway checks an id and password before opening a session.

Not under /api, so the gateway never forwards a client to it; only the gateway's own identity
(role "gateway") may call it.
"""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from auth import sign_in
from auth.api.viewers import origin_from
from auth.second_factors.enrolment import METHODS
from servicekit.blueprints import Blueprint
from servicekit.identity import requires

blp = Blueprint(
    "authentications", __name__, url_prefix="/internal/authentications", description="Password checks for the gateway"
)


class CredentialsSchema(Schema):
    login = fields.String(required=True, validate=validate.Length(min=1, max=254),
                          metadata={"description": "An email address or a mobile number."})
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=1024))
    # Where the client is, as the gateway saw it: kept in the audit log and told in new-device notices.
    # Neither is refused for its shape (a sign-in must not fail over a header): a bad address is dropped.
    ip = fields.String(load_default=None, allow_none=True)
    user_agent = fields.String(load_default=None, allow_none=True)
    device_id = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=64),
        metadata={"description": "What the gateway knows the browser by; a new one is told to the owner."},
    )


class AuthenticationSchema(Schema):
    account_id = fields.String()
    name = fields.String()
    roles = fields.List(fields.String())
    seller_id = fields.String(allow_none=True)
    seller_status = fields.String(allow_none=True)
    second_factors = fields.List(
        fields.String(metadata={"enum": list(METHODS)}),
        metadata={"description": "The second factors to ask for next; empty when the account has none."},
    )
    password_change_recommended = fields.Boolean(
        metadata={"description": "The password is older than the policy's maximum age: remind the owner."}
    )


@blp.route("")
class Authentications(MethodView):
    @requires("gateway")
    @blp.arguments(CredentialsSchema)
    @blp.response(200, AuthenticationSchema)
    def post(self, credentials):
        """Who these credentials belong to; 401 invalid-credentials, the same every time, otherwise.

        A locked or deactivated account is refused like a wrong password; wrong passwords count towards a lock.
        """
        return sign_in.authenticate(
            credentials["login"],
            credentials["password"],
            origin_from(credentials["ip"], credentials["user_agent"]),
            credentials["device_id"],
        )
