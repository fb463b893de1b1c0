"""The HTTP header contract between auth and the gateway: headers on auth's answers that only the gateway
reads, saying what to do with browser sessions.

Unlike the events beside it, this contract is synchronous: it travels on an HTTP answer the gateway
proxies. Auth owns credentials, the gateway owns sessions; when a change to one decides the other, auth says
so in these headers and the gateway acts before answering (and strips them from every answer).
"""
from __future__ import annotations

from urllib.parse import quote, unquote

# "verified": the caller has just proved a second factor to auth (the first code of a new authenticator).
SECOND_FACTOR_HEADER = "X-Session-Second-Factor"
SECOND_FACTOR_VERIFIED = "verified"
# "<account_id>" ends every session of the account; "<account_id>; keep-current" all but the caller's.
REVOKE_SESSIONS_HEADER = "X-Revoke-Sessions"
KEEP_CURRENT = "keep-current"


def revoke_sessions(account_id: str, *, keep_current: bool = False) -> str:
    """The value of REVOKE_SESSIONS_HEADER for `account_id`."""
    return f"{account_id}; {KEEP_CURRENT}" if keep_current else account_id


def parse_revocation(value: str) -> tuple[str, bool] | None:
    """The account and whether the caller's session stays, or None for a value that is not well formed."""
    account_id, *options = (part.strip() for part in value.split(";"))
    if not account_id or any(option != KEEP_CURRENT for option in options):
        return None
    return account_id, bool(options)


# "<account_id>; <name>", the name percent-encoded UTF-8 (a header holds ASCII): the account's name
# changed, and its sessions carry the new one in their identity tokens.
ACCOUNT_NAME_HEADER = "X-Session-Account-Name"
# The longest name the gateway keeps on a session.
MAX_ACCOUNT_NAME = 200


def rename_sessions(account_id: str, name: str) -> str:
    """The value of ACCOUNT_NAME_HEADER for `account_id`, now called `name`."""
    return f"{account_id}; {quote(name, safe='')}"


def parse_rename(value: str) -> tuple[str, str] | None:
    """The account and its new name, or None for a value that is not well formed or a name no session can keep."""
    account_id, separator, encoded = value.partition(";")
    try:
        name = unquote(encoded.strip(), errors="strict")
    except UnicodeDecodeError:
        return None
    account_id = account_id.strip()
    if not separator or not account_id or not name.strip() or "\x00" in name or len(name) > MAX_ACCOUNT_NAME:
        return None
    return account_id, name
