"""What auth says changed about an account, done to its sessions: a second factor the caller just proved, a new
name, sessions that end (a password changed or reset, the account deactivated).

Auth says it in its answers' headers (session_instructions) and, for the endings, in events (gateway.events):
both come here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from gateway.models import UserSession
from gateway.sessions import record_second_factor, revoke_account_sessions
from servicekit.db import UnitOfWork
from servicekit.runtime import Runtime


@dataclass(frozen=True)
class AccountChanges:
    """What one of auth's answers said."""

    # The caller proved a second factor at auth (enrolled one, say).
    second_factor_proved: bool = False
    # The account whose sessions end, and whether the caller's own session stays.
    sessions_ended: tuple[str, bool] | None = None
    # The account whose name changed, and its new name.
    renamed: tuple[str, str] | None = None


def follow_account_changes(runtime: Runtime, changes: AccountChanges, caller: UserSession | None) -> None:
    """Carry out what auth's answer to `caller` (None when not signed in) said, in one transaction."""
    with runtime.unit_of_work() as uow:
        if changes.renamed is not None:
            _rename_account_sessions(uow.session, *changes.renamed)
        if changes.second_factor_proved and caller is not None:
            record_second_factor(uow.session, caller.id)
        if changes.sessions_ended is not None:
            account_id, keep_caller = changes.sessions_ended
            revoke_account_sessions(
                uow.session, account_id, keep_session_id=caller.id if keep_caller and caller is not None else None
            )
        uow.commit()


def end_sessions_signed_in_by(
    uow: UnitOfWork, account_id: str, signed_in_by: datetime, kept_session_id: str | None = None
) -> int:
    """An event said the account's password changed, or the account was deactivated, at `signed_in_by`: the
    sessions signed in by then end (but `kept_session_id`, the one that changed the password). Returns how many."""
    return revoke_account_sessions(uow.session, account_id, keep_session_id=kept_session_id, signed_in_by=signed_in_by)


def _rename_account_sessions(db: Session, account_id: str, name: str) -> None:
    """Its sessions, pending ones too, carry the new name from their next request."""
    db.execute(
        update(UserSession)
        .where(UserSession.account_id == account_id, UserSession.revoked_at.is_(None))
        .values(name=name)
    )
