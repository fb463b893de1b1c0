"""Every message auth writes (problem answers, and the mails and texts it sends) has its Korean."""
from pathlib import Path

import auth
from servicekit.testing.translations import untranslated_messages


def test_every_message_auth_writes_has_korean():
    assert untranslated_messages(Path(auth.__file__).parent) == []
