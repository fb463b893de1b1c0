"""The worker's HTTP port and relay limit are read from the environment like every other setting."""
import pytest

from servicekit.config import ServiceConfig


def test_a_worker_serves_http_only_when_given_a_port():
    assert ServiceConfig.from_env("support", {}).worker_http_port is None
    assert ServiceConfig.from_env("support", {"WORKER_HTTP_PORT": ""}).worker_http_port is None
    assert ServiceConfig.from_env("support", {"WORKER_HTTP_PORT": "9000"}).worker_http_port == 9000


@pytest.mark.parametrize("value", ["http", "-1", "70000", "9000.5"])
def test_a_port_that_is_no_port_stops_the_start_naming_the_setting(value):
    with pytest.raises(ValueError, match="WORKER_HTTP_PORT must be a port number"):
        ServiceConfig.from_env("support", {"WORKER_HTTP_PORT": value})


def test_the_outbox_is_called_stuck_after_a_minute_unless_told_otherwise():
    assert ServiceConfig.from_env("support", {}).outbox_stuck_seconds == 60
    assert ServiceConfig.from_env("support", {"OUTBOX_STUCK_SECONDS": "5"}).outbox_stuck_seconds == 5


def test_a_worker_runs_one_consumer_process_taking_twenty_events_at_a_time_unless_told_otherwise():
    config = ServiceConfig.from_env("orders", {})
    assert (config.worker_processes, config.worker_prefetch) == (1, 20)
    config = ServiceConfig.from_env("orders", {"WORKER_PROCESSES": "4", "WORKER_PREFETCH": "50"})
    assert (config.worker_processes, config.worker_prefetch) == (4, 50)


@pytest.mark.parametrize("name", ["WORKER_PROCESSES", "WORKER_PREFETCH"])
@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5"])
def test_a_process_count_or_prefetch_below_one_stops_the_start_naming_the_setting(name, value):
    with pytest.raises(ValueError, match=f"{name} must be a whole number of at least 1"):
        ServiceConfig.from_env("orders", {name: value})
