"""Incoming events of the catalog: they call the same use cases as the HTTP API."""
from catalog import services
from servicekit.bus.handlers import EventHandlers

handlers = EventHandlers("catalog")


@handlers.on("SellerApproved")
def allow_seller_to_list(uow, event, envelope):
    services.record_approved_seller(uow, event)


@handlers.on("OrderPlaced")
def reserve_stock_for_order(uow, event, envelope):
    services.reserve_stock(uow, event)


@handlers.on("OrderCancelled")
def release_stock_of_cancelled_order(uow, event, envelope):
    services.release_stock(uow, event["order_id"])
