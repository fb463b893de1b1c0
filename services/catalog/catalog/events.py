"""Incoming events of the catalog: they call the same use cases as the HTTP API."""
from catalog import approved_sellers, product_ratings, reservations, seller_ratings
from servicekit.bus.handlers import EventHandlers

handlers = EventHandlers("catalog")


@handlers.on("SellerApproved")
def allow_seller_to_list(uow, event, envelope):
    approved_sellers.record_approved_seller(uow, event)


@handlers.on("OrderPlaced")
def reserve_stock_for_order(uow, event, envelope):
    reservations.reserve_stock(uow, event)


@handlers.on("OrderCancelled")
def release_stock_of_cancelled_order(uow, event, envelope):
    reservations.release_stock(uow, event["order_id"])


@handlers.on("ShipmentCancelled")
def restock_cancelled_units(uow, event, envelope):
    reservations.restock(
        uow, reservations.SHIPMENT_CANCELLED, event["cancellation_id"], event["order_id"], event["lines"]
    )


@handlers.on("ReturnCompleted")
def restock_returned_units(uow, event, envelope):
    reservations.restock(uow, reservations.RETURN_COMPLETED, event["claim_id"], event["order_id"], event["lines"])


@handlers.on("ProductRatingChanged")
def update_product_rating(uow, event, envelope):
    product_ratings.apply_rating(uow, event)


@handlers.on("SellerRatingChanged")
def update_seller_rating(uow, event, envelope):
    seller_ratings.apply_seller_rating(uow, event)
