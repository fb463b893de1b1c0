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
