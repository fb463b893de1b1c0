"""/api/dashboard/settlements: settlements' part of the seller dashboard, which the gateway composes at
/api/dashboard (G6)."""
from flask.views import MethodView

from contracts.dashboard import DashboardSettlementsSchema
from servicekit.app import runtime, settings
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor
from settlements.api import viewers
from settlements.dashboard_figures import dashboard_figures

blp = Blueprint("dashboard_figures", __name__, url_prefix="/api/dashboard/settlements",
                description="The seller dashboard's figures")


@blp.route("")
class SettlementFigures(MethodView):
    @requires("seller", "admin")
    @requires_second_factor
    @blp.response(200, DashboardSettlementsSchema)
    def get(self):
        """The next payout (its Korean calendar day, amount and entries), the money not payable yet and the payouts
        held for an admin: the seller's own, or every seller's for admins."""
        return dashboard_figures(runtime(), viewers.payout_owner_filter(), settings().payout_schedule)
