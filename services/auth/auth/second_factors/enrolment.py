"""Second-factor use cases: enrolling and removing factors, recovery codes, and what an account has enrolled."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from auth import audit
from auth.audit import Origin
from auth.contacts import mask_email, mask_phone, notify_owner
from auth.domain import recovery_codes, totp
from auth.models import Account, ContactFactor, RecoveryCode, TotpFactor, WebAuthnCredential
from auth.one_time_codes import CONTACT_CHECK, issue_code, lifetime_in_words, redeem_code
from auth.secret_box import SecretBox
from auth.settings import AuthSettings
from servicekit.db import UnitOfWork
from servicekit.notifications import queue_notification
from servicekit.problems import Problem

TOTP, SMS, EMAIL, WEBAUTHN, RECOVERY_CODE = "totp", "sms", "email", "webauthn", "recovery_code"
METHODS = (TOTP, SMS, EMAIL, WEBAUTHN, RECOVERY_CODE)
CONTACT_METHODS = (SMS, EMAIL)
# How notices to the owner name each factor.
FACTOR_NAMES = {
    TOTP: "An authenticator app", SMS: "A code by SMS", EMAIL: "A code by email", WEBAUTHN: "A security key",
}
TOTP_NONE, TOTP_PENDING, TOTP_ACTIVE = "none", "pending", "active"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def enrolled_methods(session: Session, account_id: str) -> list[str]:
    """The second factors that can sign this account in, in METHODS order; empty when it has no 2FA.

    Recovery codes count only beside a real factor: they are the way back when that factor is lost.
    """
    methods: list[str] = []
    if session.scalar(
        select(exists().where(TotpFactor.account_id == account_id, TotpFactor.confirmed_at.is_not(None)))
    ):
        methods.append(TOTP)
    contact_methods = set(session.scalars(select(ContactFactor.method).where(ContactFactor.account_id == account_id)))
    methods += [method for method in (SMS, EMAIL) if method in contact_methods]
    if session.scalar(select(exists().where(WebAuthnCredential.account_id == account_id))):
        methods.append(WEBAUTHN)
    if methods and session.scalar(
        select(exists().where(RecoveryCode.account_id == account_id, RecoveryCode.used_at.is_(None)))
    ):
        methods.append(RECOVERY_CODE)
    return methods


@dataclass(frozen=True)
class TotpEnrolment:
    """What an authenticator app needs to enrol: the secret, and the otpauth:// URI (the QR code) that carries it."""

    secret: str
    otpauth_uri: str


@dataclass(frozen=True)
class Enrolment:
    """A factor just confirmed. The account's first factor comes with its recovery codes, shown this once."""

    method: str
    enrolled_at: datetime
    recovery_codes: list[str] | None = None
    credential: WebAuthnCredential | None = None


@dataclass(frozen=True)
class CodeSent:
    method: str
    sent_to: str
    expires_at: datetime


@dataclass(frozen=True)
class Overview:
    methods: list[str]
    totp_status: str
    webauthn_credentials: list[WebAuthnCredential]
    recovery_codes_remaining: int


def _already_enrolled(method: str) -> Problem:
    return Problem(409, "second-factor-enrolled", "Already enrolled",
                   f"{FACTOR_NAMES[method]} is already a second factor of this account.")


def _not_enrolled(method: str) -> Problem:
    return Problem(404, "second-factor-not-enrolled", "Not enrolled",
                   f"{FACTOR_NAMES[method]} is not a second factor of this account.")


def _wrong_code(detail: str) -> Problem:
    return Problem(422, "invalid-code", "Wrong code", detail, errors={"code": [detail]})


def account_for_update(uow: UnitOfWork, account_id: str) -> Account:
    """The caller's account, locked for the transaction: its factors change one request at a time."""
    account = uow.session.get(Account, account_id, with_for_update=True)
    if account is None:
        raise Problem(404, "account-not-found", "Not Found", "This account no longer exists.")
    return account


def overview(session: Session, account_id: str) -> Overview:
    factor = session.get(TotpFactor, account_id)
    if factor is None:
        totp_status = TOTP_NONE
    else:
        totp_status = TOTP_ACTIVE if factor.confirmed_at is not None else TOTP_PENDING
    return Overview(enrolled_methods(session, account_id), totp_status, webauthn_credentials(session, account_id),
                    recovery_codes_remaining(session, account_id))


def recovery_codes_remaining(session: Session, account_id: str) -> int:
    return session.scalar(
        select(func.count()).where(RecoveryCode.account_id == account_id, RecoveryCode.used_at.is_(None))
    )


