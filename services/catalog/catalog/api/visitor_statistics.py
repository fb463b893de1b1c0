"""/api/visitor-statistics: a shop's product page views and visitors by period; admins see any shop's or all. Both
sign in with a second factor to read them, as for the dashboard's figures and the other services' statistics."""
from dataclasses import asdict

from flask.views import MethodView
from marshmallow import Schema, fields

from catalog.api.viewers import ADMIN, SELLER, current_viewer
from catalog.visitor_statistics import Visits, visitors_seen_by
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor
from servicekit.period_reports import (
    PeriodReport,
    PeriodReportQuerySchema,
    period_report_schema,
    report_answer,
    report_download,
)

blp = Blueprint(
    "visitor_statistics", __name__, url_prefix="/api/visitor-statistics",
    description="Visitors of a shop's product pages by period",
)


class VisitsSchema(Schema):
    views = fields.Integer(metadata={"description": "Product page views."})
    visitors = fields.Integer(
        metadata={"description": "The shop's distinct visitors each day, added up over the period: one person who "
                                 "saw two of its products on a day counts once, one who came on two days twice."}
    )


VisitsReportSchema = period_report_schema(VisitsSchema, "every shop of the platform.")


def _report(query: dict) -> PeriodReport[Visits]:
    return visitors_seen_by(
        runtime(), current_viewer(), query.get("seller_id"), query["first"], query["last"], query["period"]
    )


@blp.route("")
class VisitorStatistics(MethodView):
    @requires(SELLER, ADMIN)
    @requires_second_factor
    @blp.arguments(PeriodReportQuerySchema, location="query")
    @blp.response(200, VisitsReportSchema)
    def get(self, query):
        """Views and visitors of the shop's product pages per period (Korean calendar)."""
        return report_answer(_report(query), asdict)


@blp.route("/export")
class VisitorStatisticsExport(MethodView):
    @requires(SELLER, ADMIN)
    @requires_second_factor
    @blp.arguments(PeriodReportQuerySchema, location="query")
    @blp.response(200, content_type="text/csv")
    def get(self, query):
        """Every period's views and visitors as a CSV file for Excel."""
        return report_download(_report(query), asdict, "visitors")
