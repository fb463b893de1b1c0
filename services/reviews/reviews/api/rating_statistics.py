"""/api/rating-statistics: reviews posted and their average rating by period; a seller sees their own shop, an
admin any seller's or the whole marketplace."""
from flask.views import MethodView
from marshmallow import Schema, fields

from reviews.api import viewers
from reviews.domain.rating_aggregates import Aggregate
from reviews.rating_statistics import RatingReport, rating_statistics
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from servicekit.korean_calendar import PERIODS
from servicekit.period_reports import PeriodReportQuerySchema
from servicekit.spreadsheets import spreadsheet_download

blp = Blueprint(
    "rating_statistics", __name__, url_prefix="/api/rating-statistics", description="Ratings of reviews by period"
)

COLUMNS = ("period_start", "reviews", "average_rating")


class RatingSchema(Schema):
    reviews = fields.Integer(
        metadata={"description": "Reviews posted, as they stand now: hidden and deleted ones are not counted."}
    )
    average_rating = fields.Float(
        allow_none=True, metadata={"description": "Their average, 1 to 5, to two decimals; null without reviews."}
    )


class RatingRowSchema(RatingSchema):
    period_start = fields.Date()


class RatingReportSchema(Schema):
    period = fields.String(metadata={"enum": list(PERIODS)})
    first = fields.Date(data_key="from")
    last = fields.Date(data_key="to")
    seller_id = fields.String(allow_none=True, metadata={"description": "Null: every shop of the marketplace."})
    rows = fields.List(fields.Nested(RatingRowSchema), metadata={"description": "Every period, empty ones included."})
    totals = fields.Nested(RatingSchema)


def _report(query: dict) -> RatingReport:
    seller_id = viewers.report_scope(query.get("seller_id"))
    return rating_statistics(runtime(), seller_id, query["first"], query["last"], query["period"])


def _rating(aggregate: Aggregate) -> dict:
    return {"reviews": aggregate.count, "average_rating": aggregate.average_centi / 100 if aggregate.count else None}


@blp.route("")
class RatingStatistics(MethodView):
    @requires("seller", "admin")
    @blp.arguments(PeriodReportQuerySchema, location="query")
    @blp.response(200, RatingReportSchema)
    def get(self, query):
        """How many reviews were posted per period (Korean calendar) and their average rating."""
        report = _report(query)
        return {"period": report.period, "first": report.first, "last": report.last, "seller_id": report.seller_id,
                "rows": [{"period_start": start, **_rating(aggregate)} for start, aggregate in report.rows],
                "totals": _rating(report.totals)}


@blp.route("/export")
class RatingStatisticsExport(MethodView):
    @requires("seller", "admin")
    @blp.arguments(PeriodReportQuerySchema, location="query")
    @blp.response(200, content_type="text/csv")
    def get(self, query):
        """Every period's reviews and average rating as a CSV file for Excel."""
        report = _report(query)
        rows = [(start, *_rating(aggregate).values()) for start, aggregate in report.rows]
        return spreadsheet_download(COLUMNS, rows, f"ratings-{report.first}-{report.last}.csv")
