"""/api/orders: customers check out and manage their orders; sellers and admins read the orders they may see."""
from flask import url_for
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orders import checkout, lifecycle, visible_orders
from orders.api.shipments import REFUND_FAILED, ShipmentSchema, shown_shipment
from orders.api.viewers import SELLER_WITHOUT_SECOND_FACTOR, current_viewer
from orders.domain.checkout import MAX_LINES, MAX_QUANTITY, MAX_UNIT_PRICE, RequestedLine
from orders.domain.lifecycle import STATUSES
from orders.domain.visibility import Viewer
from orders.models import Order
from servicekit.app import runtime, settings
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires
from servicekit.languages import _

blp = Blueprint("orders", __name__, url_prefix="/api/orders", description="Checkout and orders")

CANCEL_REASONS = ("changed_mind", "ordered_wrong", "found_cheaper", "delivery_too_slow", "other")


class RequestedLineSchema(Schema):
    product_id = fields.UUID(required=True)
    variant_id = fields.UUID(load_default=None, allow_none=True)
    seller_id = fields.UUID(required=True, metadata={"description": "The seller the storefront showed."})
    quantity = Integer(required=True, strict=True, minimum=1, maximum=MAX_QUANTITY)
    unit_price = Integer(
        required=True,
        strict=True,
        minimum=0, maximum=MAX_UNIT_PRICE,
        metadata={"description": "The price the customer saw; catalog refuses the order if it changed."},
    )


class ShippingAddressSchema(Schema):
    recipient_name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    phone = fields.String(required=True, validate=validate.Regexp(r"^0\d{8,10}$", error=str(_("Use 9 to 11 digits, e.g. 01012345678."))))
    postcode = fields.String(required=True, validate=validate.Regexp(r"^\d{5}$", error=str(_("Use the 5-digit postcode."))))
    address1 = fields.String(required=True, validate=validate.Length(min=1, max=200))
    address2 = fields.String(load_default="", validate=validate.Length(max=200))
    note = fields.String(load_default="", validate=validate.Length(max=200))


class PaymentSchema(Schema):
    method = fields.String(required=True, validate=validate.OneOf(("card",)))
    token = fields.String(
        required=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "The provider's one-time token; with the test provider, tok_decline... is declined."},
    )


class QuoteRequestSchema(Schema):
    items = fields.List(
        fields.Nested(RequestedLineSchema), required=True, validate=validate.Length(min=1, max=MAX_LINES)
    )
    shipping_address = fields.Nested(ShippingAddressSchema, required=True)
    coupon_ids = fields.List(fields.UUID(), load_default=list, validate=validate.Length(max=10))
    points = Integer(load_default=0, strict=True, minimum=0, maximum=10**9)
    # The checkout page asks for a quote with the same body it will place: a payment may be in it.
    payment = fields.Nested(PaymentSchema, load_default=None)


class PlaceOrderSchema(QuoteRequestSchema):
    payment = fields.Nested(PaymentSchema, required=True)


class ShipmentQuoteSchema(Schema):
    seller_id = fields.String()
    items_amount = fields.Integer()
    shipping_fee = fields.Integer()
    discount = fields.Integer()


class QuoteSchema(Schema):
    items_amount = fields.Integer()
    shipping_fee = fields.Integer()
    discount = fields.Integer()
    points_used = fields.Integer()
    total_amount = fields.Integer()
    shipments = fields.List(fields.Nested(ShipmentQuoteSchema))


class IdempotencyHeaderSchema(Schema):
    idempotency_key = fields.String(
        data_key="Idempotency-Key",
        validate=validate.Regexp(r"^[\x21-\x7e]{1,100}$", error=str(_("Use 1 to 100 visible ASCII characters."))),
        metadata={"description": "Repeat it to retry safely: the same body answers with the same order."},
    )


class OrderLineSchema(Schema):
    line_no = fields.Integer()
    shipment_id = fields.String(allow_none=True)
    product_id = fields.String()
    variant_id = fields.String(allow_none=True)
    seller_id = fields.String(allow_none=True)
    product_name = fields.String(allow_none=True)
    quantity = fields.Integer()
    unit_price = fields.Integer()
    cancelled_quantity = fields.Integer()
    returned_quantity = fields.Integer()
    refunded_amount = fields.Integer()


class AddressOutSchema(Schema):
    recipient_name = fields.String()
    phone = fields.String()
    postcode = fields.String()
    address1 = fields.String()
    address2 = fields.String()
    note = fields.String()


class OrderSchema(Schema):
    id = fields.String()
    order_number = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    cancel_reason = fields.String(allow_none=True)
    cancel_detail = fields.String(allow_none=True)
    items_amount = fields.Integer()
    shipping_fee = fields.Integer()
    discount = fields.Integer()
    points_used = fields.Integer()
    total_amount = fields.Integer(metadata={"description": "Paid by card; for a seller, the total of their own lines."})
    refunded_amount = fields.Integer()
    shipping_address = fields.Nested(AddressOutSchema, allow_none=True)
    lines = fields.List(fields.Nested(OrderLineSchema))
    shipments = fields.List(fields.Nested(ShipmentSchema))
    created_at = fields.AwareDateTime()
    paid_at = fields.AwareDateTime(allow_none=True)
    cancelled_at = fields.AwareDateTime(allow_none=True)


# Made once: a schema's making copies every field, and these serve every request.
_ORDER_FIELDS = tuple(OrderSchema().fields)
_PLACE_ORDER = PlaceOrderSchema()


class OrderQuerySchema(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))


