"""Session use cases: open on login, find by cookie token, the second factor, devices, rename, revoke, purge."""
from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from gateway.models import UserSession

IDLE_LIFETIME = timedelta(minutes=30)
ABSOLUTE_LIFETIME = timedelta(hours=12)
# Between the password and the second factor: long enough to fetch a code, too short to park a half sign-in.
PENDING_LIFETIME = timedelta(minutes=5)
# Wrong second factors a pending session may send before it is ended and the password is asked again.
MAX_SECOND_FACTOR_FAILURES = 5
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


@dataclass(frozen=True)
class Device:
    """One of an account's signed-in browsers, as its owner sees it."""

    handle: str
    user_agent: str | None
    ip: str | None
    created_at: datetime
    last_seen_at: datetime
    current: bool
    second_factor_pending: bool


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def session_id_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(
    db: Session,
    account: Account,
    user_agent: str | None,
    ip: str | None,
    *,
    device_id: str | None = None,
    second_factor_pending: bool = False,
    second_factor_at: datetime | None = None,
    signed_in_at: datetime | None = None,
) -> tuple[UserSession, str]:
    """A new session for `account`; returns it with the cookie token, which is stored nowhere.

    `signed_in_at` (its created_at) is when the password was checked, at the latest: auth's news of a password
    change or deactivation ends the sessions signed in by then. A session still waiting for the second factor
    lives only PENDING_LIFETIME.
    """
    now = utcnow()
    lifetime = PENDING_LIFETIME if second_factor_pending else ABSOLUTE_LIFETIME
    token = secrets.token_urlsafe(32)
    user_session = UserSession(
        id=session_id_of(token),
        handle=str(uuid.uuid4()),
        account_id=account.account_id,
        name=account.name,
        roles=sorted(account.roles),
        seller_id=account.seller_id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=signed_in_at or now,
        last_seen_at=now,
        idle_expires_at=now + min(IDLE_LIFETIME, lifetime),
        absolute_expires_at=now + lifetime,
        user_agent=(user_agent or "")[:500] or None,
        ip=ip,
        device_id=device_id,
        second_factor_pending=second_factor_pending,
        second_factor_at=second_factor_at,
        second_factor_failures=0,
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


def finish_sign_in(db: Session, pending: UserSession) -> tuple[UserSession, str] | None:
    """The second factor is proved: the pending session ends and a full one opens under a new id.

    A new id, so whoever learnt the pending session's cookie holds nothing once the owner finishes.
    None when the pending session ended meanwhile (its tries used up by requests sent alongside).
    """
    if not revoke_session(db, pending.id):
        return None
    account = Account(pending.account_id, pending.name, tuple(pending.roles), pending.seller_id)
    # It signed in when the password was proved: a password change since then must end it too.
    return open_session(
        db, account, pending.user_agent, pending.ip, device_id=pending.device_id, second_factor_at=utcnow(),
        signed_in_at=pending.created_at,
    )


def record_second_factor(db: Session, session_id: str) -> datetime:
    """A signed-in session proved a second factor again (a step-up, or a factor just enrolled)."""
    now = utcnow()
    db.execute(
        update(UserSession)
        .where(UserSession.id == session_id)
        .values(second_factor_at=now, second_factor_failures=0)
    )
    return now


def record_second_factor_failure(db: Session, user_session: UserSession) -> int | None:
    """Count a wrong second factor.

    A pending session has MAX_SECOND_FACTOR_FAILURES tries: returns how many are left and revokes it
    at none. A signed-in session's step-ups are bounded by the rate limits alone: returns None.
    """
    # Counted in the database, so wrong codes sent in parallel cannot share one count.
    failures = db.execute(
        update(UserSession)
        .where(UserSession.id == user_session.id)
        .values(second_factor_failures=UserSession.second_factor_failures + 1)
        .returning(UserSession.second_factor_failures)
    ).scalar_one()
    if not user_session.second_factor_pending:
        return None
    attempts_left = max(MAX_SECOND_FACTOR_FAILURES - failures, 0)
    if attempts_left == 0:
        revoke_session(db, user_session.id)
    return attempts_left


def list_devices(db: Session, account_id: str, current_session_id: str) -> list[Device]:
    """The account's active sessions, newest first."""
    return [
        Device(
            handle=user_session.handle,
            user_agent=user_session.user_agent,
            ip=user_session.ip,
            created_at=user_session.created_at,
            last_seen_at=user_session.last_seen_at,
            current=user_session.id == current_session_id,
            second_factor_pending=user_session.second_factor_pending,
        )
        for user_session in db.scalars(_active_sessions(account_id).order_by(UserSession.created_at.desc()))
    ]


def revoke_device(db: Session, account_id: str, handle: str) -> str | None:
    """Revoke the account's active session named `handle`; returns its id, or None if it has none such."""
    user_session = db.scalars(_active_sessions(account_id).where(UserSession.handle == handle)).first()
    if user_session is None:
        return None
    revoke_session(db, user_session.id)
    return user_session.id


def revoke_session(db: Session, session_id: str) -> bool:
    """End a session; False if it had ended already."""
    result = db.execute(
        update(UserSession)
        .where(UserSession.id == session_id, UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return result.rowcount == 1


def rename_account_sessions(db: Session, account_id: str, name: str) -> int:
    """The account's name changed: its sessions, pending ones too, carry the new one from their next request."""
    statement = update(UserSession).where(UserSession.account_id == account_id, UserSession.revoked_at.is_(None))
    return db.execute(statement.values(name=name)).rowcount


def revoke_account_sessions(
    db: Session, account_id: str, keep_session_id: str | None = None, signed_in_by: datetime | None = None
) -> int:
    """Sign the account out everywhere (but in `keep_session_id`, when given); returns how many sessions ended.

    With `signed_in_by`, only the sessions signed in by then end: those a password change or deactivation
    at that instant made void. One signed in later, with the new password, survives a late delivery of
    the news, and a second delivery finds nothing left to end.
    """
    statement = update(UserSession).where(UserSession.account_id == account_id, UserSession.revoked_at.is_(None))
    if keep_session_id is not None:
        statement = statement.where(UserSession.id != keep_session_id)
    if signed_in_by is not None:
        statement = statement.where(UserSession.created_at <= signed_in_by)
    return db.execute(statement.values(revoked_at=utcnow())).rowcount


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


def _active_sessions(account_id: str):
    now = utcnow()
    return select(UserSession).where(
        UserSession.account_id == account_id,
        UserSession.revoked_at.is_(None),
        UserSession.idle_expires_at > now,
        UserSession.absolute_expires_at > now,
    )
