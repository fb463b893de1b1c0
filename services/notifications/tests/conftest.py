"""Fixtures of the notifications tests: servicekit's for a service (its database of this run, app, client, consumer)."""
from pathlib import Path

from notifications.app import create_app
from notifications.events import handlers
from servicekit.testing.plugin import service_fixtures

notifications_runtime, notifications_app, notifications_client, notifications_consumer = service_fixtures(
    "notifications", Path(__file__).resolve().parents[1], create_app, handlers
)
