"""Which kinds of file seller documents may be, known by their bytes."""
from __future__ import annotations

from servicekit.files import sniff_media_type

ACCEPTED_TYPES = {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG"}


def sniff_document_type(content: bytes) -> str | None:
    """The media type the bytes show, if it is one documents may have; what the client declared is ignored."""
    return sniff_media_type(content, ACCEPTED_TYPES)
