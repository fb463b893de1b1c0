"""Fixtures of the reviews tests: a migrated database of this run and the app on it."""
from pathlib import Path

import pytest

from reviews.app import create_app
from servicekit.migrations import upgrade
from servicekit.runtime import Runtime

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def reviews_runtime(service_config):
    config = service_config("reviews")
    upgrade(SERVICE_DIR, config.database_url)
    runtime = Runtime(config)
    yield runtime
    runtime.dispose()


@pytest.fixture(scope="session")
def reviews_client(reviews_runtime):
    app = create_app(reviews_runtime.config)
    return app.test_client()
