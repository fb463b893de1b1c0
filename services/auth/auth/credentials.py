"""Changing how an account is reached and signed in to: password reset (A5), password change (A6), contacts."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from auth import audit
from auth.audit import Origin
from auth.contact_codes import CodeNotice, redeem_for_new_password, send_code
from auth.contacts import mask_email, mask_phone, notify_owner
from auth.domain.passwords import hash_password, verify_password
from auth.locks import PASSWORD_FAILURES, is_locked, record_failed_attempt, unlock
from auth.models import Account
from auth.one_time_codes import PASSWORD_RESET
from auth.services import account_exists, find_account, refuse_weak_password
from auth.settings import AuthSettings
from servicekit.db import UnitOfWork
from servicekit.notifications import queue_notification
from servicekit.problems import Problem

RESET_NOTICE = CodeNotice(
    purpose=PASSWORD_RESET,
    audit_kind=audit.PASSWORD_RESET_REQUESTED,
    subject="Your password reset code",
    body=(
        "Your Marketplace password reset code is {code}. It expires in {minutes} minutes. "
        "If you did not ask for it, ignore this message: your password stays as it is."
    ),
)
CONTACT_FIELDS = ("email", "phone")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def set_password(
    uow: UnitOfWork, account: Account, password: str, via: str, kept_session_id: str | None = None
) -> None:
    """Replace the password and record PasswordChanged in the caller's transaction.

    On that event the gateway ends every session signed in until now but `kept_session_id`. The
    X-Revoke-Sessions header of the answer does so at once, but is lost if the gateway dies first.
    """
    account.password_hash = hash_password(password)
    account.password_changed_at = _now()
    uow.record(
        "PasswordChanged",
        {"account_id": account.id, "changed_at": account.password_changed_at, "via": via,
         "kept_session_id": kept_session_id},
    )


def tell_owner_of(uow: UnitOfWork, account: Account, kind: str, origin: Origin, subject: str, body: str,
                  **detail: Any) -> None:
    """Audit a change to the account's security and tell its owner, both in the caller's transaction."""
    audit.record_audit(uow.session, kind, account_id=account.id, origin=origin, **detail)
    notify_owner(uow.session, account, subject=subject, body=body)


def account_locked(account: Account) -> Problem:
    return Problem(
        403,
        "account-locked",
        "Account locked",
        f"After repeated failed attempts the account is locked until {account.locked_until:%Y-%m-%d %H:%M} UTC; "
        "reset the password or recover the account to lift the lock now.",
        locked_until=account.locked_until.isoformat(),
    )


def confirm_current_password(
    uow: UnitOfWork, settings: AuthSettings, account: Account, password: str, origin: Origin, action: str
) -> None:
    """Refuse `action` unless `password` is the account's; a wrong one counts towards the lock like a failed sign-in.

    While the account is locked no password is checked at all, so a stolen session cannot keep guessing.
    """
    if is_locked(account):
        raise account_locked(account)
    if verify_password(account.password_hash, password).matches:
        return
    record_failed_attempt(uow, account, settings, PASSWORD_FAILURES, origin)
    audit.record_audit(uow.session, audit.LOGIN_FAILED, account_id=account.id, origin=origin,
                       reason="wrong_password", action=action)
    uow.commit()
    raise Problem(403, "wrong-password", "Wrong password", "The current password is wrong.")


def request_password_reset(uow: UnitOfWork, settings: AuthSettings, login: str, origin: Origin) -> None:
    """Send a reset code to the email or phone typed, when it is an account's (A5)."""
    send_code(uow, login, RESET_NOTICE, timedelta(seconds=settings.reset_code_lifetime_seconds), origin)


def confirm_password_reset(
    uow: UnitOfWork, settings: AuthSettings, login: str, code: str, new_password: str, origin: Origin
) -> str:
    """Set a new password with a reset code; lifts any lock. Returns the account id, whose sessions must all end."""
    account = redeem_for_new_password(uow, settings, login, PASSWORD_RESET, code, new_password, "reset-code-invalid")
    set_password(uow, account, new_password, via="reset")
    unlock(account)
    tell_owner_of(
        uow, account, audit.PASSWORD_RESET, origin,
        subject="Your password was reset",
        body="Your password was reset with a code and every session was signed out. "
        "If this was not you, reset it again at once and contact support.",
    )
    uow.commit()
    return account.id


