"""Stock held for orders: reserved when an order is placed, given back when it or some of its units are
cancelled or returned."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Iterable

from sqlalchemy import bindparam, select

from catalog.domain.inventory import RequestedLine, check_reservation, ordered_variant
from catalog.domain.products import status_after_stock_change
from catalog.domain.variants import stock_of
from catalog.models import Product, ProductVariant, Reservation, ReservationLine, Restock
from catalog.product_events import facts_of, record_if_changed
from catalog.stock_alerts import alert_when_low_on_stock
from servicekit import clock
from servicekit.db import UnitOfWork

log = logging.getLogger(__name__)

HELD, RELEASED = "held", "released"
SHIPMENT_CANCELLED, RETURN_COMPLETED = "shipment_cancelled", "return_completed"


def _products_locked(*, live_only: bool):
    statement = select(Product).where(Product.id.in_(bindparam("product_ids", expanding=True)))
    if live_only:
        statement = statement.where(Product.deleted_at.is_(None))
    return statement.order_by(Product.id).with_for_update()


# Built once: every reservation, release and restock locks its products with one of these.
_LOCKED_PRODUCTS = {live_only: _products_locked(live_only=live_only) for live_only in (False, True)}

_reservations, _reservation_lines = Reservation.__table__, ReservationLine.__table__
# Built once, for every order placed: whether it has a reservation already, and whether that holds any lines
# (none: a tombstone, the order cancelled before it was placed here).
_EARLIER_RESERVATION = select(
    _reservations.c.order_id,
    select(_reservation_lines.c.line_no).where(_reservation_lines.c.order_id == _reservations.c.order_id)
    .exists().label("has_lines"),
).where(_reservations.c.order_id == bindparam("order_id"))
_RESERVATION = _reservations.insert()
_RESERVATION_LINES = _reservation_lines.insert()


def _locked_products(uow: UnitOfWork, product_ids: Iterable[str], *, live_only: bool) -> dict[str, Product]:
    """The products, locked in a fixed order so concurrent reservations and releases cannot deadlock."""
    products = uow.session.scalars(_LOCKED_PRODUCTS[live_only], {"product_ids": sorted(set(product_ids))})
    return {p.id: p for p in products}


def _variant_named(product: Product, variant_id: str | None) -> ProductVariant | None:
    return next((v for v in product.variants if v.id == variant_id), None)


def _move_stock(product: Product, variant: ProductVariant | None, change: int, now: datetime) -> None:
    """Add `change` units (negative: take them) to the variant, if any, and to the product."""
    if variant is not None:
        variant.stock += change
    # A product with options holds what its active variants hold: units of a variant deactivated
    # since, or of a line ordered before the product had options, are not on sale again.
    product.stock = stock_of(product.variants) if product.option_names else product.stock + change
    product.units_sold -= change
    product.status = status_after_stock_change(product.status, product.stock)
    product.updated_at = now


def reserve_stock(uow: UnitOfWork, order: dict[str, Any]) -> None:
    """Hold stock for every line of an order, or none of it, and say which happened.

    An order that already has a reservation is not reserved again: a repeat, or an order cancelled
    before its placement arrived (a tombstone, see release_stock). Nobody waits for an answer about
    a cancelled order, so none is sent.
    """
    order_id = order["order_id"]
    connection = uow.session.connection()
    earlier = connection.execute(_EARLIER_RESERVATION, {"order_id": order_id}).first()
    if earlier is not None:
        if not earlier.has_lines:
            log.info("order %s was cancelled before it was placed here: nothing reserved", order_id)
        return
    lines = [
        RequestedLine(l["product_id"], l["quantity"], l["unit_price"], l.get("seller_id"), l.get("variant_id"))
        for l in order["lines"]
    ]
    # A deleted product is left out, so the check finds it unavailable like an unknown one.
    products = _locked_products(uow, (line.product_id for line in lines), live_only=True)
    now = clock.now()
    refused = check_reservation(products, lines, now)
    if refused is not None:
        uow.record(
            "StockReservationFailed",
            {
                "order_id": order_id,
                "reason": refused.reason,
                "detail": refused.detail,
                "product_ids": refused.product_ids,
                "failed_at": now,
            },
        )
        return
    # The order's reservation row first: a concurrent reservation or release of the same order fails on its
    # key here, before any stock is counted out, and is retried (it then finds this one). Plain inserts: the
    # ORM's unit of work cost more than the writing, and nothing here reads the rows again.
    connection.execute(_RESERVATION, {"order_id": order_id, "status": HELD, "created_at": now, "released_at": None})
    connection.execute(_RESERVATION_LINES, [
        {"order_id": order_id, "line_no": line_no, "product_id": line.product_id, "variant_id": line.variant_id,
         "quantity": line.quantity, "released_quantity": 0}
        for line_no, line in enumerate(lines, start=1)
    ])
    before = {product.id: facts_of(product) for product in products.values()}
    for line in lines:
        product = products[line.product_id]
        _move_stock(product, ordered_variant(product, line.variant_id), -line.quantity, now)
    for product in products.values():
        record_if_changed(uow, product, before[product.id], now)
        alert_when_low_on_stock(uow, product, now)
    uow.record(
        "StockReserved",
        {
            "order_id": order_id,
            "lines": [
                {
                    "product_id": line.product_id,
                    "variant_id": line.variant_id,
                    "seller_id": products[line.product_id].seller_id,
                    "product_name": products[line.product_id].name,
                    "category_id": products[line.product_id].category_id,
                    "quantity": line.quantity,
                    "unit_price": line.unit_price,
                }
                for line in lines
            ],
            "reserved_at": now,
        },
    )


def _give_back(uow: UnitOfWork, reservation: Reservation, quantities: dict[int, int], now: datetime) -> None:
    """Put back up to `quantities[line_no]` units of each line, never more than the line still holds."""
    lines = [line for line in reservation.lines if quantities.get(line.line_no, 0) > 0]
    # Deleted products too: their units were taken, so they are given back.
    products = _locked_products(uow, (line.product_id for line in lines), live_only=False)
    before = {product.id: facts_of(product) for product in products.values()}
    for line in lines:
        quantity = min(quantities[line.line_no], line.quantity - line.released_quantity)
        if quantity == 0:
            continue
        product = products[line.product_id]
        _move_stock(product, _variant_named(product, line.variant_id), quantity, now)
        line.released_quantity += quantity
    for product in products.values():
        record_if_changed(uow, product, before[product.id], now)
        alert_when_low_on_stock(uow, product, now)


def _claim_order(uow: UnitOfWork, reservation: Reservation) -> None:
    """Write the order's reservation row now, so a concurrent reservation or release of the same order fails
    here, in the handler, and is retried.

    The primary key lets one of two workers holding OrderPlaced and OrderCancelled at once write the
    row; the other fails on it and, when its event is retried, finds the row and does the right thing.
    The flush finds the conflict here, before any stock is counted out.
    """
    uow.session.add(reservation)
    uow.session.flush()


def release_stock(uow: UnitOfWork, order_id: str) -> None:
    """Give back what an order still holds; nothing to do if already released.

    An order cancelled before catalog heard of it (its OrderPlaced still queued, or dead-lettered and
    replayed later) gets a released reservation with no lines: a tombstone, so that OrderPlaced, when
    it comes, reserves nothing for an order nobody will pay.
    """
    reservation = uow.session.get(Reservation, order_id, with_for_update=True)
    now = clock.now()
    if reservation is None:
        _claim_order(uow, Reservation(order_id=order_id, status=RELEASED, created_at=now, released_at=now))
        return
    if reservation.status != HELD:
        return
    _give_back(uow, reservation, {line.line_no: line.quantity for line in reservation.lines}, now)
    reservation.status = RELEASED
    reservation.released_at = now


def restock(uow: UnitOfWork, cause: str, cause_id: str, order_id: str, moved: list[dict[str, Any]]) -> None:
    """Put cancelled or returned units of an order back in stock, once per cancellation or claim returned.

    The inbox dedupes an event redelivered; the restock row also dedupes a second event about the
    same cancellation or claim. A line is matched by its number and must name the same product.
    """
    if uow.session.get(Restock, (cause, cause_id)) is not None:
        log.info("%s %s already restocked", cause, cause_id)
        return
    now = clock.now()
    uow.session.add(Restock(cause=cause, cause_id=cause_id, order_id=order_id, restocked_at=now))
    reservation = uow.session.get(Reservation, order_id, with_for_update=True)
    if reservation is None or reservation.status != HELD:
        log.warning("%s %s: order %s holds no stock to give back", cause, cause_id, order_id)
        return
    held = {line.line_no: line for line in reservation.lines}
    quantities: dict[int, int] = {}
    for units in moved:
        line = held.get(units["line_no"])
        if line is None or line.product_id != units["product_id"]:
            log.warning(
                "%s %s: order %s has no line %s of product %s",
                cause, cause_id, order_id, units["line_no"], units["product_id"],
            )
            continue
        quantities[line.line_no] = quantities.get(line.line_no, 0) + units["quantity"]
    _give_back(uow, reservation, quantities, now)
