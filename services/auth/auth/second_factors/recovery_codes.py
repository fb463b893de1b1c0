"""Recovery codes: ten one-time codes, the way back in when a second factor is lost."""
from __future__ import annotations

import hashlib
import secrets

COUNT = 10
# Crockford's base32: no i, l, o or u, so nothing reads as another character (or a word).
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
# Three groups of four: 12 characters of 5 bits, 60 random bits a code.
GROUPS, GROUP_LENGTH = 3, 4
# What people type for the characters the alphabet leaves out.
_LOOK_ALIKES = str.maketrans({"i": "1", "l": "1", "o": "0"})


def new_codes() -> list[str]:
    """Ten fresh codes, as shown to their owner (`xxxx-xxxx-xxxx`)."""
    return ["-".join(_group() for _ in range(GROUPS)) for _ in range(COUNT)]


def _group() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH))


def normalize(code: str) -> str:
    """The code as stored: case, dashes and spaces do not matter, and look-alikes read as they look."""
    return "".join(code.lower().split()).replace("-", "").translate(_LOOK_ALIKES)


def code_hash(code: str) -> str:
    """SHA-256 of the normalized code.

    A slow hash protects secrets people choose; 60 random bits are out of a guesser's reach without one.
    """
    return hashlib.sha256(normalize(code).encode()).hexdigest()
