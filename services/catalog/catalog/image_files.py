"""What uploaded image bytes are, read by Pillow from the bytes themselves, and the thumbnails made of them."""
from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from catalog.domain.images import ACCEPTED_FORMATS, MAX_IMAGE_PIXELS, THUMBNAIL_SIDE

# Pillow refuses to open anything over twice this many pixels, before a single one is decoded.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS


class NotAnAcceptedImage(Exception):
    """The bytes are no JPEG, PNG or WebP image, or a damaged one."""


class TooManyPixels(Exception):
    """The image would take more than MAX_IMAGE_PIXELS pixels once decoded."""


@dataclass(frozen=True)
class InspectedImage:
    content_type: str
    width: int
    height: int


@dataclass(frozen=True)
class Thumbnail:
    content: bytes
    content_type: str


def inspect_image(content: bytes) -> InspectedImage:
    """Read the kind and size from the header, then check the whole file; the client's name and type are ignored."""
    try:
        with Image.open(io.BytesIO(content), formats=list(ACCEPTED_FORMATS)) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise TooManyPixels()
            image.verify()
            return InspectedImage(ACCEPTED_FORMATS[image.format], width, height)
    except Image.DecompressionBombError as error:
        raise TooManyPixels() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise NotAnAcceptedImage() from error


def make_thumbnail(content: bytes) -> Thumbnail:
    """At most THUMBNAIL_SIDE on each side, turned the way the camera meant, and re-encoded without metadata.

    Images with transparency become WebP, which keeps it; the others JPEG, which every browser shows.
    """
    with Image.open(io.BytesIO(content)) as image:
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        encoded = io.BytesIO()
        if upright.has_transparency_data:
            upright.convert("RGBA").save(encoded, format="WEBP", quality=80)
            return Thumbnail(encoded.getvalue(), "image/webp")
        upright.convert("RGB").save(encoded, format="JPEG", quality=85, optimize=True)
        return Thumbnail(encoded.getvalue(), "image/jpeg")
