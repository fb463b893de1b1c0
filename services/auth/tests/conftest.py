"""Fixtures of the auth tests: a migrated database of this run and the app on it."""
from pathlib import Path

import pytest

from auth.app import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def auth_runtime(migrated_runtime):
    return migrated_runtime("auth", SERVICE_DIR)


@pytest.fixture(scope="session")
def auth_client(auth_runtime):
    app = create_app(auth_runtime.config)
    return app.test_client()
