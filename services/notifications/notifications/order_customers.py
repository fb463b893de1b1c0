"""Whose each paid order is, from OrderPaid: orders' answers to refunds asked through support name only the order."""
from __future__ import annotations

from notifications.models import KnownOrder
from servicekit.db import UnitOfWork


def learn_order(uow: UnitOfWork, paid: dict) -> None:
    uow.add_once(KnownOrder(order_id=paid["order_id"], customer_id=paid["customer_id"]))


def customer_of(uow: UnitOfWork, order_id: str) -> str | None:
    """The order's customer; None for an order paid before this service heard of payments."""
    order = uow.session.get(KnownOrder, order_id)
    return order.customer_id if order is not None else None
