"""/api/settlements/fee-rates: the platform's commission per category and its payment fee; admins read them and
add rates that take effect from an instant on."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor
from settlements import fee_rates
from settlements.api import viewers
from settlements.domain.ledger import MAX_RATE
from settlements.models import COMMISSION, EVERY_CATEGORY, PAYMENT_FEE

blp = Blueprint("fee_rates", __name__, url_prefix="/api/settlements/fee-rates",
                description="Commission and payment fee rates")

CATEGORY_ID = validate.Regexp(r"^(\*|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$",
                              error="A category id, or \"*\" for every category.")


class FeeRateQuerySchema(Schema):
    kind = fields.String(validate=validate.OneOf((COMMISSION, PAYMENT_FEE)))
    category_id = fields.String(validate=CATEGORY_ID)


class NewFeeRateSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf((COMMISSION, PAYMENT_FEE)))
    category_id = fields.String(load_default=EVERY_CATEGORY, validate=CATEGORY_ID, metadata={
        "description": "The category it applies to; \"*\" (the default) for every category without its own."})
    rate = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=MAX_RATE), metadata={
        "description": "Basis points of the sale less the seller's discount: 1080 is 10.80%."})
    effective_from = fields.AwareDateTime(load_default=None, metadata={
        "description": "From when it applies; now when left out. Never in the past."})


class FeeRateSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    category_id = fields.String()
    rate = fields.Integer()
    effective_from = fields.AwareDateTime()
    set_by = fields.String()
    set_at = fields.AwareDateTime()


@blp.route("")
class FeeRates(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.arguments(FeeRateQuerySchema, location="query")
    @blp.response(200, FeeRateSchema(many=True))
    def get(self, query):
        """Every rate, each kind and category's newest first (past ones stay: sales keep the rate they sold at)."""
        return fee_rates.rates_page(runtime(), query.get("kind"), query.get("category_id"))

    @requires("admin")
    @requires_second_factor
    @blp.arguments(NewFeeRateSchema)
    @blp.response(201, FeeRateSchema)
    @blp.problem(409, "rate-already-set: the category has a rate starting at that instant.")
    def post(self, body):
        """Add a rate, in force from `effective_from` on for sales paid from then."""
        return fee_rates.add_rate(runtime(), viewers.admin_id(), body["kind"], body["category_id"], body["rate"],
                                  body["effective_from"])
