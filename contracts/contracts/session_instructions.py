"""Headers on the auth service's answers that only the gateway reads: what to do with browser sessions.

Auth owns credentials, the gateway owns sessions; when a change to one decides the other, auth says
so in these headers and the gateway acts before answering (and strips them from every answer).
"""
from __future__ import annotations

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
