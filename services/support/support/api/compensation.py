"""/api/inquiries/<id>/compensation: the seller or an agent compensates the customer of a resolved case."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from contracts.events.orders import COMPENSATION_REFUSALS
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires
from support import compensation
from support.api.viewers import STAFF_WITHOUT_SECOND_FACTOR, current_viewer
from support.domain.compensation_rules import KINDS, POINTS_LIMIT, STATUSES

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
    status = fields.String(
        metadata={"enum": list(STATUSES), "description": "granted until orders answers; then issued or refused."}
    )
    settled_at = fields.AwareDateTime(allow_none=True, metadata={"description": "When orders answered."})
    issued_coupon_id = fields.String(allow_none=True, metadata={"description": "The customer's copy of the coupon."})
    refusal_reason = fields.String(
        allow_none=True,
        metadata={
            "enum": list(COMPENSATION_REFUSALS),
            "description": "Why orders issued nothing; the case went back to a person and may be compensated again.",
        },
    )


@blp.route("/<inquiry_id>/compensation")
class InquiryCompensation(MethodView):
    @requires()
    @blp.response(200, CompensationSchema)
    @blp.problem(403, STAFF_WITHOUT_SECOND_FACTOR)
    def get(self, inquiry_id):
        """The compensation last granted for this case, as orders answered it."""
        return compensation.compensation_seen(runtime(), current_viewer(), inquiry_id)

    @requires("seller", "agent", "admin")
    @blp.arguments(CompensationRequestSchema)
    @blp.response(201, CompensationSchema)
    @blp.problem(409, "not-settled: only a resolved or closed case; or already-compensated.")
    def post(self, body, inquiry_id):
        """Grant points or a coupon for a resolved (or closed) case, once per case (again once orders refused it)."""
        fields_ = {**body, "coupon_id": None if body["coupon_id"] is None else str(body["coupon_id"])}
        return compensation.grant_compensation(runtime(), current_viewer(), inquiry_id, fields_)
