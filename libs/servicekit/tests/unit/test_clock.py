"""The platform's clock: one instant, aware and in UTC."""
from datetime import datetime, timedelta, timezone

from servicekit import clock


def test_the_clock_tells_an_aware_utc_instant_close_to_the_system_time():
    told = clock.now()
    assert told.tzinfo is not None and told.utcoffset() == timedelta(0)
    assert abs(told - datetime.now(timezone.utc)) < timedelta(seconds=5)
