"""Telling the gateway about its sessions in headers it honours on auth's answers: which to end
(X-Revoke-Sessions), which name they carry (X-Session-Account-Name).
"""
from __future__ import annotations

from contracts.session_instructions import (
    ACCOUNT_NAME_HEADER, REVOKE_SESSIONS_HEADER, rename_sessions, revoke_sessions
)

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


SESSIONS_RENAMED_DOC = {
    ACCOUNT_NAME_HEADER: {
        "description": "For the gateway, when the name changed: `<account_id>; <name>`, the name percent-encoded "
        "UTF-8; the account's sessions carry it in their identity tokens from now on.",
        "schema": {"type": "string"},
    }
}


def sessions_renamed(account_id: str, name: str) -> dict[str, str]:
    """Headers that make the gateway's sessions of the account carry its new name."""
    return {ACCOUNT_NAME_HEADER: rename_sessions(account_id, name)}
