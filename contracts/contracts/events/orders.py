"""Events produced by the orders service: placement, the lifecycle of each seller's shipment, claims,
refunds, points and coupons.

An order holds one shipment per seller; the lifecycle events (OrderPreparing to PurchaseConfirmed)
name the shipment they move, since each seller confirms and ships their own part.
"""
from marshmallow import Schema, fields, validate

from contracts.events.support import CompensationTerms
from contracts.fields import Id, Quantity, Timestamp, Won
from contracts.registry import event

CANCELLATION_REASONS = (
    "insufficient_stock",
    "price_changed",
    "product_unavailable",
    "customer_request",
    "payment_failed",
    "seller_request",
    # Additive to v1: catalog's answer never came within orders' deadline (e.g. it was dead-lettered).
    "timed_out",
)
CLAIM_KINDS = ("cancel", "return", "exchange", "refund")
CLAIM_REASONS = (
    "changed_mind",
    "ordered_wrong",
    "defective",
    "damaged",
    "wrong_item",
    "not_delivered",
    "late_delivery",
    "out_of_stock",
    "other",
)
POINT_KINDS = ("purchase_reward", "review_reward", "compensation", "checkout", "refund", "expiry", "adjustment")
# Why orders issues nothing for a compensation support granted: its coupon has no copy left, has ended, was
# withdrawn or is not one orders knows; or the grant lacks the amount or coupon its kind needs; or (additive to
# v1) the coupon is not the grantor's: a seller's staff grant their own shop's coupons, the platform's agents
# platform coupons.
COMPENSATION_REFUSALS = (
    "coupon_sold_out", "coupon_expired", "coupon_withdrawn", "coupon_unknown", "incomplete", "coupon_not_grantors",
)


class PlacedLine(Schema):
    product_id = Id()
    quantity = Quantity()
    unit_price = Won()
    # Additive to v1: the seller and variant the customer chose; catalog refuses a mismatch.
    seller_id = Id(required=False, load_default=None, allow_none=True)
    variant_id = Id(required=False, load_default=None, allow_none=True)


class SoldLine(Schema):
    line_no = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    product_id = Id()
    variant_id = Id(required=False, load_default=None, allow_none=True)
    seller_id = Id()
    product_name = fields.String(required=True)
    category_id = Id(required=False, load_default=None, allow_none=True)
    quantity = Quantity()
    unit_price = Won()


class ShipmentSummary(Schema):
    shipment_id = Id()
    seller_id = Id()
    shipping_fee = Won()
    discount = Won()
    # Additive to v1: the part of `discount` that came from the seller's own coupon; the rest
    # (discount - seller_discount) is the platform coupon's share, which the platform bears.
    seller_discount = Won(required=False, load_default=None, allow_none=True)


class MovedQuantity(Schema):
    """Some units of one order line, e.g. cancelled or returned; catalog puts them back in stock."""

    line_no = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    product_id = Id()
    variant_id = Id(required=False, load_default=None, allow_none=True)
    quantity = Quantity()


@event("OrderPlaced", 1, producer="orders", subscribers=("catalog",))
class OrderPlacedV1(Schema):
    """A customer placed an order; it waits for catalog to reserve its stock, then for payment."""

    order_id = Id()
    customer_id = Id()
    lines = fields.List(fields.Nested(PlacedLine), required=True, validate=validate.Length(min=1))
    total_amount = Won()
    placed_at = Timestamp()


@event("OrderPaid", 1, producer="orders", subscribers=("support", "notifications", "settlements"))
class OrderPaidV1(Schema):
    """The stock is reserved and the payment went through: each seller can now prepare their shipment."""

    order_id = Id()
    order_number = fields.String(required=True)
    customer_id = Id()
    lines = fields.List(fields.Nested(SoldLine), required=True, validate=validate.Length(min=1))
    shipments = fields.List(fields.Nested(ShipmentSummary), required=True, validate=validate.Length(min=1))
    items_amount = Won()
    shipping_fee = Won()
    discount = Won()
    points_used = Won()
    paid_amount = Won()
    paid_at = Timestamp()


@event("OrderCancelled", 1, producer="orders", subscribers=("catalog", "support"))
class OrderCancelledV1(Schema):
    """An order was cancelled as a whole; any stock reserved for it is to be released."""

    order_id = Id()
    customer_id = Id()
    reason = fields.String(required=True, validate=validate.OneOf(CANCELLATION_REASONS))
    detail = fields.String(required=True)
    cancelled_at = Timestamp()


class _ShipmentEvent(Schema):
    order_id = Id()
    order_number = fields.String(required=True)
    shipment_id = Id()
    seller_id = Id()
    customer_id = Id()


