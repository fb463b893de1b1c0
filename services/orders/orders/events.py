"""Incoming events of orders: the outcome of the stock reservation settles a pending order."""
from orders import services
from servicekit.bus.handlers import EventHandlers

handlers = EventHandlers("orders")


@handlers.on("StockReserved")
def confirm_reserved_order(uow, event, envelope):
    services.confirm_reserved_order(uow, event)


@handlers.on("StockReservationFailed")
def cancel_unreserved_order(uow, event, envelope):
    services.cancel_unreserved_order(uow, event)
