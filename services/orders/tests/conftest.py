"""Fixtures of the orders' tests: a migrated database of this run, the app and the consumer on it."""
from pathlib import Path

import pytest

from orders.app import create_app
from orders.events import handlers
from servicekit.bus.consumer import EventConsumer

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def orders_runtime(migrated_runtime):
    return migrated_runtime("orders", SERVICE_DIR)


@pytest.fixture(scope="session")
def orders_app(orders_runtime):
    return create_app(orders_runtime.config)


@pytest.fixture(scope="session")
def orders_client(orders_app):
    return orders_app.test_client()


@pytest.fixture(scope="session")
def orders_consumer(orders_runtime):
    return EventConsumer(
        service="orders",
        topology=orders_runtime.topology,
        handlers=handlers,
        unit_of_work=orders_runtime.unit_of_work,
    )
