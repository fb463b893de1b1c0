"""Ids from URLs are read as canonical UUIDs; anything else names nothing."""
from servicekit.ids import canonical_id


def test_a_uuid_in_any_spelling_reads_as_its_canonical_text():
    assert canonical_id("6F1B4C1E54C84B6A9A552F7B5F1D0C2E") == "6f1b4c1e-54c8-4b6a-9a55-2f7b5f1d0c2e"


def test_anything_else_is_no_id():
    assert canonical_id("not-an-id") is None
    assert canonical_id("") is None
