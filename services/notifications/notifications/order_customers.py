"""Whose each paid order is, from OrderPaid: orders' answers to refunds asked through support name only the order."""
from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite

from notifications.models import KnownOrder
from servicekit.db import UnitOfWork, is_postgres


def learn_order(uow: UnitOfWork, paid: dict) -> None:
    """Keep the order's customer, unless it is kept already: one statement, no savepoint."""
    insert = postgresql.insert if is_postgres(uow.session.get_bind()) else sqlite.insert
    uow.session.execute(insert(KnownOrder).values(
        order_id=paid["order_id"], customer_id=paid["customer_id"]
    ).on_conflict_do_nothing())


def customer_of(uow: UnitOfWork, order_id: str) -> str | None:
    """The order's customer; None for an order paid before this service heard of payments."""
    order = uow.session.get(KnownOrder, order_id)
    return order.customer_id if order is not None else None
