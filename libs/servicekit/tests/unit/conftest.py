"""Fixtures of servicekit's unit tests."""
import pytest

from servicekit.config import ServiceConfig


@pytest.fixture
def kit_config(tmp_path) -> ServiceConfig:
    """A service's settings on a SQLite file of this test, for apps built with create_service_app."""
    return ServiceConfig(
        service="kit", database_url=f"sqlite:///{tmp_path / 'kit.db'}", broker_url="memory://", bus_namespace="kit",
        var_dir=tmp_path, identity_public_key_file=tmp_path / "none.pem",
        identity_private_key_file=tmp_path / "none.pem", log_json=False,
    )
