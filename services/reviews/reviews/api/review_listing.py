"""GET /api/reviews: a product's visible reviews for anyone, or a seller's for that seller, filtered and sorted."""
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from reviews import listing
from reviews.api import viewers
from reviews.api.review_answers import ReviewSchema, shown
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.languages import _

blp = Blueprint("review_listing", __name__, url_prefix="/api/reviews", description="Listings of reviews")


class ReviewListingQuerySchema(Schema):
    product_id = fields.UUID(metadata={"description": "The product's reviews, for anyone."})
    seller_id = fields.UUID(metadata={"description": "The seller's reviews, for that seller only; with product_id, "
                                                    "of that product."})
    rating = Integer(minimum=1, maximum=5)
    photo_only = fields.Boolean(load_default=False)
    unanswered = fields.Boolean(load_default=False, metadata={"description": "Only reviews the seller has not replied to."})
    sort = fields.String(load_default="newest", validate=validate.OneOf(listing.SORTS))

    @validates_schema
    def _one_subject(self, data, **kwargs):
        if "product_id" not in data and "seller_id" not in data:
            # A list: marshmallow wraps only a str in one, and every field message is a list.
            raise ValidationError([_("Give either product_id or seller_id.")], "product_id")


@blp.route("")
class ReviewListing(MethodView):
    @blp.arguments(ReviewListingQuerySchema, location="query")
    @blp.response(200, ReviewSchema(many=True))
    @blp.paginate()
    @blp.problem(401, "unauthenticated: a shop's reviews (seller_id) are listed for its seller only.")
    @blp.problem(403, "not-your-shop, or second-factor-required: only its seller, with a second factor.")
    def get(self, query, pagination_parameters):
        """Visible reviews of a product (anyone) or of the caller's shop (its seller, with a second factor).

        Filter by `rating` (1-5), `photo_only` and `unanswered`; sort `newest`, `highest`, `lowest` or `helpful`, ties newest first.
        """
        subject = {name: str(query[name]) for name in ("product_id", "seller_id") if name in query}
        if "seller_id" in subject:
            viewers.own_shop(subject["seller_id"])
        listed = listing.list_reviews(
            runtime(), pagination_parameters,
            **subject, rating=query.get("rating"), photo_only=query["photo_only"],
            unanswered=query["unanswered"], sort=query["sort"],
        )
        reader = viewers.reader()
        return [shown(review, reader) for review in listed]
