"""Fixtures of the orders' tests: servicekit's for a service (its database of this run, app, client, consumer)."""
from pathlib import Path

from orders.app import create_app
from orders.events import handlers
from servicekit.testing.plugin import service_fixtures

orders_runtime, orders_app, orders_client, orders_consumer = service_fixtures(
    "orders", Path(__file__).resolve().parents[1], create_app, handlers
)