class CancelOrderSchema(Schema):
    reason_code = fields.String(required=True, validate=validate.OneOf(CANCEL_REASONS))


def _address(order: Order) -> dict:
    return {
        "recipient_name": order.recipient_name,
        "phone": order.recipient_phone,
        "postcode": order.postcode,
        "address1": order.address1,
        "address2": order.address2,
        "note": order.delivery_note,
    }


def _shown(order: Order, viewer: Viewer) -> dict:
    """The order as this viewer may see it: a seller gets only their lines and shipment, and their total."""
    lines = viewer.shown_lines(order.customer_id, order.lines)
    shown = {name: getattr(order, name) for name in _ORDER_FIELDS if hasattr(order, name)}
    shown["lines"] = lines
    shown["shipping_address"] = _address(order)
    whole = viewer.sees_whole(order.customer_id)
    shipments = [s for s in order.shipments if whole or s.seller_id == viewer.seller_id]
    shown["shipments"] = [shown_shipment(s) for s in shipments]
    if not whole:
        # A seller sees what their own shipment brought in; the customer's points and card are not theirs.
        shown["items_amount"] = sum(s.items_amount for s in shipments)
        shown["shipping_fee"] = sum(s.shipping_fee for s in shipments)
        shown["discount"] = sum(s.discount for s in shipments)
        shown["points_used"] = 0
        shown["refunded_amount"] = sum(line.refunded_amount for line in lines)
        shown["total_amount"] = shown["items_amount"] + shown["shipping_fee"] - shown["discount"]
    return shown


def _checkout_request(body: dict) -> checkout.CheckoutRequest:
    lines = [
        RequestedLine(
            product_id=str(item["product_id"]),
            seller_id=str(item["seller_id"]),
            quantity=item["quantity"],
            unit_price=item["unit_price"],
            variant_id=None if item["variant_id"] is None else str(item["variant_id"]),
        )
        for item in body["items"]
    ]
    address = body["shipping_address"]
    payment = body.get("payment") or {"method": "", "token": ""}
    return checkout.CheckoutRequest(
        lines=lines,
        address=checkout.ShippingAddress(**address),
        coupon_ids=[str(coupon) for coupon in body["coupon_ids"]],
        points=body["points"],
        payment_method=payment["method"],
        payment_token=payment["token"],
        payment_provider=settings().payment_provider,
        body=_PLACE_ORDER.dump(body),
    )


@blp.route("")
class Orders(MethodView):
    @requires()
    @blp.arguments(OrderQuerySchema, location="query")
    @blp.response(200, OrderSchema(many=True))
    @blp.paginate()
    @blp.problem(403, SELLER_WITHOUT_SECOND_FACTOR)
    def get(self, query, pagination_parameters):
        """The orders the caller may see, newest first."""
        viewer = current_viewer()
        orders = visible_orders.orders_page(runtime(), viewer, query.get("status"), pagination_parameters)
        return [_shown(order, viewer) for order in orders]

    @requires("customer")
    @blp.arguments(IdempotencyHeaderSchema, location="headers")
    @blp.arguments(PlaceOrderSchema)
    @blp.response(202, OrderSchema)
    @blp.problem(409, "coupon-already-used: a coupon of the order was used meanwhile.")
    def post(self, headers, body):
        """Check out: priced here, pending until catalog reserves the stock, then paid (or cancelled, saying why)."""
        viewer = current_viewer()
        order = checkout.place_order(runtime(), viewer.subject, _checkout_request(body), headers.get("idempotency_key"))
        return _shown(order, viewer), {"Location": url_for("orders.OrderById", order_id=order.id)}


@blp.route("/quotes")
class Quotes(MethodView):
    @requires("customer")
    @blp.arguments(QuoteRequestSchema)
    @blp.response(200, QuoteSchema)
    def post(self, body):
        """What this checkout would cost, priced exactly as placing it would; nothing is placed or spent."""
        return checkout.quote_checkout(runtime(), current_viewer().subject, _checkout_request(body))


@blp.route("/<order_id>")
class OrderById(MethodView):
    @requires()
    @blp.response(200, OrderSchema)
    @blp.problem(403, SELLER_WITHOUT_SECOND_FACTOR)
    def get(self, order_id):
        """One order the caller may see, with each shipment's tracking; others are not found."""
        viewer = current_viewer()
        return _shown(visible_orders.order_seen(runtime(), viewer, order_id), viewer)


@blp.route("/<order_id>/cancellation")
class OrderCancellation(MethodView):
    @requires("customer")
    @blp.arguments(CancelOrderSchema)
    @blp.response(200, OrderSchema)
    @blp.problem(409, "cancellation-not-allowed: a seller confirmed part of it; or illegal-transition.")
    @blp.problem(502, REFUND_FAILED)
    def post(self, body, order_id):
        """Cancel the whole order at once and be refunded; only while no seller has confirmed it."""
        viewer = current_viewer()
        return _shown(lifecycle.cancel_order(runtime(), viewer, order_id, body["reason_code"]), viewer)


@blp.route("/<order_id>/shipping-address")
class OrderShippingAddress(MethodView):
    @requires("customer")
    @blp.arguments(ShippingAddressSchema)
    @blp.response(200, OrderSchema)
    @blp.problem(409, "address-change-too-late: part of the order has shipped.")
    def put(self, body, order_id):
        """Change where the order goes, before anything of it ships."""
        viewer = current_viewer()
        return _shown(lifecycle.change_shipping_address(runtime(), viewer, order_id, body), viewer)
