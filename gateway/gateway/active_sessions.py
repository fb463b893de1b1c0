"""Active sessions: the one a browser's cookie token names, found on each of its requests, and an account's."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select

from gateway.domain.session_lifetimes import slid_idle_expiry
from gateway.domain.session_tokens import session_id_of
from gateway.models import UserSession
from servicekit import clock
from servicekit.runtime import Runtime


def session_named_by(runtime: Runtime, token: str) -> UserSession | None:
    """The session of a cookie token, if it is still active; its use slides its idle expiry forward."""
    with runtime.unit_of_work() as uow:
        user_session = uow.session.get(UserSession, session_id_of(token))
        now = clock.now()
        if user_session is None or not user_session.is_active(now):
            return None
        idle_expires_at = slid_idle_expiry(now, user_session.last_seen_at, user_session.absolute_expires_at)
        if idle_expires_at is not None:
            user_session.last_seen_at = now
            user_session.idle_expires_at = idle_expires_at
            uow.commit()
        return user_session


def active_sessions_of(account_id: str, now: datetime) -> Select:
    return select(UserSession).where(
        UserSession.account_id == account_id,
        UserSession.revoked_at.is_(None),
        UserSession.idle_expires_at > now,
        UserSession.absolute_expires_at > now,
    )
