"""Incoming events of notifications: auth's keep the read model of recipients; every other becomes notices
(domain.notices says who hears what) delivered into inboxes, mail and SMS (delivery.py)."""
from notifications import contacts, delivery, order_customers
from notifications.domain import notices
from servicekit.bus.handlers import EventHandlers

handlers = EventHandlers("notifications")


@handlers.on("AccountContactsChanged")
def learn_contacts(uow, event, envelope):
    contacts.learn_contacts(uow, event)


@handlers.on("SellerApproved")
def tell_seller_approved(uow, event, envelope):
    contacts.learn_seller_account(uow, event["seller_id"], event["account_id"])
    delivery.deliver_event(uow, envelope, notices.seller_approved(event))


@handlers.on("SellerRejected")
def tell_seller_rejected(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.seller_rejected(event))


@handlers.on("OrderPaid")
def tell_sellers_and_customer_of_payment(uow, event, envelope):
    order_customers.learn_order(uow, event)
    delivery.deliver_event(uow, envelope, notices.order_paid(event))


@handlers.on("OrderShipped")
def tell_customer_shipped(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.order_shipped(event))


@handlers.on("OrderDelivered")
def tell_customer_delivered(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.order_delivered(event))


@handlers.on("ClaimRequested")
def tell_seller_of_claim(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.claim_requested(event))


@handlers.on("ClaimApproved")
def tell_customer_claim_approved(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.claim_approved(event))


@handlers.on("ClaimRejected")
def tell_customer_claim_rejected(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.claim_rejected(event))


@handlers.on("ClaimCompleted")
def tell_customer_claim_completed(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.claim_completed(event))


def _tell_refund_answer(kind: str, uow, event, envelope) -> None:
    customer_id = order_customers.customer_of(uow, event["order_id"])
    delivery.deliver_event(uow, envelope, notices.refund_answered(kind, event, customer_id))


@handlers.on("RefundApproved")
def tell_customer_refund_approved(uow, event, envelope):
    _tell_refund_answer("refund_approved", uow, event, envelope)


@handlers.on("RefundRejected")
def tell_customer_refund_rejected(uow, event, envelope):
    _tell_refund_answer("refund_rejected", uow, event, envelope)


@handlers.on("RefundCompleted")
def tell_customer_refund_completed(uow, event, envelope):
    _tell_refund_answer("refund_completed", uow, event, envelope)


@handlers.on("InquiryOpened")
def tell_seller_of_inquiry(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.inquiry_opened(event))


@handlers.on("InquiryAnswered")
def tell_customer_inquiry_answered(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.inquiry_answered(event))


@handlers.on("InquiryEscalated")
def tell_agents_of_escalation(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.inquiry_escalated(event))


@handlers.on("ResponseTargetNear")
def warn_response_target_near(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.response_target_near(event))


@handlers.on("SLABreached")
def tell_response_target_breached(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.response_target_breached(event))


@handlers.on("NegativeReviewPosted")
def tell_seller_of_negative_review(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.negative_review_posted(event))


@handlers.on("ReviewRequested")
def ask_customer_for_review(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.review_requested(event))


@handlers.on("StockLow")
def tell_seller_of_low_stock(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.stock_low(event))


@handlers.on("PayoutPaid")
def tell_seller_payout_paid(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.payout_paid(event))


@handlers.on("PayoutHeld")
def tell_seller_payout_held(uow, event, envelope):
    delivery.deliver_event(uow, envelope, notices.payout_held(event))
