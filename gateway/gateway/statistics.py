"""Statistics for charts (G6): revenue, orders, visitors, conversion, inquiries, reviews and rating per Korean day,
week, month or year, composed from the services' reports by period, asked in parallel (gateway.compositions) on
behalf of the signed-in seller (their own shop) or admin (the platform, or one seller)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from marshmallow import EXCLUDE, Schema, ValidationError, fields

from gateway.compositions import Part, ask_services, refusal
from gateway.domain.statistics import Series, ServiceReport, compose, services_for
from servicekit.korean_calendar import period_starts

# Each service's report by period, and the figures of it the measures are read from.
REPORTS = {
    "orders": ("/api/sales-statistics",
               {"orders": fields.Integer(required=True), "revenue": fields.Integer(required=True)}),
    "catalog": ("/api/visitor-statistics", {"visitors": fields.Integer(required=True)}),
    "support": ("/api/inquiry-statistics", {"opened": fields.Integer(required=True)}),
    "reviews": ("/api/rating-statistics", {"reviews": fields.Integer(required=True),
                                           "average_rating": fields.Float(required=True, allow_none=True)}),
}


def _report_schema(figures: dict[str, fields.Field]) -> Schema:
    """What the gateway reads of a report: its rows' period starts and figures, and the totals; a field it does not
    read is left out, so a service may add fields before the gateway knows them."""
    totals = Schema.from_dict(figures)
    row = Schema.from_dict({"period_start": fields.Date(required=True), **figures})
    report = Schema.from_dict({
        "rows": fields.List(fields.Nested(row(unknown=EXCLUDE)), required=True),
        "totals": fields.Nested(totals(unknown=EXCLUDE), required=True),
    })
    return report(unknown=EXCLUDE)


_READERS = {service: _report_schema(figures) for service, (_, figures) in REPORTS.items()}


@dataclass(frozen=True)
class StatisticsQuery:
    measures: tuple[str, ...]
    first: date
    last: date
    period: str
    # An admin's choice of one seller; None: a seller's own shop, or the platform for an admin.
    seller_id: str | None = None


@dataclass(frozen=True)
class Statistics:
    query: StatisticsQuery
    period_starts: list[date]
    series: list[Series]
    # Why each service that did not answer is missing, by service.
    unavailable: dict[str, str]

    @property
    def partial(self) -> bool:
        return any(not series.available for series in self.series)


def statistics(query: StatisticsQuery) -> Statistics:
    """Each measure asked, on every period start from `first` to `last`; a service refusing the caller (4xx)
    refuses the whole answer with its problem, a service missing leaves its measures unavailable."""
    asked = {"from": query.first.isoformat(), "to": query.last.isoformat(), "period": query.period}
    if query.seller_id is not None:
        asked["seller_id"] = query.seller_id
    parts = ask_services(
        {service: f"{REPORTS[service][0]}?{urlencode(asked)}" for service in services_for(query.measures)}
    )
    refused = next((part for part in parts.values() if part.refused), None)
    if refused is not None:
        raise refusal(refused)
    reports = {service: _read(part) for service, part in parts.items()}
    unavailable = {
        service: part.unavailable or f"The {service} service gave an answer the gateway cannot read."
        for service, part in parts.items() if reports[service] is None
    }
    starts = period_starts(query.first, query.last, query.period)
    return Statistics(query, starts, compose(query.measures, starts, reports), unavailable)


def _read(part: Part) -> ServiceReport | None:
    if not part.available:
        return None
    try:
        report = _READERS[part.service].load(part.body)
    except ValidationError:
        return None
    rows = {row.pop("period_start"): row for row in report["rows"]}
    return ServiceReport(rows, report["totals"])
