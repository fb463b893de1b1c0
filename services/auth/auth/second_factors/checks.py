"""Second factors at sign-in, for the gateway: sending a challenge, and checking the answer to it.

Every wrong answer looks the same to the caller (wrong, used, expired or unknown), is audited and
counts towards locking the account; a locked or deactivated account is never let through.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auth import audit
from auth.audit import Origin
from auth.contacts import notify_owner
from auth.domain.accounts import ACTIVE
from auth.locks import SECOND_FACTOR_FAILURES, clear_failed_attempts, is_locked, record_failed_attempt
from auth.models import Account, RecoveryCode
from auth.one_time_codes import SIGN_IN, redeem_code
from auth.second_factors import authenticator_app, recovery_codes, security_keys
from auth.second_factors.contact_factors import CodeSent, send_code
from auth.second_factors.enrolment import (
    EMAIL,
    FACTOR_NAMES,
    RECOVERY_CODE,
    SMS,
    TOTP,
    WEBAUTHN,
    enrolled_methods,
    recovery_codes_remaining,
)
from servicekit import clock
from servicekit.app import settings, unit_of_work
from servicekit.languages import _
from servicekit.problems import Problem

# The factors that need something sent before they can be answered.
CHALLENGE_METHODS = (SMS, EMAIL, WEBAUTHN)


@dataclass(frozen=True)
class KeyChallenge:
    """WebAuthn options for navigator.credentials.get(), for the gateway to hand to the browser."""

    method: str
    options: dict[str, Any]


@dataclass(frozen=True)
class Verified:
    account_id: str
    method: str
    verified_at: datetime


def _invalid() -> Problem:
    return Problem(401, "second-factor-invalid", "Unauthorized",
                   _("The code or security key was not accepted: it is wrong, already used or expired."))


def _may_sign_in(account: Account) -> bool:
    return account.status == ACTIVE and not is_locked(account)


def send_challenge(account_id: str, method: str) -> CodeSent | KeyChallenge:
    """Send a sign-in code by SMS or email, or make a security-key challenge."""
    with unit_of_work() as uow:
        account = uow.session.get(Account, account_id, with_for_update=True)
        if account is None or not _may_sign_in(account):
            raise Problem(401, "second-factor-unavailable", "Unauthorized", _("This account cannot sign in now."))
        if method not in enrolled_methods(uow.session, account.id):
            raise Problem(409, "second-factor-not-enrolled", _("Not enrolled"),
                          _("This account does not sign in with %(method)s; use one of its enrolled second factors.",
                            method=FACTOR_NAMES.get(method, method)))
        if method == WEBAUTHN:
            challenge: CodeSent | KeyChallenge = KeyChallenge(
                method, security_keys.authentication_options(uow.session, account.id)
            )
        else:
            challenge = send_code(uow.session, account, method, SIGN_IN, subject=_("Your sign-in code"),
                                 use=_("sign-in"))
        uow.commit()
        return challenge


def redeem_recovery_code(session: Session, account_id: str, code: str) -> bool:
    """Whether `code` is one of the account's unused recovery codes; if so it is used up."""
    recovery_code = session.scalars(
        select(RecoveryCode)
        .where(
            RecoveryCode.account_id == account_id,
            RecoveryCode.code_hash == recovery_codes.code_hash(code),
            RecoveryCode.used_at.is_(None),
        )
        .with_for_update()
    ).first()
    if recovery_code is None:
        return False
    recovery_code.used_at = clock.now()
    return True


def _proves(session: Session, account: Account, method: str, code: str | None,
            credential: dict[str, Any] | None) -> bool:
    if method == WEBAUTHN:
        return credential is not None and security_keys.proves(session, account.id, credential)
    if code is None:
        return False
    if method == TOTP:
        return authenticator_app.proves(session, account.id, code)
    if method == RECOVERY_CODE:
        return redeem_recovery_code(session, account.id, code)
    return redeem_code(session, account.id, SIGN_IN, code, settings().code_max_attempts, channel=method)


def verify(account_id: str, method: str, *, code: str | None = None, credential: dict[str, Any] | None = None,
           origin: Origin) -> Verified:
    """Check a second factor at sign-in; a failure is committed (audit, failure count, maybe a lock), then refused."""
    with unit_of_work() as uow:
        account = uow.session.get(Account, account_id, with_for_update=True)
        if account is None:
            raise _invalid()
        # A locked account's codes are not even tried, so none is spent while it is locked.
        if (
            _may_sign_in(account)
            and method in enrolled_methods(uow.session, account.id)
            and _proves(uow.session, account, method, code, credential)
        ):
            now = clock.now()
            audit.record_audit(uow.session, audit.SECOND_FACTOR_SUCCEEDED, account_id=account.id, origin=origin,
                               method=method)
            clear_failed_attempts(account)
            if method == RECOVERY_CODE:
                _recovery_code_used(uow.session, account, origin)
            uow.commit()
            return Verified(account.id, method, now)
        audit.record_audit(uow.session, audit.SECOND_FACTOR_FAILED, account_id=account.id, origin=origin,
                           method=method)
        record_failed_attempt(uow, account, SECOND_FACTOR_FAILURES, origin)
        uow.commit()
        raise _invalid()


def _recovery_code_used(session: Session, account: Account, origin: Origin) -> None:
    remaining = recovery_codes_remaining(session, account.id)
    audit.record_audit(session, audit.RECOVERY_CODE_USED, account_id=account.id, origin=origin, remaining=remaining)
    notify_owner(
        session, account, subject=_("A recovery code was used"),
        body=_("A recovery code was used to sign in to your account (recovery codes left: %(remaining)s). Make new "
               "ones in your security settings if you are running low. If this was not you, reset your password at "
               "once.", remaining=remaining),
    )
