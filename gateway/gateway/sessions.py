"""Opening and ending server-side sessions inside a caller's unit of work (none of these commits): the steps the
sign-in, second-factor, device and account-change use cases share."""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from gateway.domain.accounts import Account
from gateway.domain.session_lifetimes import expiries_of_new_session
from gateway.domain.session_tokens import new_token, session_id_of
from gateway.models import UserSession
from servicekit import clock


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
    change or deactivation ends the sessions signed in by then.
    """
    now = clock.now()
    idle_expires_at, absolute_expires_at = expiries_of_new_session(now, second_factor_pending)
    token = new_token()
    user_session = UserSession(
        id=session_id_of(token),
        handle=str(uuid.uuid4()),
        account_id=account.account_id,
        name=account.name,
        roles=sorted(account.roles),
        seller_id=account.seller_id,
        csrf_token=new_token(),
        created_at=signed_in_at or now,
        last_seen_at=now,
        idle_expires_at=idle_expires_at,
        absolute_expires_at=absolute_expires_at,
        user_agent=(user_agent or "")[:500] or None,
        ip=ip,
        device_id=device_id,
        second_factor_pending=second_factor_pending,
        second_factor_at=second_factor_at,
        second_factor_failures=0,
    )
    db.add(user_session)
    return user_session, token


def record_second_factor(db: Session, session_id: str) -> datetime:
    """A signed-in session proved a second factor again (a step-up, or a factor just enrolled); returns when."""
    now = clock.now()
    db.execute(
        update(UserSession)
        .where(UserSession.id == session_id)
        .values(second_factor_at=now, second_factor_failures=0)
    )
    return now


def revoke_session(db: Session, session_id: str) -> bool:
    """End a session; False if it had ended already."""
    result = db.execute(
        update(UserSession)
        .where(UserSession.id == session_id, UserSession.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )
    return result.rowcount == 1


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
    return db.execute(statement.values(revoked_at=clock.now())).rowcount
