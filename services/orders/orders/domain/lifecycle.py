"""The lifecycle of a seller's shipment as a state machine, and the order's status that follows from it.

pending -> paid (stock reserved and payment taken) -> preparing (the seller confirms)
-> shipping (carrier and tracking number) -> delivered -> purchase_confirmed (by the customer, or
automatically some days after delivery). A shipment is cancelled while pending, paid or
preparing; once it is on its way only a return can undo it.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterable, Protocol

from contracts.order_statuses import (
    CANCELLED,
    DELIVERED,
    PAID,
    PENDING,
    PREPARING,
    PURCHASE_CONFIRMED,
    SHIPPING,
)
from contracts.order_statuses import SHIPMENT_STATUSES as STATUSES
from servicekit.languages import Message, _

# What a message calls each status, translated with it; the English is the status itself, as the API names it.
STATUS_NAMES: dict[str, Message] = {
    PENDING: _("pending"),
    PAID: _("paid"),
    PREPARING: _("preparing"),
    SHIPPING: _("shipping"),
    DELIVERED: _("delivered"),
    PURCHASE_CONFIRMED: _("purchase_confirmed"),
    CANCELLED: _("cancelled"),
}

# Which status may follow which: every other move is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    PENDING: frozenset({PAID, CANCELLED}),
    PAID: frozenset({PREPARING, CANCELLED}),
    PREPARING: frozenset({SHIPPING, CANCELLED}),
    SHIPPING: frozenset({DELIVERED}),
    DELIVERED: frozenset({PURCHASE_CONFIRMED}),
    PURCHASE_CONFIRMED: frozenset(),
    CANCELLED: frozenset(),
}
# The time each status is entered is kept in a column of the same name.
ENTERED_AT = {
    PAID: "paid_at",
    PREPARING: "preparing_at",
    SHIPPING: "shipped_at",
    DELIVERED: "delivered_at",
    PURCHASE_CONFIRMED: "purchase_confirmed_at",
    CANCELLED: "cancelled_at",
}
BEFORE_SHIPPING = frozenset({PENDING, PAID, PREPARING})
# Korean marketplaces confirm a purchase by themselves a week after delivery.
PURCHASE_CONFIRMATION_AFTER = timedelta(days=7)


class Stage(Protocol):
    status: str
    updated_at: datetime


class IllegalTransition(ValueError):
    def __init__(self, current: str, target: str):
        super().__init__(f"a {current} shipment cannot become {target}")
        self.current = current
        self.target = target


def move(shipment: Stage, target: str, at: datetime) -> None:
    """Move a shipment to `target` and stamp when; raises IllegalTransition for any move not in TRANSITIONS."""
    if target not in TRANSITIONS[shipment.status]:
        raise IllegalTransition(shipment.status, target)
    shipment.status = target
    shipment.updated_at = at
    setattr(shipment, ENTERED_AT[target], at)


def order_status(shipment_statuses: Iterable[str]) -> str:
    """An order is as far along as its least advanced live shipment; cancelled only when all are."""
    live = [status for status in shipment_statuses if status != CANCELLED]
    if not live:
        return CANCELLED
    return min(live, key=STATUSES.index)


def purchase_confirmation_due_at(status: str, delivered_at: datetime | None) -> datetime | None:
    """When a delivered shipment's purchase is confirmed for the customer who has not confirmed it; None for a
    shipment not (or no longer) waiting at delivered."""
    return delivered_at + PURCHASE_CONFIRMATION_AFTER if status == DELIVERED and delivered_at is not None else None


def customer_cancels_at_once(status: str) -> bool:
    """Before the seller confirms, a customer's cancellation needs nobody's approval."""
    return status == PAID


def seller_may_cancel(status: str) -> bool:
    """A seller may cancel what they have not shipped (out of stock, cannot deliver), giving a reason."""
    return status in (PAID, PREPARING)
