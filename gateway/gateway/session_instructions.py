"""What auth tells the gateway about sessions in its answers' headers: a factor just proved, sessions to end,
the account's new name.

Only auth's answers are believed; the headers are taken off every service's answer before the client sees it.
Auth announces the same revocations as events (gateway.events), which end the sessions should this process
die between auth's commit and acting on the header. A new name has no such event: should this process die
there, the sessions keep the name they signed in with until they end, which costs nothing but the name.
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
from gateway.browser_sessions import current_session, forget_session_cookie
from gateway.sessions import record_second_factor, rename_account_sessions, revoke_account_sessions
from servicekit.app import unit_of_work

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
    second_factor = upstream_headers.get(SECOND_FACTOR_HEADER)
    # The account whose sessions end and whether the caller's own session stays.
    revocation = _instruction(upstream_headers, REVOKE_SESSIONS_HEADER, parse_revocation)
    # The account whose name changed and its new name.
    rename = _instruction(upstream_headers, ACCOUNT_NAME_HEADER, parse_rename)
    if second_factor is None and revocation is None and rename is None:
        return
    user_session = current_session()
    with unit_of_work() as uow:
        if rename is not None:
            rename_account_sessions(uow.session, *rename)
        if second_factor is not None and user_session is not None:
            if second_factor.strip() == SECOND_FACTOR_VERIFIED:
                record_second_factor(uow.session, user_session.id)
            else:
                log.warning("ignored %s: %r", SECOND_FACTOR_HEADER, second_factor)
        if revocation is not None:
            account_id, keep_current = revocation
            revoke_account_sessions(
                uow.session, account_id, keep_session_id=user_session.id if keep_current and user_session else None
            )
        uow.session.commit()
    if user_session is not None and revocation == (user_session.account_id, False):
        forget_session_cookie(response)


def _instruction(upstream_headers: HTTPHeaderDict, header: str, parse: Callable[[str], T | None]) -> T | None:
    """What a header says, read by `parse`; None when it is absent or worded wrongly (which is logged)."""
    value = upstream_headers.get(header)
    if value is None:
        return None
    instruction = parse(value)
    if instruction is None:
        log.warning("ignored %s: %r", header, value)
    return instruction
