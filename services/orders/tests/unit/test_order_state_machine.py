"""A pending order moves once, to confirmed or cancelled; an order with an outcome stays put."""
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pytest

from orders.domain.orders import (
    CANCELLED,
    CONFIRMED,
    PENDING,
    ReservationMismatch,
    ReservedProduct,
    cancel,
    confirm,
)

EARLIER = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
NOW = datetime(2024, 5, 1, 9, 1, tzinfo=timezone.utc)
TEA, CUP = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"
SELLER = "33333333-3333-4333-8333-333333333333"


@dataclass
class Line:
    product_id: str
    seller_id: str | None = None
    product_name: str | None = None


@dataclass
class Order:
    status: str = PENDING
    lines: list = field(default_factory=lambda: [Line(TEA), Line(CUP), Line(TEA)])
    cancel_reason: str | None = None
    cancel_detail: str | None = None
    updated_at: datetime = EARLIER
    confirmed_at: datetime | None = None
    cancelled_at: datetime | None = None


RESERVED = {TEA: ReservedProduct(SELLER, "Green tea"), CUP: ReservedProduct(SELLER, "Tea cup")}


def test_confirming_a_pending_order_fills_each_line_with_its_seller_and_name():
    order = Order()

    assert confirm(order, RESERVED, NOW) is True

    assert order.status == CONFIRMED
    assert order.confirmed_at == order.updated_at == NOW
    assert [(line.seller_id, line.product_name) for line in order.lines] == [
        (SELLER, "Green tea"),
        (SELLER, "Tea cup"),
        (SELLER, "Green tea"),
    ]


def test_cancelling_a_pending_order_keeps_the_reason_and_detail():
    order = Order()

    assert cancel(order, "insufficient_stock", "Not enough stock.", NOW) is True

    assert order.status == CANCELLED
    assert (order.cancel_reason, order.cancel_detail) == ("insufficient_stock", "Not enough stock.")
    assert order.cancelled_at == order.updated_at == NOW


@pytest.mark.parametrize("status", [CONFIRMED, CANCELLED])
def test_an_order_that_has_an_outcome_is_neither_confirmed_nor_cancelled_again(status):
    order = Order(status=status)

    assert confirm(order, RESERVED, NOW) is False
    assert cancel(order, "price_changed", "Prices changed.", NOW) is False

    assert order.status == status
    assert order.updated_at == EARLIER
    assert order.cancel_reason is None
    assert all(line.seller_id is None for line in order.lines)


def test_a_reservation_missing_a_product_of_the_order_is_refused_and_changes_nothing():
    order = Order()

    with pytest.raises(ReservationMismatch):
        confirm(order, {TEA: RESERVED[TEA]}, NOW)

    assert order.status == PENDING
    assert all(line.seller_id is None for line in order.lines)
