"""Uploaded images are known by their bytes, refused over the pixel limit, and thumbnailed without metadata."""
import io

import pytest
from PIL import Image

from servicekit.images import NotAnAcceptedImage, TooManyPixels, inspect_image, make_thumbnail, without_metadata


def image_bytes(size, format, mode="RGB"):
    encoded = io.BytesIO()
    Image.new(mode, size, "green").save(encoded, format=format)
    return encoded.getvalue()


@pytest.mark.parametrize("format, media_type", [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")])
def test_an_image_is_known_by_its_bytes(format, media_type):
    inspected = inspect_image(image_bytes((30, 20), format), max_pixels=1000)

    assert (inspected.content_type, inspected.width, inspected.height) == (media_type, 30, 20)


@pytest.mark.parametrize("content", [b"GIF89a" + b"\0" * 100, b"<svg xmlns='http://www.w3.org/2000/svg'/>", b""])
def test_other_bytes_are_refused_whatever_they_are_called(content):
    with pytest.raises(NotAnAcceptedImage):
        inspect_image(content, max_pixels=1000)


def test_a_damaged_image_is_refused():
    with pytest.raises(NotAnAcceptedImage):
        inspect_image(image_bytes((30, 20), "PNG")[:60], max_pixels=1000)


def test_an_image_over_the_pixel_limit_is_refused():
    with pytest.raises(TooManyPixels):
        inspect_image(image_bytes((40, 26), "PNG"), max_pixels=1000)


def test_a_thumbnail_fits_the_side_and_keeps_transparency_as_webp():
    opaque = make_thumbnail(image_bytes((800, 400), "PNG"), side=100)
    transparent = make_thumbnail(image_bytes((800, 400), "PNG", mode="RGBA"), side=100)

    assert opaque.content_type == "image/jpeg"
    assert Image.open(io.BytesIO(opaque.content)).size == (100, 50)
    assert transparent.content_type == "image/webp"


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP"])
def test_a_kept_image_loses_its_location_and_stays_the_same_kind(format):
    exif = Image.Exif()
    exif[0x8825] = {2: (37.0, 30.0, 0.0), 4: (127.0, 2.0, 0.0)}  # GPSInfo: latitude and longitude
    exif[0x010F] = "PhoneMaker"
    encoded = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(encoded, format=format, exif=exif)
    assert Image.open(io.BytesIO(encoded.getvalue())).getexif()

    kept = without_metadata(encoded.getvalue())

    with Image.open(io.BytesIO(kept)) as image:
        assert (image.format, image.size) == (format, (40, 30))
        assert not image.getexif()
