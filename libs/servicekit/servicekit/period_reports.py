"""Reports by period on the Korean calendar, the same in every service: the query a statistics resource takes
(`from`, `to`, `period`, `seller_id`), the ranges a report may span, SQL that groups stored days and instants
into their periods (servicekit.korean_calendar says what the periods are), and the report itself: a row of
figures per period, its answer and its CSV export."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Generic, Mapping, Protocol, TypeVar

from flask import Response
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema
from sqlalchemy import Date, DateTime, cast, func, literal_column

from servicekit import clock
from contracts.reconciliation import MAX_DAYS
from servicekit.korean_calendar import KOREA, PERIODS, REPORTABLE_DAYS, korean_day, period_starts
from servicekit.languages import Message, _
from servicekit.spreadsheets import spreadsheet_download

DEFAULT_DAYS = 30
MAX_SPAN_YEARS = 3
# How SQLite's date() finds the first day of a period from a day; weeks start on Monday.
_SQLITE_PERIOD_MODIFIERS = {"day": (), "week": ("-6 days", "weekday 1"), "month": ("start of month",),
                            "year": ("start of year",)}
# Korea has kept UTC+9 without summer time since 1988, long before any reportable day (REPORTABLE_DAYS),
# so SQLite, which knows no time zones, shifts instants by these hours.
_KOREA_UTC_OFFSET_HOURS = 9


def default_first_day(last: date) -> date:
    """Where a report starts when only its last day is given: 30 days, the last one included."""
    return last - timedelta(days=DEFAULT_DAYS - 1)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def range_errors(first: date, last: date) -> dict[str, list[Message]]:
    """Why a report may not cover `first`..`last` (inclusive), by field; empty when it may."""
    if first > last:
        return {"from": [_("Give a date on or before `to`.")]}
    if last >= _years_after(first, MAX_SPAN_YEARS):
        return {"to": [_("A report spans at most %(years)s years: ask for a shorter range.", years=MAX_SPAN_YEARS)]}
    return {}


class SellerDaysQuerySchema(Schema):
    """The query of a seller-days report (contracts.reconciliation): both days given, a month at most."""

    first = fields.Date(required=True, validate=REPORTABLE_DAYS, data_key="from",
                        metadata={"description": "First day (Korean calendar)."})
    last = fields.Date(required=True, validate=REPORTABLE_DAYS, data_key="to",
                       metadata={"description": f"Last day, included; at most {MAX_DAYS} days in all."})

    @validates_schema
    def _a_month_at_most(self, query, **kwargs):
        if "first" not in query or "last" not in query:
            return
        if query["first"] > query["last"]:
            raise ValidationError({"from": [_("Give a date on or before `to`.")]})
        if (query["last"] - query["first"]).days >= MAX_DAYS:
            raise ValidationError({"to": [_("A report spans at most %(days)s days.", days=MAX_DAYS)]})


def requested_range(query: dict) -> tuple[date, date]:
    """The range a query asks for, its defaults filled in: up to today in Korea, 30 days long."""
    last = query.get("last") or korean_day(clock.now())
    return query.get("first") or default_first_day(last), last


class PeriodReportQuerySchema(Schema):
    """The query of every report by period; loads `first`, `last` (both set) and `period`."""

    first = fields.Date(
        validate=REPORTABLE_DAYS, data_key="from",
        metadata={"description": "First day (Korean calendar); 29 days before `to` if left out."},
    )
    last = fields.Date(
        validate=REPORTABLE_DAYS, data_key="to",
        metadata={"description": "Last day (Korean calendar), included; today in Korea if left out."},
    )
    period = fields.String(
        load_default="day", validate=validate.OneOf(PERIODS),
        metadata={"description": "How days are grouped: weeks start on Monday; the first and last period hold only "
                                 "the days of the range."},
    )
    seller_id = fields.String(
        validate=validate.Length(min=1, max=36),
        metadata={"description": "Platform staff: one seller's figures instead of the whole platform's. A seller "
                                 "reads their own shop's, and may name only it."},
    )

    @validates_schema
    def _spans_at_most_three_years(self, query, **kwargs):
        errors = range_errors(*requested_range(query))
        if errors:
            raise ValidationError(errors)

    @post_load
    def _with_default_range(self, query, **kwargs):
        query["first"], query["last"] = requested_range(query)
        return query


def period_start_of_day(day, period: str, dialect: str):
    """SQL for the first day of the period holding the date `day` (a column or expression), as
    korean_calendar.period_start reckons it."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")
    if dialect == "postgresql":
        return day if period == "day" else _truncated(cast(day, DateTime), period)
    return _sqlite_date(day, (), period)


