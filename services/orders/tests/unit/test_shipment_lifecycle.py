"""The shipment's state machine: only the legal moves, each stamped; the order follows its shipments."""
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from orders.domain.lifecycle import (
    CANCELLED,
    DELIVERED,
    PAID,
    PENDING,
    PREPARING,
    PURCHASE_CONFIRMED,
    SHIPPING,
    STATUSES,
    TRANSITIONS,
    IllegalTransition,
    customer_cancels_at_once,
    move,
    order_status,
    purchase_confirmation_due_at,
    seller_may_cancel,
)

AT = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


@dataclass
class FakeShipment:
    status: str
    updated_at: datetime = AT - timedelta(days=1)
    paid_at: datetime | None = None
    preparing_at: datetime | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    purchase_confirmed_at: datetime | None = None
    cancelled_at: datetime | None = None


HAPPY_PATH = [PENDING, PAID, PREPARING, SHIPPING, DELIVERED, PURCHASE_CONFIRMED]


def test_a_shipment_walks_the_whole_happy_path_with_each_step_stamped():
    shipment = FakeShipment(PENDING)
    for step, target in enumerate(HAPPY_PATH[1:], start=1):
        move(shipment, target, AT + timedelta(hours=step))
    assert shipment.status == PURCHASE_CONFIRMED
    assert [shipment.paid_at, shipment.preparing_at, shipment.shipped_at, shipment.delivered_at] == [
        AT + timedelta(hours=hour) for hour in (1, 2, 3, 4)
    ]
    assert shipment.updated_at == AT + timedelta(hours=5)


ILLEGAL = [(current, target) for current in STATUSES for target in STATUSES if target not in TRANSITIONS[current]]


@pytest.mark.parametrize("current, target", ILLEGAL)
def test_every_move_outside_the_transition_table_is_refused_and_changes_nothing(current, target):
    shipment = FakeShipment(current)
    with pytest.raises(IllegalTransition):
        move(shipment, target, AT)
    assert shipment.status == current
    assert shipment.updated_at == AT - timedelta(days=1)


def test_skipping_preparation_or_going_back_is_illegal():
    assert SHIPPING not in TRANSITIONS[PAID]
    assert PREPARING not in TRANSITIONS[SHIPPING]
    assert CANCELLED not in TRANSITIONS[SHIPPING]


@pytest.mark.parametrize(
    "statuses, expected",
    [
        ([PAID], PAID),
        ([PAID, SHIPPING], PAID),
        ([SHIPPING, DELIVERED], SHIPPING),
        ([CANCELLED, DELIVERED], DELIVERED),
        ([CANCELLED, CANCELLED], CANCELLED),
        ([PURCHASE_CONFIRMED, CANCELLED], PURCHASE_CONFIRMED),
    ],
)
def test_an_order_is_as_far_along_as_its_least_advanced_live_shipment(statuses, expected):
    assert order_status(statuses) == expected


def test_a_purchase_is_confirmed_automatically_seven_days_after_delivery_not_before():
    delivered = AT - timedelta(days=7)
    assert purchase_confirmation_due_at(DELIVERED, delivered) == AT
    assert purchase_confirmation_due_at(PURCHASE_CONFIRMED, delivered) is None
    assert purchase_confirmation_due_at(SHIPPING, None) is None


def test_the_customer_cancels_at_once_only_before_the_seller_confirms_and_the_seller_until_shipping():
    assert [status for status in STATUSES if customer_cancels_at_once(status)] == [PAID]
    assert [status for status in STATUSES if seller_may_cancel(status)] == [PAID, PREPARING]
