"""/api/statistics: time series for the seller center's charts, composed from the services' reports by period;
/api/statistics/export (or Accept: text/csv) as a CSV file."""
from flask import request
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from gateway.browser_sessions import FIGURES_READERS as READERS, figures_reader
from gateway.domain.statistics import MEASURES, UNITS
from gateway.statistics import Statistics, StatisticsQuery, statistics
from servicekit.blueprints import Blueprint
from servicekit.korean_calendar import PERIODS
from servicekit.languages import _
from servicekit.period_reports import PeriodReportQuerySchema
from servicekit.problems import Problem
from servicekit.spreadsheets import spreadsheet_download

blp = Blueprint("statistics", __name__, url_prefix="/api/statistics", description="Statistics for charts")

CSV = "text/csv"
MEASURE_DESCRIPTIONS = {
    "revenue": "Won: quantity x unit price of the items paid (orders' sales statistics); no shipping or discounts.",
    "orders": "Orders paid: a seller's each holding their items, the platform's each once.",
    "visitors": "The shop's distinct visitors each day, added up over the period (catalog's visitor statistics).",
    "conversion": "Orders over visitors, to four decimals; null without visitors. It may pass 1: an order needs no "
                  "counted view.",
    "inquiries": "Inquiries opened (support's inquiry statistics).",
    "reviews": "Reviews posted, as they stand now: hidden and deleted ones are not counted.",
    "rating": "The average rating of the reviews posted, 1 to 5 to two decimals; null in a period without reviews.",
}
UNAVAILABLE = (
    "Some of the measures asked come from a service that did not answer in time or failed; the export has no "
    "partial file. The JSON answer gives the others, marked partial."
)


class StatisticsQuerySchema(PeriodReportQuerySchema):
    measures = fields.List(
        fields.String(validate=validate.OneOf(MEASURES)), data_key="measure",
        metadata={"description": "The measures to chart, repeated for several (`measure=revenue&measure=orders`); "
                                 "every one if left out. " + " ".join(f"`{name}`: {text}"
                                                                      for name, text in MEASURE_DESCRIPTIONS.items())},
    )


class SeriesSchema(Schema):
    unit = fields.String(metadata={"enum": sorted(set(UNITS.values()))})
    available = fields.Boolean(metadata={"description": "False when a service it is read from did not answer."})
    values = fields.List(
        fields.Raw(metadata={"type": ["number", "null"]}), allow_none=True,
        metadata={"description": "One per period start, in their order; zero for a period without any (a rating or "
                                 "conversion: null). Null when unavailable."},
    )
    total = fields.Raw(
        allow_none=True, metadata={"type": "number", "description": "Over the whole range."}
    )
    unavailable_because = fields.String(allow_none=True)


class StatisticsSchema(Schema):
    period = fields.String(metadata={"enum": list(PERIODS)})
    first = fields.Date(data_key="from")
    last = fields.Date(data_key="to")
    seller_id = fields.String(allow_none=True, metadata={"description": "The admin's choice; null otherwise."})
    measures = fields.List(
        fields.String(validate=validate.OneOf(MEASURES)), metadata={"description": "The measures asked, in order."}
    )
    period_starts = fields.List(
        fields.Date(), metadata={"description": "Every period of the range, oldest first: the charts' axis."}
    )
    series = fields.Dict(
        keys=fields.String(validate=validate.OneOf(MEASURES)), values=fields.Nested(SeriesSchema),
        metadata={"description": "Each measure asked, by name."},
    )
    partial = fields.Boolean(metadata={"description": "Some measure is unavailable: a service did not answer."})


def _asked(query: dict) -> Statistics:
    figures_reader("statistics")
    measures = tuple(dict.fromkeys(query.get("measures") or MEASURES))
    return statistics(
        StatisticsQuery(measures, query["first"], query["last"], query["period"], query.get("seller_id"))
    )


def _shown(report: Statistics) -> dict:
    def unavailable_because(missing: tuple[str, ...]) -> str | None:
        return " ".join(report.unavailable[service] for service in missing) or None

    query = report.query
    return {
        "period": query.period, "first": query.first, "last": query.last, "seller_id": query.seller_id,
        "measures": [series.measure for series in report.series],
        "period_starts": report.period_starts,
        "series": {
            series.measure: {"unit": series.unit, "available": series.available, "values": series.values,
                             "total": series.total, "unavailable_because": unavailable_because(series.missing)}
            for series in report.series
        },
        "partial": report.partial,
    }


def _spreadsheet(report: Statistics):
    if report.partial:
        missing = [series.measure for series in report.series if not series.available]
        raise Problem(503, "statistics-unavailable", "Service Unavailable",
                      _("%(measures)s cannot be exported now: %(reasons)s Try again soon, or export the other measures.",
                        measures=", ".join(missing), reasons=" ".join(report.unavailable.values())),
                      unavailable=missing)
    query = report.query
    columns = ("period_start", *(series.measure for series in report.series))
    rows = [(start, *(series.values[index] for series in report.series))
            for index, start in enumerate(report.period_starts)]
    return spreadsheet_download(columns, rows, f"statistics-{query.first}-{query.last}.csv")


@blp.route("")
class StatisticsForCharts(MethodView):
    @blp.signed_in(*READERS, second_factor="at-sign-in")
    @blp.arguments(StatisticsQuerySchema, location="query")
    @blp.response(200, StatisticsSchema)
    @blp.alt_response(200, schema={"type": "string"}, content_type=CSV, success=True,
                      description="With `Accept: text/csv`: the export.")
    @blp.problem(503, "With Accept: text/csv, when a measure asked is unavailable.")
    def get(self, query):
        """Revenue, orders, visitors, conversion, inquiries, reviews and rating per Korean day, week, month or year,
        on the same period starts: a seller's own shop, or for an admin the platform or one seller (`seller_id`).
        Services are asked in parallel; one that does not answer in time leaves its measures unavailable and the
        answer partial. With `Accept: text/csv`, the export."""
        report = _asked(query)
        if request.accept_mimetypes.best_match(("application/json", CSV)) == CSV:
            return _spreadsheet(report)
        return _shown(report)


@blp.route("/export")
class StatisticsExport(MethodView):
    @blp.signed_in(*READERS, second_factor="at-sign-in")
    @blp.arguments(StatisticsQuerySchema, location="query")
    @blp.response(200, content_type=CSV)
    @blp.problem(503, UNAVAILABLE)
    def get(self, query):
        """The series as a CSV file for Excel: a row per period start, a column per measure."""
        return _spreadsheet(_asked(query))