def period_start_of_instant(at, period: str, dialect: str):
    """SQL for the first day of the period holding the Korean day of the stored UTC instant `at`."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")
    if dialect == "postgresql":
        # AT TIME ZONE: the wall-clock time in Korea, whose date is the Korean day.
        in_korea = func.timezone(literal_column(f"'{KOREA.key}'"), at)
        return cast(in_korea, Date) if period == "day" else _truncated(in_korea, period)
    return _sqlite_date(at, (f"+{_KOREA_UTC_OFFSET_HOURS} hours",), period)


# Literal SQL, not bound parameters, in both: PostgreSQL matches a GROUP BY to the select list by its text,
# and `period` is one of PERIODS, checked by the callers.
def _truncated(timestamp, period: str):
    return cast(func.date_trunc(literal_column(f"'{period}'"), timestamp), Date)


def _sqlite_date(value, shift: tuple[str, ...], period: str):
    modifiers = (*shift, *_SQLITE_PERIOD_MODIFIERS[period])
    return func.date(value, *[literal_column(f"'{modifier}'") for modifier in modifiers], type_=Date)


class Figures(Protocol):
    """What a report counts in a period: figures that add up to those of a longer one."""

    def __add__(self, other): ...


F = TypeVar("F", bound=Figures)


@dataclass(frozen=True)
class PeriodReport(Generic[F]):
    """Figures per period from `first` to `last` (Korean days, both included): of one seller, or of the whole
    platform when `seller_id` is None. Every period has a row, oldest first, an empty one with `empty` figures."""

    seller_id: str | None
    first: date
    last: date
    period: str
    rows: list[tuple[date, F]]
    totals: F

    @classmethod
    def of(cls, seller_id: str | None, first: date, last: date, period: str, counted: Mapping[date, F],
           empty: F) -> "PeriodReport[F]":
        """The report of what was `counted` by period start; the totals add up every period's figures."""
        rows = [(start, counted.get(start, empty)) for start in period_starts(first, last, period)]
        return cls(seller_id, first, last, period, rows, sum(counted.values(), empty))


def period_report_schema(figures: type[Schema], whose: str) -> type[Schema]:
    """The schema of a report's answer (report_answer) whose figures `figures` describes; `whose` says what a
    null seller_id covers. Named after `figures`: VisitsSchema gives VisitsReportSchema and VisitsRowSchema."""
    name = figures.__name__.removesuffix("Schema")
    row = type(f"{name}RowSchema", (figures,), {"period_start": fields.Date()})
    return type(f"{name}ReportSchema", (Schema,), {
        "period": fields.String(metadata={"enum": list(PERIODS)}),
        "first": fields.Date(data_key="from"),
        "last": fields.Date(data_key="to"),
        "seller_id": fields.String(allow_none=True, metadata={"description": f"Null: {whose}"}),
        "rows": fields.List(fields.Nested(row), metadata={"description": "Every period, oldest first, empty ones "
                                                                         "included."}),
        "totals": fields.Nested(figures, metadata={"description": "Over the whole range."}),
    })


def _rows(report: PeriodReport[F], shown: Callable[[F], dict]) -> list[dict]:
    return [{"period_start": start, **shown(figures)} for start, figures in report.rows]


def report_answer(report: PeriodReport[F], shown: Callable[[F], dict]) -> dict:
    """The answer period_report_schema describes; `shown` gives the fields of a period's figures."""
    return {"period": report.period, "first": report.first, "last": report.last, "seller_id": report.seller_id,
            "rows": _rows(report, shown), "totals": shown(report.totals)}


def report_download(report: PeriodReport[F], shown: Callable[[F], dict], name: str) -> Response:
    """The export of a report: a row per period, its start and its figures' fields as `shown` gives them."""
    rows = _rows(report, shown)
    filename = f"{name}-{report.first}-{report.last}.csv"
    return spreadsheet_download(list(rows[0]), [row.values() for row in rows], filename)
