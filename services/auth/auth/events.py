"""Incoming events of auth: notices to customers that other services ask for."""
from auth import customer_notices
from servicekit.bus.handlers import EventHandlers

handlers = EventHandlers("auth")


@handlers.on("ReviewRequested")
def ask_for_review(uow, event, envelope):
    customer_notices.ask_for_review(uow, event)


@handlers.on("InquiryAnswered")
def tell_inquiry_answered(uow, event, envelope):
    customer_notices.tell_inquiry_answered(uow, event)
