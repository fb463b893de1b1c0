"""Events produced by the orders service."""
from marshmallow import Schema, fields, validate

from contracts.fields import Id, Quantity, Timestamp, Won
from contracts.registry import event

CANCELLATION_REASONS = (
    "insufficient_stock",
    "price_changed",
    "product_unavailable",
    "customer_request",
    "payment_failed",
)


class PlacedLine(Schema):
    product_id = Id()
    quantity = Quantity()
    unit_price = Won()


class ConfirmedLine(Schema):
    product_id = Id()
    seller_id = Id()
    product_name = fields.String(required=True)
    quantity = Quantity()
    unit_price = Won()


@event("OrderPlaced", 1, producer="orders", subscribers=("catalog",))
class OrderPlacedV1(Schema):
    """A customer placed an order; it waits for catalog to reserve its stock."""

    order_id = Id()
    customer_id = Id()
    lines = fields.List(fields.Nested(PlacedLine), required=True, validate=validate.Length(min=1))
    total_amount = Won()
    placed_at = Timestamp()


@event("OrderConfirmed", 1, producer="orders", subscribers=())
class OrderConfirmedV1(Schema):
    """An order's stock is reserved; the order is confirmed and its sellers can see it."""

    order_id = Id()
    customer_id = Id()
    lines = fields.List(fields.Nested(ConfirmedLine), required=True, validate=validate.Length(min=1))
    total_amount = Won()
    confirmed_at = Timestamp()


@event("OrderCancelled", 1, producer="orders", subscribers=("catalog",))
class OrderCancelledV1(Schema):
    """An order was cancelled; any stock reserved for it is to be released."""

    order_id = Id()
    customer_id = Id()
    reason = fields.String(required=True, validate=validate.OneOf(CANCELLATION_REASONS))
    detail = fields.String(required=True)
    cancelled_at = Timestamp()
