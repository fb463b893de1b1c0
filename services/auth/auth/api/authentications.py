"""/internal/authentications: the gateway checks an id and password before opening a session.

Not under /api, so the gateway never forwards a client to it; only the gateway's own identity
(role "gateway") may call it.
"""
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from auth import services
from servicekit.app import unit_of_work
from servicekit.identity import requires

blp = Blueprint(
    "authentications", __name__, url_prefix="/internal/authentications", description="Password checks for the gateway"
)


class CredentialsSchema(Schema):
    login = fields.String(required=True, validate=validate.Length(min=1, max=254),
                          metadata={"description": "An email address or a mobile number."})
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=1024))


class AuthenticationSchema(Schema):
    account_id = fields.String()
    name = fields.String()
    roles = fields.List(fields.String())
    seller_id = fields.String(allow_none=True)
    seller_status = fields.String(allow_none=True)


@blp.route("")
class Authentications(MethodView):
    @requires("gateway")
    @blp.arguments(CredentialsSchema)
    @blp.response(200, AuthenticationSchema)
    def post(self, credentials):
        """Who these credentials belong to; 401 invalid-credentials, the same every time, otherwise."""
        with unit_of_work() as uow:
            return services.authenticate(uow, credentials["login"], credentials["password"])
