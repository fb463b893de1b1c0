"""/api/session/devices: the browsers signed in to the account; end one of them, or all."""
from flask.views import MethodView
from marshmallow import Schema, fields

from gateway.browser_sessions import required_session, signed_out
from gateway.devices import sign_out_device, sign_out_everywhere, signed_in_devices
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.languages import _
from servicekit.problems import Problem

blp = Blueprint(
    "devices", __name__, url_prefix="/api/session/devices", description="The browsers signed in to the account"
)
NOT_SIGNED_IN = "Not signed in, or the sign-in still waits for its second factor (second-factor-required)."


class DeviceSchema(Schema):
    id = fields.String(attribute="handle", metadata={"description": "The session's handle."})
    user_agent = fields.String(allow_none=True)
    ip = fields.String(allow_none=True, metadata={"description": "The address it signed in from."})
    created_at = fields.AwareDateTime(metadata={"description": "When it signed in."})
    last_seen_at = fields.AwareDateTime(metadata={"description": "Its last use, to the minute."})
    current = fields.Boolean(metadata={"description": "This is the browser asking."})
    second_factor_pending = fields.Boolean(metadata={"description": "Signed in with the password only, so far."})


@blp.route("")
class SignedInDevices(MethodView):
    @blp.signed_in()
    @blp.response(200, DeviceSchema(many=True))
    @blp.problem(401, NOT_SIGNED_IN)
    def get(self):
        """The account's active sessions, newest first."""
        return signed_in_devices(runtime(), required_session())

    @blp.signed_in()
    @blp.response(204)
    @blp.problem(401, NOT_SIGNED_IN)
    def delete(self):
        """Sign out everywhere: every session of the account ends, this one too."""
        sign_out_everywhere(runtime(), required_session().account_id)
        return signed_out()


@blp.route("/<handle>")
class SignedInDevice(MethodView):
    @blp.signed_in()
    @blp.response(204)
    @blp.problem(401, NOT_SIGNED_IN)
    @blp.problem(404, "None of the account's active sessions has this id.")
    def delete(self, handle):
        """Sign one browser out at once (this one too, when it is its id)."""
        user_session = required_session()
        revoked = sign_out_device(runtime(), user_session.account_id, handle)
        if revoked is None:
            raise Problem(404, "device-not-found", "Not Found", _("None of your signed-in devices has this id."))
        return signed_out() if revoked == user_session.id else None
