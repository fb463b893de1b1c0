"""Sales periods: the Korean day of a sale, weeks from Monday, months, years, and the ranges a report may span."""
from datetime import date, datetime, timezone

import pytest

from orders.domain.sales_periods import (
    RollupSpans,
    SalesFigures,
    default_first_day,
    period_start,
    period_starts,
    range_errors,
    rollup_spans,
)
from servicekit.korean_calendar import korean_day


def test_a_sale_at_three_in_the_afternoon_utc_falls_on_the_next_korean_day():
    assert korean_day(datetime(2026, 3, 9, 14, 59, 59, tzinfo=timezone.utc)) == date(2026, 3, 9)
    assert korean_day(datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc)) == date(2026, 3, 10)


def test_a_sale_at_new_years_eve_afternoon_utc_counts_in_the_next_korean_year():
    assert korean_day(datetime(2025, 12, 31, 15, 30, tzinfo=timezone.utc)) == date(2026, 1, 1)


def test_a_sale_without_a_time_zone_is_refused():
    with pytest.raises(ValueError):
        korean_day(datetime(2026, 3, 9, 12, 0))


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


def test_a_report_without_a_start_covers_the_last_thirty_days():
    assert default_first_day(date(2026, 3, 30)) == date(2026, 3, 1)


def test_a_range_of_up_to_three_years_is_allowed():
    assert range_errors(date(2023, 3, 10), date(2026, 3, 9)) == {}
    assert range_errors(date(2026, 3, 9), date(2026, 3, 9)) == {}


def test_a_range_longer_than_three_years_is_refused():
    assert "to" in range_errors(date(2023, 3, 10), date(2026, 3, 10))
    assert "to" in range_errors(date(2024, 2, 29), date(2027, 2, 28))


def test_a_range_ending_before_it_starts_is_refused():
    assert "from" in range_errors(date(2026, 3, 10), date(2026, 3, 9))


def test_average_order_value_rounds_down_and_is_zero_without_orders():
    assert SalesFigures(orders=3, revenue=10_000).average_order_value == 3_333
    assert SalesFigures(refunds=5_000).average_order_value == 0


def test_refunds_lower_net_revenue_even_below_zero():
    assert SalesFigures(orders=1, revenue=12_000, refunds=4_000).net_revenue == 8_000
    assert SalesFigures(refunds=4_000).net_revenue == -4_000


@pytest.mark.parametrize(
    ("first", "last", "spans"),
    [
        pytest.param(
            date(2026, 1, 1), date(2026, 3, 31), RollupSpans((date(2026, 1, 1), date(2026, 3, 1)), (), ()),
            id="whole months: monthly rollups only",
        ),
        pytest.param(
            date(2026, 1, 20), date(2026, 3, 10),
            RollupSpans(
                (date(2026, 2, 1), date(2026, 2, 1)),
                ((date(2026, 1, 20), date(2026, 1, 31)), (date(2026, 3, 1), date(2026, 3, 10))),
                (),
            ),
            id="months mostly outside: their days inside",
        ),
        pytest.param(
            date(2025, 11, 5), date(2026, 2, 25),
            RollupSpans(
                (date(2025, 11, 1), date(2026, 2, 1)),
                (),
                ((date(2025, 11, 1), date(2025, 11, 4)), (date(2026, 2, 26), date(2026, 2, 28))),
            ),
            id="months mostly inside: whole less their days outside",
        ),
        pytest.param(
            date(2026, 3, 3), date(2026, 3, 29),
            RollupSpans(
                (date(2026, 3, 1), date(2026, 3, 1)),
                (),
                ((date(2026, 3, 1), date(2026, 3, 2)), (date(2026, 3, 30), date(2026, 3, 31))),
            ),
            id="most of one month: whole less the days on both sides",
        ),
        pytest.param(
            date(2026, 3, 3), date(2026, 3, 9), RollupSpans(None, ((date(2026, 3, 3), date(2026, 3, 9)),), ()),
            id="a week: its days",
        ),
    ],
)
def test_a_range_is_read_as_whole_months_and_at_most_half_a_month_of_days_at_either_end(first, last, spans):
    assert rollup_spans(first, last) == spans
