"""Incoming events of orders: catalog's answer settles a pending order, sellers' fees price checkouts,
support's and reviews' requests move claims and points.
"""
from orders import checkout, claims, compensation, points
from orders.domain.claims import EXCHANGE, REFUND, RETURN
from servicekit.bus.handlers import EventHandlers

handlers = EventHandlers("orders")


@handlers.on("StockReserved")
def pay_for_reserved_order(uow, event, envelope):
    checkout.pay_for_reserved_order(uow, event)


@handlers.on("StockReservationFailed")
def cancel_unreserved_order(uow, event, envelope):
    checkout.cancel_unreserved_order(uow, event)


@handlers.on("ShippingSettingsChanged")
def record_shipping_fees(uow, event, envelope):
    checkout.record_shipping_fees(uow, event)


@handlers.on("ReviewRewardEarned")
def grant_review_reward(uow, event, envelope):
    points.grant_review_reward(
        uow, event["customer_id"], event["order_id"], event["line_no"], event["points"], event["earned_at"]
    )


@handlers.on("CompensationGranted")
def grant_compensation(uow, event, envelope):
    compensation.grant_compensation(uow, event)


@handlers.on("RefundRequested")
def open_support_refund(uow, event, envelope):
    claims.open_support_claim(uow, REFUND, event)


@handlers.on("ReturnRequested")
def open_support_return(uow, event, envelope):
    claims.open_support_claim(uow, RETURN, event)


@handlers.on("ExchangeRequested")
def open_support_exchange(uow, event, envelope):
    claims.open_support_claim(uow, EXCHANGE, event)
