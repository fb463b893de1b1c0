"""The rate limit counters: a moving window per limit and per counted value, and what happens when storage fails."""
import socket

import pytest

from gateway.rate_limits import RateLimits
from gateway.settings import GatewaySettings


def _limits(**limits) -> RateLimits:
    return RateLimits(GatewaySettings(rate_limits=limits))


def test_attempts_within_the_limit_pass_and_the_next_is_told_how_long_to_wait():
    limits = _limits(login_per_ip="3/minute")

    assert [limits.hit("login_per_ip", "192.0.2.1") for _ in range(3)] == [None, None, None]
    assert 59 <= limits.hit("login_per_ip", "192.0.2.1") <= 60


def test_each_counted_value_and_each_limit_has_its_own_count():
    limits = _limits(login_per_ip="1/minute", sign_up_per_ip="1/hour")
    limits.hit("login_per_ip", "192.0.2.1")

    assert limits.hit("login_per_ip", "192.0.2.2") is None
    assert limits.hit("sign_up_per_ip", "192.0.2.1") is None
    assert limits.hit("sign_up_per_ip", "192.0.2.1") > 60


def test_a_limit_the_library_cannot_read_stops_the_gateway_at_start():
    with pytest.raises(ValueError):
        _limits(login_per_ip="twenty a minute")


def test_when_the_storage_cannot_be_reached_attempts_pass(caplog):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    limits = RateLimits(GatewaySettings(rate_limit_storage_url=f"redis://127.0.0.1:{port}"))

    assert limits.hit("login_per_ip", "192.0.2.1") is None
    assert "not checked" in caplog.text
