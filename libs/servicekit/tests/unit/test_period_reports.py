"""The query of a report by period: its default range, the ranges it may span, the periods it may group by."""
from datetime import date, datetime, timezone

import pytest
from marshmallow import ValidationError

from servicekit import clock
from servicekit.period_reports import PeriodReportQuerySchema, default_first_day, range_errors


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


def test_a_query_without_dates_covers_the_thirty_korean_days_up_to_today(monkeypatch):
    # 16:00 UTC on 31 March is already 1 April in Korea.
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 3, 31, 16, 0, tzinfo=timezone.utc))

    query = PeriodReportQuerySchema().load({})

    assert query == {"first": date(2026, 3, 3), "last": date(2026, 4, 1), "period": "day"}


def test_a_query_names_its_range_period_and_seller():
    query = PeriodReportQuerySchema().load({"from": "2025-01-01", "to": "2025-12-31", "period": "month",
                                            "seller_id": "s-1"})

    assert query == {"first": date(2025, 1, 1), "last": date(2025, 12, 31), "period": "month", "seller_id": "s-1"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-03-10", "to": "2026-03-09"}, "from"),
        ({"from": "2020-01-01", "to": "2026-03-09"}, "to"),
        ({"period": "quarter"}, "period"),
        ({"from": "1999-12-31"}, "from"),
        ({"to": "not a day"}, "to"),
    ],
)
def test_a_query_outside_the_rules_names_the_failing_field(query, field):
    with pytest.raises(ValidationError) as refused:
        PeriodReportQuerySchema().load(query)

    assert field in refused.value.messages
