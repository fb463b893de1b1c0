"""/api/sales-statistics: a seller's sales by period, product or category; admins see any seller's or all."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from contracts.reconciliation import SellerDaySchema
from orders.api.viewers import current_viewer
from orders.domain.sales_periods import SalesFigures
from orders.sales_statistics import BREAKDOWNS, SalesQuery, SalesReport, SalesRow, sales_seen_by, seller_days
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires, requires_second_factor
from servicekit.korean_calendar import PERIODS
from servicekit.pagination import PageNumber
from servicekit.period_reports import PeriodReportQuerySchema, SellerDaysQuerySchema
from servicekit.spreadsheets import spreadsheet_download

blp = Blueprint(
    "sales_statistics", __name__, url_prefix="/api/sales-statistics", description="Sales figures by period"
)

MEASURES = ("orders", "units", "revenue", "refunds", "refunded_units", "net_revenue", "average_order_value")
# An order spans products, so rows by product or category count units and won, not orders.
BREAKDOWN_MEASURES = ("units", "revenue", "refunds", "refunded_units", "net_revenue")
COLUMNS = {
    "none": ("period_start", *MEASURES),
    "product": ("period_start", "product_id", "category_id", *BREAKDOWN_MEASURES),
    "category": ("period_start", "category_id", *BREAKDOWN_MEASURES),
}
MAX_PAGE_SIZE = 1000


class SalesQuerySchema(PeriodReportQuerySchema):
    by = fields.String(load_default="none", validate=validate.OneOf(BREAKDOWNS))
    page = PageNumber(
        MAX_PAGE_SIZE, load_default=1, metadata={"description": "By product or category: which page."}
    )
    page_size = Integer(
        load_default=100,
        minimum=1,
        maximum=MAX_PAGE_SIZE,
        metadata={"description": "By product or category: rows per page (the export has them all)."},
    )


class SalesMeasuresSchema(Schema):
    orders = fields.Integer(
        metadata={"description": "Orders paid: a seller's, each holding their items; the platform's, each once."}
    )
    units = fields.Integer()
    revenue = fields.Integer(metadata={"description": "Won: quantity x unit price; no shipping fees or discounts."})
    refunds = fields.Integer(metadata={"description": "Won refunded in the period, whenever the sale was."})
    refunded_units = fields.Integer()
    net_revenue = fields.Integer(metadata={"description": "Revenue less refunds, in won."})
    average_order_value = fields.Integer(metadata={"description": "Revenue // orders; 0 without orders."})


class SalesRowSchema(SalesMeasuresSchema):
    period_start = fields.Date()
    product_id = fields.String()
    category_id = fields.String(allow_none=True)


class SalesReportSchema(Schema):
    period = fields.String(metadata={"enum": list(PERIODS)})
    first = fields.Date(data_key="from")
    last = fields.Date(data_key="to")
    by = fields.String(metadata={"enum": list(BREAKDOWNS)})
    has_more = fields.Boolean(metadata={"description": "By product or category: whether a next page has rows."})
    rows = fields.List(
        fields.Nested(SalesRowSchema),
        metadata={"description": "By period; by product or category only what sold, without orders."},
    )
    totals = fields.Nested(SalesMeasuresSchema)


def _report(query: dict, breakdown_rows: slice) -> SalesReport:
    asked = SalesQuery(query["first"], query["last"], query["period"], query["by"], breakdown_rows)
    return sales_seen_by(runtime(), current_viewer(), query.get("seller_id"), asked)


def _measures(figures: SalesFigures) -> dict:
    return {name: getattr(figures, name) for name in MEASURES}


def _shown(row: SalesRow, by: str) -> dict:
    values = {"period_start": row.period_start, "product_id": row.product_id, "category_id": row.category_id,
              **_measures(row.figures)}
    return {name: values[name] for name in COLUMNS[by]}


@blp.route("")
class SalesStatistics(MethodView):
    @requires("seller", "admin")
    @blp.arguments(SalesQuerySchema, location="query")
    @blp.response(200, SalesReportSchema)
    def get(self, query):
        """Orders, units, revenue and refunds per period (Korean calendar), optionally per product or category."""
        first_row = (query["page"] - 1) * query["page_size"]
        # One row beyond the page tells whether there is a next one.
        report = _report(query, slice(first_row, first_row + query["page_size"] + 1))
        rows = report.rows[: query["page_size"]] if report.by != "none" else report.rows
        return {"period": report.period, "first": report.first, "last": report.last, "by": report.by,
                "has_more": len(rows) < len(report.rows), "rows": [_shown(row, report.by) for row in rows],
                "totals": _measures(report.totals)}


@blp.route("/export")
class SalesStatisticsExport(MethodView):
    @requires("seller", "admin")
    @blp.arguments(SalesQuerySchema, location="query")
    @blp.response(200, content_type="text/csv")
    def get(self, query):
        """Every row, by product or category too, as a CSV file for Excel; text that would be a formula is defused."""
        report = _report(query, slice(None))
        rows = [_shown(row, report.by).values() for row in report.rows]
        return spreadsheet_download(COLUMNS[report.by], rows, f"sales-{report.first}-{report.last}.csv")


@blp.route("/seller-days")
class SellerDays(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.arguments(SellerDaysQuerySchema, location="query")
    @blp.response(200, SellerDaySchema(many=True))
    def get(self, query):
        """Each seller's won of products sold and refunded per Korean day, for the reconciliation with settlement's
        ledger (`python -m deploy.reconciliation`); days without either are left out."""
        return [{"day": row.day, "seller_id": row.seller_id, "sales": row.revenue, "refunds": row.refunds}
                for row in seller_days(runtime(), query["first"], query["last"])]
