"""/api/campaign-windows: admins announce sales and campaigns, during which first answers are due sooner."""
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires
from servicekit.languages import _
from support import campaign_windows
from support.api.viewers import current_viewer
from support.domain.response_targets import CAMPAIGN_FIRST_RESPONSE_HOURS, FIRST_RESPONSE_HOURS

blp = Blueprint("campaign-windows", __name__, url_prefix="/api/campaign-windows", description="Campaign windows")


class NewCampaignWindowSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    first_response_hours = Integer(
        load_default=CAMPAIGN_FIRST_RESPONSE_HOURS, strict=True, minimum=1, maximum=FIRST_RESPONSE_HOURS
    )

    @validates_schema
    def _ends_after_start(self, data, **kwargs):
        if data["ends_at"] <= data["starts_at"]:
            raise ValidationError([_("Must be after starts_at.")], "ends_at")


class CampaignWindowSchema(Schema):
    id = fields.String()
    name = fields.String()
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    first_response_hours = fields.Integer()
    created_by = fields.String()
    created_at = fields.AwareDateTime()


@blp.route("")
class CampaignWindows(MethodView):
    @requires("admin")
    @blp.response(200, CampaignWindowSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters):
        """Campaign windows, latest start first."""
        current_viewer()
        return campaign_windows.windows_page(runtime(), pagination_parameters)

    @requires("admin")
    @blp.arguments(NewCampaignWindowSchema)
    @blp.response(201, CampaignWindowSchema)
    def post(self, body):
        """Announce a campaign: inquiries opened during it are due a first answer within its hours."""
        return campaign_windows.announce_window(runtime(), current_viewer(), body)


@blp.route("/<uuid:window_id>")
class CampaignWindowById(MethodView):
    @requires("admin")
    @blp.response(204)
    def delete(self, window_id):
        """Call a campaign off; inquiries already opened keep their due times."""
        current_viewer()
        campaign_windows.call_off_window(runtime(), str(window_id))
