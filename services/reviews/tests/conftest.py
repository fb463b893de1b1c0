"""Fixtures of the reviews tests: a migrated database of this run, the app and the consumer on it."""
from pathlib import Path

import pytest

from reviews.app import create_app
from reviews.events import handlers
from servicekit.bus.consumer import EventConsumer

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def reviews_runtime(migrated_runtime):
    return migrated_runtime("reviews", SERVICE_DIR)


@pytest.fixture(scope="session")
def reviews_app(reviews_runtime):
    return create_app(reviews_runtime.config)


@pytest.fixture(scope="session")
def reviews_client(reviews_app):
    return reviews_app.test_client()


@pytest.fixture(scope="session")
def reviews_consumer(reviews_runtime):
    return EventConsumer(
        service="reviews",
        topology=reviews_runtime.topology,
        handlers=handlers,
        unit_of_work=reviews_runtime.unit_of_work,
    )
