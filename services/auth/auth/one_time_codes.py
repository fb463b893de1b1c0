"""Short codes sent to a registered contact: sign-in by SMS or email, password reset, account recovery.

A code is single use, short-lived and allows a few wrong tries; only its argon2 hash is kept, so a
copy of the table opens nothing. Issuing a new code for the same purpose retires the older ones.
"""
from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from auth.domain.passwords import hash_password, verify_against_nothing, verify_password
from auth.models import OneTimeCode

SIGN_IN, PASSWORD_RESET, RECOVERY, CONTACT_CHECK = "sign_in", "password_reset", "recovery", "contact_check"
CODE_DIGITS = 6


def _now() -> datetime:
    return datetime.now(timezone.utc)


def issue_code(session: Session, account_id: str, purpose: str, channel: str, lifetime: timedelta) -> str:
    """A new code for `purpose`, replacing any earlier one; returns the code itself, which is stored nowhere."""
    now = _now()
    session.execute(
        update(OneTimeCode)
        .where(OneTimeCode.account_id == account_id, OneTimeCode.purpose == purpose, OneTimeCode.used_at.is_(None))
        .values(used_at=now)
    )
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    session.add(
        OneTimeCode(
            id=str(uuid.uuid4()),
            account_id=account_id,
            purpose=purpose,
            channel=channel,
            code_hash=hash_password(code),
            created_at=now,
            expires_at=now + lifetime,
            attempts=0,
        )
    )
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
            OneTimeCode.expires_at > _now(),
        )
        if channel is not None:
            statement = statement.where(OneTimeCode.channel == channel)
        current = session.scalars(statement.order_by(OneTimeCode.created_at.desc()).with_for_update()).first()
    if current is None or current.attempts >= max_attempts:
        verify_against_nothing(code)
        return False
    if not verify_password(current.code_hash, code.strip()).matches:
        current.attempts += 1
        if current.attempts >= max_attempts:
            current.used_at = _now()
        return False
    current.used_at = _now()
    return True
