"""/api/settlements/payout-holds: admins hold a seller's payouts with a reason, and lift the hold."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor
from servicekit.languages import _
from servicekit.problems import Problem
from settlements import payout_holds
from settlements.api import viewers

blp = Blueprint("payout_holds", __name__, url_prefix="/api/settlements/payout-holds",
                description="Admins' holds on sellers' payouts")

SELLER_ID = validate.Regexp(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class HoldReasonSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=1000))


class PayoutHoldSchema(Schema):
    seller_id = fields.String()
    business_name = fields.String(allow_none=True, metadata={
        "description": "The seller's registered business name, in the list of holds."})
    reason = fields.String()
    held_by = fields.String()
    held_at = fields.AwareDateTime()


@blp.route("")
class PayoutHolds(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.response(200, PayoutHoldSchema(many=True))
    def get(self):
        """Every seller whose payouts are held, the latest hold first."""
        return payout_holds.holds(runtime())


@blp.route("/<seller_id>")
class PayoutHold(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.arguments(HoldReasonSchema)
    @blp.response(200, PayoutHoldSchema)
    def put(self, body, seller_id):
        """Hold the seller's payouts: those not sent yet and every later one wait until the hold is lifted."""
        if not SELLER_ID.regex.match(seller_id):
            raise Problem(422, "validation-failed", _("Unprocessable Entity"), _("That is no seller's id."),
                          errors={"seller_id": [_("A seller's id (a UUID).")]})
        return payout_holds.hold_seller(runtime(), viewers.admin_id(), seller_id, body["reason"])

    @requires("admin")
    @requires_second_factor
    @blp.response(204)
    @blp.problem(404, "hold-not-found: the seller's payouts are not held.")
    def delete(self, seller_id):
        """Lift the hold: the payouts it held go on the worker's next run."""
        payout_holds.lift_hold(runtime(), seller_id)
