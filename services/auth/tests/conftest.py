"""Fixtures of the auth tests: a migrated database of this run and the app on it."""
from pathlib import Path

import pytest

from auth.app import create_app
from servicekit.migrations import upgrade
from servicekit.runtime import Runtime

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def auth_runtime(service_config):
    config = service_config("auth")
    upgrade(SERVICE_DIR, config.database_url)
    runtime = Runtime(config)
    yield runtime
    runtime.dispose()


@pytest.fixture(scope="session")
def auth_client(auth_runtime):
    app = create_app(auth_runtime.config)
    return app.test_client()
