"""Session use cases: open on login, find by cookie token, slide the idle expiry, revoke, purge."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, or_, update
from sqlalchemy.orm import Session

from gateway.models import UserSession

IDLE_LIFETIME = timedelta(minutes=30)
ABSOLUTE_LIFETIME = timedelta(hours=12)
# Sliding the idle expiry on every request would make every proxied call a database write.
TOUCH_INTERVAL = timedelta(minutes=1)
PURGE_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class Account:
    """Who auth says signed in."""

    account_id: str
    name: str
    roles: tuple[str, ...]
    seller_id: str | None


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def session_id_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(db: Session, account: Account, user_agent: str | None, ip: str | None) -> tuple[UserSession, str]:
    """A new session for `account`; returns it with the cookie token, which is stored nowhere."""
    now = utcnow()
    token = secrets.token_urlsafe(32)
    user_session = UserSession(
        id=session_id_of(token),
        account_id=account.account_id,
        name=account.name,
        roles=sorted(account.roles),
        seller_id=account.seller_id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        idle_expires_at=now + IDLE_LIFETIME,
        absolute_expires_at=now + ABSOLUTE_LIFETIME,
        user_agent=(user_agent or "")[:500] or None,
        ip=ip,
    )
    db.add(user_session)
    return user_session, token


def find_session(db: Session, token: str) -> UserSession | None:
    """The session of a cookie token, if it is still active; its idle expiry slides forward."""
    user_session = db.get(UserSession, session_id_of(token))
    now = utcnow()
    if user_session is None or not user_session.is_active(now):
        return None
    if now - user_session.last_seen_at >= TOUCH_INTERVAL:
        user_session.last_seen_at = now
        user_session.idle_expires_at = min(now + IDLE_LIFETIME, user_session.absolute_expires_at)
    return user_session


def revoke_session(db: Session, session_id: str) -> None:
    db.execute(
        update(UserSession)
        .where(UserSession.id == session_id, UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def purge_expired_sessions(db: Session) -> int:
    """Delete sessions that ended more than a day ago; returns how many went."""
    cutoff = utcnow() - PURGE_AFTER
    result = db.execute(
        delete(UserSession).where(
            or_(
                UserSession.idle_expires_at < cutoff,
                UserSession.absolute_expires_at < cutoff,
                UserSession.revoked_at < cutoff,
            )
        )
    )
    return result.rowcount
