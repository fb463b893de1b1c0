"""Encrypting second-factor secrets at rest: a copy of auth's database alone cannot generate anyone's codes.

Keys are Fernet keys (AES-128-CBC with HMAC-SHA256). The first key encrypts; every key decrypts, so a
new key is rolled in by putting it first and re-encrypting at leisure.
"""
from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, MultiFernet


class SecretBox:
    def __init__(self, keys: tuple[str, ...]):
        if not keys:
            raise ValueError("at least one key is needed")
        self._fernet = MultiFernet([Fernet(key) for key in keys])

    def seal(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode()).decode()

    def open(self, sealed: str) -> str:
        return self._fernet.decrypt(sealed.encode()).decode()


def keys_from(env_value: str | None, key_file: Path) -> tuple[str, ...]:
    """The keys from AUTH_SECRET_KEYS (comma-separated), else from the key file, made on first use.

    Production sets AUTH_SECRET_KEYS from its secret store; the file serves one machine (`make run`,
    tests, compose), where every auth process shares the folder.
    """
    if env_value:
        return tuple(key.strip() for key in env_value.split(",") if key.strip())
    key_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Exclusive create: of processes starting together, one writes the key and the others read it.
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return (key_file.read_text().strip(),)
    with os.fdopen(descriptor, "w") as out:
        key = Fernet.generate_key().decode()
        out.write(key)
    return (key,)
