"""Uploaded files are known by their bytes and kept under random keys that no filename can steer."""
import pytest

from servicekit.files import LocalFileStore, display_filename, sniff_media_type


def test_a_stored_file_reads_back_under_its_random_key(tmp_path):
    store = LocalFileStore(tmp_path)

    key = store.put(b"%PDF-1.7")
    other = store.put(b"%PDF-1.7")

    assert key != other
    with store.open(key) as file:
        assert file.read() == b"%PDF-1.7"
    assert [path.name for path in tmp_path.rglob(key)] == [key]


def test_a_deleted_file_is_gone_and_deleting_again_is_harmless(tmp_path):
    store = LocalFileStore(tmp_path)
    key = store.put(b"%PDF-1.7")

    store.delete(key)
    store.delete(key)

    with pytest.raises(FileNotFoundError):
        store.open(key)


@pytest.mark.parametrize("key", ["../../etc/passwd", "ab/../../x", "", "A" * 32])
def test_a_key_the_store_did_not_make_is_refused(tmp_path, key):
    with pytest.raises(ValueError):
        LocalFileStore(tmp_path).open(key)


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_a_file_is_known_by_its_bytes_not_its_name():
    accepted = {"application/pdf", "image/png"}
    assert sniff_media_type(PDF, accepted) == "application/pdf"
    assert sniff_media_type(PNG, accepted) == "image/png"
    assert sniff_media_type(b"<html><script>alert(1)</script>", accepted) is None
    assert sniff_media_type(PNG, {"application/pdf"}) is None


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("../../receipt.pdf", "receipt.pdf"),
        ("C:\\scans\\receipt.pdf", "receipt.pdf"),
        ("rec\x00eipt\udc80.pdf", "receipt.pdf"),
        ("\x00", "attachment"),
        (None, "attachment"),
        ("a" * 300 + ".pdf", "a" * 200),
    ],
)
def test_a_clients_filename_is_shown_without_folders_or_text_no_database_holds(sent, shown):
    assert display_filename(sent, "attachment", 200) == shown
