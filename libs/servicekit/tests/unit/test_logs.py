"""Logs are JSON lines that carry the service and the correlation id of what is being done."""
import json
import logging

import pytest

from servicekit.context import correlated
from servicekit.logs import configure_logging


@pytest.fixture
def restored_logging():
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_log_lines_are_json_with_the_correlation_id(capsys, restored_logging):
    configure_logging("orders", "INFO", as_json=True)
    with correlated("req-1234abcd"):
        logging.getLogger("orders.placement").info("order placed")

    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["message"] == "order placed"
    assert line["service"] == "orders"
    assert line["correlation_id"] == "req-1234abcd"
    assert line["level"] == "INFO"
