"""Events produced by the support service."""
from marshmallow import Schema, fields, validate

from contracts.fields import Id, Quantity, Timestamp
from contracts.registry import event

INQUIRY_TYPES = ("product", "order", "shipping", "payment", "account", "complaint", "other")
INQUIRY_OWNERS = ("seller", "platform")
REFUND_REASONS = ("changed_mind", "defective", "damaged", "wrong_item", "not_delivered", "other")
RESPONSE_TARGETS = ("first_response", "resolution")


@event("InquiryOpened", 1, producer="support", subscribers=("notifications",))
class InquiryOpenedV1(Schema):
    """A customer opened a 1:1 inquiry; it is routed to its owner with a first-response due time."""

    inquiry_id = Id()
    customer_id = Id()
    inquiry_type = fields.String(required=True, validate=validate.OneOf(INQUIRY_TYPES))
    subject = fields.String(required=True, validate=validate.Length(min=1, max=200))
    order_id = Id(load_default=None, allow_none=True, required=False)
    product_id = Id(load_default=None, allow_none=True, required=False)
    seller_id = Id(load_default=None, allow_none=True, required=False)
    owner = fields.String(required=True, validate=validate.OneOf(INQUIRY_OWNERS))
    first_response_due_at = Timestamp()
    opened_at = Timestamp()


class RefundLine(Schema):
    product_id = Id()
    quantity = Quantity()


@event("RefundRequested", 1, producer="support", subscribers=("orders",))
class RefundRequestedV1(Schema):
    """A customer asked support for a refund; orders decides and answers with the outcome.

    `request_id` is the key orders answers to (RefundApproved/Rejected/Completed carry it back),
    and what makes a repeated request harmless. No lines means the whole order.
    """

    request_id = Id()
    inquiry_id = Id()
    order_id = Id()
    customer_id = Id()
    lines = fields.List(fields.Nested(RefundLine), load_default=list)
    reason_code = fields.String(required=True, validate=validate.OneOf(REFUND_REASONS))
    reason_text = fields.String(load_default="", validate=validate.Length(max=2000))
    requested_at = Timestamp()


COMPENSATION_KINDS = ("points", "coupon")


class CompensationTerms(Schema):
    """What a compensation gives which customer for which inquiry: support's grant and orders' answers carry it."""

    inquiry_id = Id()
    # Additive to CompensationGranted v1, so orders' answer names the compensation; null in grants sent before.
    compensation_id = Id(required=False, load_default=None, allow_none=True)
    customer_id = Id()
    kind = fields.String(required=True, validate=validate.OneOf(COMPENSATION_KINDS))
    amount = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(min=1))
    coupon_id = Id(required=False, load_default=None, allow_none=True)
    # Additive to v1: the seller who bears it, when the seller's own staff granted it (settlement charges their
    # points to them; a seller's coupon costs them when it is used); null when the platform's agent did.
    borne_by_seller_id = Id(required=False, load_default=None, allow_none=True)


@event("CompensationGranted", 1, producer="support", subscribers=("orders",))
class CompensationGrantedV1(CompensationTerms):
    """An agent or seller compensated a customer after resolving a case; orders credits it and answers
    with CompensationIssued or CompensationRefused.

    Points carry `amount`; a coupon carries `coupon_id`, a coupon defined in orders.
    `inquiry_id` makes it once per case; a case whose compensation orders refused may be compensated again.
    """

    granted_by = Id()
    granted_at = Timestamp()


@event("InquiryAnswered", 1, producer="support", subscribers=("notifications",))
class InquiryAnsweredV1(Schema):
    """A seller, an agent or the FAQ (automatic) answered an inquiry; the customer is told."""

    inquiry_id = Id()
    customer_id = Id()
    answered_by = Id(required=False, load_default=None, allow_none=True)
    by_role = fields.String(required=True, validate=validate.OneOf(("seller", "agent", "system")))
    automatic = fields.Boolean(required=True)
    first_response = fields.Boolean(required=True)
    answered_at = Timestamp()


@event("InquiryResolved", 1, producer="support", subscribers=())
class InquiryResolvedV1(Schema):
    """An inquiry was resolved with a reason code (for root-cause counts)."""

    inquiry_id = Id()
    customer_id = Id()
    inquiry_type = fields.String(required=True, validate=validate.OneOf(INQUIRY_TYPES))
    owner = fields.String(required=True, validate=validate.OneOf(INQUIRY_OWNERS))
    seller_id = Id(required=False, load_default=None, allow_none=True)
    reason_code = fields.String(required=True, validate=validate.Length(min=1, max=40))
    resolved_at = Timestamp()


@event("InquiryEscalated", 1, producer="support", subscribers=("notifications",))
class InquiryEscalatedV1(Schema):
    """An inquiry moved to the platform's agents: by hand with a reason, or by a breached target."""

    inquiry_id = Id()
    seller_id = Id(required=False, load_default=None, allow_none=True)
    reason = fields.String(required=True)
    automatic = fields.Boolean(required=True)
    escalated_at = Timestamp()


@event("ResponseTargetNear", 1, producer="support", subscribers=("notifications",))
class ResponseTargetNearV1(Schema):
    """An open inquiry will pass its first-response or resolution due time soon; its owner is warned once."""

    inquiry_id = Id()
    target = fields.String(required=True, validate=validate.OneOf(RESPONSE_TARGETS))
    owner = fields.String(required=True, validate=validate.OneOf(INQUIRY_OWNERS))
    seller_id = Id(required=False, load_default=None, allow_none=True)
    assignee_id = Id(required=False, load_default=None, allow_none=True)
    subject = fields.String(required=True, validate=validate.Length(min=1, max=200))
    due_at = Timestamp()
    warned_at = Timestamp()


@event("SLABreached", 1, producer="support", subscribers=("notifications",))
class SLABreachedV1(Schema):
    """An inquiry passed its first-response or resolution due time."""

    inquiry_id = Id()
    target = fields.String(required=True, validate=validate.OneOf(RESPONSE_TARGETS))
    owner = fields.String(required=True, validate=validate.OneOf(INQUIRY_OWNERS))
    seller_id = Id(required=False, load_default=None, allow_none=True)
    assignee_id = Id(required=False, load_default=None, allow_none=True)
    due_at = Timestamp()
    breached_at = Timestamp()


class _GoodsClaimRequest(Schema):
    """A customer asked support to return or exchange goods; orders opens the claim and answers with
    ClaimApproved / ClaimRejected / ClaimCompleted carrying the inquiry id.
    """

    request_id = Id()
    inquiry_id = Id()
    order_id = Id()
    customer_id = Id()
    lines = fields.List(fields.Nested(RefundLine), load_default=list)
    reason_code = fields.String(required=True, validate=validate.OneOf(REFUND_REASONS))
    reason_text = fields.String(load_default="", validate=validate.Length(max=2000))
    requested_at = Timestamp()


@event("ReturnRequested", 1, producer="support", subscribers=("orders",))
class ReturnRequestedV1(_GoodsClaimRequest):
    """A return asked for through support."""


@event("ExchangeRequested", 1, producer="support", subscribers=("orders",))
class ExchangeRequestedV1(_GoodsClaimRequest):
    """An exchange asked for through support."""