@event("OrderPreparing", 1, producer="orders", subscribers=("support",))
class OrderPreparingV1(_ShipmentEvent):
    """The seller confirmed their shipment of a paid order and is preparing it."""

    confirmed_at = Timestamp()


@event("OrderShipped", 1, producer="orders", subscribers=("support", "notifications"))
class OrderShippedV1(_ShipmentEvent):
    """The seller handed the shipment to a carrier."""

    carrier = fields.String(required=True)
    tracking_number = fields.String(required=True)
    shipped_at = Timestamp()


@event("OrderDelivered", 1, producer="orders", subscribers=("support", "reviews", "notifications"))
class OrderDeliveredV1(_ShipmentEvent):
    """The shipment reached the customer; its lines may now be reviewed."""

    lines = fields.List(fields.Nested(SoldLine), required=True, validate=validate.Length(min=1))
    delivered_at = Timestamp()


@event("PurchaseConfirmed", 1, producer="orders", subscribers=("support", "reviews", "settlements"))
class PurchaseConfirmedV1(_ShipmentEvent):
    """The customer confirmed the purchase (or the worker did, days after delivery); the sale is final.

    `lines` are the units kept; empty when everything was returned or refunded.
    """

    lines = fields.List(fields.Nested(SoldLine), required=True)
    automatic = fields.Boolean(required=True)
    confirmed_at = Timestamp()


@event("ShipmentCancelled", 1, producer="orders", subscribers=("catalog", "support"))
class ShipmentCancelledV1(_ShipmentEvent):
    """Units of one seller's shipment were cancelled before shipping; catalog puts them back in stock.

    A shipment may be cancelled in parts (cancellation claims on some units); `cancellation_id`
    names each part, so a consumer can tell a second part from a repeat of the first.
    """

    cancellation_id = Id()
    lines = fields.List(fields.Nested(MovedQuantity), required=True, validate=validate.Length(min=1))
    reason = fields.String(required=True)
    cancelled_at = Timestamp()


@event("ReturnCompleted", 1, producer="orders", subscribers=("catalog",))
class ReturnCompletedV1(Schema):
    """Returned units reached the seller and were refunded; catalog puts them back in stock."""

    order_id = Id()
    claim_id = Id()
    seller_id = Id()
    lines = fields.List(fields.Nested(MovedQuantity), required=True, validate=validate.Length(min=1))
    completed_at = Timestamp()


class _ClaimEvent(Schema):
    claim_id = Id()
    order_id = Id()
    shipment_id = Id()
    seller_id = Id()
    customer_id = Id()
    kind = fields.String(required=True, validate=validate.OneOf(CLAIM_KINDS))
    # The support inquiry that asked for it, when it came from support.
    inquiry_id = Id(required=False, load_default=None, allow_none=True)
    # Additive to v1: support's request (RefundRequested, ReturnRequested, ExchangeRequested) it answers,
    # so a late answer to an earlier request of an inquiry is not taken for the answer to a newer one.
    request_id = Id(required=False, load_default=None, allow_none=True)


@event("ClaimRequested", 1, producer="orders", subscribers=("support", "notifications", "settlements"))
class ClaimRequestedV1(_ClaimEvent):
    """A customer asked to cancel, return, exchange or refund units of an order.

    For a request from support it is orders' receipt: the claim waits for its seller's decision.
    """

    reason_code = fields.String(required=True, validate=validate.OneOf(CLAIM_REASONS))
    lines = fields.List(fields.Nested(MovedQuantity), required=True, validate=validate.Length(min=1))
    requested_at = Timestamp()


@event("ClaimApproved", 1, producer="orders", subscribers=("support", "notifications"))
class ClaimApprovedV1(_ClaimEvent):
    approved_at = Timestamp()


@event("ClaimRejected", 1, producer="orders", subscribers=("support", "notifications", "settlements"))
class ClaimRejectedV1(_ClaimEvent):
    reason = fields.String(required=True)
    rejected_at = Timestamp()


@event("ClaimCompleted", 1, producer="orders", subscribers=("support", "notifications", "settlements"))
class ClaimCompletedV1(_ClaimEvent):
    refunded_amount = Won()
    completed_at = Timestamp()


@event("ClaimWithdrawn", 1, producer="orders", subscribers=("settlements",))
class ClaimWithdrawnV1(_ClaimEvent):
    """The customer took back a claim before the seller decided it."""

    withdrawn_at = Timestamp()


class _RefundAnswer(Schema):
    """Orders' answer to support's RefundRequested, keyed by the request's id."""

    request_id = Id()
    inquiry_id = Id()
    order_id = Id()
    claim_id = Id(required=False, load_default=None, allow_none=True)


