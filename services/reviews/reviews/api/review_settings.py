"""/api/review-settings/<seller_id>: what a seller chose for their reviews (for now, whether support
opens a follow-up case with the customer of each negative review); the seller themself, with a second factor.
"""
from datetime import datetime, timezone

from flask.views import MethodView
from marshmallow import Schema, fields

from reviews import negative_reviews
from servicekit.app import unit_of_work
from servicekit.blueprints import Blueprint
from servicekit.identity import current_identity, ensure_second_factor, requires
from servicekit.problems import Problem

blp = Blueprint("review_settings", __name__, url_prefix="/api/review-settings", description="Sellers' review settings")


class ReviewSettingsSchema(Schema):
    auto_follow_up = fields.Boolean(
        required=True,
        metadata={"description": "Open a support case with the customer of each review rated 1 or 2. Off by default."},
    )


def _own_shop(seller_id: str) -> None:
    identity = current_identity()
    ensure_second_factor(identity)
    if identity.seller_id != seller_id:
        raise Problem(403, "not-your-shop", "Forbidden", "A seller reads and changes their own settings only.")


@blp.route("/<seller_id>")
class ReviewSettings(MethodView):
    @requires("seller")
    @blp.response(200, ReviewSettingsSchema)
    def get(self, seller_id):
        _own_shop(seller_id)
        with unit_of_work() as uow:
            return negative_reviews.settings_of(uow.session, seller_id)

    @requires("seller")
    @blp.arguments(ReviewSettingsSchema)
    @blp.response(200, ReviewSettingsSchema)
    def put(self, body, seller_id):
        _own_shop(seller_id)
        with unit_of_work() as uow:
            settings = negative_reviews.change_settings(
                uow, seller_id, body["auto_follow_up"], datetime.now(timezone.utc)
            )
            uow.commit()
            return settings
