"""Sales periods: the Korean day of a sale, the figures of a period, and a range read from monthly and daily
rollups (the periods themselves and the ranges a report may span are servicekit's, tested there)."""
from datetime import date, datetime, timezone

import pytest

from orders.domain.sales_periods import RollupSpans, SalesFigures, rollup_spans
from servicekit.korean_calendar import korean_day


def test_a_sale_at_three_in_the_afternoon_utc_falls_on_the_next_korean_day():
    assert korean_day(datetime(2026, 3, 9, 14, 59, 59, tzinfo=timezone.utc)) == date(2026, 3, 9)
    assert korean_day(datetime(2026, 3, 9, 15, 0, tzinfo=timezone.utc)) == date(2026, 3, 10)


def test_a_sale_at_new_years_eve_afternoon_utc_counts_in_the_next_korean_year():
    assert korean_day(datetime(2025, 12, 31, 15, 30, tzinfo=timezone.utc)) == date(2026, 1, 1)


def test_a_sale_without_a_time_zone_is_refused():
    with pytest.raises(ValueError):
        korean_day(datetime(2026, 3, 9, 12, 0))


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
