"""How long a session lives: idle and absolute expiry, the short life of a half sign-in, how use slides the idle
expiry, and when an ended session is purged.

A session ends at its idle expiry unless used, and at its absolute expiry whatever happens. A session still
waiting for its second factor lives only PENDING_LIFETIME, however much it is used.
"""
from __future__ import annotations

from datetime import datetime, timedelta

IDLE_LIFETIME = timedelta(minutes=30)
ABSOLUTE_LIFETIME = timedelta(hours=12)
# Between the password and the second factor: long enough to fetch a code, too short to park a half sign-in.
PENDING_LIFETIME = timedelta(minutes=5)
# Sliding the idle expiry on every request would make every proxied call a database write.
TOUCH_INTERVAL = timedelta(minutes=1)
# Ended sessions are kept a day (a device list or a late event may still look at them), then deleted.
PURGE_AFTER = timedelta(days=1)


def expiries_of_new_session(now: datetime, second_factor_pending: bool) -> tuple[datetime, datetime]:
    """The idle and the absolute expiry of a session opened at `now`."""
    lifetime = PENDING_LIFETIME if second_factor_pending else ABSOLUTE_LIFETIME
    return now + min(IDLE_LIFETIME, lifetime), now + lifetime


def is_active(
    now: datetime, revoked_at: datetime | None, idle_expires_at: datetime, absolute_expires_at: datetime
) -> bool:
    return revoked_at is None and now < idle_expires_at and now < absolute_expires_at


def ends_at(idle_expires_at: datetime, absolute_expires_at: datetime) -> datetime:
    """When a session ends if not used again: its idle expiry, capped by the absolute one."""
    return min(idle_expires_at, absolute_expires_at)


def slid_idle_expiry(now: datetime, last_seen_at: datetime, absolute_expires_at: datetime) -> datetime | None:
    """The idle expiry a use at `now` gives an active session, never past its absolute expiry; None when its last
    recorded use is less than TOUCH_INTERVAL old, so the use is not recorded."""
    if now - last_seen_at < TOUCH_INTERVAL:
        return None
    return min(now + IDLE_LIFETIME, absolute_expires_at)


def purged_if_ended_before(now: datetime) -> datetime:
    """Sessions that expired or were revoked before this instant are deleted."""
    return now - PURGE_AFTER
