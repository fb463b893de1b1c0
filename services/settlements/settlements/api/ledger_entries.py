"""/api/settlements/ledger-entries and /api/settlements/monthly-summaries: every entry of a seller's ledger with
its deductions (and as CSV), and a month's summary for tax filing."""
from datetime import date

from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from servicekit.korean_calendar import REPORTABLE_DAYS
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.spreadsheets import spreadsheet_download
from settlements import statements
from settlements.api import viewers
from settlements.domain.ledger import KINDS

blp = Blueprint("ledger_entries", __name__, url_prefix="/api/settlements", description="The settlement ledger")


class EntryQuerySchema(Schema):
    seller_id = fields.String(validate=validate.Regexp(r"^[0-9a-f-]{36}$"), metadata={
        "description": "Whose ledger: an admin names the seller; a seller reads their own."})
    first_day = fields.Date(validate=REPORTABLE_DAYS, data_key="from")
    last_day = fields.Date(validate=REPORTABLE_DAYS, data_key="to")

    @validates_schema
    def _in_order(self, data, **_kwargs):
        if data.get("first_day") and data.get("last_day") and data["first_day"] > data["last_day"]:
            raise ValidationError([_("The range starts after it ends.")], "from")


class EntrySchema(Schema):
    id = fields.Integer()
    shipment_id = fields.String(allow_none=True, metadata={"description": "Null for a compensation."})
    order_id = fields.String(allow_none=True)
    order_number = fields.String(allow_none=True)
    line_no = fields.Integer(metadata={"description": "The order line; 0 for the shipment as a whole."})
    kind = fields.String(metadata={"description": f"One of {', '.join(KINDS)}."})
    amount = fields.Integer(metadata={"description": "Won owed to the seller (+) or by them (-)."})
    base = fields.Integer(allow_none=True, metadata={"description": "What a commission or fee was taken of."})
    rate = fields.Integer(allow_none=True, metadata={"description": "Its rate in basis points (1080: 10.80%)."})
    recorded_at = fields.AwareDateTime()
    payable_on = fields.Date(allow_none=True, metadata={
        "description": "The day it became payable; null while the purchase is not confirmed or a claim is open."})
    payout_id = fields.String(allow_none=True)


ENTRY_HEADER = ("recorded_at", "order_number", "line_no", "kind", "amount", "base", "rate", "payable_on",
                "payout_id")


def entry_row(entry) -> tuple:
    return (entry.recorded_at.isoformat(), entry.order_number, entry.line_no, entry.kind, entry.amount, entry.base,
            entry.rate, entry.payable_on.isoformat() if entry.payable_on else None, entry.payout_id)


def _range(query) -> tuple[date | None, date | None]:
    return query.get("first_day"), query.get("last_day")


@blp.route("/ledger-entries")
class LedgerEntries(MethodView):
    @requires("seller", "admin")
    @blp.arguments(EntryQuerySchema, location="query")
    @blp.response(200, EntrySchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """A seller's entries recorded in the range (Korean days), the newest first."""
        seller_id = viewers.seller_in_view(query.get("seller_id"))
        return statements.entries_page(runtime(), seller_id, *_range(query), pagination_parameters)


@blp.route("/ledger-entries/export")
class LedgerEntriesExport(MethodView):
    @requires("seller", "admin")
    @blp.arguments(EntryQuerySchema, location="query")
    @blp.response(200, {"format": "binary", "type": "string"}, content_type="text/csv")
    @blp.problem(422, "export-too-large: more than 100,000 entries in the range.")
    def get(self, query):
        """The same entries as CSV for a spreadsheet."""
        seller_id = viewers.seller_in_view(query.get("seller_id"))
        first, last = _range(query)
        entries = statements.exported_entries(runtime(), seller_id, first, last)
        return spreadsheet_download(ENTRY_HEADER, [entry_row(entry) for entry in entries],
                                    f"settlement-{first or 'start'}-{last or 'today'}.csv")


class SummaryQuerySchema(Schema):
    seller_id = fields.String(validate=validate.Regexp(r"^[0-9a-f-]{36}$"))


class InvoiceSchema(Schema):
    supply_value = fields.Integer()
    tax = fields.Integer()
    total = fields.Integer()


class MonthlySummarySchema(Schema):
    month = fields.String(metadata={"description": "YYYY-MM"})
    totals = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "Won by kind of entry recorded in the month: sales, refunds, discounts, commission, fees."})
    net = fields.Integer(metadata={"description": "What the month's entries add up to."})
    commission_invoice = fields.Nested(InvoiceSchema, metadata={
        "description": "The platform's tax invoice for the month's commission (value added tax included)."})


def _month(text: str) -> date:
    try:
        month = date.fromisoformat(f"{text}-01") if len(text) == 7 else None
    except ValueError:
        month = None
    if month is None or not REPORTABLE_DAYS.min <= month <= REPORTABLE_DAYS.max:
        raise Problem(422, "validation-failed", _("Unprocessable Entity"), _("Give the month as YYYY-MM."),
                      errors={"month": [_("A month as YYYY-MM, such as 2026-12.")]})
    return month


@blp.route("/monthly-summaries/<month>")
class MonthlySummary(MethodView):
    @requires("seller", "admin")
    @blp.arguments(SummaryQuerySchema, location="query")
    @blp.response(200, MonthlySummarySchema)
    def get(self, query, month):
        """A month's entries added up by kind, for tax filing, with the platform's commission invoice."""
        summary = statements.monthly_summary(runtime(), viewers.seller_in_view(query.get("seller_id")),
                                             _month(month))
        return {"month": summary.month.strftime("%Y-%m"), "totals": summary.totals, "net": summary.net,
                "commission_invoice": summary.invoice}
