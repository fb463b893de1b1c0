"""Sealing authenticator secrets: only the keys open them, and keys can be rolled."""
import pytest
from cryptography.fernet import Fernet, InvalidToken

from auth.second_factors.secret_box import SecretBox, keys_from


def test_a_sealed_secret_opens_only_with_its_key():
    key, other = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    sealed = SecretBox((key,)).seal("JBSWY3DPEHPK3PXP")

    assert SecretBox((key,)).open(sealed) == "JBSWY3DPEHPK3PXP"
    with pytest.raises(InvalidToken):
        SecretBox((other,)).open(sealed)


def test_a_new_key_put_first_still_opens_what_the_old_one_sealed():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    sealed_before = SecretBox((old,)).seal("JBSWY3DPEHPK3PXP")

    assert SecretBox((new, old)).open(sealed_before) == "JBSWY3DPEHPK3PXP"


def test_keys_come_from_the_environment_before_the_file(tmp_path):
    key = Fernet.generate_key().decode()

    assert keys_from(f" {key} ,", tmp_path / "auth-secrets.key") == (key,)
    assert not (tmp_path / "auth-secrets.key").exists()


def test_without_keys_one_is_made_once_and_kept_private(tmp_path):
    path = tmp_path / "keys" / "auth-secrets.key"

    first, again = keys_from(None, path), keys_from(None, path)

    assert first == again
    assert path.stat().st_mode & 0o777 == 0o600
