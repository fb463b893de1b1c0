"""Orders' settings: how long a placed order waits for catalog, read from the environment."""
from datetime import timedelta

import pytest

from orders.settings import OrdersSettings


def test_a_placed_order_waits_fifteen_minutes_unless_told_otherwise():
    assert OrdersSettings.from_env({}).pending_order_timeout == timedelta(minutes=15)


def test_the_timeout_may_be_a_fraction_of_a_minute_and_is_checked_four_times_within_it():
    settings = OrdersSettings.from_env({"ORDER_PENDING_TIMEOUT_MINUTES": "0.1"})
    assert settings.pending_order_timeout == timedelta(seconds=6)
    assert settings.pending_order_check_seconds == 1.5


def test_a_long_timeout_is_still_checked_every_minute():
    assert OrdersSettings.from_env({"ORDER_PENDING_TIMEOUT_MINUTES": "60"}).pending_order_check_seconds == 60.0


@pytest.mark.parametrize("minutes", ["0", "-5", "soon"])
def test_a_timeout_that_is_not_a_positive_number_stops_the_worker_at_start(minutes):
    with pytest.raises(ValueError):
        OrdersSettings.from_env({"ORDER_PENDING_TIMEOUT_MINUTES": minutes})
