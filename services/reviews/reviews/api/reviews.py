"""/api/reviews: customers review what was delivered to them; anyone reads; sellers reply once."""
from flask import current_app, request
from flask.views import MethodView
from marshmallow import Schema, fields, validate
from werkzeug.datastructures import FileStorage

from reviews import moderation, review_photos, reviews
from reviews.domain.display_names import shown_name
from reviews.domain.review_rules import MAX_REPLY, MAX_TEXT, MIN_TEXT
from reviews.models import Review
from servicekit.app import unit_of_work
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.files import LocalFileStore, accept_upload_of, served_image
from servicekit.identity import current_identity, ensure_second_factor, requires
from servicekit.inputs import validated

blp = Blueprint("reviews", __name__, url_prefix="/api/reviews", description="Verified reviews")

# A photo's bytes never change under its id; an hour bounds how long a hidden review's photos linger in caches.
PUBLIC_MAX_AGE_SECONDS = 3600


class PostReviewSchema(Schema):
    order_id = fields.UUID(required=True)
    line_no = Integer(required=True, strict=True, minimum=1)
    rating = Integer(required=True, strict=True, minimum=1, maximum=5)
    text = fields.String(required=True, validate=validate.Length(min=MIN_TEXT, max=MAX_TEXT))
    anonymous = fields.Boolean(load_default=False)
    display_name = fields.String(
        required=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "The name shown with the review; masked (e.g. k***m) when anonymous."},
    )


class PhotoReviewFormSchema(PostReviewSchema):
    """The same fields as form fields, where every value arrives as text."""

    line_no = Integer(required=True, minimum=1)
    rating = Integer(required=True, minimum=1, maximum=5)


class EditReviewSchema(Schema):
    rating = Integer(strict=True, minimum=1, maximum=5)
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
    status = fields.String(metadata={"description": "visible, or hidden by a moderator (seen by its author and admins)."})
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


def photo_store() -> LocalFileStore:
    return LocalFileStore(current_app.extensions["reviews_settings"].photo_dir)


def _posted_review() -> tuple[dict, list[FileStorage]]:
    """The review's fields and its photos, from a JSON body or a multipart form."""
    if request.mimetype != "multipart/form-data":
        return validated(PostReviewSchema(), request.get_json(silent=True) or {}), []
    accept_upload_of(review_photos.MAX_PHOTOS * review_photos.MAX_PHOTO_BYTES)
    body = validated(PhotoReviewFormSchema(), request.form.to_dict())
    return body, request.files.getlist("photos")


@blp.route("")
class Reviews(MethodView):
    @requires("customer")
    @blp.doc(
        requestBody={
            "required": True,
            "content": {
                "application/json": {"schema": PostReviewSchema},
                "multipart/form-data": {"schema": {"allOf": [PhotoReviewFormSchema, {
                    "type": "object",
                    "properties": {"photos": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                }]}},
            },
        }
    )
    @blp.response(201, ReviewSchema)
    def post(self):
        """Review a line delivered to you (once); before delivery, or someone else's line, is refused.

        JSON, or the same fields as a multipart form with up to 5 `photos`: JPEG, PNG or WebP as read from
        their bytes (422 otherwise), 2 MiB each (413) and 25 megapixels (422). A refused photo posts nothing.
        """
        identity = current_identity()
        body, files = _posted_review()
        store = photo_store()
        photos = review_photos.stored_photos(store, files)
        try:
            with unit_of_work() as uow:
                review = reviews.post_review(uow, identity, {**body, "photos": photos})
                uow.commit()
                return shown(review, identity.subject)
        except BaseException:
            review_photos.forget(store, photos)
            raise


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
        """A visible review for anyone; a hidden one only for its author and admins."""
        identity = current_identity()
        with unit_of_work() as uow:
            return shown(moderation.review_seen_by(uow, identity, review_id), identity.subject)

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


def _photo_file(review_id: str, photo_id: str, thumbnail: bool):
    identity = current_identity()
    with unit_of_work() as uow:
        review = moderation.review_seen_by(uow, identity, review_id)
        photo = review_photos.photo_of(review, photo_id)
        public = review.status == reviews.VISIBLE
    key, content_type = (
        (photo.thumbnail_key, photo.thumbnail_content_type) if thumbnail else (photo.storage_key, photo.content_type)
    )
    # Only its author and admins see a hidden review: no shared cache may keep its photos.
    return served_image(photo_store().open(key), content_type, public=public, max_age=PUBLIC_MAX_AGE_SECONDS)


@blp.route("/<review_id>/photos/<photo_id>")
class ReviewPhotoFile(MethodView):
    @blp.response(200, description="The photo as uploaded.", content_type="image/*")
    def get(self, review_id, photo_id):
        """A photo of a visible review, for anyone."""
        return _photo_file(review_id, photo_id, thumbnail=False)


@blp.route("/<review_id>/photos/<photo_id>/thumbnail")
class ReviewPhotoThumbnail(MethodView):
    @blp.response(200, description="At most 400 pixels on each side, without metadata.", content_type="image/*")
    def get(self, review_id, photo_id):
        """The photo's thumbnail, JPEG or (when the photo has transparency) WebP."""
        return _photo_file(review_id, photo_id, thumbnail=True)
