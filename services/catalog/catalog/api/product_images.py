"""/api/products/<id>/images: the owning seller uploads and arranges images; anyone who sees the product sees them."""
import functools

from flask.views import MethodView
from flask_smorest.fields import Upload
from marshmallow import Schema, fields

from catalog import product_images
from catalog.api.viewers import SELLER, current_viewer
from catalog.domain.images import MAX_IMAGE_BYTES, MAX_IMAGES_PER_PRODUCT
from catalog.models import ProductImage
from servicekit.app import runtime, settings
from servicekit.blueprints import Blueprint
from servicekit.files import LocalFileStore, accept_upload_of, served_image
from servicekit.identity import requires, requires_second_factor

# An image's bytes never change under its id; an hour bounds how long a hidden product's images linger in caches.
PUBLIC_MAX_AGE_SECONDS = 3600

blp = Blueprint("product_images", __name__, url_prefix="/api/products", description="Images of products")


def image_url(image: ProductImage) -> str:
    return f"/api/products/{image.product_id}/images/{image.id}"


def thumbnail_url(image: ProductImage) -> str:
    return f"{image_url(image)}/thumbnail"


class ImageUploadSchema(Schema):
    file = Upload(required=True, metadata={"description": "A JPEG, PNG or WebP image, known by its content."})


class ImageSchema(Schema):
    id = fields.String()
    content_type = fields.String()
    width = fields.Integer()
    height = fields.Integer()
    size_bytes = fields.Integer()
    is_primary = fields.Boolean()
    position = fields.Integer()
    url = fields.Function(image_url)
    thumbnail_url = fields.Function(thumbnail_url)


def image_store() -> LocalFileStore:
    return settings().image_store()


def uploads_by_the_owner(view):
    """Refuse anyone but the product's seller before their body is read; let the seller's be as large as an image."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        product_images.refuse_other_uploaders(runtime(), current_viewer().seller_id, str(kwargs["product_id"]))
        accept_upload_of(MAX_IMAGE_BYTES)
        return view(*args, **kwargs)

    return wrapper


def _image_file(product_id, image_id, thumbnail: bool):
    image, public = product_images.image_seen_by(runtime(), current_viewer(), str(product_id), str(image_id))
    key, content_type = (
        (image.thumbnail_key, image.thumbnail_content_type) if thumbnail else (image.storage_key, image.content_type)
    )
    # Only its seller and admins see a product off the storefront: no shared cache may keep its images.
    return served_image(image_store().open(key), content_type, public=public, max_age=PUBLIC_MAX_AGE_SECONDS)


@blp.route("/<uuid:product_id>/images")
class ProductImages(MethodView):
    @requires(SELLER)
    @requires_second_factor
    @uploads_by_the_owner
    @blp.arguments(ImageUploadSchema, location="files")
    @blp.response(201, ImageSchema)
    @blp.problem(409, f"too-many-images: a product has at most {MAX_IMAGES_PER_PRODUCT}; delete one first.")
    def post(self, upload, product_id):
        """Add an image: the product's seller only, signed in with a second factor.

        JPEG, PNG or WebP as read from its bytes, whatever its name or declared type (422 otherwise), at most
        10 MB (413) and 40 megapixels (422), at most 10 per product (409). The first image becomes primary.
        """
        return product_images.upload_image(
            runtime(), image_store(), current_viewer().seller_id, str(product_id), upload["file"]
        )

    @blp.response(200, ImageSchema(many=True))
    def get(self, product_id):
        """A product's images in the order they were added: for everyone when the product is on the storefront."""
        return product_images.images_seen_by(runtime(), current_viewer(), str(product_id))


@blp.route("/<uuid:product_id>/images/<uuid:image_id>")
class ProductImageFile(MethodView):
    @blp.response(200, description="The image as uploaded.", content_type="image/*")
    def get(self, product_id, image_id):
        """The image itself, with the type read from it when it was uploaded."""
        return _image_file(product_id, image_id, thumbnail=False)

    @requires(SELLER)
    @requires_second_factor
    @blp.response(204)
    def delete(self, product_id, image_id):
        """Delete an image and its files: the product's seller only. The next image becomes primary if needed."""
        product_images.remove_image(
            runtime(), image_store(), current_viewer().seller_id, str(product_id), str(image_id)
        )


@blp.route("/<uuid:product_id>/images/<uuid:image_id>/thumbnail")
class ProductImageThumbnail(MethodView):
    @blp.response(200, description="At most 400 pixels on each side, without metadata.", content_type="image/*")
    def get(self, product_id, image_id):
        """The image's thumbnail, JPEG or (when the image has transparency) WebP."""
        return _image_file(product_id, image_id, thumbnail=True)


@blp.route("/<uuid:product_id>/images/<uuid:image_id>/primary")
class PrimaryProductImage(MethodView):
    @requires(SELLER)
    @requires_second_factor
    @blp.response(200, ImageSchema)
    def post(self, product_id, image_id):
        """Make this image the product's primary one: the product's seller only."""
        return product_images.make_primary(runtime(), current_viewer().seller_id, str(product_id), str(image_id))
