"""Reports by period: the query's default range, the ranges it may span and the periods it may group by; a row
for every period, and the report's answer and export."""
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone

import pytest
from flask import Flask
from marshmallow import Schema, ValidationError, fields

from servicekit import clock
from servicekit.period_reports import (
    PeriodReport,
    PeriodReportQuerySchema,
    default_first_day,
    period_report_schema,
    range_errors,
    report_answer,
    report_download,
)


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


@dataclass(frozen=True)
class Visits:
    views: int = 0

    def __add__(self, other):
        return Visits(self.views + other.views)


class VisitsSchema(Schema):
    views = fields.Integer()


def test_a_report_has_a_row_for_every_period_and_totals_of_them_all():
    counted = {date(2026, 3, 2): Visits(4), date(2026, 3, 16): Visits(1)}

    report = PeriodReport.of("s-1", date(2026, 3, 4), date(2026, 3, 17), "week", counted, Visits())

    assert report.rows == [(date(2026, 3, 2), Visits(4)), (date(2026, 3, 9), Visits()), (date(2026, 3, 16), Visits(1))]
    assert report.totals == Visits(5)


def test_a_reports_answer_and_export_show_each_period_start_with_its_figures():
    report = PeriodReport.of(None, date(2026, 3, 1), date(2026, 3, 2), "day", {date(2026, 3, 2): Visits(3)}, Visits())
    schema = period_report_schema(VisitsSchema, "every shop.")

    answer = schema().dump(report_answer(report, asdict))
    with Flask(__name__).app_context():
        exported = report_download(report, asdict, "visits")

    assert schema.__name__ == "VisitsReportSchema"
    assert answer == {"period": "day", "from": "2026-03-01", "to": "2026-03-02", "seller_id": None,
                      "rows": [{"period_start": "2026-03-01", "views": 0}, {"period_start": "2026-03-02", "views": 3}],
                      "totals": {"views": 3}}
    assert exported.headers["Content-Disposition"] == "attachment; filename=visits-2026-03-01-2026-03-02.csv"
    assert exported.get_data(as_text=True) == "\ufeffperiod_start,views\r\n2026-03-01,0\r\n2026-03-02,3\r\n"
