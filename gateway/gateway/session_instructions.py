"""What auth tells the gateway about sessions in its answers' headers: a factor just proved, sessions to end,
the account's new name.

Only auth's answers are believed; the headers are taken off every service's answer before the client sees it.
What they say is done by account_changes. Auth announces the same revocations as events (gateway.events), which
end the sessions should this process die between auth's commit and acting on the header. A new name has no such
event: should this process die there, the sessions keep the name they signed in with until they end, which costs
nothing but the name.
"""
from __future__ import annotations

import logging
from typing import Callable, TypeVar

from flask import Response
from urllib3 import HTTPHeaderDict

from contracts.session_instructions import (
    ACCOUNT_NAME_HEADER, REVOKE_SESSIONS_HEADER, SECOND_FACTOR_HEADER, SECOND_FACTOR_VERIFIED, parse_rename,
    parse_revocation,
)
from gateway.account_changes import AccountChanges, follow_account_changes
from gateway.browser_sessions import current_session, forget_session_cookie
from servicekit.app import runtime

log = logging.getLogger(__name__)
T = TypeVar("T")

TRUSTED_SERVICE = "auth"
INSTRUCTION_HEADERS = frozenset(
    {SECOND_FACTOR_HEADER.lower(), REVOKE_SESSIONS_HEADER.lower(), ACCOUNT_NAME_HEADER.lower()}
)


def follow_session_instructions(service: str, upstream_headers: HTTPHeaderDict, response: Response) -> None:
    """Carry out what `service` said about sessions; `response` loses the cookie if the caller's session ended."""
    if service != TRUSTED_SERVICE:
        return
    changes = AccountChanges(
        second_factor_proved=_instruction(upstream_headers, SECOND_FACTOR_HEADER, _second_factor_verified) or False,
        sessions_ended=_instruction(upstream_headers, REVOKE_SESSIONS_HEADER, parse_revocation),
        renamed=_instruction(upstream_headers, ACCOUNT_NAME_HEADER, parse_rename),
    )
    if changes == AccountChanges():
        return
    user_session = current_session()
    follow_account_changes(runtime(), changes, user_session)
    if user_session is not None and changes.sessions_ended == (user_session.account_id, False):
        forget_session_cookie(response)


def _second_factor_verified(value: str) -> bool | None:
    """True for the one wording auth uses; None (ignored, logged) for anything else."""
    return True if value.strip() == SECOND_FACTOR_VERIFIED else None


def _instruction(upstream_headers: HTTPHeaderDict, header: str, parse: Callable[[str], T | None]) -> T | None:
    """What a header says, read by `parse`; None when it is absent or worded wrongly (which is logged)."""
    value = upstream_headers.get(header)
    if value is None:
        return None
    instruction = parse(value)
    if instruction is None:
        log.warning("ignored %s: %r", header, value)
    return instruction
