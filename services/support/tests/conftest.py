"""Fixtures of the support tests: a migrated database of this run, the app and the consumer on it."""
from pathlib import Path

import pytest

from servicekit.bus.consumer import EventConsumer
from support.app import create_app
from support.events import handlers

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def support_runtime(migrated_runtime):
    return migrated_runtime("support", SERVICE_DIR)


@pytest.fixture(scope="session")
def support_app(support_runtime):
    return create_app(support_runtime.config)


@pytest.fixture(scope="session")
def support_client(support_app):
    return support_app.test_client()


@pytest.fixture(scope="session")
def support_consumer(support_runtime):
    return EventConsumer(
        service="support",
        topology=support_runtime.topology,
        handlers=handlers,
        unit_of_work=support_runtime.unit_of_work,
    )
