"""The tokens a browser holds and the names the gateway keeps them by.

A session is stored under the SHA-256 of its cookie token and a device is told to auth by the SHA-256 of its
token: the tokens themselves exist only in the browser, so a table or an audit log that leaks opens nothing.
"""
from __future__ import annotations

import hashlib
import re
import secrets

# What new_token() makes; a device cookie holding anything else is replaced, not passed on to auth.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def new_token() -> str:
    """A secret for a cookie (session, device) or a session's CSRF token: 256 random bits."""
    return secrets.token_urlsafe(32)


def is_token(sent: str) -> bool:
    """Whether `sent` has the shape of a token new_token() makes."""
    return _TOKEN.fullmatch(sent) is not None


def session_id_of(token: str) -> str:
    """The id a session is stored under: the cookie token never is."""
    return _digest(token)


def device_id_of(token: str) -> str:
    """What auth knows a device by: the token itself stays in the browser."""
    return _digest(token)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
