"""Fixtures of the catalog's tests: servicekit's for a service (its database of this run, app, client, consumer)."""
from pathlib import Path

from catalog.app import create_app
from catalog.events import handlers
from servicekit.testing.plugin import service_fixtures

catalog_runtime, catalog_app, catalog_client, catalog_consumer = service_fixtures(
    "catalog", Path(__file__).resolve().parents[1], create_app, handlers
)
