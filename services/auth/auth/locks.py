"""Locking an account after repeated failed sign-ins (A7), and telling its owner."""
from __future__ import annotations

from datetime import datetime, timedelta

from auth import audit
from auth.audit import Origin
from auth.contacts import notify_owner
from auth.models import Account
from servicekit import clock
from servicekit.app import settings
from servicekit.db import UnitOfWork
from servicekit.languages import _

PASSWORD_FAILURES = "repeated_login_failures"
SECOND_FACTOR_FAILURES = "repeated_second_factor_failures"


def is_locked(account: Account, now: datetime | None = None) -> bool:
    return account.locked_until is not None and (now or clock.now()) < account.locked_until


def lock_duration(lock_count: int) -> timedelta:
    """How long the account's next lock lasts: doubling with each lock in a row, capped."""
    seconds = settings().lock_base_seconds * 2 ** min(lock_count, 16)
    return timedelta(seconds=min(seconds, settings().lock_max_seconds))


def record_failed_attempt(uow: UnitOfWork, account: Account, reason: str, origin: Origin) -> None:
    """Count a failure; at the threshold lock the account, record AccountLocked and tell the owner.

    Failures while already locked do not extend the lock: an attacker could otherwise keep the
    owner out for ever by guessing on.
    """
    now = clock.now()
    if is_locked(account, now):
        return
    account.failed_attempts = (account.failed_attempts or 0) + 1
    if account.failed_attempts < settings().lock_threshold:
        return
    attempts = account.failed_attempts
    account.locked_until = now + lock_duration(account.lock_count or 0)
    account.lock_count = (account.lock_count or 0) + 1
    account.failed_attempts = 0
    audit.record_audit(
        uow.session, audit.ACCOUNT_LOCKED, account_id=account.id, origin=origin, actor_id=None,
        reason=reason, failed_attempts=attempts, locked_until=account.locked_until.isoformat(),
    )
    uow.record(
        "AccountLocked",
        {
            "account_id": account.id,
            "reason": reason,
            "failed_attempts": attempts,
            "locked_at": now,
            "locked_until": account.locked_until,
        },
    )
    notify_owner(
        uow.session,
        account,
        subject=_("Your account was locked"),
        body=_(
            "After %(attempts)s failed sign-in attempts your account is locked until %(until)s UTC. If this was not "
            "you, reset your password; you can also recover the account now with a code sent to this contact.",
            attempts=attempts, until=f"{account.locked_until:%Y-%m-%d %H:%M}",
        ),
    )


def clear_failed_attempts(account: Account) -> None:
    """A successful sign-in: the failure count and the lock escalation start over."""
    account.failed_attempts = 0
    account.lock_count = 0


def unlock(account: Account) -> None:
    """Recovery or a password reset proved the owner: the lock is lifted at once."""
    account.locked_until = None
    clear_failed_attempts(account)


