"""/api/inquiry-statistics: inquiries opened, answered and resolved by period; agents and admins see the
platform's or any seller's, a seller their own."""
from dataclasses import asdict

from flask.views import MethodView
from marshmallow import Schema, fields

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
from support.api.viewers import figures_seen
from support.inquiry_statistics import InquiryCounts, inquiry_statistics

blp = Blueprint(
    "inquiry_statistics", __name__, url_prefix="/api/inquiry-statistics", description="Inquiries by period"
)


class InquiryCountsSchema(Schema):
    opened = fields.Integer(metadata={"description": "Inquiries opened."})
    answered = fields.Integer(metadata={"description": "Inquiries given their first answer (by a person or the FAQ)."})
    answered_late = fields.Integer(
        metadata={"description": "Of those, answered after their first response was due: missed targets. An "
                                 "inquiry still unanswered past its due time counts once it is answered."}
    )
    resolved = fields.Integer(
        metadata={"description": "Inquiries resolved for the first time; reopened and resolved again, they count once."}
    )


InquiryCountsReportSchema = period_report_schema(InquiryCountsSchema, "every inquiry of the platform.")


def _report(query: dict) -> PeriodReport[InquiryCounts]:
    seller_id = figures_seen(query.get("seller_id"))
    return inquiry_statistics(runtime(), seller_id, query["first"], query["last"], query["period"])


@blp.route("")
class InquiryStatistics(MethodView):
    @requires("agent", "admin", "seller")
    @blp.arguments(PeriodReportQuerySchema, location="query")
    @blp.response(200, InquiryCountsReportSchema)
    def get(self, query):
        """Inquiries opened, first answered (late ones too) and resolved per period (Korean calendar): a seller's
        own inquiries, not the platform's about them."""
        return report_answer(_report(query), asdict)


@blp.route("/export")
class InquiryStatisticsExport(MethodView):
    @requires("agent", "admin", "seller")
    @blp.arguments(PeriodReportQuerySchema, location="query")
    @blp.response(200, content_type="text/csv")
    def get(self, query):
        """Every period's counts as a CSV file for Excel."""
        return report_download(_report(query), asdict, "inquiries")
