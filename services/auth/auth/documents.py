"""Which kinds of file seller documents may be, known by their bytes."""
from __future__ import annotations

import filetype

ACCEPTED_TYPES = {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG"}
# filetype reads no further than this many bytes to recognise a file.
SNIFF_BYTES = 8192


def sniff_document_type(content: bytes) -> str | None:
    """The media type the bytes show, if it is one documents may have; what the client declared is ignored."""
    guess = filetype.guess(content[:SNIFF_BYTES])
    return guess.mime if guess is not None and guess.mime in ACCEPTED_TYPES else None
