"""Fixtures of the reviews tests: a migrated database of this run and the app on it."""
from pathlib import Path

import pytest

from reviews.app import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def reviews_runtime(migrated_runtime):
    return migrated_runtime("reviews", SERVICE_DIR)


@pytest.fixture(scope="session")
def reviews_client(reviews_runtime):
    app = create_app(reviews_runtime.config)
    return app.test_client()
