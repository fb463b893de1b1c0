"""/api/settlements/seller-days: the ledger's side of the reconciliation with orders' sales statistics."""
from flask.views import MethodView

from contracts.reconciliation import SellerDaySchema
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor
from servicekit.period_reports import SellerDaysQuerySchema
from settlements import statements

blp = Blueprint("seller_days", __name__, url_prefix="/api/settlements/seller-days",
                description="Sales and refunds per seller and day, for the reconciliation")


@blp.route("")
class SellerDays(MethodView):
    @requires("admin")
    @requires_second_factor
    @blp.arguments(SellerDaysQuerySchema, location="query")
    @blp.response(200, SellerDaySchema(many=True))
    def get(self, query):
        """Each seller's won of products sold and refunded per Korean day as the ledger recorded them (sale and
        refund entries), for `python -m deploy.reconciliation`; days without either are left out."""
        return [{"day": day, "seller_id": seller_id, "sales": sales, "refunds": refunds}
                for day, seller_id, sales, refunds in statements.seller_days(runtime(), query["first"],
                                                                             query["last"])]
