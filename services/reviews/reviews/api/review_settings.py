"""/api/review-settings/<seller_id>: what a seller chose for their reviews (for now, whether support
opens a follow-up case with the customer of each negative review); the seller themself, with a second factor.
"""
from flask.views import MethodView
from marshmallow import Schema, fields

from reviews import negative_reviews
from reviews.api import viewers
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires

blp = Blueprint("review_settings", __name__, url_prefix="/api/review-settings", description="Sellers' review settings")


class ReviewSettingsSchema(Schema):
    auto_follow_up = fields.Boolean(
        required=True,
        metadata={"description": "Open a support case with the customer of each review rated 1 or 2. Off by default."},
    )


@blp.route("/<seller_id>")
class ReviewSettings(MethodView):
    @requires("seller")
    @blp.response(200, ReviewSettingsSchema)
    def get(self, seller_id):
        viewers.own_shop(seller_id)
        return negative_reviews.seller_settings(runtime(), seller_id)

    @requires("seller")
    @blp.arguments(ReviewSettingsSchema)
    @blp.response(200, ReviewSettingsSchema)
    def put(self, body, seller_id):
        viewers.own_shop(seller_id)
        return negative_reviews.change_settings(runtime(), seller_id, body["auto_follow_up"])
