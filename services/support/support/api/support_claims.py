"""/api/inquiries/<id>/claims: the customer asks for a refund, return or exchange of the inquiry's order."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from contracts.events.support import REFUND_REASONS
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires
from support import support_claims
from support.api.viewers import STAFF_WITHOUT_SECOND_FACTOR, current_viewer

blp = Blueprint("support_claims", __name__, url_prefix="/api/inquiries", description="Claims through support")


class ClaimLineSchema(Schema):
    product_id = fields.UUID(required=True)
    quantity = Integer(required=True, strict=True, minimum=1)


class ClaimRequestSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(support_claims.KINDS))
    reason_code = fields.String(required=True, validate=validate.OneOf(REFUND_REASONS))
    reason_text = fields.String(load_default="", validate=validate.Length(max=2000))
    lines = fields.List(
        fields.Nested(ClaimLineSchema), load_default=list, metadata={"description": "None: the whole order."}
    )


class SupportClaimSchema(Schema):
    id = fields.String()
    inquiry_id = fields.String()
    order_id = fields.String()
    kind = fields.String(metadata={"enum": list(support_claims.KINDS)})
    status = fields.String()
    reason_code = fields.String()
    reason_text = fields.String()
    amount = fields.Integer()
    rejection_reason = fields.String(allow_none=True)
    requested_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


@blp.route("/<inquiry_id>/claims")
class InquiryClaims(MethodView):
    @requires()
    @blp.response(200, SupportClaimSchema(many=True))
    @blp.problem(403, STAFF_WITHOUT_SECOND_FACTOR)
    def get(self, inquiry_id):
        """The claims asked for from this inquiry, oldest first, as orders last answered them."""
        return support_claims.claims_seen(runtime(), current_viewer(), inquiry_id)

    @requires("customer")
    @blp.arguments(ClaimRequestSchema)
    @blp.response(201, SupportClaimSchema)
    @blp.problem(409, "no-order, claim-open, inquiry-settled, or return-period-over.")
    def post(self, body, inquiry_id):
        """Ask for a refund, return or exchange of the inquiry's order (no lines: all of it); orders decides.
        One claim at a time per inquiry.
        """
        lines = [{**line, "product_id": str(line["product_id"])} for line in body["lines"]]
        return support_claims.request_claim(runtime(), current_viewer(), inquiry_id, {**body, "lines": lines})
