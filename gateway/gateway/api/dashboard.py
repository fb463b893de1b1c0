"""/api/dashboard: the seller dashboard in one answer, composed from every service's part (G6)."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from contracts.dashboard import (
    SCOPES,
    DashboardInquiriesSchema,
    DashboardOrdersSchema,
    DashboardProductsSchema,
    DashboardReviewsSchema,
    DashboardSellerApprovalsSchema,
    DashboardSettlementsSchema,
    DashboardUnreadNotificationsSchema,
)
from gateway.browser_sessions import FIGURES_READERS as READERS, figures_reader
from gateway.dashboard import (
    ADMIN_PARTS,
    PART_NAMES,
    PART_STATUSES,
    SELLER_PARTS,
    Dashboard,
    dashboard,
)
from servicekit.blueprints import Blueprint
from servicekit.identity import CallerRequirement, documents_caller

blp = Blueprint("dashboard", __name__, url_prefix="/api/dashboard", description="The seller dashboard")


def _part(schema, description: str) -> fields.Nested:
    return fields.Nested(schema, allow_none=True, metadata={"description": description + " Null when unavailable."})


class DashboardConversionSchema(Schema):
    today = fields.Float(allow_none=True, metadata={"description": "Null without visitors."})
    this_week = fields.Float(allow_none=True, metadata={"description": "Null without visitors."})


class DashboardSchema(Schema):
    scope = fields.String(metadata={"enum": list(SCOPES), "description": "`seller`: the signed-in seller's shop; "
                                                                          "`platform`: every shop, for admins."})
    as_of = fields.AwareDateTime(metadata={"description": "When the gateway put the parts together."})
    parts = fields.Dict(
        keys=fields.String(validate=validate.OneOf(PART_NAMES)),
        values=fields.String(validate=validate.OneOf(PART_STATUSES)),
        metadata={"description": "Each part of this dashboard and whether it came: `ok`, or `unavailable` when its "
                                 "service is down, did not answer in time or failed (the part is then null). "
                                 f"Sellers get {', '.join(SELLER_PARTS)}; admins also {', '.join(set(ADMIN_PARTS) - set(SELLER_PARTS))}."},
    )
    unavailable_because = fields.Dict(
        keys=fields.String(validate=validate.OneOf(PART_NAMES)), values=fields.String(),
        metadata={"description": "Why each unavailable part is missing."},
    )
    orders = _part(DashboardOrdersSchema, "Sales today, this week and this month against the same days before, and "
                                          "the shipments and claims waiting (orders).")
    products = _part(DashboardProductsSchema, "Visitors of product pages and low stock (catalog).")
    conversion = fields.Nested(
        DashboardConversionSchema, allow_none=True,
        metadata={"description": "Orders over visitors today and this week, to four decimals (it may pass 1: an "
                                 "order needs no counted view). Null while orders or products is unavailable."},
    )
    inquiries = _part(DashboardInquiriesSchema, "Open inquiries, the ones due soonest and missed targets (support).")
    reviews = _part(DashboardReviewsSchema, "Rating, newest reviews and negative-review causes (reviews).")
    notifications = _part(DashboardUnreadNotificationsSchema, "The signed-in person's unread notifications.")
    settlements = _part(DashboardSettlementsSchema, "The next payout, the money not payable yet and the payouts held "
                                                    "for an admin (settlements).")
    seller_approvals = _part(DashboardSellerApprovalsSchema,
                             "Admins only: seller registrations waiting for a decision (auth).")


def _shown(board: Dashboard) -> dict:
    return {"scope": board.scope, "as_of": board.as_of, "parts": board.statuses,
            "unavailable_because": board.unavailable, **board.figures, "conversion": board.conversion}


def _server_timing(board: Dashboard) -> str:
    """Each part's time as W3C Server-Timing metrics, which browsers' developer tools and the bench read."""
    return ", ".join(f"{name};dur={seconds * 1000:.1f}" for name, seconds in board.seconds.items())


def _readers_with_a_second_factor(view):
    return documents_caller(view, CallerRequirement(READERS, "at-sign-in"))


@blp.route("")
class SellerDashboard(MethodView):
    @_readers_with_a_second_factor
    @blp.response(200, DashboardSchema, headers={
        "Server-Timing": {"description": "How long each part's service took, in milliseconds "
                                         "(`orders;dur=12.3, products;dur=8.1, ...`).",
                          "schema": {"type": "string"}},
    })
    def get(self):
        """The seller dashboard: the signed-in seller's shop, or the whole platform for an admin.

        Today's, this week's and this month's orders and revenue against the same days before, orders by status,
        visitors and conversion, low stock, open inquiries and their due times, reviews and rating, unread
        notifications, the next payout, and for admins the sellers waiting for approval. The services are asked in
        parallel; one that is down or slow leaves its part null and marked `unavailable` in `parts`, and the rest is
        still answered."""
        user_session = figures_reader("the dashboard")
        board = dashboard("admin" in user_session.roles)
        return _shown(board), {"Server-Timing": _server_timing(board)}
