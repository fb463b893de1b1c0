"""Photo reviews posted in one multipart request: photos known by their bytes, all or nothing, served with thumbnails."""
import io

from PIL import Image

from reviews.review_photos import MAX_PHOTOS, THUMBNAIL_SIDE
from servicekit.testing.identities import as_customer
from .shoppers import delivered, new_id, review_body


def image_bytes(format, size=(800, 600)):
    encoded = io.BytesIO()
    Image.new("RGB", size, "orange").save(encoded, format=format)
    return encoded.getvalue()


def post_with_photos(client, headers, order_id, photos, **fields):
    form = {name: str(value) for name, value in review_body(order_id, **fields).items()}
    form["photos"] = [(io.BytesIO(content), name) for name, content in photos]
    return client.post("/api/reviews", data=form, content_type="multipart/form-data", headers=headers)


def test_a_review_with_a_png_and_a_jpeg_is_posted_in_one_request_and_its_photos_are_served(
    reviews_client, reviews_consumer, sign_identity
):
    customer_id = new_id()
    order_id, _ = delivered(reviews_consumer, customer_id, new_id())
    png, jpeg = image_bytes("PNG"), image_bytes("JPEG")

    posted = post_with_photos(
        reviews_client, as_customer(sign_identity, customer_id), order_id, [("a.png", png), ("b.jpg", jpeg)], rating=4
    )

    assert posted.status_code == 201, posted.json
    assert posted.json["rating"] == 4 and len(posted.json["photos"]) == 2
    first, second = posted.json["photos"]
    anyone = sign_identity()
    original = reviews_client.get(first["url"], headers=anyone)
    thumbnail = reviews_client.get(second["thumbnail_url"], headers=anyone)
    assert (original.status_code, original.mimetype) == (200, "image/png")
    # Kept re-encoded without metadata (where the photo was taken), the same kind and size.
    with Image.open(io.BytesIO(original.data)) as kept, Image.open(io.BytesIO(png)) as sent:
        assert (kept.format, kept.size, dict(kept.getexif())) == ("PNG", sent.size, {})
    assert original.headers["X-Content-Type-Options"] == "nosniff"
    assert "public" in original.headers["Cache-Control"] and "max-age=3600" in original.headers["Cache-Control"]
    assert thumbnail.mimetype == "image/jpeg"
    assert Image.open(io.BytesIO(thumbnail.data)).size == (THUMBNAIL_SIDE, 300)


def test_a_disguised_file_is_refused_and_nothing_is_posted(reviews_client, reviews_consumer, sign_identity):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, _ = delivered(reviews_consumer, customer_id, new_id())

    refused = post_with_photos(
        reviews_client, customer, order_id,
        [("a.png", image_bytes("PNG")), ("cat.jpg", b"<html><script>alert(1)</script></html>")],
    )

    assert refused.status_code == 422 and refused.json["type"].endswith(":photo-type-refused")
    assert [line["order_id"] for line in reviews_client.get("/api/reviews/reviewable-lines", headers=customer).json] == [
        order_id
    ]


def test_more_than_five_photos_are_refused(reviews_client, reviews_consumer, sign_identity):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, _ = delivered(reviews_consumer, customer_id, new_id())
    small = image_bytes("PNG", (20, 20))

    refused = post_with_photos(
        reviews_client, customer, order_id, [(f"{n}.png", small) for n in range(MAX_PHOTOS + 1)]
    )

    assert refused.status_code == 422 and "photos" in refused.json["errors"]
    assert len(reviews_client.get("/api/reviews/reviewable-lines", headers=customer).json) == 1


def test_form_fields_are_checked_like_json_ones(reviews_client, reviews_consumer, sign_identity):
    customer_id = new_id()
    order_id, _ = delivered(reviews_consumer, customer_id, new_id())

    refused = post_with_photos(
        reviews_client, as_customer(sign_identity, customer_id), order_id, [("a.png", image_bytes("PNG"))], rating=6
    )

    assert refused.status_code == 422 and "rating" in refused.json["errors"]
