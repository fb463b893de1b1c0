"""/api/dashboard/orders: orders' part of the seller dashboard, which the gateway composes at /api/dashboard (G6)."""
from flask.views import MethodView

from contracts.dashboard import DashboardOrdersSchema
from orders.api.viewers import current_viewer
from orders.dashboard_figures import dashboard_figures
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor

blp = Blueprint(
    "dashboard_figures", __name__, url_prefix="/api/dashboard/orders", description="The seller dashboard's figures"
)


@blp.route("")
class OrderFigures(MethodView):
    @requires("seller", "admin")
    @requires_second_factor
    @blp.response(200, DashboardOrdersSchema)
    def get(self):
        """Sales today, this week and this month (Korean calendar) against the same days before, and the shipments
        and claims waiting: the seller's own shop, or the whole platform for admins."""
        return dashboard_figures(runtime(), current_viewer())
