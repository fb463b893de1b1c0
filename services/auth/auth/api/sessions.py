"""Telling the gateway which sessions to end: the X-Revoke-Sessions header it honours on auth's answers."""
from __future__ import annotations

from contracts.session_instructions import REVOKE_SESSIONS_HEADER, revoke_sessions

SESSIONS_ENDED_DOC = {
    REVOKE_SESSIONS_HEADER: {
        "description": "For the gateway: `<account_id>` ends every session of the account; "
        "`<account_id>; keep-current` every one but the caller's.",
        "schema": {"type": "string"},
    }
}


def sessions_ended(account_id: str, *, keep_current: bool = False) -> dict[str, str]:
    """Headers that make the gateway end the account's sessions (all, or all but the caller's)."""
    return {REVOKE_SESSIONS_HEADER: revoke_sessions(account_id, keep_current=keep_current)}
