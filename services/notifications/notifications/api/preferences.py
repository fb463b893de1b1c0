"""/api/notifications/preferences: which kinds reach you on which channel (N3); in-app is always on."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from notifications import preferences
from notifications.api import viewers
from notifications.domain.kinds import EMAIL, IN_APP, SMS
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires

blp = Blueprint("notification_preferences", __name__, url_prefix="/api/notifications/preferences",
                description="Choices of channel per kind of notification")


class KindChoiceSchema(Schema):
    kind = fields.String(required=True, validate=validate.Length(min=1, max=40))
    in_app = fields.Boolean(metadata={"description": "Always true: the inbox keeps every notification."})
    email = fields.Boolean()
    sms = fields.Boolean()


class PreferencesSchema(Schema):
    preferences = fields.List(fields.Nested(KindChoiceSchema), required=True, validate=validate.Length(max=100))


def _shown(choices: list[preferences.KindChoice]) -> dict:
    return {"preferences": [
        {"kind": choice.kind, **{channel: channel in choice.channels for channel in (IN_APP, EMAIL, SMS)}}
        for choice in choices
    ]}


@blp.route("")
class Preferences(MethodView):
    @requires()
    @blp.response(200, PreferencesSchema)
    @blp.problem(403, viewers.ACTING_WITHOUT_SECOND_FACTOR)
    def get(self):
        """Every kind that can reach you, and whether it does by email and SMS (defaults until you choose)."""
        reader = viewers.reader()
        return _shown(preferences.preferences_of(runtime(), reader.account_id, set(reader.roles)))

    @requires()
    @blp.arguments(PreferencesSchema)
    @blp.response(200, PreferencesSchema)
    @blp.problem(403, viewers.ACTING_WITHOUT_SECOND_FACTOR)
    def put(self, body):
        """Choose channels for the kinds listed (the others keep theirs); any refused choice changes nothing (422)."""
        reader = viewers.reader()
        chosen = preferences.choose(runtime(), reader.account_id, set(reader.roles), body["preferences"])
        return _shown(chosen)
