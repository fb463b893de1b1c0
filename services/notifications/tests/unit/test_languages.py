"""Every message the notifications service writes in its problem answers has its Korean."""
from pathlib import Path

import notifications
from servicekit.testing.translations import untranslated_messages


def test_every_message_the_notifications_service_writes_has_korean():
    assert untranslated_messages(Path(notifications.__file__).parent) == []
