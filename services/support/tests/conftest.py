"""Fixtures of the support tests: servicekit's for a service (its database of this run, app, client, consumer)."""
from pathlib import Path

from servicekit.testing.plugin import service_fixtures
from support.app import create_app
from support.events import handlers

support_runtime, support_app, support_client, support_consumer = service_fixtures(
    "support", Path(__file__).resolve().parents[1], create_app, handlers
)
