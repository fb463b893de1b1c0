"""/api/dashboard/seller-approvals: auth's part of the admins' dashboard, which the gateway composes at
/api/dashboard (G6)."""
from flask.views import MethodView

from auth.dashboard_figures import seller_approvals
from auth.domain.accounts import ADMIN
from contracts.dashboard import DashboardSellerApprovalsSchema
from servicekit.blueprints import Blueprint
from servicekit.identity import requires, requires_second_factor

blp = Blueprint(
    "dashboard_figures", __name__, url_prefix="/api/dashboard/seller-approvals",
    description="The seller dashboard's figures",
)


@blp.route("")
class SellerApprovals(MethodView):
    @requires(ADMIN)
    @requires_second_factor
    @blp.response(200, DashboardSellerApprovalsSchema)
    def get(self):
        """Seller registrations waiting for an admin's decision: how many, and the ones waiting longest."""
        return seller_approvals()
