"""/api/inquiries/<id>/compensation: the seller or an agent compensates the customer of a resolved case."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from servicekit.app import unit_of_work
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires
from servicekit.problems import Problem
from support import compensation, inquiries
from support.api.viewers import current_viewer
from support.domain.compensation_rules import KINDS, POINTS_LIMIT

blp = Blueprint("compensation", __name__, url_prefix="/api/inquiries", description="Compensation after a case")


class CompensationRequestSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    amount = Integer(
        load_default=None,
        allow_none=True,
        strict=True,
        minimum=1,
        maximum=max(POINTS_LIMIT.values()),
        metadata={"description": "Points, for kind points: at most 5,000 from a seller, 30,000 from an agent."},
    )
    coupon_id = fields.UUID(load_default=None, allow_none=True, metadata={"description": "For kind coupon."})


class CompensationSchema(Schema):
    id = fields.String()
    inquiry_id = fields.String()
    customer_id = fields.String()
    kind = fields.String()
    amount = fields.Integer(allow_none=True)
    coupon_id = fields.String(allow_none=True)
    granted_by = fields.String()
    granted_by_role = fields.String()
    granted_at = fields.AwareDateTime()


@blp.route("/<inquiry_id>/compensation")
class InquiryCompensation(MethodView):
    @requires()
    @blp.response(200, CompensationSchema)
    def get(self, inquiry_id):
        """The compensation granted for this case."""
        viewer = current_viewer()
        with unit_of_work() as uow:
            granted = compensation.compensation_of(uow, inquiries.inquiry_for(uow, viewer, inquiry_id))
            if granted is None:
                raise Problem(404, "no-compensation", "Not Found", "This case was not compensated.")
            return granted

    @requires("seller", "agent", "admin")
    @blp.arguments(CompensationRequestSchema)
    @blp.response(201, CompensationSchema)
    def post(self, body, inquiry_id):
        """Grant points or a coupon for a resolved (or closed) case, once per case."""
        viewer = current_viewer()
        fields_ = {**body, "coupon_id": None if body["coupon_id"] is None else str(body["coupon_id"])}
        with unit_of_work() as uow:
            inquiry = inquiries.inquiry_for(uow, viewer, inquiry_id, for_update=True)
            granted = compensation.grant_compensation(uow, viewer, inquiry, fields_)
            uow.commit()
            return granted
