"""/api/campaign-windows: admins announce sales and campaigns, during which first answers are due sooner."""
import uuid
from datetime import datetime, timezone

from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from sqlalchemy import select

from servicekit.app import unit_of_work
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires
from servicekit.pagination import page_of
from servicekit.problems import Problem
from support.api.viewers import current_viewer
from support.domain.response_targets import CAMPAIGN_FIRST_RESPONSE_HOURS, FIRST_RESPONSE_HOURS
from support.models.agents import CampaignWindow

blp = Blueprint("campaign-windows", __name__, url_prefix="/api/campaign-windows", description="Campaign windows")


class NewCampaignWindowSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    first_response_hours = Integer(
        load_default=CAMPAIGN_FIRST_RESPONSE_HOURS, strict=True, minimum=1, maximum=FIRST_RESPONSE_HOURS
    )

    @validates_schema
    def _ends_after_start(self, data, **_):
        if data["ends_at"] <= data["starts_at"]:
            raise ValidationError("Must be after starts_at.", "ends_at")


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
        with unit_of_work() as uow:
            statement = select(CampaignWindow).order_by(CampaignWindow.starts_at.desc(), CampaignWindow.id)
            return list(page_of(uow.session, statement, pagination_parameters))

    @requires("admin")
    @blp.arguments(NewCampaignWindowSchema)
    @blp.response(201, CampaignWindowSchema)
    def post(self, body):
        """Announce a campaign: inquiries opened during it are due a first answer within its hours."""
        viewer = current_viewer()
        with unit_of_work() as uow:
            window = CampaignWindow(id=str(uuid.uuid4()), created_by=viewer.subject,
                                    created_at=datetime.now(timezone.utc), **body)
            uow.session.add(window)
            uow.commit()
            return window


@blp.route("/<uuid:window_id>")
class CampaignWindowById(MethodView):
    @requires("admin")
    @blp.response(204)
    def delete(self, window_id):
        """Call a campaign off; inquiries already opened keep their due times."""
        current_viewer()
        with unit_of_work() as uow:
            window = uow.session.get(CampaignWindow, str(window_id))
            if window is None:
                raise Problem(404, "campaign-window-not-found", "Not Found", "No campaign window has this id.")
            uow.session.delete(window)
            uow.commit()
