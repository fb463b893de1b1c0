"""Points rules: spending takes the earliest-expiring lots first, expired lots count for nothing,
a purchase earns 1% rounded down, a refund never gives back more than the order spent.
"""
from datetime import datetime, timedelta, timezone

import pytest

from orders.domain.points import (
    Lot,
    NotEnoughPoints,
    consumption,
    expiring_soon,
    expiry_of,
    purchase_reward,
    restorable,
)

NOW = datetime(2026, 3, 1, tzinfo=timezone.utc)


def lot(entry_id, remaining, days_left):
    return Lot(entry_id, remaining, NOW + timedelta(days=days_left))


def test_spending_takes_the_lots_that_expire_first():
    lots = [lot("late", 500, 300), lot("soon", 300, 10), lot("middle", 400, 100)]

    taken = consumption(lots, 600, NOW)

    assert [(taken_lot.entry_id, points) for taken_lot, points in taken] == [("soon", 300), ("middle", 300)]


def test_spending_more_than_the_unexpired_points_is_refused():
    lots = [lot("expired", 1000, -1), lot("valid", 200, 10)]

    with pytest.raises(NotEnoughPoints) as refused:
        consumption(lots, 300, NOW)

    assert (refused.value.requested, refused.value.available) == (300, 200)


def test_spending_everything_empties_every_lot():
    taken = consumption([lot("a", 100, 5), lot("b", 50, 6)], 150, NOW)

    assert [points for _lot, points in taken] == [100, 50]


def test_points_expire_a_year_after_they_were_granted():
    assert expiry_of(NOW) == NOW + timedelta(days=365)


def test_only_points_expiring_within_30_days_are_announced():
    lots = [lot("soon", 100, 29), lot("edge", 10, 30), lot("later", 1000, 31), lot("gone", 5, -1)]

    assert expiring_soon(lots, NOW) == 110


@pytest.mark.parametrize(("paid", "reward"), [(0, 0), (99, 0), (100, 1), (12_345, 123), (-500, 0)])
def test_a_purchase_earns_one_percent_rounded_down(paid, reward):
    assert purchase_reward(paid) == reward


def test_a_refund_gives_back_at_most_what_the_order_spent_and_was_not_yet_given_back():
    assert restorable(700, spent=1000, restored=0) == 700
    assert restorable(700, spent=1000, restored=500) == 500
    assert restorable(700, spent=1000, restored=1000) == 0
    assert restorable(700, spent=0, restored=0) == 0
