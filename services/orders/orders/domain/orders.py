"""The order's state machine: a pending order is confirmed or cancelled by its stock reservation."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, Sequence

PENDING = "pending"
CONFIRMED = "confirmed"
CANCELLED = "cancelled"
STATUSES = (PENDING, CONFIRMED, CANCELLED)


class Line(Protocol):
    product_id: str
    seller_id: str | None
    product_name: str | None


class OrderState(Protocol):
    status: str
    lines: Sequence[Line]
    cancel_reason: str | None
    cancel_detail: str | None
    updated_at: datetime
    confirmed_at: datetime | None
    cancelled_at: datetime | None


@dataclass(frozen=True)
class ReservedProduct:
    """What catalog tells about a product once it reserved it: who sells it and under which name."""

    seller_id: str
    product_name: str


class ReservationMismatch(ValueError):
    """A reservation does not cover every product of the order: the two services disagree."""


def confirm(order: OrderState, reserved: dict[str, ReservedProduct], at: datetime) -> bool:
    """Confirm a pending order with the sellers and names catalog reserved; False if it was not pending.

    An outcome arriving for an order that already has one is a late duplicate, not an error.
    """
    if order.status != PENDING:
        return False
    missing = sorted({line.product_id for line in order.lines} - reserved.keys())
    if missing:
        raise ReservationMismatch(f"the reservation lacks products {missing}")
    for line in order.lines:
        line.seller_id = reserved[line.product_id].seller_id
        line.product_name = reserved[line.product_id].product_name
    order.status = CONFIRMED
    order.confirmed_at = at
    order.updated_at = at
    return True


def cancel(order: OrderState, reason: str, detail: str, at: datetime) -> bool:
    """Cancel a pending order, saying why; False if it was not pending."""
    if order.status != PENDING:
        return False
    order.status = CANCELLED
    order.cancel_reason = reason
    order.cancel_detail = detail
    order.cancelled_at = at
    order.updated_at = at
    return True
