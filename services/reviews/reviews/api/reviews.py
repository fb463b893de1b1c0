"""/api/reviews: customers review what was delivered to them; anyone reads; sellers reply once."""
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from reviews import reviews
from reviews.domain.display_names import shown_name
from reviews.domain.review_rules import MAX_REPLY, MAX_TEXT, MIN_TEXT
from reviews.models import Review
from servicekit.app import unit_of_work
from servicekit.identity import current_identity, ensure_second_factor, requires

blp = Blueprint("reviews", __name__, url_prefix="/api/reviews", description="Verified reviews")


class PostReviewSchema(Schema):
    order_id = fields.UUID(required=True)
    line_no = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    rating = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=5))
    text = fields.String(required=True, validate=validate.Length(min=MIN_TEXT, max=MAX_TEXT))
    anonymous = fields.Boolean(load_default=False)
    display_name = fields.String(
        required=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "The name shown with the review; masked (e.g. k***m) when anonymous."},
    )


class EditReviewSchema(Schema):
    rating = fields.Integer(strict=True, validate=validate.Range(min=1, max=5))
    text = fields.String(validate=validate.Length(min=MIN_TEXT, max=MAX_TEXT))
    anonymous = fields.Boolean()


class ReplySchema(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=MAX_REPLY))


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
    created_at = fields.AwareDateTime()
    edited_at = fields.AwareDateTime(allow_none=True)


class ReviewableLineSchema(Schema):
    order_id = fields.String()
    line_no = fields.Integer()
    product_id = fields.String()
    product_name = fields.String()
    delivered_at = fields.AwareDateTime()


def shown(review: Review, viewer_id: str | None = None) -> dict:
    """A review as anyone sees it: the author's full name never leaves when they chose anonymity.

    Customer ids stay inside too: `mine` tells the author their own.
    """
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
        "mine": viewer_id is not None and viewer_id == review.customer_id,
    }


def _seller():
    identity = current_identity()
    ensure_second_factor(identity)
    return identity


@blp.route("")
class Reviews(MethodView):
    @requires("customer")
    @blp.arguments(PostReviewSchema)
    @blp.response(201, ReviewSchema)
    def post(self, body):
        """Review a line delivered to you (once); before delivery, or someone else's line, is refused."""
        identity = current_identity()
        with unit_of_work() as uow:
            review = reviews.post_review(uow, identity, body)
            uow.commit()
            return shown(review, identity.subject)


@blp.route("/reviewable-lines")
class ReviewableLines(MethodView):
    @requires("customer")
    @blp.response(200, ReviewableLineSchema(many=True))
    def get(self):
        """Lines delivered to you that you have not reviewed yet."""
        with unit_of_work() as uow:
            return reviews.reviewable_lines_of(uow, current_identity().subject)


@blp.route("/<review_id>")
class ReviewById(MethodView):
    @blp.response(200, ReviewSchema)
    def get(self, review_id):
        with unit_of_work() as uow:
            return shown(reviews.review_for(uow, review_id), current_identity().subject)

    @requires("customer", "seller", "admin")
    @blp.arguments(EditReviewSchema)
    @blp.response(200, ReviewSchema)
    def patch(self, body, review_id):
        """The author edits their review within 30 days of posting; nobody else ever does."""
        identity = current_identity()
        with unit_of_work() as uow:
            review = reviews.edit_review(uow, identity, reviews.review_for(uow, review_id, for_update=True), body)
            uow.commit()
            return shown(review, identity.subject)

    @requires("customer", "seller", "admin")
    @blp.response(204)
    def delete(self, review_id):
        """The author deletes their review within 30 days; the line cannot be reviewed again."""
        with unit_of_work() as uow:
            reviews.delete_review(uow, current_identity(), reviews.review_for(uow, review_id, for_update=True))
            uow.commit()


@blp.route("/<review_id>/reply")
class ReviewReply(MethodView):
    @requires("seller")
    @blp.arguments(ReplySchema)
    @blp.response(201, ReviewSchema)
    def post(self, body, review_id):
        """The product's seller replies, once."""
        seller = _seller()
        with unit_of_work() as uow:
            review = reviews.reply(uow, seller, reviews.review_for(uow, review_id, for_update=True), body["text"])
            uow.commit()
            return shown(review)

    @requires("seller")
    @blp.arguments(ReplySchema)
    @blp.response(200, ReviewSchema)
    def put(self, body, review_id):
        """The seller edits their reply."""
        seller = _seller()
        with unit_of_work() as uow:
            review = reviews.edit_reply(uow, seller, reviews.review_for(uow, review_id, for_update=True), body["text"])
            uow.commit()
            return shown(review)

    @requires("seller")
    @blp.response(200, ReviewSchema)
    def delete(self, review_id):
        """The seller takes their reply back."""
        seller = _seller()
        with unit_of_work() as uow:
            review = reviews.delete_reply(uow, seller, reviews.review_for(uow, review_id, for_update=True))
            uow.commit()
            return shown(review)
