"""Incoming events of settlements: orders' sales, refunds, confirmations and claims keep the ledger; auth's
approved sellers name who may hold a seller's bank account."""
from servicekit.bus.handlers import EventHandlers
from settlements import ledger, payability, seller_names

handlers = EventHandlers("settlements")


@handlers.on("OrderPaid")
def record_paid_order(uow, event, envelope):
    ledger.record_paid_order(uow, event)


@handlers.on("PaymentRefunded")
def record_refund(uow, event, envelope):
    ledger.record_refund(uow, event)


@handlers.on("CompensationIssued")
def charge_compensation(uow, event, envelope):
    ledger.record_compensation(uow, event)


@handlers.on("PurchaseConfirmed")
def confirm_purchase(uow, event, envelope):
    payability.confirm_purchase(uow, event)


@handlers.on("ClaimRequested")
def open_claim(uow, event, envelope):
    payability.open_claim(uow, event)


@handlers.on("ClaimRejected")
def close_rejected_claim(uow, event, envelope):
    payability.close_claim(uow, event, event["rejected_at"])


@handlers.on("ClaimCompleted")
def close_completed_claim(uow, event, envelope):
    payability.close_claim(uow, event, event["completed_at"])


@handlers.on("ClaimWithdrawn")
def close_withdrawn_claim(uow, event, envelope):
    payability.close_claim(uow, event, event["withdrawn_at"])


@handlers.on("SellerApproved")
def learn_approved_seller(uow, event, envelope):
    seller_names.learn_approved_seller(uow, event)
