"""Words for the codes the storefront shows (statuses, reasons, kinds): people read words, never raw codes."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

SHIPMENT_STATUSES = {
    "pending": _l("Confirming stock and payment"), "paid": _l("Paid"), "preparing": _l("Being prepared"),
    "shipping": _l("On its way"), "delivered": _l("Delivered"), "purchase_confirmed": _l("Purchase confirmed"),
    "cancelled": _l("Cancelled"),
}
CANCEL_REASONS = {
    "changed_mind": _l("I changed my mind"), "ordered_wrong": _l("I ordered the wrong item"),
    "found_cheaper": _l("I found it cheaper"), "delivery_too_slow": _l("Delivery is too slow"), "other": _l("Other"),
}
CLAIM_KINDS = {"cancel": _l("Cancellation"), "return": _l("Return"), "exchange": _l("Exchange"), "refund": _l("Refund")}
# The kinds a customer asks for from the order page; cancellations have their own button.
CUSTOMER_CLAIM_KINDS = ("return", "exchange")
CLAIM_REASONS = {
    "changed_mind": _l("I changed my mind"), "ordered_wrong": _l("I ordered the wrong item"),
    "defective": _l("It is defective"), "damaged": _l("It arrived damaged"), "wrong_item": _l("A different item came"),
    "not_delivered": _l("It never arrived"), "late_delivery": _l("It arrived late"),
    "out_of_stock": _l("Out of stock"), "other": _l("Other"),
}
CLAIM_STATUSES = {
    "requested": _l("Requested"), "approved": _l("Approved"), "completed": _l("Completed"),
    "rejected": _l("Rejected"), "withdrawn": _l("Withdrawn"),
}
INQUIRY_TYPES = {
    "product": _l("About a product"), "order": _l("About an order"), "shipping": _l("Delivery"),
    "payment": _l("Payment"), "account": _l("My account"), "complaint": _l("Complaint"), "other": _l("Something else"),
}
INQUIRY_STATUSES = {
    "open": _l("Waiting for an answer"), "assigned": _l("Being looked at"), "answered": _l("Answered"),
    "waiting_on_customer": _l("Waiting for you"), "resolved": _l("Resolved"), "closed": _l("Closed"),
}
FAQ_CATEGORIES = {
    "delivery": _l("Delivery"), "returns": _l("Returns and exchanges"), "payment": _l("Payment"),
    "account": _l("My account"), "orders": _l("Orders"), "products": _l("Products"),
    "coupons_points": _l("Coupons and points"),
}
POINT_KINDS = {
    "purchase_reward": _l("Purchase reward"), "review_reward": _l("Review reward"), "compensation": _l("Compensation"),
    "checkout": _l("Used at checkout"), "refund": _l("Refunded"), "expiry": _l("Expired"), "adjustment": _l("Adjustment"),
}
NOTIFICATION_KINDS = {
    "order_paid": _l("Order paid"), "order_shipped": _l("Order shipped"), "order_delivered": _l("Order delivered"),
    "claim_approved": _l("Claim approved"), "claim_rejected": _l("Claim rejected"),
    "claim_completed": _l("Claim completed"), "refund_approved": _l("Refund approved"),
    "refund_rejected": _l("Refund rejected"), "refund_completed": _l("Refund completed"),
    "inquiry_answered": _l("Inquiry answered"), "review_requested": _l("Review requested"),
    "new_order": _l("New order"), "new_inquiry": _l("New inquiry"), "response_target_near": _l("Response due soon"),
    "response_target_breached": _l("Response overdue"), "claim_requested": _l("Claim requested"),
    "negative_review": _l("Negative review"), "low_stock": _l("Low stock"), "seller_approved": _l("Seller approved"),
    "seller_rejected": _l("Seller rejected"), "inquiry_escalated": _l("Inquiry escalated"),
    "payout_paid": _l("Payout paid"), "payout_held": _l("Payout held"),
}
SELLER_TYPES = {"individual": _l("Individual"), "sole_proprietor": _l("Sole proprietor"), "corporation": _l("Corporation")}
SELLER_STATUSES = {
    "pending": _l("Under review"), "approved": _l("Approved"), "rejected": _l("Rejected"),
    "documents_requested": _l("More documents needed"),
}
WORDS = {
    "shipment_statuses": SHIPMENT_STATUSES, "cancel_reasons": CANCEL_REASONS, "claim_kinds": CLAIM_KINDS,
    "claim_reasons": CLAIM_REASONS, "claim_statuses": CLAIM_STATUSES, "inquiry_types": INQUIRY_TYPES,
    "inquiry_statuses": INQUIRY_STATUSES, "faq_categories": FAQ_CATEGORIES, "point_kinds": POINT_KINDS,
    "notification_kinds": NOTIFICATION_KINDS, "seller_types": SELLER_TYPES, "seller_statuses": SELLER_STATUSES,
}


def with_words(blueprint) -> None:
    """The blueprint's templates get `words` (the dictionaries above)."""
    blueprint.context_processor(lambda: {"words": WORDS})


def customers_only(blueprint) -> None:
    """Every page of the blueprint is a signed-in customer's own: others sign in, or are refused (403)."""
    from web.viewers import CUSTOMER, required_viewer

    @blueprint.before_request
    def _customers_only():
        required_viewer(CUSTOMER)
