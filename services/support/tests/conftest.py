"""Fixtures of the support tests: a migrated database of this run and the app on it."""
from pathlib import Path

import pytest

from support.app import create_app

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def support_runtime(migrated_runtime):
    return migrated_runtime("support", SERVICE_DIR)


@pytest.fixture(scope="session")
def support_client(support_runtime):
    app = create_app(support_runtime.config)
    return app.test_client()
