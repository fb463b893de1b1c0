"""Orders' settings: how long a placed order waits for catalog and which provider takes payments, read
from the environment."""
from datetime import timedelta
from pathlib import Path

import pytest

from orders.settings import OrdersSettings
from servicekit.config import ServiceConfig


@pytest.fixture
def config(tmp_path: Path) -> ServiceConfig:
    return ServiceConfig.from_env("orders", {"MARKETPLACE_VAR_DIR": str(tmp_path)})


def test_a_placed_order_waits_fifteen_minutes_for_catalog_unless_told_otherwise(config):
    assert OrdersSettings.from_env(config, {}).pending_order_timeout == timedelta(minutes=15)
    short = OrdersSettings.from_env(config, {"ORDER_PENDING_TIMEOUT_MINUTES": "0.1"})
    assert short.pending_order_timeout == timedelta(seconds=6)


def test_a_wait_that_is_not_a_positive_number_of_minutes_stops_the_worker_at_start(config):
    with pytest.raises(ValueError, match="ORDER_PENDING_TIMEOUT_MINUTES"):
        OrdersSettings.from_env(config, {"ORDER_PENDING_TIMEOUT_MINUTES": "0"})


def test_payments_go_to_the_test_provider_unless_another_known_one_is_named(config):
    assert OrdersSettings.from_env(config, {}).payment_provider == "test"
    assert OrdersSettings.from_env(config, {"ORDERS_PAYMENT_PROVIDER": "test"}).payment_provider == "test"
    with pytest.raises(ValueError, match="ORDERS_PAYMENT_PROVIDER"):
        OrdersSettings.from_env(config, {"ORDERS_PAYMENT_PROVIDER": "paypal"})
