"""/api/inquiry-statistics: inquiries opened, answered and resolved by period; agents and admins see the
platform's or any seller's, a seller their own."""
from flask.views import MethodView
from marshmallow import Schema, fields

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from servicekit.korean_calendar import PERIODS
from servicekit.period_reports import PeriodReportQuerySchema
from servicekit.spreadsheets import spreadsheet_download
from support.api.viewers import figures_seen
from support.inquiry_statistics import INQUIRY_COUNTS, InquiryCounts, InquiryReport, inquiry_statistics

blp = Blueprint(
    "inquiry_statistics", __name__, url_prefix="/api/inquiry-statistics", description="Inquiries by period"
)

COLUMNS = ("period_start", *INQUIRY_COUNTS)


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


class InquiryCountsRowSchema(InquiryCountsSchema):
    period_start = fields.Date()


class InquiryReportSchema(Schema):
    period = fields.String(metadata={"enum": list(PERIODS)})
    first = fields.Date(data_key="from")
    last = fields.Date(data_key="to")
    seller_id = fields.String(allow_none=True, metadata={"description": "Null: every inquiry of the platform."})
    rows = fields.List(fields.Nested(InquiryCountsRowSchema), metadata={"description": "Every period, zeros included."})
    totals = fields.Nested(InquiryCountsSchema)


def _report(query: dict) -> InquiryReport:
    seller_id = figures_seen(query.get("seller_id"))
    return inquiry_statistics(runtime(), seller_id, query["first"], query["last"], query["period"])


def _counts(counts: InquiryCounts) -> dict:
    return {name: getattr(counts, name) for name in INQUIRY_COUNTS}


@blp.route("")
class InquiryStatistics(MethodView):
    @requires("agent", "admin", "seller")
    @blp.arguments(PeriodReportQuerySchema, location="query")
    @blp.response(200, InquiryReportSchema)
    def get(self, query):
        """Inquiries opened, first answered (late ones too) and resolved per period (Korean calendar): a seller's
        own inquiries, not the platform's about them."""
        report = _report(query)
        return {"period": report.period, "first": report.first, "last": report.last, "seller_id": report.seller_id,
                "rows": [{"period_start": start, **_counts(counts)} for start, counts in report.rows],
                "totals": _counts(report.totals)}


@blp.route("/export")
class InquiryStatisticsExport(MethodView):
    @requires("agent", "admin", "seller")
    @blp.arguments(PeriodReportQuerySchema, location="query")
    @blp.response(200, content_type="text/csv")
    def get(self, query):
        """Every period's counts as a CSV file for Excel."""
        report = _report(query)
        rows = [(start, *_counts(counts).values()) for start, counts in report.rows]
        return spreadsheet_download(COLUMNS, rows, f"inquiries-{report.first}-{report.last}.csv")
