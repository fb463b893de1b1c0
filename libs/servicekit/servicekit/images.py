"""Uploaded images as Pillow reads them from their bytes (kind, size, pixel count) and the thumbnails made of them."""
from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow's format names of the kinds of image taken, and the media type each is served with.
ACCEPTED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


class NotAnAcceptedImage(Exception):
    """The bytes are no JPEG, PNG or WebP image, or a damaged one."""


class TooManyPixels(Exception):
    """The image would take more pixels than allowed once decoded."""


@dataclass(frozen=True)
class InspectedImage:
    content_type: str
    width: int
    height: int


@dataclass(frozen=True)
class Thumbnail:
    content: bytes
    content_type: str


def inspect_image(content: bytes, max_pixels: int) -> InspectedImage:
    """Read the kind and size from the header, then check the whole file; the client's name and type are ignored.

    The pixel count is checked on the header, before a single pixel is decoded.
    """
    try:
        with Image.open(io.BytesIO(content), formats=list(ACCEPTED_FORMATS)) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise TooManyPixels()
            image.verify()
            return InspectedImage(ACCEPTED_FORMATS[image.format], width, height)
    except Image.DecompressionBombError as error:
        raise TooManyPixels() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise NotAnAcceptedImage() from error


# Pillow's save options per format: close to the original's quality, nothing else carried over.
_REENCODING = {"JPEG": {"quality": 92, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 90}}


def without_metadata(content: bytes) -> bytes:
    """The image re-encoded in its own format, turned upright, and without EXIF or other metadata.

    Photos from phones carry the place they were taken (GPS) and the device: a customer's review photo
    must not publish where they live. Only for bytes `inspect_image` has accepted.
    """
    with Image.open(io.BytesIO(content)) as image:
        image_format = image.format
        upright = ImageOps.exif_transpose(image)
        if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        encoded = io.BytesIO()
        upright.save(encoded, format=image_format, **_REENCODING[image_format])
        return encoded.getvalue()


def make_thumbnail(content: bytes, side: int) -> Thumbnail:
    """At most `side` pixels on each side, turned the way the camera meant, and re-encoded without metadata.

    Images with transparency become WebP, which keeps it; the others JPEG, which every browser shows.
    Only for bytes `inspect_image` has accepted.
    """
    with Image.open(io.BytesIO(content)) as image:
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((side, side))
        encoded = io.BytesIO()
        if upright.has_transparency_data:
            upright.convert("RGBA").save(encoded, format="WEBP", quality=80)
            return Thumbnail(encoded.getvalue(), "image/webp")
        upright.convert("RGB").save(encoded, format="JPEG", quality=85, optimize=True)
        return Thumbnail(encoded.getvalue(), "image/jpeg")
