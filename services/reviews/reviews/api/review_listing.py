"""GET /api/reviews: a product's visible reviews for anyone, or a seller's for that seller, filtered and sorted."""
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from reviews import listing
from reviews.api.reviews import ReviewSchema, shown
from servicekit.app import unit_of_work
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import current_identity, ensure_second_factor
from servicekit.pagination import page_of
from servicekit.problems import Problem

blp = Blueprint("review_listing", __name__, url_prefix="/api/reviews", description="Listings of reviews")


class ReviewListingQuerySchema(Schema):
    product_id = fields.UUID(metadata={"description": "The product's reviews, for anyone."})
    seller_id = fields.UUID(metadata={"description": "The seller's reviews, for that seller only."})
    rating = Integer(minimum=1, maximum=5)
    photo_only = fields.Boolean(load_default=False)
    sort = fields.String(load_default="newest", validate=validate.OneOf(listing.SORTS))

    @validates_schema
    def _one_subject(self, data, **kwargs):
        if ("product_id" in data) == ("seller_id" in data):
            raise ValidationError("Give either product_id or seller_id.", "product_id")


def _own_shop(seller_id: str) -> None:
    identity = current_identity()
    ensure_second_factor(identity)
    if not identity.has_role("seller") or identity.seller_id != seller_id:
        raise Problem(403, "not-your-shop", "Forbidden", "A seller lists only their own shop's reviews.")


@blp.route("")
class ReviewListing(MethodView):
    @blp.arguments(ReviewListingQuerySchema, location="query")
    @blp.response(200, ReviewSchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """Visible reviews of a product (anyone) or of the caller's shop (its seller, with a second factor).

        Filter by `rating` (1-5) and `photo_only`; sort `newest`, `highest`, `lowest` or `helpful`, ties newest first.
        """
        subject = {name: str(query[name]) for name in ("product_id", "seller_id") if name in query}
        if "seller_id" in subject:
            _own_shop(subject["seller_id"])
        statement = listing.listed_reviews(
            **subject, rating=query.get("rating"), photo_only=query["photo_only"], sort=query["sort"]
        )
        viewer_id = current_identity().subject
        with unit_of_work() as uow:
            return [shown(review, viewer_id) for review in page_of(uow.session, statement, pagination_parameters)]
