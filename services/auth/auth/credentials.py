"""Passwords: reset with a code (A5), changed by their owner (A6), and the check of the current one that other
changes ask for."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from auth import audit
from auth.accounts import find_account, refuse_weak_password
from auth.audit import Origin
from auth.contact_codes import CodeNotice, redeem_for_new_password, send_code
from auth.contacts import notify_owner
from auth.domain.passwords import hash_password, verify_password
from auth.domain.viewers import Viewer
from auth.locks import PASSWORD_FAILURES, is_locked, record_failed_attempt, unlock
from auth.models import Account
from auth.one_time_codes import PASSWORD_RESET
from servicekit import clock
from servicekit.app import settings, unit_of_work
from servicekit.db import UnitOfWork
from servicekit.languages import Message, _
from servicekit.problems import Problem

RESET_NOTICE = CodeNotice(
    purpose=PASSWORD_RESET,
    audit_kind=audit.PASSWORD_RESET_REQUESTED,
    subject=_("Your password reset code"),
    body=_(
        "Your Marketplace password reset code is %(code)s. It expires in %(minutes)s minutes. "
        "If you did not ask for it, ignore this message: your password stays as it is."
    ),
)


def set_password(
    uow: UnitOfWork, account: Account, password: str, via: str, kept_session_id: str | None = None
) -> None:
    """Replace the password and record PasswordChanged in the caller's transaction.

    On that event the gateway ends every session signed in until now but `kept_session_id`. The
    X-Revoke-Sessions header of the answer does so at once, but is lost if the gateway dies first.
    """
    account.password_hash = hash_password(password)
    account.password_changed_at = clock.now()
    uow.record(
        "PasswordChanged",
        {"account_id": account.id, "changed_at": account.password_changed_at, "via": via,
         "kept_session_id": kept_session_id},
    )


def tell_owner_of(uow: UnitOfWork, account: Account, kind: str, origin: Origin, subject: Message, body: Message,
                  **detail: Any) -> None:
    """Audit a change to the account's security and tell its owner, both in the caller's transaction."""
    audit.record_audit(uow.session, kind, account_id=account.id, origin=origin, **detail)
    notify_owner(uow.session, account, subject=subject, body=body)


def account_locked(account: Account) -> Problem:
    return Problem(
        403,
        "account-locked",
        _("Account locked"),
        _("After repeated failed attempts the account is locked until %(until)s UTC; reset the password or recover "
          "the account to lift the lock now.", until=f"{account.locked_until:%Y-%m-%d %H:%M}"),
        locked_until=account.locked_until.isoformat(),
    )


def confirm_current_password(uow: UnitOfWork, account: Account, password: str, origin: Origin, action: str) -> None:
    """Refuse `action` unless `password` is the account's; a wrong one counts towards the lock like a failed sign-in.

    While the account is locked no password is checked at all, so a stolen session cannot keep guessing.
    """
    if is_locked(account):
        raise account_locked(account)
    if verify_password(account.password_hash, password).matches:
        return
    record_failed_attempt(uow, account, PASSWORD_FAILURES, origin)
    audit.record_audit(uow.session, audit.LOGIN_FAILED, account_id=account.id, origin=origin,
                       reason="wrong_password", action=action)
    uow.commit()
    raise Problem(403, "wrong-password", _("Wrong password"), _("The current password is wrong."))


def request_password_reset(login: str, origin: Origin) -> None:
    """Send a reset code to the email or phone typed, when it is an account's (A5)."""
    with unit_of_work() as uow:
        send_code(uow, login, RESET_NOTICE, timedelta(seconds=settings().reset_code_lifetime_seconds), origin)


def confirm_password_reset(login: str, code: str, new_password: str, origin: Origin) -> str:
    """Set a new password with a reset code; lifts any lock. Returns the account id, whose sessions must all end."""
    with unit_of_work() as uow:
        account = redeem_for_new_password(uow, login, PASSWORD_RESET, code, new_password, "reset-code-invalid")
        set_password(uow, account, new_password, via="reset")
        unlock(account)
        tell_owner_of(
            uow, account, audit.PASSWORD_RESET, origin,
            subject=_("Your password was reset"),
            body=_("Your password was reset with a code and every session was signed out. "
                   "If this was not you, reset it again at once and contact support."),
        )
        uow.commit()
        return account.id


def change_password(viewer: Viewer, current_password: str, new_password: str, origin: Origin) -> None:
    """The owner replaces their password (A6); every session ends but the one asking."""
    with unit_of_work() as uow:
        account = find_account(uow, viewer.account_id, for_update=True)
        confirm_current_password(uow, account, current_password, origin, action="password_change")
        refuse_weak_password(new_password, account.email, field="new_password")
        if new_password == current_password:
            raise Problem(
                422,
                "password-unchanged",
                _("Password unchanged"),
                _("Choose a new password that differs from the current one."),
                errors={"new_password": [_("Choose a new password that differs from the current one.")]},
            )
        set_password(uow, account, new_password, via="change", kept_session_id=viewer.session_id)
        tell_owner_of(
            uow, account, audit.PASSWORD_CHANGED, origin,
            subject=_("Your password was changed"),
            body=_("Your password was changed and your other sessions were signed out. "
                   "If this was not you, reset your password at once."),
        )
        uow.commit()
