"""/api/claims: customers ask to cancel, return, exchange or be refunded; sellers decide and complete."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from contracts.events.orders import CLAIM_REASONS
from orders import claims
from orders.api.shipments import REFUND_FAILED
from orders.api.viewers import SELLER_WITHOUT_SECOND_FACTOR, current_viewer
from orders.domain.carriers import CARRIERS
from orders.domain.claims import KINDS, STATES
from orders.models.claims import Claim
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires

blp = Blueprint("claims", __name__, url_prefix="/api/claims", description="Cancel, return, exchange and refund claims")


class ClaimedLineSchema(Schema):
    line_no = Integer(required=True, strict=True, minimum=1)
    quantity = Integer(required=True, strict=True, minimum=1)


class OpenClaimSchema(Schema):
    shipment_id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    reason_code = fields.String(required=True, validate=validate.OneOf(CLAIM_REASONS))
    reason_text = fields.String(load_default="", validate=validate.Length(max=2000))
    lines = fields.List(
        fields.Nested(ClaimedLineSchema),
        load_default=list,
        metadata={"description": "Units claimed; none means every unit of the shipment still bought."},
    )


class RejectClaimSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=1000))


class CompleteClaimSchema(Schema):
    carrier = fields.String(
        validate=validate.OneOf(sorted(CARRIERS)), metadata={"description": "Exchanges: the replacement's carrier."}
    )
    tracking_number = fields.String(validate=validate.Length(min=1, max=40))


class ClaimQuerySchema(Schema):
    status = fields.String(validate=validate.OneOf(STATES))
    kind = fields.String(validate=validate.OneOf(KINDS))


class ClaimLineSchema(Schema):
    line_no = fields.Integer()
    product_id = fields.String()
    variant_id = fields.String(allow_none=True)
    product_name = fields.String(allow_none=True)
    unit_price = fields.Integer()
    quantity = fields.Integer()


class ReplacementSchema(Schema):
    carrier = fields.String()
    tracking_number = fields.String()


class ClaimSchema(Schema):
    id = fields.String()
    order_id = fields.String()
    shipment_id = fields.String()
    seller_id = fields.String()
    customer_id = fields.String()
    kind = fields.String(metadata={"enum": list(KINDS)})
    status = fields.String(metadata={"enum": list(STATES)})
    reason_code = fields.String()
    reason_text = fields.String()
    source = fields.String(metadata={"enum": ["customer", "support"]})
    inquiry_id = fields.String(allow_none=True)
    lines = fields.List(fields.Nested(ClaimLineSchema))
    refunded_amount = fields.Integer()
    fee_owed = fields.Integer(metadata={"description": "An exchange fee the customer owes the seller."})
    rejection_reason = fields.String(allow_none=True)
    replacement = fields.Nested(ReplacementSchema, allow_none=True)
    requested_at = fields.AwareDateTime()
    approved_at = fields.AwareDateTime(allow_none=True)
    completed_at = fields.AwareDateTime(allow_none=True)
    rejected_at = fields.AwareDateTime(allow_none=True)
    withdrawn_at = fields.AwareDateTime(allow_none=True)


# Made once: a schema's making copies every field, and every claim shown reads these names.
_CLAIM_FIELDS = tuple(ClaimSchema().fields)


def shown_claim(claim: Claim) -> dict:
    shown = {name: getattr(claim, name) for name in _CLAIM_FIELDS if hasattr(claim, name)}
    shown["lines"] = [
        {
            "line_no": claimed.line_no,
            "product_id": claimed.line.product_id,
            "variant_id": claimed.line.variant_id,
            "product_name": claimed.line.product_name,
            "unit_price": claimed.line.unit_price,
            "quantity": claimed.quantity,
        }
        for claimed in claim.lines
    ]
    shown["replacement"] = (
        None
        if claim.replacement_carrier is None
        else {"carrier": claim.replacement_carrier, "tracking_number": claim.replacement_tracking_number}
    )
    return shown


@blp.route("")
class Claims(MethodView):
    @requires()
    @blp.arguments(ClaimQuerySchema, location="query")
    @blp.response(200, ClaimSchema(many=True))
    @blp.paginate()
    @blp.problem(403, SELLER_WITHOUT_SECOND_FACTOR)
    def get(self, query, pagination_parameters):
        """A customer's claims, a seller's claims on their shipments (an admin's: all), newest first."""
        found = claims.claims_page(
            runtime(), current_viewer(), query.get("status"), query.get("kind"), pagination_parameters
        )
        return [shown_claim(c) for c in found]

    @requires("customer")
    @blp.arguments(OpenClaimSchema)
    @blp.response(201, ClaimSchema)
    @blp.problem(404, "shipment-not-found: the customer has no such shipment.")
    @blp.problem(409, "claim-not-allowed, nothing-to-claim, or return-period-over.")
    @blp.problem(502, REFUND_FAILED)
    def post(self, body):
        """Ask to cancel (while preparing; at once while paid), return, exchange or be refunded units of a shipment."""
        claim = claims.open_claim(
            runtime(),
            current_viewer(),
            body["shipment_id"],
            body["kind"],
            body["reason_code"],
            body["reason_text"],
            body["lines"],
        )
        return shown_claim(claim)


@blp.route("/<claim_id>")
class ClaimById(MethodView):
    @requires()
    @blp.response(200, ClaimSchema)
    @blp.problem(403, SELLER_WITHOUT_SECOND_FACTOR)
    def get(self, claim_id):
        return shown_claim(claims.claim_seen(runtime(), current_viewer(), claim_id))


@blp.route("/<claim_id>/approval")
class ClaimApproval(MethodView):
    @requires("seller", "admin")
    @blp.response(200, ClaimSchema)
    @blp.problem(409, "illegal-transition: the claim is decided already; or claim-not-allowed.")
    @blp.problem(502, REFUND_FAILED)
    def post(self, claim_id):
        """The seller agrees: a cancellation or refund pays back at once (step-up needed); a return or an
        exchange waits for the goods.
        """
        return shown_claim(claims.approve_claim(runtime(), current_viewer(), claim_id))


@blp.route("/<claim_id>/rejection")
class ClaimRejection(MethodView):
    @requires("seller", "admin")
    @blp.arguments(RejectClaimSchema)
    @blp.response(200, ClaimSchema)
    @blp.problem(409, "illegal-transition: the claim is decided already.")
    def post(self, body, claim_id):
        """The seller refuses a requested claim, saying why."""
        return shown_claim(claims.reject_claim(runtime(), current_viewer(), claim_id, body["reason"]))


@blp.route("/<claim_id>/completion")
class ClaimCompletion(MethodView):
    @requires("seller", "admin")
    @blp.arguments(CompleteClaimSchema)
    @blp.response(200, ClaimSchema)
    @blp.problem(409, "illegal-transition: the claim is not approved, or is completed already.")
    @blp.problem(502, REFUND_FAILED)
    def post(self, body, claim_id):
        """The goods came back: a return is refunded (step-up needed); an exchange names its replacement's tracking."""
        claim = claims.complete_claim(
            runtime(), current_viewer(), claim_id, body.get("carrier"), body.get("tracking_number")
        )
        return shown_claim(claim)


@blp.route("/<claim_id>/withdrawal")
class ClaimWithdrawal(MethodView):
    @requires("customer")
    @blp.response(200, ClaimSchema)
    @blp.problem(409, "illegal-transition: the seller decided already.")
    def post(self, claim_id):
        """The customer takes back a claim the seller has not decided."""
        return shown_claim(claims.withdraw_claim(runtime(), current_viewer(), claim_id))
