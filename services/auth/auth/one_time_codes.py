"""Short codes sent to a contact: sign-in by SMS or email, password reset, account recovery, sign-up.

A code is single use, short-lived and allows a few wrong tries; only its argon2 hash is kept, so a
copy of the table opens nothing. Issuing a new code for the same purpose retires the older ones.
"""
from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from auth.domain.passwords import hash_password, verify_against_nothing, verify_password
from auth.models import OneTimeCode, SignUpRequest
from servicekit import clock
from servicekit.languages import Message, _

SIGN_IN, PASSWORD_RESET, RECOVERY, CONTACT_CHECK = "sign_in", "password_reset", "recovery", "contact_check"
CODE_DIGITS = 6


def fresh_code(lifetime: timedelta) -> tuple[str, dict[str, Any]]:
    """A new code, and what the row keeping it stores: its hash, when it was made and expires, no tries yet."""
    now = clock.now()
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    return code, {"code_hash": hash_password(code), "created_at": now, "expires_at": now + lifetime, "attempts": 0}


def spend_issuing_time() -> None:
    """Hash as issuing a code does, when none is issued: the time taken does not tell which it was."""
    hash_password("0" * CODE_DIGITS)


def lifetime_in_words(seconds: int) -> Message:
    if seconds % 60:
        return _("%(seconds)s seconds", seconds=seconds)
    minutes = seconds // 60
    return _("1 minute") if minutes == 1 else _("%(minutes)s minutes", minutes=minutes)


def issue_code(session: Session, account_id: str, purpose: str, channel: str, lifetime: timedelta) -> str:
    """A new code for `purpose`, replacing any earlier one; returns the code itself, which is stored nowhere."""
    session.execute(
        update(OneTimeCode)
        .where(OneTimeCode.account_id == account_id, OneTimeCode.purpose == purpose, OneTimeCode.used_at.is_(None))
        .values(used_at=clock.now())
    )
    code, kept = fresh_code(lifetime)
    session.add(OneTimeCode(id=str(uuid.uuid4()), account_id=account_id, purpose=purpose, channel=channel, **kept))
    return code


def redeem_code(session: Session, account_id: str | None, purpose: str, code: str, max_attempts: int,
                channel: str | None = None) -> bool:
    """Whether `code` is the live code for `purpose`; a right code is used up, a wrong one spends a try.

    With no account (an unknown login) the same hashing work is done, so the answer takes as long.
    """
    current = None
    if account_id is not None:
        statement = select(OneTimeCode).where(
            OneTimeCode.account_id == account_id,
            OneTimeCode.purpose == purpose,
            OneTimeCode.used_at.is_(None),
            OneTimeCode.expires_at > clock.now(),
        )
        if channel is not None:
            statement = statement.where(OneTimeCode.channel == channel)
        current = session.scalars(statement.order_by(OneTimeCode.created_at.desc()).with_for_update()).first()
    return try_code(current, code, max_attempts)


def try_code(current: OneTimeCode | SignUpRequest | None, code: str, max_attempts: int) -> bool:
    """Whether `code` is the one whose hash `current` keeps; right, it is used up; wrong, it spends a try.

    The last allowed wrong try spends the code. With nothing to try against (None) the same hashing
    work is done, so the answer takes as long. The caller commits, whatever the answer.
    """
    if current is None or current.attempts >= max_attempts:
        verify_against_nothing(code)
        return False
    if not verify_password(current.code_hash, code.strip()).matches:
        current.attempts += 1
        if current.attempts >= max_attempts:
            current.used_at = clock.now()
        return False
    current.used_at = clock.now()
    return True