@event("RefundApproved", 1, producer="orders", subscribers=("support", "notifications"))
class RefundApprovedV1(_RefundAnswer):
    amount = Won()
    approved_at = Timestamp()


@event("RefundRejected", 1, producer="orders", subscribers=("support", "notifications"))
class RefundRejectedV1(_RefundAnswer):
    reason = fields.String(required=True)
    rejected_at = Timestamp()


@event("RefundCompleted", 1, producer="orders", subscribers=("support", "notifications"))
class RefundCompletedV1(_RefundAnswer):
    amount = Won()
    completed_at = Timestamp()


class RefundedLine(Schema):
    """Units of one order line refunded, at the price they were sold."""

    line_no = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    quantity = Quantity()
    # quantity x unit price
    amount = Won()


@event("PaymentRefunded", 1, producer="orders", subscribers=("settlements",))
class PaymentRefundedV1(_ShipmentEvent):
    """Orders gave money (or points) back to a customer for part of one shipment.

    The parts add up exactly: items_amount - discount_share + shipping_refund - return_fee
    - lost_free_shipping == amount. Over all refunds of a shipment the discount shares never exceed the
    shipment's discount (OrderPaid's shipments), nor the seller discount shares its seller_discount.
    """

    # The refund's own id: one event per refund.
    refund_id = Id()
    # The claim it pays, when it pays one; a direct cancellation has none.
    claim_id = Id(required=False, load_default=None, allow_none=True)
    # The claim's reason code or the cancellation's reason.
    reason = fields.String(required=True)
    lines = fields.List(fields.Nested(RefundedLine), required=True, validate=validate.Length(min=1))
    # The sum of the lines' amounts.
    items_amount = Won()
    # The share of the shipment's coupon discount the refund keeps back (does not give back).
    discount_share = Won()
    # The part of discount_share that came from the seller's own coupon (<= discount_share); the rest
    # is the platform coupon's.
    seller_discount_share = Won()
    # Shipping fee given back.
    shipping_refund = Won()
    # Charged to the customer for sending goods back, kept from the refund: the seller's.
    return_fee = Won()
    # The base shipping fee charged because what the customer keeps no longer earns free shipping: the seller's.
    lost_free_shipping = Won()
    # What was given back, cash plus points.
    amount = Won()
    refunded_at = Timestamp()


@event("CompensationIssued", 1, producer="orders", subscribers=("support", "settlements"))
class CompensationIssuedV1(CompensationTerms):
    """The customer has what support granted: the points on their ledger, or a copy of the coupon."""

    # The customer's copy of the coupon, for a coupon.
    issued_coupon_id = Id(required=False, load_default=None, allow_none=True)
    issued_at = Timestamp()


@event("CompensationRefused", 1, producer="orders", subscribers=("support",))
class CompensationRefusedV1(CompensationTerms):
    """Orders issued nothing for a compensation support granted, for `reason`; the customer is still owed one."""

    reason = fields.String(required=True, validate=validate.OneOf(COMPENSATION_REFUSALS))
    refused_at = Timestamp()


@event("PointsGranted", 1, producer="orders", subscribers=())
class PointsGrantedV1(Schema):
    """Points were added to a customer's ledger (purchase, review reward, compensation, refund)."""

    entry_id = Id()
    customer_id = Id()
    kind = fields.String(required=True, validate=validate.OneOf(POINT_KINDS))
    amount = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    balance = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    expires_at = Timestamp(required=False, load_default=None, allow_none=True)
    granted_at = Timestamp()


@event("PointsSpent", 1, producer="orders", subscribers=())
class PointsSpentV1(Schema):
    entry_id = Id()
    customer_id = Id()
    order_id = Id()
    amount = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    balance = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    spent_at = Timestamp()


@event("PointsDeducted", 1, producer="orders", subscribers=())
class PointsDeductedV1(Schema):
    """An admin took points away from a customer (a correction), saying why."""

    entry_id = Id()
    customer_id = Id()
    amount = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    balance = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    reason = fields.String(required=True)
    deducted_at = Timestamp()


@event("PointsExpired", 1, producer="orders", subscribers=())
class PointsExpiredV1(Schema):
    entry_id = Id()
    customer_id = Id()
    amount = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    balance = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    expired_at = Timestamp()


@event("CouponIssued", 1, producer="orders", subscribers=())
class CouponIssuedV1(Schema):
    """A coupon was issued to a customer: downloaded, or granted as compensation."""

    issued_coupon_id = Id()
    coupon_id = Id()
    customer_id = Id()
    seller_id = Id(required=False, load_default=None, allow_none=True)
    source = fields.String(required=True, validate=validate.OneOf(("download", "compensation")))
    issued_at = Timestamp()
