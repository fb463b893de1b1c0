"""A review as the API answers it, whichever resource asks: the author's full name never leaves when they
chose anonymity, and customer ids stay inside (`mine` tells the author their own)."""
from __future__ import annotations

from marshmallow import Schema, fields

from reviews.domain.display_names import shown_name
from reviews.domain.people import Reader
from reviews.models import Review


class PhotoSchema(Schema):
    id = fields.String()
    url = fields.String()
    thumbnail_url = fields.String()


class ReplyOutSchema(Schema):
    text = fields.String()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class ReviewSchema(Schema):
    id = fields.String()
    product_id = fields.String()
    seller_id = fields.String()
    product_name = fields.String()
    rating = fields.Integer()
    text = fields.String()
    anonymous = fields.Boolean()
    author = fields.String(metadata={"description": "The reviewer's name, masked when anonymous."})
    photos = fields.List(fields.Nested(PhotoSchema))
    helpful_count = fields.Integer()
    reply = fields.Nested(ReplyOutSchema, allow_none=True)
    mine = fields.Boolean(metadata={"description": "Whether the caller wrote it (they may edit it)."})
    status = fields.String(metadata={"description": "visible, or hidden by a moderator (seen by its author and admins)."})
    created_at = fields.AwareDateTime()
    edited_at = fields.AwareDateTime(allow_none=True)


def shown(review: Review, reader: Reader | None = None) -> dict:
    """The review as `reader` (by default, nobody in particular) is answered it."""
    return {
        **{name: getattr(review, name) for name in ReviewSchema().fields if hasattr(review, name)},
        "author": shown_name(review.author_name, review.anonymous),
        "photos": [
            {
                "id": photo.id,
                "url": f"/api/reviews/{review.id}/photos/{photo.id}",
                "thumbnail_url": f"/api/reviews/{review.id}/photos/{photo.id}/thumbnail",
            }
            for photo in review.photos
        ],
        "mine": reader is not None and reader.wrote(review.customer_id),
    }
