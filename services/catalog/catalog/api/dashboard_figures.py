"""/api/dashboard/products: catalog's part of the seller dashboard, which the gateway composes at /api/dashboard
(G6)."""
from flask.views import MethodView

from catalog.api.viewers import ADMIN, SELLER, current_viewer
from catalog.dashboard_figures import dashboard_figures
from contracts.dashboard import DashboardProductsSchema
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor

blp = Blueprint(
    "dashboard_figures", __name__, url_prefix="/api/dashboard/products",
    description="The seller dashboard's figures",
)


@blp.route("")
class ProductFigures(MethodView):
    @requires(SELLER, ADMIN)
    @requires_second_factor
    @blp.response(200, DashboardProductsSchema)
    def get(self):
        """Visitors of product pages today and this week (Korean calendar) against the same days before, and the
        products at or below their low-stock threshold: the seller's own shop, or the whole platform for admins."""
        return dashboard_figures(runtime(), current_viewer())
