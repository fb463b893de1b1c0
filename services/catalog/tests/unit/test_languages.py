"""Catalog's problem answers are Korean by default and English when asked: every message it marks has Korean."""
from pathlib import Path

import catalog
from servicekit.testing.translations import untranslated_messages


def test_every_message_catalog_writes_has_korean():
    assert untranslated_messages(Path(catalog.__file__).parent) == []
