"""Every message the settlements service writes in its problem answers has its Korean."""
from pathlib import Path

import settlements
from servicekit.testing.translations import untranslated_messages


def test_every_message_the_settlements_service_writes_has_korean():
    assert untranslated_messages(Path(settlements.__file__).parent) == []
