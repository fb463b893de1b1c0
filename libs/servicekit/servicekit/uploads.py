"""Checking an uploaded file one way: its size, its kind read from its bytes (an image decoded within a pixel
limit) and the name it is shown by; a refusal is a 4xx problem whose type names what was uploaded."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from werkzeug.datastructures import FileStorage

from servicekit.files import display_filename, sniff_media_type
from servicekit.languages import Message, _
from servicekit.problems import Problem

# The kinds of image servicekit.images decodes, by the names people know them by.
IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP"}

MIB = 1024 * 1024


@dataclass(frozen=True)
class Accepted:
    """What one place takes.

    `noun` is the product's word for the file ("image", "photo", "document"): it names the problem types
    (`<noun>-too-large` 413, `<noun>-type-refused` 422, `<noun>-too-many-pixels` 422), the messages and the
    filename shown when the client sent none. `media_types` maps each accepted type to the name people know it
    by. With `max_pixels` the file is an image and is decoded, header first, within that many pixels. `field`
    is the form field that errors point at. The filename shown is cut to `max_filename_length` characters, the
    length of the column that keeps it.
    """

    noun: str
    media_types: Mapping[str, str]
    max_pixels: int | None = None
    field: str = "file"
    max_filename_length: int = 255


def images(noun: str, max_pixels: int, field: str = "file") -> Accepted:
    """JPEG, PNG and WebP images, decoded to check them, of at most `max_pixels`."""
    return Accepted(noun, IMAGE_TYPES, max_pixels, field)


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed its checks: its bytes, the type they show, and the name it may be shown by."""

    content: bytes
    content_type: str
    filename: str
    width: int | None = None
    height: int | None = None


def checked_upload(
    file: FileStorage, accepted: Accepted, max_bytes: int, *, position: int | None = None
) -> CheckedUpload:
    """Read `file` (one byte past `max_bytes` at most) and check it; what the client declared is ignored.

    `position` tells which of several files in one request was refused ("Photo 2: ...").
    """
    content = file.stream.read(max_bytes + 1)
    if len(content) > max_bytes:
        size = (_("%(mib)s MiB (%(bytes)s bytes)", mib=max_bytes // MIB, bytes=max_bytes) if max_bytes % MIB == 0
                else _("%(bytes)s bytes", bytes=max_bytes))
        raise _refused(
            accepted, position, 413, "too-large",
            _("An %(noun)s may be at most %(size)s.", noun=_word(accepted.noun), size=size) if _an(accepted.noun)
            else _("A %(noun)s may be at most %(size)s.", noun=_word(accepted.noun), size=size),
            max_bytes=max_bytes,
        )
    content_type = sniff_media_type(content, accepted.media_types)
    if content_type is None:
        raise _type_refused(accepted, position)
    width = height = None
    if accepted.max_pixels is not None:
        # Only services that take images install Pillow.
        from servicekit.images import NotAnAcceptedImage, TooManyPixels, inspect_image

        try:
            image = inspect_image(content, accepted.max_pixels)
        except TooManyPixels:
            megapixels = f"{accepted.max_pixels / 1_000_000:g}"
            raise _refused(
                accepted, position, 422, "too-many-pixels",
                _("An %(noun)s may have at most %(megapixels)s megapixels.", noun=_word(accepted.noun),
                  megapixels=megapixels) if _an(accepted.noun)
                else _("A %(noun)s may have at most %(megapixels)s megapixels.", noun=_word(accepted.noun),
                       megapixels=megapixels),
                max_pixels=accepted.max_pixels,
            ) from None
        except NotAnAcceptedImage:
            raise _type_refused(accepted, position) from None
        content_type, width, height = image.content_type, image.width, image.height
    filename = display_filename(file.filename, accepted.noun, accepted.max_filename_length)
    return CheckedUpload(content, content_type, filename, width, height)


_TITLES = {"too-large": "%(Noun)s too large", "type-refused": "Unsupported %(noun)s type",
           "too-many-pixels": "%(Noun)s has too many pixels"}
# For pybabel, which finds only literal messages: the titles above.
_("%(Noun)s too large"), _("Unsupported %(noun)s type"), _("%(Noun)s has too many pixels")


def _an(noun: str) -> bool:
    return noun[:1] in "aeiou"


def _word(noun: str) -> Message:
    """The product's word for the file ("image", "Photo"), which a catalog may translate like any message."""
    return Message(noun)


def _type_refused(accepted: Accepted, position: int | None) -> Problem:
    *others, last = accepted.media_types.values()
    kinds = _("%(kinds)s or %(last)s", kinds=", ".join(others), last=last) if others else last
    return _refused(
        accepted, position, 422, "type-refused",
        _("Upload a %(kinds)s %(noun)s; the type is read from the file's content, not its name.", kinds=kinds,
          noun=_word(accepted.noun)),
    )


def _refused(
    accepted: Accepted, position: int | None, status: int, reason: str, message: Message, **extra
) -> Problem:
    noun, capitalized = _word(accepted.noun), _word(accepted.noun.capitalize())
    title = Message(_TITLES[reason], {"noun": noun, "Noun": capitalized})
    detail = message if position is None else _(
        "%(Noun)s %(position)s: %(message)s", Noun=capitalized, position=position, message=message)
    return Problem(status, f"{noun}-{reason}", title, detail, errors={accepted.field: [message]}, **extra)