def webauthn_credentials(session: Session, account_id: str) -> list[WebAuthnCredential]:
    return list(
        session.scalars(
            select(WebAuthnCredential)
            .where(WebAuthnCredential.account_id == account_id)
            .order_by(WebAuthnCredential.created_at, WebAuthnCredential.id)
        )
    )


def complete_enrolment(uow: UnitOfWork, account: Account, method: str, enrolled_at: datetime, *, first: bool,
                       origin: Origin, credential: WebAuthnCredential | None = None) -> Enrolment:
    """Record a confirmed factor, tell the owner, and commit; `first` (no factor before) brings recovery codes."""
    codes = _replace_recovery_codes(uow.session, account.id, origin) if first else None
    detail = {"credential_id": credential.id} if credential is not None else {}
    _record_change(uow.session, account, audit.SECOND_FACTOR_ENROLLED, method, origin,
                   subject="A second factor was added to your account", change="now signs you in", **detail)
    uow.commit()
    return Enrolment(method, enrolled_at, codes, credential)


def record_removal(uow: UnitOfWork, account: Account, method: str, origin: Origin, **detail) -> None:
    """Audit a factor's removal (already deleted in this transaction) and tell the owner."""
    _record_change(uow.session, account, audit.SECOND_FACTOR_DISABLED, method, origin,
                   subject="A second factor was removed from your account", change="no longer signs you in", **detail)
    if not enrolled_methods(uow.session, account.id):
        # With no factor left, recovery codes stand in for nothing; a new first factor brings new ones.
        uow.session.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account.id))


def _record_change(session: Session, account: Account, kind: str, method: str, origin: Origin, *, subject: str,
                   change: str, **detail) -> None:
    """Audit a change to the account's factors and tell the owner, who may not have made it."""
    audit.record_audit(session, kind, account_id=account.id, origin=origin, method=method, **detail)
    notify_owner(
        session, account, subject=subject,
        body=f"{FACTOR_NAMES[method]} {change} as a second factor. If this was not you, reset your password and "
             "check your second factors at once.",
    )


def start_totp_enrolment(uow: UnitOfWork, account_id: str, box: SecretBox) -> TotpEnrolment:
    """A new secret for an authenticator app, active once a first code confirms it; it replaces an unconfirmed one.

    The secret is stored sealed by `box`; only this answer ever shows it in the clear.
    """
    account = account_for_update(uow, account_id)
    factor = uow.session.get(TotpFactor, account_id)
    if factor is not None and factor.confirmed_at is not None:
        raise _already_enrolled(TOTP)
    secret = totp.new_secret()
    if factor is None:
        uow.session.add(TotpFactor(account_id=account_id, secret=box.seal(secret), created_at=_now()))
    else:
        factor.secret, factor.created_at, factor.last_used_step = box.seal(secret), _now(), None
    uow.commit()
    return TotpEnrolment(secret, totp.provisioning_uri(secret, account.email or account.phone))


def _take_totp_code(factor: TotpFactor, code: str, box: SecretBox) -> bool:
    """Whether `code` is good now; if so its step is used up, so that neither it nor an older code passes again."""
    step = totp.accepted_step(box.open(factor.secret), code, _now(), factor.last_used_step)
    if step is None:
        return False
    factor.last_used_step = step
    return True


def confirm_totp(uow: UnitOfWork, account_id: str, code: str, origin: Origin, box: SecretBox) -> Enrolment:
    account = account_for_update(uow, account_id)
    factor = uow.session.get(TotpFactor, account_id, with_for_update=True)
    if factor is None:
        raise Problem(409, "totp-enrolment-not-started", "No enrolment in progress",
                      "Start enrolling the authenticator app first (POST /api/second-factors/totp).")
    if factor.confirmed_at is not None:
        raise _already_enrolled(TOTP)
    if not _take_totp_code(factor, code, box):
        raise _wrong_code("This is not the code the authenticator app shows now. Check that the phone's clock "
                          "is right, then enter the current code.")
    first = not enrolled_methods(uow.session, account_id)
    factor.confirmed_at = _now()
    return complete_enrolment(uow, account, TOTP, factor.confirmed_at, first=first, origin=origin)


def verify_totp(session: Session, account_id: str, code: str, box: SecretBox) -> bool:
    """A sign-in code from the account's authenticator app. The row lock makes two uses of one code pass once."""
    factor = session.scalars(
        select(TotpFactor)
        .where(TotpFactor.account_id == account_id, TotpFactor.confirmed_at.is_not(None))
        .with_for_update()
    ).first()
    return factor is not None and _take_totp_code(factor, code, box)


