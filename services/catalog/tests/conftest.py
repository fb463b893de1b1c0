"""Fixtures of the catalog's tests: a migrated database of this run and the app on it."""
from pathlib import Path

import pytest

from catalog.app import create_app
from catalog.events import handlers
from servicekit.bus.consumer import EventConsumer

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def catalog_runtime(migrated_runtime):
    return migrated_runtime("catalog", SERVICE_DIR)


@pytest.fixture(scope="session")
def catalog_client(catalog_runtime):
    app = create_app(catalog_runtime.config)
    return app.test_client()


@pytest.fixture(scope="session")
def catalog_consumer(catalog_runtime):
    return EventConsumer(
        service="catalog",
        topology=catalog_runtime.topology,
        handlers=handlers,
        unit_of_work=catalog_runtime.unit_of_work,
    )
