"""Orders use cases: place an order, settle it by its stock reservation, find the orders a viewer sees."""
from __future__ import annotations

import logging
import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError

from orders.domain.orders import PENDING, ReservedProduct, cancel, confirm
from orders.domain.placement import RequestedLine, request_fingerprint, total_amount
from orders.domain.visibility import Viewer
from orders.models import IdempotencyKey, Order, OrderLine
from servicekit.db import UnitOfWork
from servicekit.problems import Problem

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def place_order(
    uow: UnitOfWork, customer_id: str, lines: list[RequestedLine], idempotency_key: str | None = None
) -> Order:
    """Create a pending order and record OrderPlaced; a repeated Idempotency-Key returns the first order."""
    fingerprint = request_fingerprint(lines)
    if idempotency_key is not None:
        earlier = _order_of_key(uow, customer_id, idempotency_key, fingerprint)
        if earlier is not None:
            return earlier
    now = _now()
    order = Order(
        id=str(uuid.uuid4()),
        customer_id=customer_id,
        status=PENDING,
        total_amount=total_amount(lines),
        created_at=now,
        updated_at=now,
        lines=[
            OrderLine(line_no=number, product_id=line.product_id, quantity=line.quantity, unit_price=line.unit_price)
            for number, line in enumerate(lines, start=1)
        ],
    )
    uow.session.add(order)
    try:
        if idempotency_key is not None:
            # The key names the order, so the order's row goes in first.
            uow.session.flush()
            uow.session.add(
                IdempotencyKey(
                    customer_id=customer_id,
                    key=idempotency_key,
                    request_fingerprint=fingerprint,
                    order_id=order.id,
                    created_at=now,
                )
            )
            # A concurrent request with the same key waits here for the other's commit and then
            # fails on the primary key, before anything is recorded.
            uow.session.flush()
        uow.record(
            "OrderPlaced",
            {
                "order_id": order.id,
                "customer_id": customer_id,
                "lines": [
                    {"product_id": line.product_id, "quantity": line.quantity, "unit_price": line.unit_price}
                    for line in lines
                ],
                "total_amount": order.total_amount,
                "placed_at": now,
            },
        )
        uow.commit()
    except IntegrityError:
        if idempotency_key is None:
            raise
        uow.session.rollback()
        log.info("a concurrent request with the same Idempotency-Key placed the order first")
        earlier = _order_of_key(uow, customer_id, idempotency_key, fingerprint)
        if earlier is None:
            raise
        return earlier
    return order


def _order_of_key(uow: UnitOfWork, customer_id: str, key: str, fingerprint: str) -> Order | None:
    used = uow.session.get(IdempotencyKey, (customer_id, key))
    if used is None:
        return None
    if used.request_fingerprint != fingerprint:
        raise Problem(
            422,
            "idempotency-key-reused",
            "Idempotency key reused",
            "This Idempotency-Key was already used for a different order; use a new key for a new order.",
        )
    return uow.session.get(Order, used.order_id)


def confirm_reserved_order(uow: UnitOfWork, reservation: dict[str, Any]) -> None:
    """StockReserved: the pending order is confirmed, its lines learn their sellers and names."""
    order = uow.session.get(Order, reservation["order_id"], with_for_update=True)
    if order is None:
        log.warning("stock reserved for unknown order %s", reservation["order_id"])
        return
    now = _now()
    reserved = {
        line["product_id"]: ReservedProduct(line["seller_id"], line["product_name"]) for line in reservation["lines"]
    }
    if not confirm(order, reserved, now):
        return
    uow.record(
        "OrderConfirmed",
        {
            "order_id": order.id,
            "customer_id": order.customer_id,
            "lines": [
                {
                    "product_id": line.product_id,
                    "seller_id": line.seller_id,
                    "product_name": line.product_name,
                    "quantity": line.quantity,
                    "unit_price": line.unit_price,
                }
                for line in order.lines
            ],
            "total_amount": order.total_amount,
            "confirmed_at": now,
        },
    )


def cancel_unreserved_order(uow: UnitOfWork, failure: dict[str, Any]) -> None:
    """StockReservationFailed: the pending order is cancelled for the reason catalog gave."""
    order = uow.session.get(Order, failure["order_id"], with_for_update=True)
    if order is None:
        log.warning("stock reservation failed for unknown order %s", failure["order_id"])
        return
    now = _now()
    if not cancel(order, failure["reason"], failure["detail"], now):
        return
    uow.record(
        "OrderCancelled",
        {
            "order_id": order.id,
            "customer_id": order.customer_id,
            "reason": failure["reason"],
            "detail": failure["detail"],
            "cancelled_at": now,
        },
    )


def orders_seen_by(viewer: Viewer) -> Select:
    """The orders a viewer may see, as SQL: the same rule as Viewer.shown_lines."""
    statement = select(Order)
    if viewer.is_admin:
        return statement
    seen = [Order.customer_id == viewer.subject]
    if viewer.seller_id is not None:
        seen.append(Order.id.in_(select(OrderLine.order_id).where(OrderLine.seller_id == viewer.seller_id)))
    return statement.where(or_(*seen))


def find_order(uow: UnitOfWork, viewer: Viewer, order_id: str) -> Order:
    """One order the viewer may see; any other id is not found, so ids of others' orders do not leak."""
    try:
        canonical_id = str(uuid.UUID(order_id))
    except ValueError:
        canonical_id = None
    order = None
    if canonical_id is not None:
        order = uow.session.scalars(orders_seen_by(viewer).where(Order.id == canonical_id)).first()
    if order is None:
        raise Problem(404, "order-not-found", "Not Found", "No order with this id is visible to you.")
    return order
