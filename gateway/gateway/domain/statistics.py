"""The statistics the gateway composes for charts from the services' reports by period: which service reports
each measure, and how their rows become one series per measure on the same period starts, conversion (orders
over visitors) from two of them. No Flask, no HTTP: the reports come in as rows already read."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

MEASURES = ("revenue", "orders", "visitors", "conversion", "inquiries", "reviews", "rating")
# Which services' reports each measure is read from.
SOURCES = {
    "revenue": ("orders",),
    "orders": ("orders",),
    "visitors": ("catalog",),
    "conversion": ("orders", "catalog"),
    "inquiries": ("support",),
    "reviews": ("reviews",),
    "rating": ("reviews",),
}
# The field of its service's report each measure that is not computed is, and the value of a period without one.
_READ = {
    "revenue": ("orders", "revenue", 0),
    "orders": ("orders", "orders", 0),
    "visitors": ("catalog", "visitors", 0),
    "inquiries": ("support", "opened", 0),
    "reviews": ("reviews", "reviews", 0),
    "rating": ("reviews", "average_rating", None),
}
UNITS = {
    "revenue": "won",
    "orders": "count",
    "visitors": "count",
    "conversion": "ratio",
    "inquiries": "count",
    "reviews": "count",
    "rating": "stars",
}
CONVERSION_DECIMALS = 4

Number = int | float


@dataclass(frozen=True)
class ServiceReport:
    """What one service reported: its figures per period start, and over the whole range."""

    rows: Mapping[date, Mapping[str, Number | None]]
    totals: Mapping[str, Number | None]


@dataclass(frozen=True)
class Series:
    """One measure on every period start of the range; `values` and `total` are None when a service it is read
    from did not answer (`missing` names them)."""

    measure: str
    values: list[Number | None] | None
    total: Number | None
    missing: tuple[str, ...] = ()

    @property
    def available(self) -> bool:
        return not self.missing

    @property
    def unit(self) -> str:
        return UNITS[self.measure]


def services_for(measures: tuple[str, ...]) -> tuple[str, ...]:
    """The services to ask, each once, in the order the measures name them."""
    return tuple(dict.fromkeys(service for measure in measures for service in SOURCES[measure]))


def conversion(orders: Number, visitors: Number) -> float | None:
    """Orders over visitors, to four decimals; None without visitors. It may pass 1: an order needs no counted
    view (a repeat order from the order list, a client of the API)."""
    return round(orders / visitors, CONVERSION_DECIMALS) if visitors else None


def compose(measures: tuple[str, ...], starts: list[date], reports: Mapping[str, ServiceReport | None]) -> list[Series]:
    """A series of each measure on `starts`: a period a report has no row for counts zero (no rating)."""
    series = []
    for measure in measures:
        missing = tuple(service for service in SOURCES[measure] if reports.get(service) is None)
        if missing:
            series.append(Series(measure, None, None, missing))
        elif measure == "conversion":
            orders, visitors = reports["orders"], reports["catalog"]
            series.append(Series(
                measure,
                [conversion(_value(orders.rows, start, "orders", 0), _value(visitors.rows, start, "visitors", 0))
                 for start in starts],
                conversion(orders.totals.get("orders") or 0, visitors.totals.get("visitors") or 0),
            ))
        else:
            service, field, empty = _READ[measure]
            report = reports[service]
            series.append(Series(measure, [_value(report.rows, start, field, empty) for start in starts],
                                 report.totals.get(field, empty)))
    return series


def _value(rows: Mapping[date, Mapping[str, Number | None]], start: date, field: str, empty: Number | None):
    row = rows.get(start)
    return empty if row is None else row.get(field, empty)
