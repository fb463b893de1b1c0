"""Events produced by the reviews service."""
from marshmallow import Schema, fields, validate

from contracts.fields import Id, Timestamp
from contracts.registry import event


@event("ReviewRewardEarned", 1, producer="reviews", subscribers=("orders",))
class ReviewRewardEarnedV1(Schema):
    """A review earned its author points; at most once per order line, whatever happens to the review."""

    review_id = Id()
    customer_id = Id()
    order_id = Id()
    line_no = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    points = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    earned_at = Timestamp()


NEGATIVE_CAUSES = ("product_quality", "delivery", "service", "price_value", "other")


@event("ReviewRequested", 1, producer="reviews", subscribers=("notifications",))
class ReviewRequestedV1(Schema):
    """Some days after delivery, a customer is asked to review a line they have not reviewed."""

    customer_id = Id()
    order_id = Id()
    line_no = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    product_id = Id()
    product_name = fields.String(required=True)
    requested_at = Timestamp()


class _RatingAggregate(Schema):
    """The aggregate of some visible reviews, as every rating event carries it."""

    seller_id = Id()
    review_count = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    # Average rating in hundredths (4.37 -> 437), so no float crosses the wire; 0 with no reviews.
    average_centi = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=500))
    # How many reviews gave each rating: {"1": n, ..., "5": n}.
    distribution = fields.Dict(
        keys=fields.String(validate=validate.OneOf(("1", "2", "3", "4", "5"))),
        values=fields.Integer(strict=True, validate=validate.Range(min=0)),
        required=True,
    )
    # Changes are sent in order per product, or per seller; a consumer keeps the newest.
    version = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    changed_at = Timestamp()


@event("ProductRatingChanged", 1, producer="reviews", subscribers=("catalog",))
class ProductRatingChangedV1(_RatingAggregate):
    """A product's visible reviews changed (posted, edited, deleted, hidden, restored): its new aggregate."""

    product_id = Id()


@event("SellerRatingChanged", 1, producer="reviews", subscribers=("catalog",))
class SellerRatingChangedV1(_RatingAggregate):
    """A seller's rating moved (R4): the new aggregate of the visible reviews of all their products."""


@event("NegativeReviewPosted", 1, producer="reviews", subscribers=("support", "notifications"))
class NegativeReviewPostedV1(Schema):
    """A review rated 1 or 2 was posted; its likely cause, and whether the seller wants a follow-up case."""

    review_id = Id()
    customer_id = Id()
    seller_id = Id()
    product_id = Id()
    order_id = Id()
    line_no = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    rating = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=2))
    cause = fields.String(required=True, validate=validate.OneOf(NEGATIVE_CAUSES))
    follow_up_requested = fields.Boolean(required=True)
    posted_at = Timestamp()
