"""Gateway settings from the environment: defaults, and each rate limit overridable on its own."""
from pathlib import Path

import pytest

from gateway.settings import DEFAULT_RATE_LIMITS, GatewaySettings
from servicekit.config import ServiceConfig


@pytest.fixture
def config(tmp_path: Path) -> ServiceConfig:
    return ServiceConfig.from_env("gateway", {"MARKETPLACE_VAR_DIR": str(tmp_path)})


def test_defaults_count_in_memory_under_the_gateway_prefix_with_the_product_limits(config):
    settings = GatewaySettings.from_env(config, {})

    assert settings.rate_limit_storage_url == "memory://"
    assert settings.rate_limit_prefix == "gateway"
    assert settings.rate_limits == DEFAULT_RATE_LIMITS
    assert settings.rate_limits["login_per_ip"] == "20/minute"
    assert settings.rate_limits["recovery_per_login"] == "5/15 minutes"


def test_each_rate_limit_storage_and_prefix_is_read_from_its_own_variable(config):
    settings = GatewaySettings.from_env(
        config,
        {"RATE_LIMIT_LOGIN_PER_IP": "1000/minute", "RATE_LIMIT_SIGN_UP_PER_IP": "500/hour",
         "RATE_LIMIT_STORAGE_URL": "redis://cache:6379/2", "RATE_LIMIT_PREFIX": "gateway-eu"},
    )

    assert settings.rate_limits["login_per_ip"] == "1000/minute"
    assert settings.rate_limits["sign_up_per_ip"] == "500/hour"
    assert settings.rate_limits["login_per_login"] == DEFAULT_RATE_LIMITS["login_per_login"]
    assert settings.rate_limit_storage_url == "redis://cache:6379/2"
    assert settings.rate_limit_prefix == "gateway-eu"


def test_the_device_cookie_has_the_host_prefix_only_when_secure():
    assert GatewaySettings(session_cookie_secure=True).device_cookie_name == "__Host-device"
    assert GatewaySettings(session_cookie_secure=False).device_cookie_name == "device"


def test_composed_answers_wait_two_seconds_for_each_service_unless_told_otherwise(config):
    assert GatewaySettings.from_env(config, {}).composition_timeout_seconds == 2.0
    assert GatewaySettings.from_env(config, {"GATEWAY_COMPOSITION_TIMEOUT": "0.8"}).composition_timeout_seconds == 0.8
