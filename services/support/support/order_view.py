"""Keep what support knows of orders and products up to date from orders' and catalog's events.

Events come late, twice or out of order (each crosses the broker on its own, and a retried one comes
after those behind it), so a shipment only ever moves forward. News of a shipment whose order support
has not yet heard paid is kept as it came, and folded into the order when OrderPaid makes it known:
support never makes up an order without its lines, and loses no news of one.
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import String, bindparam, func, insert, select

from contracts.order_statuses import CANCELLED, DELIVERED, PAID
from servicekit.db import UnitOfWork, is_postgres
from support import cs_analytics
from support.domain.order_progress import moves_forward, order_status
from support.models.order_view import EarlyShipmentNews, KnownOrder, KnownOrderLine, KnownProduct, KnownShipment

log = logging.getLogger(__name__)


def _locked_order(uow: UnitOfWork, order_id: str) -> KnownOrder | None:
    """The order, locked: several support workers may handle news of the same order at once."""
    return uow.session.scalars(
        select(KnownOrder).where(KnownOrder.order_id == order_id).with_for_update().execution_options(
            populate_existing=True
        )
    ).first()


# Built once: every payment and every shipment's news takes the lock.
_HOLD_ORDER_ID = select(func.pg_advisory_xact_lock(func.hashtextextended(bindparam("order_id", type_=String), 0)))


def _hold_order_id(uow: UnitOfWork, order_id: str) -> None:
    """Until commit, be the only one deciding whether support knows this order. Without it, news that
    found no order could be kept just after the payment looked for kept news, and never be folded in.
    SQLite lets one writer at a time anyway.
    """
    connection = uow.session.connection()
    if is_postgres(connection):
        connection.execute(_HOLD_ORDER_ID, {"order_id": order_id})


def _order_or_keep(uow: UnitOfWork, news: dict[str, Any], early: EarlyShipmentNews) -> KnownOrder | None:
    """The order `news` is about, locked; None when its payment has not come yet, and `early` is kept for it."""
    order = _locked_order(uow, news["order_id"])
    if order is None:
        _hold_order_id(uow, news["order_id"])
        order = _locked_order(uow, news["order_id"])
    if order is None:
        uow.session.add(early)
        log.info("order %s is not known yet: news of shipment %s waits for its payment", news["order_number"],
                 news["shipment_id"])
    return order


_INSERT_ORDER = insert(KnownOrder.__table__)
_INSERT_LINES = insert(KnownOrderLine.__table__)
_INSERT_SHIPMENTS = insert(KnownShipment.__table__)


def learn_paid_order(uow: UnitOfWork, paid: dict[str, Any]) -> None:
    """An order was paid: support learns its lines and its shipments, each paid, then what it heard of
    them before, and counts one more paid order for each of its sellers (CS analytics).

    Nothing changes when support already knew the order: everything it heard since is newer than payment.
    """
    _hold_order_id(uow, paid["order_id"])
    known = _locked_order(uow, paid["order_id"])
    if known is not None:
        log.info("order %s already known as of %s; its payment changes nothing", known.order_number, known.updated_at)
        return
    at = paid["paid_at"]
    # Written as plain inserts: the ORM's unit of work cost more than the writing, for rows nothing here reads
    # again unless news came before the payment.
    connection = uow.session.connection()
    connection.execute(_INSERT_ORDER, {
        "order_id": paid["order_id"], "order_number": paid["order_number"], "customer_id": paid["customer_id"],
        "status": PAID, "updated_at": at,
    })
    connection.execute(_INSERT_LINES, [
        {"order_id": paid["order_id"], "line_no": line["line_no"], "product_id": line["product_id"],
         "seller_id": line["seller_id"], "product_name": line["product_name"], "quantity": line["quantity"],
         "unit_price": line["unit_price"]}
        for line in paid["lines"]
    ])
    connection.execute(_INSERT_SHIPMENTS, [
        {"shipment_id": shipment["shipment_id"], "order_id": paid["order_id"], "seller_id": shipment["seller_id"],
         "status": PAID, "carrier": None, "tracking_number": None, "delivered_at": None, "updated_at": at}
        for shipment in paid["shipments"]
    ])
    early_news = list(uow.session.scalars(
        select(EarlyShipmentNews).where(EarlyShipmentNews.order_id == paid["order_id"]).order_by(EarlyShipmentNews.id)
    ))
    if early_news:
        order = _locked_order(uow, paid["order_id"])
        for early in early_news:
            if early.status is None:
                _cancel_units(order, early.shipment_id, early.seller_id, dict(early.cancelled_units), early.at)
            else:
                _move(order, early.shipment_id, early.status, early.at,
                      {"carrier": early.carrier, "tracking_number": early.tracking_number})
            uow.session.delete(early)
    cs_analytics.count_paid_order(uow.session, [shipment["seller_id"] for shipment in paid["shipments"]], at)
    log.info("support learned of paid order %s", paid["order_number"])


def _follow_shipments(order: KnownOrder, at: datetime) -> None:
    order.status = order_status(shipment.status for shipment in order.shipments)
    order.updated_at = max(order.updated_at, at)


def move_shipment(uow: UnitOfWork, news: dict[str, Any], target: str, at: datetime, **details: str) -> None:
    """A shipment moved on (preparing, shipping with carrier and tracking number, delivered, confirmed)."""
    early = EarlyShipmentNews(
        order_id=news["order_id"], shipment_id=news["shipment_id"], seller_id=news["seller_id"], status=target, at=at,
        **details,
    )
    order = _order_or_keep(uow, news, early)
    if order is not None:
        _move(order, news["shipment_id"], target, at, details)


def _move(order: KnownOrder, shipment_id: str, target: str, at: datetime, details: dict[str, str | None]) -> None:
    """Move the shipment to `target` with its details; late news that moves it no more still tells what
    support did not know yet (the carrier and tracking number of a shipment already delivered, the
    delivery time of one already confirmed)."""
    shipment = next((s for s in order.shipments if s.shipment_id == shipment_id), None)
    if shipment is None:
        log.info("order %s has no shipment %s to become %s", order.order_number, shipment_id, target)
        return
    moves = moves_forward(shipment.status, target)
    if target == DELIVERED:
        details = {**details, "delivered_at": at}
    for name, value in details.items():
        if value is not None and (moves or getattr(shipment, name) is None):
            setattr(shipment, name, value)
    if not moves:
        log.info("shipment %s of order %s stays %s rather than become %s", shipment_id, order.order_number,
                 shipment.status, target)
        return
    shipment.status = target
    shipment.updated_at = at
    _follow_shipments(order, at)


def cancel_shipment_units(uow: UnitOfWork, cancelled: dict[str, Any]) -> None:
    """Units of a shipment were cancelled: the order's lines show what is left; with nothing left of
    the seller's part, the shipment is cancelled.
    """
    taken = [[line["line_no"], line["quantity"]] for line in cancelled["lines"]]
    early = EarlyShipmentNews(
        order_id=cancelled["order_id"], shipment_id=cancelled["shipment_id"], seller_id=cancelled["seller_id"],
        cancelled_units=taken, at=cancelled["cancelled_at"],
    )
    order = _order_or_keep(uow, cancelled, early)
    if order is not None:
        _cancel_units(order, cancelled["shipment_id"], cancelled["seller_id"], dict(taken), cancelled["cancelled_at"])


def _cancel_units(order: KnownOrder, shipment_id: str, seller_id: str, taken: dict[int, int], at: datetime) -> None:
    for line in order.lines:
        line.quantity = max(line.quantity - taken.get(line.line_no, 0), 0)
    seller_units = sum(line.quantity for line in order.lines if line.seller_id == seller_id)
    shipment = next((s for s in order.shipments if s.shipment_id == shipment_id), None)
    if shipment is not None and seller_units == 0 and moves_forward(shipment.status, CANCELLED):
        shipment.status = CANCELLED
        shipment.updated_at = at
    _follow_shipments(order, at)


def cancel_order(uow: UnitOfWork, cancelled: dict[str, Any]) -> None:
    """The whole order was cancelled before it was paid (orders cancels a paid order shipment by
    shipment); an order support never heard of stays unknown."""
    order = _locked_order(uow, cancelled["order_id"])
    if order is None:
        log.info("order %s is not known: nothing to cancel", cancelled["order_id"])
        return
    at = cancelled["cancelled_at"]
    for shipment in order.shipments:
        if moves_forward(shipment.status, CANCELLED):
            shipment.status = CANCELLED
            shipment.updated_at = at
    _follow_shipments(order, at)


def learn_product(uow: UnitOfWork, product_id: str, seller_id: str, name: str, at: datetime) -> None:
    """A product was listed or changed: support keeps its seller and name, unless it heard newer news."""
    product = uow.session.get(KnownProduct, product_id, with_for_update=True)
    if product is None:
        uow.session.add(KnownProduct(product_id=product_id, seller_id=seller_id, name=name, updated_at=at))
    elif product.updated_at <= at:
        product.seller_id, product.name, product.updated_at = seller_id, name, at
