"""Fixtures of the settlements tests: servicekit's for a service (its database of this run, app, client,
consumer)."""
from pathlib import Path

from servicekit.testing.plugin import service_fixtures
from settlements.app import create_app
from settlements.events import handlers

settlements_runtime, settlements_app, settlements_client, settlements_consumer = service_fixtures(
    "settlements", Path(__file__).resolve().parents[1], create_app, handlers
)
