"""Seller documents are PDF, PNG or JPEG files known by their bytes, whatever they are called."""
import io

import pytest
from werkzeug.datastructures import FileStorage

from auth.seller_documents import DOCUMENTS
from servicekit.problems import Problem
from servicekit.uploads import checked_upload


def sent(content):
    return FileStorage(io.BytesIO(content), filename="certificate.pdf", content_type="application/pdf")


@pytest.mark.parametrize(
    ("content", "media_type"),
    [
        (b"%PDF-1.7\n%%EOF\n", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 16, "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16, "image/jpeg"),
    ],
)
def test_pdf_png_and_jpeg_are_recognised_by_their_bytes(content, media_type):
    assert checked_upload(sent(content), DOCUMENTS, 1024).content_type == media_type


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00" + b"\x00" * 60, b"GIF89a" + b"\x00" * 16, b"PK\x03\x04" + b"\x00" * 60, b"plain text", b""],
)
def test_anything_else_is_not_a_document(content):
    with pytest.raises(Problem) as refused:
        checked_upload(sent(content), DOCUMENTS, 1024)

    assert (refused.value.status, refused.value.slug) == (422, "document-type-refused")
