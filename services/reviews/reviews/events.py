"""Incoming events of reviews: orders' deliveries say which lines their customers may review."""
from reviews import reviews
from servicekit.bus.handlers import EventHandlers

handlers = EventHandlers("reviews")


@handlers.on("OrderDelivered")
def learn_delivered_lines(uow, event, envelope):
    reviews.learn_delivered_lines(uow, event, event["delivered_at"])


@handlers.on("PurchaseConfirmed")
def learn_confirmed_lines(uow, event, envelope):
    # Normally delivered first; a confirmation arriving first (redelivery, replay) makes the lines reviewable too.
    reviews.learn_delivered_lines(uow, event, event["confirmed_at"])
