"""Orders' settings: how long a placed order waits for catalog, read from the environment."""
from datetime import timedelta

import pytest

from orders.settings import OrdersSettings


def test_a_placed_order_waits_fifteen_minutes_for_catalog_unless_told_otherwise():
    assert OrdersSettings.from_env({}).pending_order_timeout == timedelta(minutes=15)
    short = OrdersSettings.from_env({"ORDER_PENDING_TIMEOUT_MINUTES": "0.1"})
    assert short.pending_order_timeout == timedelta(seconds=6)


def test_a_wait_that_is_not_a_positive_number_of_minutes_stops_the_worker_at_start():
    with pytest.raises(ValueError, match="ORDER_PENDING_TIMEOUT_MINUTES"):
        OrdersSettings.from_env({"ORDER_PENDING_TIMEOUT_MINUTES": "0"})