def change_password(
    uow: UnitOfWork,
    settings: AuthSettings,
    account_id: str,
    current_password: str,
    new_password: str,
    origin: Origin,
    kept_session_id: str | None,
) -> None:
    """The owner replaces their password (A6); every session ends but `kept_session_id`, the caller's."""
    account = find_account(uow, account_id, for_update=True)
    confirm_current_password(uow, settings, account, current_password, origin, action="password_change")
    refuse_weak_password(new_password, account.email, field="new_password")
    if new_password == current_password:
        raise Problem(
            422,
            "password-unchanged",
            "Password unchanged",
            "Choose a new password that differs from the current one.",
            errors={"new_password": ["Choose a new password that differs from the current one."]},
        )
    set_password(uow, account, new_password, via="change", kept_session_id=kept_session_id)
    tell_owner_of(
        uow, account, audit.PASSWORD_CHANGED, origin,
        subject="Your password was changed",
        body="Your password was changed and your other sessions were signed out. "
        "If this was not you, reset your password at once.",
    )
    uow.commit()


def _masked(field: str, value: str | None) -> str | None:
    if value is None:
        return None
    return mask_email(value) if field == "email" else mask_phone(value)


def _tell_previous_contacts(uow: UnitOfWork, before: dict[str, str | None], changed: list[str],
                            after: dict[str, str | None]) -> None:
    """Warn the contacts the account had: the replaced ones, or when a contact was only added, the one it had."""
    told = [field for field in changed if before[field]] or [field for field in CONTACT_FIELDS if before[field]]
    summary = "; ".join(
        f"{field} {_masked(field, before[field]) or '(none)'} -> {_masked(field, after[field])}" for field in changed
    )
    body = f"The contact details of your account were changed ({summary}). If this was not you, contact support."
    for field in told:
        channel = "email" if field == "email" else "sms"
        queue_notification(
            uow.session, channel=channel, to=before[field], subject="Your contact details were changed",
            body=body if channel == "email" else f"[Marketplace] {body}",
        )


def contacts_changing(account: Account, fields: dict[str, Any]) -> list[str]:
    """Which of the email and phone `fields` would replace with another value."""
    return [field for field in CONTACT_FIELDS if fields.get(field) and fields[field] != getattr(account, field)]


def update_account(
    uow: UnitOfWork, settings: AuthSettings, account_id: str, fields: dict[str, Any], origin: Origin
) -> Account:
    """Rename the account, or change its email or phone (which needs the current password).

    The caller has already asked for a step-up when the account has a second factor; the replaced
    contacts are told, so a hijacker cannot quietly move the account to their own.
    """
    account = find_account(uow, account_id, for_update=True)
    changed = contacts_changing(account, fields)
    if changed:
        if not fields.get("current_password"):
            message = "Give your current password to change your email or phone."
            raise Problem(422, "validation-failed", "Unprocessable Entity", message,
                          errors={"current_password": [message]})
        # Before anything changes: a wrong password commits its failed attempt, and nothing else may go with it.
        confirm_current_password(uow, settings, account, fields["current_password"], origin, action="contact_change")
        _change_contacts(uow, account, changed, fields, origin)
    if "name" in fields:
        account.name = fields["name"]
    try:
        uow.commit()
    except IntegrityError:
        # Another account took the contact between the check and the commit; the unique index decided.
        raise account_exists() from None
    return account


def _change_contacts(uow: UnitOfWork, account: Account, changed: list[str], fields: dict[str, Any],
                     origin: Origin) -> None:
    taken = or_(*(getattr(Account, field) == fields[field] for field in changed))
    if uow.session.scalars(select(Account.id).where(taken, Account.id != account.id).limit(1)).first() is not None:
        raise account_exists()
    before = {field: getattr(account, field) for field in CONTACT_FIELDS}
    for field in changed:
        setattr(account, field, fields[field])
    after = {field: getattr(account, field) for field in CONTACT_FIELDS}
    audit.record_audit(
        uow.session, audit.CONTACT_CHANGED, account_id=account.id, origin=origin, changed=changed,
        **{field: {"from": _masked(field, before[field]), "to": _masked(field, after[field])} for field in changed},
    )
    _tell_previous_contacts(uow, before, changed, after)
