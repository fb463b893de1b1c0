"""/api/settlements/totals: what every seller's ledger adds up to over a range, and the payouts by status."""
from flask.views import MethodView
from marshmallow import Schema, fields

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor
from servicekit.korean_calendar import REPORTABLE_DAYS
from settlements import statements

blp = Blueprint("platform_totals", __name__, url_prefix="/api/settlements/totals",
                description="The platform's settlement totals")


class TotalsQuerySchema(Schema):
    first_day = fields.Date(required=True, validate=REPORTABLE_DAYS, data_key="from")
    last_day = fields.Date(required=True, validate=REPORTABLE_DAYS, data_key="to")


class PayoutCountSchema(Schema):
    count = fields.Integer()
    amount = fields.Integer()


class TotalsSchema(Schema):
    totals = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "Won by kind of entry recorded in the range; commission and payment_fee are the platform's "
                       "income (negative: sellers pay them)."})
    payouts = fields.Dict(keys=fields.String(), values=fields.Nested(PayoutCountSchema))


@blp.route("")
class PlatformTotals(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.arguments(TotalsQuerySchema, location="query")
    @blp.response(200, TotalsSchema)
    def get(self, query):
        """Every seller's entries recorded in the range (Korean days) by kind, and the payouts of those days."""
        found = statements.platform_totals(runtime(), query["first_day"], query["last_day"])
        return {"totals": found.totals, "payouts": {status: {"count": count, "amount": amount}
                                                    for status, (count, amount) in found.payouts.items()}}