def disable_totp(uow: UnitOfWork, account_id: str, origin: Origin) -> None:
    """Remove the authenticator app, or drop an enrolment still in progress."""
    account = account_for_update(uow, account_id)
    factor = uow.session.get(TotpFactor, account_id)
    if factor is None:
        raise _not_enrolled(TOTP)
    uow.session.delete(factor)
    if factor.confirmed_at is not None:
        record_removal(uow, account, TOTP, origin)
    uow.commit()


def send_code(session: Session, account: Account, method: str, purpose: str, settings: AuthSettings, *,
              subject: str, use: str) -> CodeSent:
    """Issue a code for `purpose` and queue it to the account's phone (sms) or email; 409 when it has none."""
    contact = account.phone if method == SMS else account.email
    if not contact:
        kind = "mobile number" if method == SMS else "email address"
        raise Problem(409, "no-contact", "No such contact",
                      f"This account has no {kind} to send a code to; add one to the account first.")
    lifetime = settings.code_lifetime_seconds
    code = issue_code(session, account.id, purpose, method, timedelta(seconds=lifetime))
    queue_notification(
        session, channel=method, to=contact, subject=subject,
        body=f"Your Marketplace {use} code is {code}. It expires in {lifetime_in_words(lifetime)}. "
             "Never share it: we will never ask you for it.",
    )
    sent_to = mask_phone(contact) if method == SMS else mask_email(contact)
    return CodeSent(method, sent_to, _now() + timedelta(seconds=lifetime))


def send_contact_check(uow: UnitOfWork, account_id: str, method: str, settings: AuthSettings) -> CodeSent:
    """Start enabling codes by SMS or email: a code to the registered contact proves it reaches its owner."""
    account = account_for_update(uow, account_id)
    if uow.session.get(ContactFactor, (account_id, method)) is not None:
        raise _already_enrolled(method)
    sent = send_code(uow.session, account, method, CONTACT_CHECK, settings,
                     subject="Confirm your second factor", use="confirmation")
    uow.commit()
    return sent


def confirm_contact(uow: UnitOfWork, account_id: str, method: str, code: str, settings: AuthSettings,
                    origin: Origin) -> Enrolment:
    account = account_for_update(uow, account_id)
    if uow.session.get(ContactFactor, (account_id, method)) is not None:
        raise _already_enrolled(method)
    if not redeem_code(uow.session, account_id, CONTACT_CHECK, code, settings.code_max_attempts, channel=method):
        # The wrong try counts even though this request fails.
        uow.commit()
        raise _wrong_code("The code is wrong or has expired. After a few wrong tries, ask for a new code.")
    first = not enrolled_methods(uow.session, account_id)
    factor = ContactFactor(account_id=account_id, method=method, enabled_at=_now())
    uow.session.add(factor)
    return complete_enrolment(uow, account, method, factor.enabled_at, first=first, origin=origin)


def disable_contact(uow: UnitOfWork, account_id: str, method: str, origin: Origin) -> None:
    account = account_for_update(uow, account_id)
    factor = uow.session.get(ContactFactor, (account_id, method))
    if factor is None:
        raise _not_enrolled(method)
    uow.session.delete(factor)
    record_removal(uow, account, method, origin)
    uow.commit()


def _replace_recovery_codes(session: Session, account_id: str, origin: Origin) -> list[str]:
    """Ten new recovery codes; the old ones, used or not, are gone."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account_id))
    codes = recovery_codes.new_codes()
    now = _now()
    session.add_all(
        RecoveryCode(id=str(uuid.uuid4()), account_id=account_id, code_hash=recovery_codes.code_hash(code),
                     created_at=now)
        for code in codes
    )
    audit.record_audit(session, audit.RECOVERY_CODES_GENERATED, account_id=account_id, origin=origin,
                       count=len(codes))
    return codes


def regenerate_recovery_codes(uow: UnitOfWork, account_id: str, origin: Origin) -> list[str]:
    account = account_for_update(uow, account_id)
    codes = _replace_recovery_codes(uow.session, account_id, origin)
    notify_owner(
        uow.session, account, subject="New recovery codes",
        body="New recovery codes were made for your account; the old ones no longer work. If this was not you, "
             "reset your password at once.",
    )
    uow.commit()
    return codes


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
    recovery_code.used_at = _now()
    return True
