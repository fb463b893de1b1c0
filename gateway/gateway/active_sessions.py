"""Active sessions: the one a browser's cookie token names, found on each of its requests, and an account's."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import make_transient_to_detached

from gateway.domain.session_lifetimes import slid_idle_expiry
from gateway.domain.session_tokens import session_id_of
from gateway.models import UserSession
from servicekit import clock
from servicekit.runtime import Runtime


def session_named_by(runtime: Runtime, token: str) -> UserSession | None:
    """The session of a cookie token, if it is still active; its use slides its idle expiry forward.

    On every request that carries a cookie, so as cheaply as it can be: one SELECT outside a transaction (in one,
    psycopg would send BEGIN before it and the unit of work a ROLLBACK after it: three round trips for one row), read
    without the ORM's unit of work (its identity map and session cost more than the query). The session comes back
    detached, as a closed unit of work would leave it: readable, not tracked. A use that slides the idle expiry (at
    most once a TOUCH_INTERVAL) is one UPDATE of that row alone.
    """
    session_id = session_id_of(token)
    with runtime.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        row = connection.execute(_SESSION_BY_ID, {"id": session_id}).mappings().first()
        now = clock.now()
        if row is None:
            return None
        user_session = UserSession(**row)
        make_transient_to_detached(user_session)
        if not user_session.is_active(now):
            return None
        idle_expires_at = slid_idle_expiry(now, user_session.last_seen_at, user_session.absolute_expires_at)
        if idle_expires_at is not None:
            connection.execute(
                update(UserSession).where(UserSession.id == session_id)
                .values(last_seen_at=now, idle_expires_at=idle_expires_at)
            )
            user_session.last_seen_at = now
            user_session.idle_expires_at = idle_expires_at
        return user_session


_SESSION_BY_ID = select(*UserSession.__table__.columns).where(UserSession.__table__.c.id == bindparam("id"))


def active_sessions_of(account_id: str, now: datetime) -> Select:
    return select(UserSession).where(
        UserSession.account_id == account_id,
        UserSession.revoked_at.is_(None),
        UserSession.idle_expires_at > now,
        UserSession.absolute_expires_at > now,
    )
