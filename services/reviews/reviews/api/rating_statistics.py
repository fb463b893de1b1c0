"""/api/rating-statistics: reviews posted and their average rating by period; a seller sees their own shop, an
admin any seller's or the whole marketplace."""
from flask.views import MethodView
from marshmallow import Schema, fields

from reviews.api import viewers
from reviews.domain.rating_aggregates import Aggregate
from reviews.rating_statistics import rating_statistics
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from servicekit.period_reports import (
    PeriodReport,
    PeriodReportQuerySchema,
    period_report_schema,
    report_answer,
    report_download,
)

blp = Blueprint(
    "rating_statistics", __name__, url_prefix="/api/rating-statistics", description="Ratings of reviews by period"
)


class RatingSchema(Schema):
    reviews = fields.Integer(
        metadata={"description": "Reviews posted, as they stand now: hidden and deleted ones are not counted."}
    )
    average_rating = fields.Float(
        allow_none=True, metadata={"description": "Their average, 1 to 5, to two decimals; null without reviews."}
    )


RatingReportSchema = period_report_schema(RatingSchema, "every shop of the marketplace.")


def _report(query: dict) -> PeriodReport[Aggregate]:
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
        return report_answer(_report(query), _rating)


@blp.route("/export")
class RatingStatisticsExport(MethodView):
    @requires("seller", "admin")
    @blp.arguments(PeriodReportQuerySchema, location="query")
    @blp.response(200, content_type="text/csv")
    def get(self, query):
        """Every period's reviews and average rating as a CSV file for Excel."""
        return report_download(_report(query), _rating, "ratings")
