"""Documents are known by their bytes, and shown by a filename that cannot name a path."""
import pytest

from auth.documents import sniff_document_type
from auth.seller_documents import FILENAME_MAX_LENGTH
from servicekit.files import display_filename


@pytest.mark.parametrize(
    ("content", "media_type"),
    [
        (b"%PDF-1.7\n%%EOF\n", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 16, "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16, "image/jpeg"),
    ],
)
def test_pdf_png_and_jpeg_are_recognised_by_their_bytes(content, media_type):
    assert sniff_document_type(content) == media_type


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00" + b"\x00" * 60, b"GIF89a" + b"\x00" * 16, b"PK\x03\x04" + b"\x00" * 60, b"plain text", b""],
)
def test_anything_else_is_not_a_document(content):
    assert sniff_document_type(content) is None


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("certificate.pdf", "certificate.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\kim\\사업자등록증.pdf", "사업자등록증.pdf"),
        ("bad\r\nheader.pdf", "badheader.pdf"),
        ("", "document"),
        (None, "document"),
    ],
)
def test_a_clients_filename_keeps_only_its_last_part_without_control_characters(sent, shown):
    assert display_filename(sent, "document", FILENAME_MAX_LENGTH) == shown
