"""/api/settlements/payouts and /api/settlements/expected-payouts: a seller's payouts with their statements (and
an admin's view of every seller's), the money expected and when, and admins releasing held payouts."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from servicekit.app import runtime, settings
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor
from servicekit.spreadsheets import spreadsheet_download
from settlements import payouts, statements
from settlements.api import viewers
from settlements.api.ledger_entries import ENTRY_HEADER, EntrySchema, entry_row
from settlements.domain.bank_accounts import BANKS, masked_account_number
from settlements.domain.ledger import KINDS

blp = Blueprint("payouts", __name__, url_prefix="/api/settlements", description="Payouts and statements")


class PayoutQuerySchema(Schema):
    status = fields.String(validate=validate.OneOf(payouts.STATUSES))


class PayoutSchema(Schema):
    id = fields.String()
    seller_id = fields.String()
    payout_day = fields.Date(metadata={"description": "The Korean calendar day it is paid on."})
    amount = fields.Integer(metadata={"description": "Won: what its entries add up to."})
    entry_count = fields.Integer()
    status = fields.String(metadata={"description": "scheduled, held (waiting for an admin) or paid."})
    hold_reason = fields.String(allow_none=True, metadata={
        "description": "seller_held, account_changed, no_bank_account or transfer_refused, while held."})
    hold_detail = fields.String(allow_none=True)
    bank_code = fields.String(allow_none=True)
    bank_name = fields.String(allow_none=True)
    account_number = fields.String(allow_none=True, metadata={"description": "Its last four digits."})
    account_holder = fields.String(allow_none=True)
    transfer_id = fields.String(allow_none=True)
    scheduled_at = fields.AwareDateTime()
    held_at = fields.AwareDateTime(allow_none=True)
    paid_at = fields.AwareDateTime(allow_none=True)


class StatementSchema(PayoutSchema):
    totals = fields.Dict(keys=fields.String(validate=validate.OneOf(KINDS)), values=fields.Integer(), metadata={
        "description": "Won by kind of entry; they add up to the amount."})
    entries = fields.List(fields.Nested(EntrySchema))


class ExpectedPayoutSchema(Schema):
    payout_day = fields.Date(allow_none=True, metadata={
        "description": "When it is paid; null for money not payable yet (the purchase not confirmed, or a claim "
                       "open)."})
    amount = fields.Integer()
    entry_count = fields.Integer()


def shown(payout) -> dict:
    return {
        **{name: getattr(payout, name) for name in PayoutSchema().fields if hasattr(payout, name)},
        "bank_name": BANKS.get(payout.bank_code) if payout.bank_code else None,
        "account_number": masked_account_number(payout.account_number) if payout.account_number else None,
    }


@blp.route("/payouts")
class Payouts(MethodView):
    @requires("seller", "admin")
    @blp.arguments(PayoutQuerySchema, location="query")
    @blp.response(200, PayoutSchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """Payouts, the latest payout day first: a seller's own, or every seller's for an admin."""
        found = statements.payouts_page(runtime(), viewers.payout_owner_filter(), query.get("status"),
                                        pagination_parameters)
        return [shown(payout) for payout in found]


@blp.route("/payouts/<payout_id>")
class PayoutStatement(MethodView):
    @requires("seller", "admin")
    @blp.response(200, StatementSchema)
    def get(self, payout_id):
        """A payout's statement: every entry it took, and their totals by kind, which add up to its amount."""
        statement = statements.statement_of(runtime(), payout_id, viewers.payout_owner_filter())
        return {**shown(statement.payout), "totals": statement.totals, "entries": statement.entries}


@blp.route("/payouts/<payout_id>/export")
class PayoutStatementExport(MethodView):
    @requires("seller", "admin")
    @blp.response(200, {"format": "binary", "type": "string"}, content_type="text/csv")
    def get(self, payout_id):
        """The statement's entries as CSV for a spreadsheet."""
        statement = statements.statement_of(runtime(), payout_id, viewers.payout_owner_filter())
        return spreadsheet_download(ENTRY_HEADER, [entry_row(entry) for entry in statement.entries],
                                    f"payout-{statement.payout.payout_day.isoformat()}.csv")


@blp.route("/payouts/<payout_id>/release")
class PayoutRelease(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.response(200, PayoutSchema)
    @blp.problem(409, "payout-not-held or payout-still-held: only a held payout whose seller may be paid is released.")
    def post(self, payout_id):
        """Let a held payout go: it is sent on the worker's next run."""
        return shown(payouts.release_payout(runtime(), payout_id))


@blp.route("/expected-payouts")
class ExpectedPayouts(MethodView):
    @requires("seller")
    @blp.response(200, ExpectedPayoutSchema(many=True))
    def get(self):
        """The seller's money not paid out yet, by the day it will be paid, then what is not payable yet."""
        return statements.expected_payouts(runtime(), viewers.own_seller_id(), settings().payout_schedule)
