"""Every message the reviews service writes in its problem answers has its Korean."""
from pathlib import Path

import reviews
from servicekit.testing.translations import untranslated_messages


def test_every_message_the_reviews_service_writes_has_korean():
    assert untranslated_messages(Path(reviews.__file__).parent) == []
