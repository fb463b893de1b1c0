"""Sellers add images to their products, known by their bytes and kept with a thumbnail; everyone sees them."""
import io
import uuid

import pytest
from PIL import Image

from catalog.domain.images import MAX_IMAGE_BYTES, MAX_IMAGES_PER_PRODUCT, THUMBNAIL_SIDE
from servicekit.testing.identities import as_admin, as_seller

from .shop import approve_seller, list_product


def image_bytes(image_format="PNG", size=(1200, 800), mode="RGB"):
    encoded = io.BytesIO()
    Image.new(mode, size, "teal").save(encoded, format=image_format)
    return encoded.getvalue()


def images_url(product, image_id=None, suffix=""):
    url = f"/api/products/{product['id']}/images"
    return f"{url}/{image_id}{suffix}" if image_id else url


def upload(client, headers, product, content, filename="photo.png", content_type="image/png"):
    return client.post(
        images_url(product),
        data={"file": (io.BytesIO(content), filename, content_type)},
        headers=headers,
        content_type="multipart/form-data",
    )


@pytest.fixture
def visitor(sign_identity):
    """The headers the gateway sends for someone not signed in."""
    return sign_identity()


@pytest.fixture
def shop(catalog_client, catalog_consumer, sign_identity):
    """A product of a new approved seller, and that seller's headers."""
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)
    return product, as_seller(sign_identity, seller_id)


def assert_problem(response, status, slug):
    assert response.status_code == status, response.json
    assert response.json["type"] == f"urn:marketplace:problem:{slug}"


