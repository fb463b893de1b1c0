"""/api/shipments: each seller's part of an order, moved along its lifecycle by the seller and the customer."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orders import lifecycle, visible_orders
from orders.api.viewers import SELLER_WITHOUT_SECOND_FACTOR, current_viewer
from orders.domain.carriers import CARRIERS
from orders.domain.lifecycle import STATUSES, purchase_confirmation_due_at
from orders.models import Shipment
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires

# How the steps of a shipment and refunds are refused, as the OpenAPI documents name it.
ILLEGAL_STEP = "illegal-transition: the shipment is not in a status this step follows."
REFUND_FAILED = "refund-failed: the payment provider refused the refund; nothing changed, try again later."

blp = Blueprint("shipments", __name__, url_prefix="/api/shipments", description="Shipments and their lifecycle")

CUSTOMER_CANCEL_REASONS = ("changed_mind", "ordered_wrong", "found_cheaper", "delivery_too_slow", "other")
SELLER_CANCEL_REASONS = ("out_of_stock", "cannot_deliver", "customer_asked", "other")


class TrackingSchema(Schema):
    carrier = fields.String()
    carrier_name = fields.String()
    tracking_number = fields.String()
    tracking_url = fields.String()


class ShipmentLineSchema(Schema):
    line_no = fields.Integer()
    product_id = fields.String()
    variant_id = fields.String(allow_none=True)
    product_name = fields.String(allow_none=True)
    quantity = fields.Integer()
    unit_price = fields.Integer()
    cancelled_quantity = fields.Integer()
    returned_quantity = fields.Integer()


class ShipmentSchema(Schema):
    id = fields.String()
    order_id = fields.String()
    order_number = fields.String()
    seller_id = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    items_amount = fields.Integer()
    shipping_fee = fields.Integer()
    discount = fields.Integer()
    tracking = fields.Nested(TrackingSchema, allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    lines = fields.List(fields.Nested(ShipmentLineSchema))
    created_at = fields.AwareDateTime()
    paid_at = fields.AwareDateTime(allow_none=True)
    preparing_at = fields.AwareDateTime(allow_none=True)
    shipped_at = fields.AwareDateTime(allow_none=True)
    delivered_at = fields.AwareDateTime(allow_none=True)
    purchase_confirmed_at = fields.AwareDateTime(allow_none=True)
    cancelled_at = fields.AwareDateTime(allow_none=True)
    purchase_confirmation_due_at = fields.AwareDateTime(allow_none=True)


# Made once: a schema's making copies every field, and every shipment shown reads these names.
_SHIPMENT_FIELDS = tuple(ShipmentSchema().fields)


class ShipmentQuerySchema(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    q = fields.String(
        validate=validate.Length(min=1, max=100),
        metadata={"description": "An order number, the recipient's name or phone, or part of a product name."},
    )


class DispatchSchema(Schema):
    carrier = fields.String(required=True, validate=validate.OneOf(sorted(CARRIERS)))
    tracking_number = fields.String(required=True, validate=validate.Length(min=1, max=40))


class CancelShipmentSchema(Schema):
    reason_code = fields.String(
        required=True, validate=validate.OneOf(sorted(set(CUSTOMER_CANCEL_REASONS) | set(SELLER_CANCEL_REASONS)))
    )
    detail = fields.String(load_default="", validate=validate.Length(max=1000))


def shown_shipment(shipment: Shipment) -> dict:
    shown = {name: getattr(shipment, name) for name in _SHIPMENT_FIELDS if hasattr(shipment, name)}
    shown["order_number"] = shipment.order.order_number
    shown["tracking"] = lifecycle.tracking_of(shipment)
    shown["purchase_confirmation_due_at"] = purchase_confirmation_due_at(shipment.status, shipment.delivered_at)
    return shown


def _acted(action, shipment_id: str, *args) -> dict:
    """Run one lifecycle use case on a shipment for the caller and answer the shipment."""
    return shown_shipment(action(runtime(), current_viewer(), shipment_id, *args))


@blp.route("")
class Shipments(MethodView):
    @requires("seller", "admin")
    @blp.arguments(ShipmentQuerySchema, location="query")
    @blp.response(200, ShipmentSchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """A seller's shipments (an admin's: all), oldest first, so the longest-waiting comes first."""
        shipments = visible_orders.shipments_page(
            runtime(), current_viewer(), query.get("status"), query.get("q"), pagination_parameters
        )
        return [shown_shipment(s) for s in shipments]


@blp.route("/<shipment_id>")
class ShipmentById(MethodView):
    @requires()
    @blp.response(200, ShipmentSchema)
    @blp.problem(403, SELLER_WITHOUT_SECOND_FACTOR)
    def get(self, shipment_id):
        return shown_shipment(visible_orders.shipment_seen(runtime(), current_viewer(), shipment_id))


@blp.route("/<shipment_id>/confirmation")
class ShipmentConfirmation(MethodView):
    @requires("seller", "admin")
    @blp.response(200, ShipmentSchema)
    @blp.problem(409, ILLEGAL_STEP)
    def post(self, shipment_id):
        """The seller confirms a paid shipment: it is now being prepared."""
        return _acted(lifecycle.confirm_shipment, shipment_id)


@blp.route("/<shipment_id>/dispatch")
class ShipmentDispatch(MethodView):
    @requires("seller", "admin")
    @blp.arguments(DispatchSchema)
    @blp.response(200, ShipmentSchema)
    @blp.problem(409, ILLEGAL_STEP)
    def post(self, body, shipment_id):
        """The seller hands the shipment to a carrier, with its tracking number."""
        return _acted(lifecycle.dispatch_shipment, shipment_id, body["carrier"], body["tracking_number"])


@blp.route("/<shipment_id>/delivery")
class ShipmentDelivery(MethodView):
    @requires("seller", "admin")
    @blp.response(200, ShipmentSchema)
    @blp.problem(409, ILLEGAL_STEP)
    def post(self, shipment_id):
        """The shipment reached the customer."""
        return _acted(lifecycle.mark_delivered, shipment_id)


@blp.route("/<shipment_id>/purchase-confirmation")
class PurchaseConfirmation(MethodView):
    @requires("customer")
    @blp.response(200, ShipmentSchema)
    @blp.problem(409, "claim-open: a claim on it is not settled; or illegal-transition.")
    def post(self, shipment_id):
        """The customer confirms the purchase; it earns points and ends the time for returns."""
        return _acted(lifecycle.confirm_purchase, shipment_id)


@blp.route("/<shipment_id>/cancellation")
class ShipmentCancellation(MethodView):
    @requires("customer", "seller", "admin")
    @blp.arguments(CancelShipmentSchema)
    @blp.response(200, ShipmentSchema)
    @blp.problem(409, "cancellation-not-allowed: it is too late for the caller to cancel; or illegal-transition.")
    @blp.problem(502, REFUND_FAILED)
    def post(self, body, shipment_id):
        """Cancel before shipping and refund: the customer until the seller confirms, the seller until it ships."""
        return _acted(lifecycle.cancel_shipment, shipment_id, body["reason_code"], body["detail"])
