"""The orders service's problem answers are Korean by default and English when asked: every message it marks has Korean."""
from pathlib import Path

import orders
from servicekit.testing.translations import untranslated_messages


def test_every_message_orders_writes_has_korean():
    assert untranslated_messages(Path(orders.__file__).parent) == []
