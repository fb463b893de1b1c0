"""/api/visitor-statistics: a shop's product page views and visitors by period; admins see any shop's or all."""
from flask.views import MethodView
from marshmallow import Schema, fields

from catalog.api.viewers import ADMIN, SELLER, current_viewer
from catalog.visitor_statistics import VisitorReport, Visits, visitors_seen_by
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from servicekit.korean_calendar import PERIODS
from servicekit.period_reports import PeriodReportQuerySchema
from servicekit.spreadsheets import spreadsheet_download

blp = Blueprint(
    "visitor_statistics", __name__, url_prefix="/api/visitor-statistics",
    description="Visitors of a shop's product pages by period",
)

COLUMNS = ("period_start", "views", "visitors")


class VisitsSchema(Schema):
    views = fields.Integer(metadata={"description": "Product page views."})
    visitors = fields.Integer(
        metadata={"description": "Each product's distinct visitors of each day, added up: one person who saw two "
                                 "products, or came on two days, counts twice."}
    )


class VisitsRowSchema(VisitsSchema):
    period_start = fields.Date()


class VisitorReportSchema(Schema):
    period = fields.String(metadata={"enum": list(PERIODS)})
    first = fields.Date(data_key="from")
    last = fields.Date(data_key="to")
    seller_id = fields.String(allow_none=True, metadata={"description": "Null: every shop of the platform."})
    rows = fields.List(fields.Nested(VisitsRowSchema), metadata={"description": "Every period, zeros included."})
    totals = fields.Nested(VisitsSchema)


def _report(query: dict) -> VisitorReport:
    return visitors_seen_by(
        runtime(), current_viewer(), query.get("seller_id"), query["first"], query["last"], query["period"]
    )


def _row(start, visits: Visits) -> dict:
    return {"period_start": start, "views": visits.views, "visitors": visits.visitors}


@blp.route("")
class VisitorStatistics(MethodView):
    @requires(SELLER, ADMIN)
    @blp.arguments(PeriodReportQuerySchema, location="query")
    @blp.response(200, VisitorReportSchema)
    def get(self, query):
        """Views and visitors of the shop's product pages per period (Korean calendar)."""
        report = _report(query)
        return {"period": report.period, "first": report.first, "last": report.last, "seller_id": report.seller_id,
                "rows": [_row(start, visits) for start, visits in report.rows],
                "totals": {"views": report.totals.views, "visitors": report.totals.visitors}}


@blp.route("/export")
class VisitorStatisticsExport(MethodView):
    @requires(SELLER, ADMIN)
    @blp.arguments(PeriodReportQuerySchema, location="query")
    @blp.response(200, content_type="text/csv")
    def get(self, query):
        """Every period's views and visitors as a CSV file for Excel."""
        report = _report(query)
        rows = [_row(start, visits).values() for start, visits in report.rows]
        return spreadsheet_download(COLUMNS, rows, f"visitors-{report.first}-{report.last}.csv")
