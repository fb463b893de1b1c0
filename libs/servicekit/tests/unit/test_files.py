"""Uploaded files are kept under random keys that no filename can steer."""
import pytest

from servicekit.files import LocalFileStore


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
