"""The gateway's own problem answers are Korean by default and English when asked, as the services' are."""
from pathlib import Path

import gateway
from servicekit.testing.translations import untranslated_messages


def test_every_message_the_gateway_writes_has_korean():
    assert untranslated_messages(Path(gateway.__file__).parent) == []
