"""The Korean calendar day of an instant: it turns at 15:00 UTC."""
from datetime import date, datetime, timezone

import pytest

from servicekit.korean_calendar import korean_day


def test_the_korean_day_turns_at_three_in_the_afternoon_utc():
    assert korean_day(datetime(2026, 11, 25, 14, 59, tzinfo=timezone.utc)) == date(2026, 11, 25)
    assert korean_day(datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)) == date(2026, 11, 26)


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError):
        korean_day(datetime(2026, 11, 25, 12, 0))
