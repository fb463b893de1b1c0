"""Sales periods on the Korean calendar: which day a sale falls on, how days group into weeks,
months and years, which date ranges a report may span, how a range is read from monthly and daily
rollups, and the figures reported for a period. A sale's day is `servicekit.korean_calendar.korean_day`."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

PERIODS = ("day", "week", "month", "year")
DEFAULT_DAYS = 30
MAX_SPAN_YEARS = 3


def period_start(day: date, period: str) -> date:
    """The first day of the period holding `day`; weeks start on Monday (ISO 8601)."""
    if period == "day":
        return day
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"unknown period {period!r}")


def _next_period_start(start: date, period: str) -> date:
    if period == "day":
        return start + timedelta(days=1)
    if period == "week":
        return start + timedelta(days=7)
    if period == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def period_end(start: date, period: str) -> date:
    """The last day of the period starting on `start`."""
    return _next_period_start(start, period) - timedelta(days=1)


def period_starts(first: date, last: date, period: str) -> list[date]:
    """Every period from the one holding `first` to the one holding `last`, so a chart's axis has no gaps."""
    starts = []
    start = period_start(first, period)
    while start <= last:
        starts.append(start)
        start = _next_period_start(start, period)
    return starts


@dataclass(frozen=True)
class RollupSpans:
    """A range of days as whole months plus and minus spans of days, each span (first, last) inclusive.

    A month read whole costs one rollup row per product instead of one per product and day, so a
    partly covered month is read whole when more of it is inside the range than outside, and the
    days outside are taken away again: at most half a month of days is read at either end.
    """

    months: tuple[date, date] | None
    added_days: tuple[tuple[date, date], ...]
    removed_days: tuple[tuple[date, date], ...]


def rollup_spans(first: date, last: date) -> RollupSpans:
    """How to read `first`..`last` (inclusive) from monthly and daily rollups with the fewest days."""
    months, added, removed = [], [], []
    for month in period_starts(first, last, "month"):
        month_end = period_end(month, "month")
        inside = (max(first, month), min(last, month_end))
        outside = [span for span in ((month, inside[0] - timedelta(days=1)), (inside[1] + timedelta(days=1), month_end))
                   if span[0] <= span[1]]
        outside_days = sum((span[1] - span[0]).days + 1 for span in outside)
        if outside_days < (inside[1] - inside[0]).days + 1:
            months.append(month)
            removed.extend(outside)
        else:
            added.append(inside)
    return RollupSpans((months[0], months[-1]) if months else None, tuple(added), tuple(removed))


def default_first_day(last: date) -> date:
    """Where a report starts when only its last day is given: 30 days, the last one included."""
    return last - timedelta(days=DEFAULT_DAYS - 1)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def range_errors(first: date, last: date) -> dict[str, list[str]]:
    """Why a report may not cover `first`..`last` (inclusive), by field; empty when it may."""
    if first > last:
        return {"from": ["Give a date on or before `to`."]}
    if last >= _years_after(first, MAX_SPAN_YEARS):
        return {"to": [f"A report spans at most {MAX_SPAN_YEARS} years: ask for a shorter range."]}
    return {}


@dataclass(frozen=True)
class SalesFigures:
    """What was sold and refunded in a period, in units and won.

    Revenue is product revenue, quantity times unit price; shipping fees and discounts are not in it.
    """

    orders: int = 0
    units: int = 0
    revenue: int = 0
    refunds: int = 0
    refunded_units: int = 0

    @property
    def net_revenue(self) -> int:
        return self.revenue - self.refunds

    @property
    def average_order_value(self) -> int:
        """Revenue per order in whole won, rounded down; 0 when nothing was ordered."""
        return self.revenue // self.orders if self.orders else 0

    def __add__(self, other: "SalesFigures") -> "SalesFigures":
        return SalesFigures(
            self.orders + other.orders,
            self.units + other.units,
            self.revenue + other.revenue,
            self.refunds + other.refunds,
            self.refunded_units + other.refunded_units,
        )
