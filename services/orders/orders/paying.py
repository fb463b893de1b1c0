"""A reserved order as its payment reads and writes it: rows read and written by statements built once.

Every order placed passes here once, and the ORM's loading and flushing of an order with its lines and shipments
cost more than the statements themselves. What is not a plain payment (a reservation that does not match, a
declined card) is left to checkout's ORM path, which loads the order again under the lock taken here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Row

from orders.domain.lifecycle import ENTERED_AT, PAID, IllegalTransition, TRANSITIONS
from orders.models import Order, OrderLine, Shipment
from servicekit.db import UnitOfWork

_orders, _lines, _shipments = Order.__table__, OrderLine.__table__, Shipment.__table__

_ORDER = select(_orders).where(_orders.c.id == bindparam("order_id")).with_for_update()
_LINES = select(_lines).where(_lines.c.order_id == bindparam("order_id")).order_by(_lines.c.line_no)
_SHIPMENTS = select(_shipments).where(_shipments.c.order_id == bindparam("order_id")).order_by(_shipments.c.seller_id)

# Update parameters are named apart from the columns they set (SQLAlchemy keeps those names for itself).
_ORDER_PAID = update(_orders).where(_orders.c.id == bindparam("paid_order")).values(
    status=PAID, paid_at=bindparam("at"), updated_at=bindparam("at"), payment_id=bindparam("charge_id")
)
_LINE_NAMED = update(_lines).where(
    _lines.c.order_id == bindparam("paid_order"), _lines.c.line_no == bindparam("number")
).values(product_name=bindparam("name"), category_id=bindparam("category"))
_SHIPMENTS_PAID = update(_shipments).where(_shipments.c.order_id == bindparam("paid_order")).values(
    {"status": PAID, "updated_at": bindparam("at"), ENTERED_AT[PAID]: bindparam("at")}
)


@dataclass(frozen=True)
class ReservedOrder:
    """The order, its lines (named as catalog's reservation names them once `name_lines` ran) and its shipments."""

    order: Row
    lines: list[SimpleNamespace]
    shipments: list[Row]

    def lines_of(self, shipment: Row) -> list[SimpleNamespace]:
        return [line for line in self.lines if line.shipment_id == shipment.id]


def locked_order(uow: UnitOfWork, order_id: str) -> ReservedOrder | None:
    """The order with its lines and shipments, locked until commit; None for an order not known here."""
    connection = uow.session.connection()
    order = connection.execute(_ORDER, {"order_id": order_id}).first()
    if order is None:
        return None
    lines = [SimpleNamespace(**row._mapping) for row in connection.execute(_LINES, {"order_id": order_id})]
    return ReservedOrder(order, lines, list(connection.execute(_SHIPMENTS, {"order_id": order_id})))


def name_lines(order: ReservedOrder | Order, by_product: dict[tuple[str, str | None], dict[str, Any]]) -> None:
    """Each line of the order (rows here, or the ORM's Order) takes the product's name and category from the
    reservation (`by_product`), as sold."""
    for line in order.lines:
        named = by_product[(line.product_id, line.variant_id)]
        line.product_name = named["product_name"]
        line.category_id = named.get("category_id")


def mark_paid(uow: UnitOfWork, reserved: ReservedOrder, payment_id: str | None, at: datetime) -> None:
    """The order and each of its shipments paid at `at`, and its lines named as sold: three statements.

    Raises IllegalTransition, before anything is written, when a shipment cannot be paid.
    """
    for shipment in reserved.shipments:
        if PAID not in TRANSITIONS[shipment.status]:
            raise IllegalTransition(shipment.status, PAID)
    order_id = reserved.order.id
    connection = uow.session.connection()
    connection.execute(_ORDER_PAID, {"paid_order": order_id, "at": at, "charge_id": payment_id})
    connection.execute(_LINE_NAMED, [
        {"paid_order": order_id, "number": line.line_no, "name": line.product_name, "category": line.category_id}
        for line in reserved.lines
    ])
    connection.execute(_SHIPMENTS_PAID, {"paid_order": order_id, "at": at})
