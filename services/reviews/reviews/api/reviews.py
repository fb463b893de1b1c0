"""/api/reviews: customers review what was delivered to them; anyone reads; sellers reply once."""
from flask import request
from flask.views import MethodView
from marshmallow import Schema, fields, validate
from werkzeug.datastructures import FileStorage

from reviews import review_photos, reviews
from reviews.api import viewers
from reviews.api.review_answers import ReviewSchema, shown
from reviews.domain.review_rules import MAX_REPLY, MAX_TEXT, MIN_TEXT
from servicekit.app import runtime, settings
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.files import accept_upload_of, served_image
from servicekit.identity import requires
from servicekit.inputs import validated

blp = Blueprint("reviews", __name__, url_prefix="/api/reviews", description="Verified reviews")

# A photo's bytes never change under its id; an hour bounds how long a hidden review's photos linger in caches.
PUBLIC_MAX_AGE_SECONDS = 3600


class PostReviewSchema(Schema):
    order_id = fields.UUID(required=True)
    line_no = Integer(required=True, strict=True, minimum=1)
    rating = Integer(required=True, strict=True, minimum=1, maximum=5)
    text = fields.String(required=True, validate=validate.Length(min=MIN_TEXT, max=MAX_TEXT))
    anonymous = fields.Boolean(
        load_default=False,
        metadata={"description": "Show the account's name masked (e.g. 김*지, K*******i) instead of in full."},
    )
    display_name = fields.String(
        validate=validate.Length(min=1, max=100),
        metadata={
            "deprecated": True,
            "description": "Deprecated and ignored: a review shows the signed-in account's name. Read only when "
            "the identity token carries no name (a gateway from before names travelled in it).",
        },
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


class ReviewableLineSchema(Schema):
    order_id = fields.String()
    line_no = fields.Integer()
    product_id = fields.String()
    product_name = fields.String()
    delivered_at = fields.AwareDateTime()


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
    @blp.problem(409, "already-reviewed: the line has its review.")
    def post(self):
        """Review a line delivered to you (once), under your account's name; before delivery, or someone
        else's line, is refused.

        JSON, or the same fields as a multipart form with up to 5 `photos`: JPEG, PNG or WebP as read from
        their bytes (422 otherwise), 2 MiB each (413) and 25 megapixels (422). A refused photo posts nothing.
        """
        body, files = _posted_review()
        reviewer = viewers.reviewer(body.pop("display_name", None))
        review = reviews.post_review(runtime(), settings().photo_store(), reviewer, body, files)
        return shown(review, viewers.reader())


@blp.route("/reviewable-lines")
class ReviewableLines(MethodView):
    @requires("customer")
    @blp.response(200, ReviewableLineSchema(many=True))
    def get(self):
        """Lines delivered to you that you have not reviewed yet."""
        return reviews.reviewable_lines_of(runtime(), viewers.account_id())


@blp.route("/<review_id>")
class ReviewById(MethodView):
    @blp.response(200, ReviewSchema)
    def get(self, review_id):
        """A visible review for anyone; a hidden one only for its author and admins."""
        reader = viewers.reader()
        return shown(reviews.read_review(runtime(), reader, review_id), reader)

    @requires("customer", "seller", "admin")
    @blp.arguments(EditReviewSchema)
    @blp.response(200, ReviewSchema)
    @blp.problem(409, "edit-window-over: 30 days after posting it stays as it is.")
    def patch(self, body, review_id):
        """The author edits their review within 30 days of posting; nobody else ever does."""
        review = reviews.edit_review(runtime(), viewers.account_id(), review_id, body)
        return shown(review, viewers.reader())

    @requires("customer", "seller", "admin")
    @blp.response(204)
    @blp.problem(409, "edit-window-over: 30 days after posting it stays as it is.")
    def delete(self, review_id):
        """The author deletes their review within 30 days; the line cannot be reviewed again."""
        reviews.delete_review(runtime(), viewers.account_id(), review_id)


@blp.route("/<review_id>/reply")
class ReviewReply(MethodView):
    @requires("seller")
    @blp.arguments(ReplySchema)
    @blp.response(201, ReviewSchema)
    @blp.problem(409, "already-replied: edit the reply instead.")
    def post(self, body, review_id):
        """The product's seller replies, once."""
        return shown(reviews.reply(runtime(), viewers.seller_id(), review_id, body["text"]))

    @requires("seller")
    @blp.arguments(ReplySchema)
    @blp.response(200, ReviewSchema)
    def put(self, body, review_id):
        """The seller edits their reply."""
        return shown(reviews.edit_reply(runtime(), viewers.seller_id(), review_id, body["text"]))

    @requires("seller")
    @blp.response(200, ReviewSchema)
    def delete(self, review_id):
        """The seller takes their reply back."""
        return shown(reviews.delete_reply(runtime(), viewers.seller_id(), review_id))


def _photo_file(review_id: str, photo_id: str, thumbnail: bool):
    photo, public = reviews.photo_seen_by(runtime(), viewers.reader(), review_id, photo_id)
    key, content_type = (
        (photo.thumbnail_key, photo.thumbnail_content_type) if thumbnail else (photo.storage_key, photo.content_type)
    )
    # Only its author and admins see a hidden review: no shared cache may keep its photos.
    return served_image(settings().photo_store().open(key), content_type, public=public, max_age=PUBLIC_MAX_AGE_SECONDS)


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