@pytest.mark.parametrize(("image_format", "content_type"), [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_an_uploaded_image_is_kept_with_a_thumbnail_of_at_most_400_pixels(
    visitor, catalog_client, shop, image_format, content_type
):
    product, headers = shop
    content = image_bytes(image_format, size=(1200, 800))

    response = upload(catalog_client, headers, product, content, content_type="application/octet-stream")

    assert response.status_code == 201, response.json
    image = response.json
    assert (image["content_type"], image["width"], image["height"]) == (content_type, 1200, 800)
    assert image["is_primary"] is True
    original = catalog_client.get(image["url"], headers=visitor)
    assert (original.status_code, original.mimetype, len(original.data)) == (200, content_type, image["size_bytes"])
    # Kept re-encoded without metadata (a photo's location), the same kind and size.
    with Image.open(io.BytesIO(original.data)) as kept:
        assert (kept.format, kept.size, dict(kept.getexif())) == (image_format, (1200, 800), {})
    thumbnail = catalog_client.get(image["thumbnail_url"], headers=visitor)
    assert thumbnail.mimetype == "image/jpeg"
    assert Image.open(io.BytesIO(thumbnail.data)).size == (THUMBNAIL_SIDE, 267)


def test_images_are_served_with_their_type_cacheable_and_never_sniffed(visitor, catalog_client, shop):
    product, headers = shop
    image = upload(catalog_client, headers, product, image_bytes("WEBP"), filename="photo.png").json

    response = catalog_client.get(image["url"], headers=visitor)

    assert response.mimetype == "image/webp"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "public" in response.headers["Cache-Control"] and "max-age=" in response.headers["Cache-Control"]


def test_a_thumbnail_keeps_transparency_and_drops_the_cameras_metadata(visitor, catalog_client, shop):
    product, headers = shop
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    encoded = io.BytesIO()
    Image.new("RGBA", (800, 1600), (0, 128, 128, 100)).save(encoded, format="PNG", exif=exif)
    image = upload(catalog_client, headers, product, encoded.getvalue()).json

    thumbnail = Image.open(io.BytesIO(catalog_client.get(image["thumbnail_url"], headers=visitor).data))

    assert (thumbnail.format, thumbnail.size, thumbnail.mode) == ("WEBP", (200, 400), "RGBA")
    assert not thumbnail.getexif()


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00" + b"\x00" * 200, b"%PDF-1.7\n%%EOF\n", image_bytes("GIF"), image_bytes("PNG")[:120]],
    ids=["executable", "pdf", "gif", "truncated-png"],
)
def test_a_file_that_is_no_jpeg_png_or_webp_is_refused_whatever_its_name(visitor, catalog_client, shop, content):
    product, headers = shop

    response = upload(catalog_client, headers, product, content, filename="photo.jpg", content_type="image/jpeg")

    assert_problem(response, 422, "image-type-refused")
    assert catalog_client.get(images_url(product), headers=visitor).json == []


def test_an_image_over_10_mb_is_refused(catalog_client, shop):
    product, headers = shop
    content = image_bytes("PNG")
    too_large = content + b"\x00" * (MAX_IMAGE_BYTES + 1 - len(content))

    assert_problem(upload(catalog_client, headers, product, too_large), 413, "image-too-large")


# Pillow warns of such an image before the catalog refuses it.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_an_image_of_more_than_40_megapixels_is_refused(catalog_client, shop):
    product, headers = shop

    response = upload(catalog_client, headers, product, image_bytes("PNG", size=(8000, 5001), mode="1"))

    assert_problem(response, 422, "image-too-many-pixels")


def test_another_sellers_product_is_answered_as_missing(catalog_client, catalog_consumer, sign_identity, shop):
    product, _ = shop
    stranger = as_seller(sign_identity, approve_seller(catalog_consumer))

    assert_problem(upload(catalog_client, stranger, product, image_bytes()), 404, "product-not-found")


def test_uploading_needs_a_second_factor(catalog_client, sign_identity, shop):
    product, _ = shop
    without_second_factor = as_seller(sign_identity, product["seller_id"], second_factor_age=None)

    assert upload(catalog_client, without_second_factor, product, image_bytes()).status_code == 403


def test_the_eleventh_image_of_a_product_is_refused(catalog_client, shop):
    product, headers = shop
    content = image_bytes("PNG", size=(40, 30))
    for _ in range(MAX_IMAGES_PER_PRODUCT):
        assert upload(catalog_client, headers, product, content).status_code == 201

    assert_problem(upload(catalog_client, headers, product, content), 409, "too-many-images")


def test_the_seller_chooses_the_primary_image_and_the_product_shows_its_thumbnail(visitor, catalog_client, shop):
    product, headers = shop
    first, second = (upload(catalog_client, headers, product, image_bytes()).json for _ in range(2))

    chosen = catalog_client.post(images_url(product, second["id"], "/primary"), headers=headers)

    assert chosen.status_code == 200, chosen.json
    listed = catalog_client.get(images_url(product), headers=visitor).json
    assert [(image["id"], image["is_primary"]) for image in listed] == [(first["id"], False), (second["id"], True)]
    shown = catalog_client.get(f"/api/products/{product['id']}", headers=visitor).json
    assert shown["primary_image"] == second["thumbnail_url"]
    page = catalog_client.get(f"/api/products?seller_id={product['seller_id']}", headers=visitor).json
    assert [item["primary_image"] for item in page] == [second["thumbnail_url"]]


def test_a_product_without_images_has_no_primary_image(visitor, catalog_client, shop):
    product, _ = shop

    assert catalog_client.get(f"/api/products/{product['id']}", headers=visitor).json["primary_image"] is None


def test_deleting_the_primary_image_promotes_the_next_one(visitor, catalog_client, shop):
    product, headers = shop
    first, second, third = (upload(catalog_client, headers, product, image_bytes()).json for _ in range(3))

    response = catalog_client.delete(images_url(product, first["id"]), headers=headers)

    assert response.status_code == 204
    listed = catalog_client.get(images_url(product), headers=visitor).json
    assert [(image["id"], image["is_primary"]) for image in listed] == [(second["id"], True), (third["id"], False)]
    assert catalog_client.get(first["url"], headers=visitor).status_code == 404
    shown = catalog_client.get(f"/api/products/{product['id']}", headers=visitor).json
    assert shown["primary_image"] == second["thumbnail_url"]


def test_deleted_images_leave_no_files_behind(catalog_client, catalog_runtime, shop):
    product, headers = shop
    image_dir = catalog_runtime.config.var_dir / "images" / "catalog"
    before = {path for path in image_dir.rglob("*") if path.is_file()}
    image = upload(catalog_client, headers, product, image_bytes()).json

    catalog_client.delete(images_url(product, image["id"]), headers=headers)

    assert {path for path in image_dir.rglob("*") if path.is_file()} == before


def test_another_seller_cannot_choose_or_delete_images(visitor, catalog_client, catalog_consumer, sign_identity, shop):
    product, headers = shop
    image = upload(catalog_client, headers, product, image_bytes()).json
    stranger = as_seller(sign_identity, approve_seller(catalog_consumer))

    assert catalog_client.post(images_url(product, image["id"], "/primary"), headers=stranger).status_code == 404
    assert catalog_client.delete(images_url(product, image["id"]), headers=stranger).status_code == 404
    assert catalog_client.get(image["url"], headers=visitor).status_code == 200


def test_images_of_a_draft_product_are_shown_only_to_its_seller_and_admins(
    visitor, catalog_client, catalog_consumer, sign_identity
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, status="draft")
    headers = as_seller(sign_identity, seller_id)
    image = upload(catalog_client, headers, product, image_bytes()).json

    assert catalog_client.get(images_url(product), headers=visitor).status_code == 404
    assert catalog_client.get(image["thumbnail_url"], headers=visitor).status_code == 404
    own = catalog_client.get(image["thumbnail_url"], headers=headers)
    assert own.status_code == 200 and "private" in own.headers["Cache-Control"]
    assert catalog_client.get(images_url(product), headers=as_admin(sign_identity)).status_code == 200
    assert catalog_client.get(images_url(product, str(uuid.uuid4())), headers=visitor).status_code == 404
