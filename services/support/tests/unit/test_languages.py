"""Support's problem answers are Korean by default and English when asked: every message it writes has Korean."""
from pathlib import Path

import support
from servicekit.testing.translations import untranslated_messages


def test_every_message_support_writes_has_korean():
    assert untranslated_messages(Path(support.__file__).parent) == []
