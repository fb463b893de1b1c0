"""/api/dashboard/reviews: reviews' part of the seller dashboard, which the gateway composes at /api/dashboard
(G6)."""
from flask.views import MethodView

from contracts.dashboard import DashboardReviewsSchema
from reviews.api.viewers import report_scope
from reviews.dashboard_figures import dashboard_figures
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor

blp = Blueprint(
    "dashboard_figures", __name__, url_prefix="/api/dashboard/reviews", description="The seller dashboard's figures"
)


@blp.route("")
class ReviewFigures(MethodView):
    @requires("seller", "admin")
    @requires_second_factor
    @blp.response(200, DashboardReviewsSchema)
    def get(self):
        """The rating, the newest visible reviews and the likely causes of the negative ones in the last 30 days
        (Korean calendar): the seller's own shop, or the whole marketplace for admins."""
        return dashboard_figures(runtime(), report_scope(None))
