"""Uploaded files: what they are (known by their bytes), how large a request may be, and where they
are kept (bytes under random keys, with their metadata left to the database).
"""
from __future__ import annotations

import os
import re
import secrets
import tempfile
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Collection, Protocol

import filetype
from flask import Response, request, send_file

# filetype reads no further than this many bytes to recognise a file.
SNIFF_BYTES = 8192


def sniff_media_type(content: bytes, accepted: Collection[str]) -> str | None:
    """The media type the bytes show, if it is one of `accepted`; what the client declared is ignored."""
    guess = filetype.guess(content[:SNIFF_BYTES])
    return guess.mime if guess is not None and guess.mime in accepted else None


def display_filename(filename: str | None, default: str, max_length: int = 255) -> str:
    """The client's filename without any folders or control characters (a NUL, half a surrogate pair,
    which no database text holds): shown and offered on download, never a path; `default` when nothing is left."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    name = "".join(character for character in name if character.isprintable()).strip()
    return name[:max_length] or default


class FileStore(Protocol):
    """Keeps bytes under keys it makes up; what they are and who owns them lives in the database."""

    def put(self, content: bytes) -> str:
        """Keep `content` and return the key it is found by."""

    def open(self, key: str) -> BinaryIO:
        """The bytes kept under `key`, for reading."""

    def delete(self, key: str) -> None:
        """Forget `key`; nothing happens when it is not there."""


_KEY = re.compile(r"^[0-9a-f]{32}$")


class LocalFileStore:
    """Files in a folder on this machine, named by random keys: a client's filename never reaches a path."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a file key: {key!r}")
        # Two levels keep any one folder small once there are many files.
        return self.root / key[:2] / key

    def put(self, content: bytes) -> str:
        key = secrets.token_hex(16)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed, so a reader never sees half a file.
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(content)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return key

    def open(self, key: str) -> BinaryIO:
        return self._path(key).open("rb")

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


# The multipart framing around a file: other fields, part headers and boundaries.
MULTIPART_ALLOWANCE = 64 * 1024


def accept_upload_of(max_bytes: int) -> None:
    """Let this request's body be as large as a file of `max_bytes` in a multipart form, not only the JSON limit.

    Call it once the caller is known to be allowed to upload, before the body is read.
    """
    request.max_content_length = max_bytes + MULTIPART_ALLOWANCE


def served_image(stream: BinaryIO, content_type: str, *, public: bool, max_age: int) -> Response:
    """An uploaded image as a response: its type as read at upload, never sniffed again by the browser.

    Shared caches keep it only when `public`; what only some callers see is cached by their browser alone.
    """
    response = send_file(stream, mimetype=content_type, max_age=max_age)
    if not public:
        response.cache_control.public = False
        response.cache_control.private = True
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
