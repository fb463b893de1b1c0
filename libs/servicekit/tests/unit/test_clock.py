"""The platform's clock: one instant, aware and in UTC."""
from datetime import datetime, timedelta, timezone

import pytest

from servicekit import clock


def test_the_clock_tells_an_aware_utc_instant_close_to_the_system_time():
    told = clock.now()
    assert told.tzinfo is not None and told.utcoffset() == timedelta(0)
    assert abs(told - datetime.now(timezone.utc)) < timedelta(seconds=5)


def test_a_test_sets_the_instant_the_clock_tells_with_clock_at(clock_at):
    clock_at(datetime(2026, 3, 1, 15, 0, tzinfo=timezone.utc))

    assert clock.now() == datetime(2026, 3, 1, 15, 0, tzinfo=timezone.utc)


def test_clock_at_refuses_a_naive_instant(clock_at):
    with pytest.raises(ValueError):
        clock_at(datetime(2026, 3, 1, 15, 0))
