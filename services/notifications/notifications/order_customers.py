"""Whose each paid order is, from OrderPaid: orders' answers to refunds asked through support name only the order."""
from __future__ import annotations

from sqlalchemy import bindparam
from sqlalchemy.dialects import postgresql, sqlite

from notifications.models import KnownOrder
from servicekit.db import UnitOfWork


def _keep_once(insert_into):
    return insert_into(KnownOrder.__table__).values(
        order_id=bindparam("order_id"), customer_id=bindparam("customer_id")
    ).on_conflict_do_nothing()


# Built once, as every payment runs it.
_KEEP_ORDER = {"postgresql": _keep_once(postgresql.insert), "sqlite": _keep_once(sqlite.insert)}


def learn_order(uow: UnitOfWork, paid: dict) -> None:
    """Keep the order's customer, unless it is kept already: one statement, no savepoint."""
    connection = uow.session.connection()
    connection.execute(_KEEP_ORDER[connection.dialect.name],
                       {"order_id": paid["order_id"], "customer_id": paid["customer_id"]})


def customer_of(uow: UnitOfWork, order_id: str) -> str | None:
    """The order's customer; None for an order paid before this service heard of payments."""
    order = uow.session.get(KnownOrder, order_id)
    return order.customer_id if order is not None else None
