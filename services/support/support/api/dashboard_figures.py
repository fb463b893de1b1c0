"""/api/dashboard/inquiries: support's part of the seller dashboard, which the gateway composes at /api/dashboard
(G6)."""
from flask.views import MethodView

from contracts.dashboard import DashboardInquiriesSchema
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor
from support.api.viewers import figures_seen
from support.dashboard_figures import dashboard_figures

blp = Blueprint(
    "dashboard_figures", __name__, url_prefix="/api/dashboard/inquiries",
    description="The seller dashboard's figures",
)


@blp.route("")
class InquiryFigures(MethodView):
    @requires("seller", "admin")
    @requires_second_factor
    @blp.response(200, DashboardInquiriesSchema)
    def get(self):
        """Open inquiries by status, the ones whose response target is nearest, and the targets missed this month
        (Korean calendar): the seller's own shop, or the whole platform for admins."""
        return dashboard_figures(runtime(), figures_seen(None))
