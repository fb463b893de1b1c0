"""Fixtures of the reviews tests: servicekit's for a service (its database of this run, app, client, consumer)."""
from pathlib import Path

from reviews.app import create_app
from reviews.events import handlers
from servicekit.testing.plugin import service_fixtures

reviews_runtime, reviews_app, reviews_client, reviews_consumer = service_fixtures(
    "reviews", Path(__file__).resolve().parents[1], create_app, handlers
)
