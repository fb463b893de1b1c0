"""Fixtures of the support tests: a migrated database of this run and the app on it."""
from pathlib import Path

import pytest

from support.app import create_app
from servicekit.migrations import upgrade
from servicekit.runtime import Runtime

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def support_runtime(service_config):
    config = service_config("support")
    upgrade(SERVICE_DIR, config.database_url)
    runtime = Runtime(config)
    yield runtime
    runtime.dispose()


@pytest.fixture(scope="session")
def support_client(support_runtime):
    app = create_app(support_runtime.config)
    return app.test_client()
