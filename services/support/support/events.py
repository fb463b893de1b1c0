"""Incoming events of support: orders' and catalog's news keep what support knows of orders and
products; orders' answers move claims and compensations; auth's locks open recovery cases; sellers' negative reviews
open follow-up cases when the seller asked for them.
"""
from contracts.order_statuses import DELIVERED, PREPARING, PURCHASE_CONFIRMED, SHIPPING
from servicekit.bus.handlers import EventHandlers
from support import compensation, order_view, recovery_cases, review_follow_ups, support_claims
from support.domain.claim_progress import APPROVED, COMPLETED, REJECTED

handlers = EventHandlers("support")


@handlers.on("OrderPaid")
def learn_paid_order(uow, event, envelope):
    order_view.learn_paid_order(uow, event)


@handlers.on("OrderPreparing")
def note_shipment_preparing(uow, event, envelope):
    order_view.move_shipment(uow, event, PREPARING, event["confirmed_at"])


@handlers.on("OrderShipped")
def note_shipment_shipped(uow, event, envelope):
    order_view.move_shipment(
        uow, event, SHIPPING, event["shipped_at"], carrier=event["carrier"], tracking_number=event["tracking_number"]
    )


@handlers.on("OrderDelivered")
def note_shipment_delivered(uow, event, envelope):
    order_view.move_shipment(uow, event, DELIVERED, event["delivered_at"])


@handlers.on("PurchaseConfirmed")
def note_purchase_confirmed(uow, event, envelope):
    order_view.move_shipment(uow, event, PURCHASE_CONFIRMED, event["confirmed_at"])


@handlers.on("ShipmentCancelled")
def note_shipment_cancelled(uow, event, envelope):
    order_view.cancel_shipment_units(uow, event)


@handlers.on("OrderCancelled")
def note_order_cancelled(uow, event, envelope):
    order_view.cancel_order(uow, event)


@handlers.on("ProductListed")
def learn_listed_product(uow, event, envelope):
    order_view.learn_product(uow, event["product_id"], event["seller_id"], event["name"], event["listed_at"])


@handlers.on("ProductChanged")
def learn_changed_product(uow, event, envelope):
    order_view.learn_product(uow, event["product_id"], event["seller_id"], event["name"], event["changed_at"])


@handlers.on("RefundApproved")
def note_refund_approved(uow, event, envelope):
    support_claims.answer_refund(uow, APPROVED, event)


@handlers.on("RefundRejected")
def note_refund_rejected(uow, event, envelope):
    support_claims.answer_refund(uow, REJECTED, event)


@handlers.on("RefundCompleted")
def note_refund_completed(uow, event, envelope):
    support_claims.answer_refund(uow, COMPLETED, event)


@handlers.on("ClaimRequested")
def note_claim_received(uow, event, envelope):
    support_claims.note_receipt(uow, event)


@handlers.on("ClaimApproved")
def note_claim_approved(uow, event, envelope):
    support_claims.answer_goods_claim(uow, APPROVED, event)


@handlers.on("ClaimRejected")
def note_claim_rejected(uow, event, envelope):
    support_claims.answer_goods_claim(uow, REJECTED, event)


@handlers.on("ClaimCompleted")
def note_claim_completed(uow, event, envelope):
    support_claims.answer_goods_claim(uow, COMPLETED, event)


@handlers.on("CompensationIssued")
def note_compensation_issued(uow, event, envelope):
    compensation.note_issued(uow, event)


@handlers.on("CompensationRefused")
def note_compensation_refused(uow, event, envelope):
    compensation.note_refused(uow, event)


@handlers.on("AccountLocked")
def open_lock_recovery_case(uow, event, envelope):
    recovery_cases.open_lock_case(uow, event)


@handlers.on("AccountDeactivated")
def open_deactivation_recovery_case(uow, event, envelope):
    recovery_cases.open_deactivation_case(uow, event)


@handlers.on("NegativeReviewPosted")
def open_review_follow_up(uow, event, envelope):
    review_follow_ups.open_review_follow_up(uow, event)
