"""The browsers signed in to an account, as its owner sees and ends them: the device list, signing one out, and
signing out everywhere."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gateway.active_sessions import active_sessions_of
from gateway.models import UserSession
from gateway.sessions import revoke_account_sessions, revoke_session
from servicekit import clock
from servicekit.runtime import Runtime


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


def signed_in_devices(runtime: Runtime, asking: UserSession) -> list[Device]:
    """The active sessions of the account `asking` belongs to, newest first; `current` marks `asking`."""
    statement = active_sessions_of(asking.account_id, clock.now()).order_by(UserSession.created_at.desc())
    with runtime.unit_of_work() as uow:
        return [
            Device(
                handle=user_session.handle,
                user_agent=user_session.user_agent,
                ip=user_session.ip,
                created_at=user_session.created_at,
                last_seen_at=user_session.last_seen_at,
                current=user_session.id == asking.id,
                second_factor_pending=user_session.second_factor_pending,
            )
            for user_session in uow.session.scalars(statement)
        ]


def sign_out_device(runtime: Runtime, account_id: str, handle: str) -> str | None:
    """End the account's active session named `handle`; returns its id, or None if the account has none such."""
    statement = active_sessions_of(account_id, clock.now()).where(UserSession.handle == handle)
    with runtime.unit_of_work() as uow:
        user_session = uow.session.scalars(statement).first()
        if user_session is None:
            return None
        revoke_session(uow.session, user_session.id)
        uow.commit()
        return user_session.id


def sign_out_everywhere(runtime: Runtime, account_id: str) -> None:
    """Every session of the account ends, the asking one too."""
    with runtime.unit_of_work() as uow:
        revoke_account_sessions(uow.session, account_id)
        uow.commit()
