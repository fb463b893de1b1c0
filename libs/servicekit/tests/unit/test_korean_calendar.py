"""The Korean calendar: the day of an instant turns at 15:00 UTC; weeks start on Monday, months and years on
their first day; business days are weekdays that are no public holiday."""
from datetime import date, datetime, timezone

import pytest

from servicekit.korean_calendar import (
    is_korean_business_day,
    korean_day,
    korean_midnight,
    next_korean_business_day,
    period_end,
    period_so_far,
    period_start,
    period_starts,
    same_days_of_previous_period,
)


def test_the_korean_day_turns_at_three_in_the_afternoon_utc():
    assert korean_day(datetime(2026, 11, 25, 14, 59, tzinfo=timezone.utc)) == date(2026, 11, 25)
    assert korean_day(datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)) == date(2026, 11, 26)


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError):
        korean_day(datetime(2026, 11, 25, 12, 0))


def test_a_korean_day_starts_at_midnight_in_korea_which_is_three_in_the_afternoon_utc():
    assert korean_midnight(date(2026, 1, 1)) == datetime(2025, 12, 31, 15, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (date(2026, 3, 9), date(2026, 3, 9)),  # a Monday starts its own week
        (date(2026, 3, 15), date(2026, 3, 9)),  # Sunday ends it
        (date(2026, 3, 16), date(2026, 3, 16)),
        (date(2026, 1, 1), date(2025, 12, 29)),  # a week crosses the new year (ISO week 1 of 2026)
    ],
)
def test_weeks_start_on_monday(day, monday):
    assert period_start(day, "week") == monday


@pytest.mark.parametrize(
    ("period", "start"),
    [("day", date(2024, 2, 29)), ("month", date(2024, 2, 1)), ("year", date(2024, 1, 1))],
)
def test_days_group_into_their_calendar_month_and_year(period, start):
    assert period_start(date(2024, 2, 29), period) == start


@pytest.mark.parametrize(
    ("start", "period", "end"),
    [
        (date(2024, 2, 1), "month", date(2024, 2, 29)),
        (date(2025, 12, 1), "month", date(2025, 12, 31)),
        (date(2025, 12, 29), "week", date(2026, 1, 4)),
        (date(2026, 1, 1), "year", date(2026, 12, 31)),
        (date(2026, 3, 9), "day", date(2026, 3, 9)),
    ],
)
def test_a_period_ends_the_day_before_the_next_one_starts(start, period, end):
    assert period_end(start, period) == end


def test_a_range_lists_every_period_it_touches_so_charts_have_no_gaps():
    assert period_starts(date(2025, 11, 20), date(2026, 2, 3), "month") == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1),
    ]
    assert period_starts(date(2026, 3, 11), date(2026, 3, 23), "week") == [
        date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 23),
    ]
    assert period_starts(date(2024, 6, 1), date(2026, 1, 1), "year") == [
        date(2024, 1, 1), date(2025, 1, 1), date(2026, 1, 1),
    ]
    assert len(period_starts(date(2026, 2, 1), date(2026, 3, 2), "day")) == 30


def test_an_unknown_period_is_refused():
    with pytest.raises(ValueError):
        period_start(date(2026, 3, 9), "fortnight")


@pytest.mark.parametrize(
    ("today", "period", "so_far"),
    [
        (date(2026, 3, 11), "day", (date(2026, 3, 11), date(2026, 3, 11))),
        (date(2026, 3, 11), "week", (date(2026, 3, 9), date(2026, 3, 11))),  # a Wednesday: from Monday
        (date(2026, 3, 11), "month", (date(2026, 3, 1), date(2026, 3, 11))),
        (date(2026, 3, 1), "month", (date(2026, 3, 1), date(2026, 3, 1))),
    ],
)
def test_a_period_so_far_runs_from_its_first_day_to_today(today, period, so_far):
    assert period_so_far(today, period) == so_far


@pytest.mark.parametrize(
    ("days", "period", "before"),
    [
        ((date(2026, 3, 1), date(2026, 3, 1)), "day", (date(2026, 2, 28), date(2026, 2, 28))),
        ((date(2026, 3, 9), date(2026, 3, 11)), "week", (date(2026, 3, 2), date(2026, 3, 4))),
        ((date(2025, 12, 29), date(2026, 1, 1)), "week", (date(2025, 12, 22), date(2025, 12, 25))),
        ((date(2026, 3, 1), date(2026, 3, 11)), "month", (date(2026, 2, 1), date(2026, 2, 11))),
        # February is shorter: the 29th to the 31st of March compare with the whole of February.
        ((date(2026, 3, 1), date(2026, 3, 30)), "month", (date(2026, 2, 1), date(2026, 2, 28))),
        ((date(2024, 3, 1), date(2024, 3, 31)), "month", (date(2024, 2, 1), date(2024, 2, 29))),
        ((date(2026, 1, 1), date(2026, 1, 15)), "month", (date(2025, 12, 1), date(2025, 12, 15))),
        ((date(2026, 1, 1), date(2026, 2, 3)), "year", (date(2025, 1, 1), date(2025, 2, 3))),
    ],
)
def test_a_period_so_far_compares_with_the_same_days_of_the_period_before(days, period, before):
    assert same_days_of_previous_period(*days, period) == before


def test_business_days_leave_out_weekends_and_korean_public_holidays_substitutes_and_elections_included():
    assert is_korean_business_day(date(2026, 12, 7))
    assert not is_korean_business_day(date(2026, 12, 12))  # a Saturday
    assert not is_korean_business_day(date(2026, 3, 2))  # for Independence Movement Day on a Sunday
    assert not is_korean_business_day(date(2026, 6, 3))  # the local elections


def test_the_next_business_day_skips_a_weekend_and_chuseok_together():
    assert next_korean_business_day(date(2026, 9, 23)) == date(2026, 9, 28)
    assert next_korean_business_day(date(2026, 12, 7)) == date(2026, 12, 8)
