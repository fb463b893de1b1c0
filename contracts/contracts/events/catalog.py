"""Events produced by the catalog service."""
from marshmallow import Schema, fields, validate

from contracts.fields import Id, Quantity, Timestamp, Won
from contracts.registry import event

RESERVATION_FAILURE_REASONS = ("insufficient_stock", "price_changed", "product_unavailable")


class ReservedLine(Schema):
    product_id = Id()
    seller_id = Id()
    product_name = fields.String(required=True)
    quantity = Quantity()
    unit_price = Won()
    # Additive to v1: the variant reserved and the product's category, for sales by category.
    variant_id = Id(required=False, load_default=None, allow_none=True)
    category_id = Id(required=False, load_default=None, allow_none=True)


@event("StockReserved", 1, producer="catalog", subscribers=("orders",))
class StockReservedV1(Schema):
    """Catalog reserved the stock of every line of an order at the prices the customer saw."""

    order_id = Id()
    lines = fields.List(fields.Nested(ReservedLine), required=True, validate=validate.Length(min=1))
    reserved_at = Timestamp()


@event("StockReservationFailed", 1, producer="catalog", subscribers=("orders",))
class StockReservationFailedV1(Schema):
    """Catalog could not reserve an order's stock; nothing was reserved."""

    order_id = Id()
    reason = fields.String(required=True, validate=validate.OneOf(RESERVATION_FAILURE_REASONS))
    detail = fields.String(required=True)
    product_ids = fields.List(Id(), required=True)
    failed_at = Timestamp()


@event("StockLow", 1, producer="catalog", subscribers=("notifications",))
class StockLowV1(Schema):
    """A product's stock fell to or below the low-stock threshold its seller set; sent once per crossing.

    The notifications service tells the seller.
    """

    product_id = Id()
    seller_id = Id()
    product_name = fields.String(required=True)
    stock = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    threshold = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    at = Timestamp()


SHIPPING_METHODS = ("parcel", "quick", "direct")


@event("ShippingSettingsChanged", 1, producer="catalog", subscribers=("orders",))
class ShippingSettingsChangedV1(Schema):
    """A seller changed their shipping settings (C3); the amounts are what orders charge from now on."""

    seller_id = Id()
    methods = fields.List(
        fields.String(validate=validate.OneOf(SHIPPING_METHODS)), required=True, validate=validate.Length(min=1)
    )
    base_fee = Won()
    # None: an order is never shipped free, however large.
    free_shipping_threshold = Won(allow_none=True)
    remote_area_extra_fee = Won()
    return_fee = Won()
    exchange_fee = Won()
    changed_at = Timestamp()


@event("ProductListed", 1, producer="catalog", subscribers=("support",))
class ProductListedV1(Schema):
    """A seller listed a product; support and reviews learn whose it is and its name."""

    product_id = Id()
    seller_id = Id()
    name = fields.String(required=True)
    category_id = Id(required=False, load_default=None, allow_none=True)
    listed_at = Timestamp()


@event("ProductChanged", 1, producer="catalog", subscribers=("support",))
class ProductChangedV1(Schema):
    """A product's name, category or status changed (deleted products say `deleted`)."""

    product_id = Id()
    seller_id = Id()
    name = fields.String(required=True)
    category_id = Id(required=False, load_default=None, allow_none=True)
    status = fields.String(required=True)
    changed_at = Timestamp()
