"""Which second factors an account has, what every enrolment and removal records, the step-up they ask
for, and the recovery codes that come with the first factor."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from auth import audit
from auth.accounts import find_account
from auth.audit import Origin
from auth.contacts import notify_owner
from auth.domain.viewers import Viewer
from auth.models import Account, ContactFactor, RecoveryCode, TotpFactor, WebAuthnCredential
from auth.second_factors import recovery_codes
from servicekit import clock
from servicekit.app import unit_of_work
from servicekit.db import UnitOfWork
from servicekit.identity import step_up_required
from servicekit.languages import Message, _
from servicekit.problems import Problem

TOTP, SMS, EMAIL, WEBAUTHN, RECOVERY_CODE = "totp", "sms", "email", "webauthn", "recovery_code"
METHODS = (TOTP, SMS, EMAIL, WEBAUTHN, RECOVERY_CODE)
CONTACT_METHODS = (SMS, EMAIL)
# How notices to the owner name each factor.
FACTOR_NAMES = {
    TOTP: _("An authenticator app"), SMS: _("A code by SMS"), EMAIL: _("A code by email"),
    WEBAUTHN: _("A security key"),
}
TOTP_NONE, TOTP_PENDING, TOTP_ACTIVE = "none", "pending", "active"


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


def refuse_without_step_up(session: Session, viewer: Viewer) -> None:
    """An account with a second factor proves it again (a step-up) before a change that could hand it to another.

    Without a factor there is nothing to step up with, and the change goes ahead.
    """
    if not viewer.stepped_up and enrolled_methods(session, viewer.account_id):
        raise step_up_required()


@dataclass(frozen=True)
class Enrolment:
    """A factor just confirmed. The account's first factor comes with its recovery codes, shown this once."""

    method: str
    enrolled_at: datetime
    recovery_codes: list[str] | None = None
    credential: WebAuthnCredential | None = None


@dataclass(frozen=True)
class Overview:
    methods: list[str]
    totp_status: str
    webauthn_credentials: list[WebAuthnCredential]
    recovery_codes_remaining: int


def already_enrolled(method: str) -> Problem:
    return Problem(409, "second-factor-enrolled", _("Already enrolled"),
                   _("%(factor)s is already a second factor of this account.", factor=FACTOR_NAMES[method]))


def not_enrolled(method: str) -> Problem:
    return Problem(404, "second-factor-not-enrolled", _("Not enrolled"),
                   _("%(factor)s is not a second factor of this account.", factor=FACTOR_NAMES[method]))


def wrong_code(detail: Message) -> Problem:
    return Problem(422, "invalid-code", _("Wrong code"), detail, errors={"code": [detail]})


def overview(account_id: str) -> Overview:
    """The account's second factors: what signs it in, the authenticator app, security keys, codes left."""
    with unit_of_work() as uow:
        factor = uow.session.get(TotpFactor, account_id)
        if factor is None:
            totp_status = TOTP_NONE
        else:
            totp_status = TOTP_ACTIVE if factor.confirmed_at is not None else TOTP_PENDING
        return Overview(enrolled_methods(uow.session, account_id), totp_status,
                        webauthn_credentials(uow.session, account_id),
                        recovery_codes_remaining(uow.session, account_id))


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
                   subject=_("A second factor was added to your account"),
                   body=_("%(factor)s now signs you in as a second factor. If this was not you, reset your password "
                          "and check your second factors at once.", factor=FACTOR_NAMES[method]), **detail)
    uow.commit()
    return Enrolment(method, enrolled_at, codes, credential)


def record_removal(uow: UnitOfWork, account: Account, method: str, origin: Origin, **detail) -> None:
    """Audit a factor's removal (already deleted in this transaction) and tell the owner."""
    _record_change(uow.session, account, audit.SECOND_FACTOR_DISABLED, method, origin,
                   subject=_("A second factor was removed from your account"),
                   body=_("%(factor)s no longer signs you in as a second factor. If this was not you, reset your "
                          "password and check your second factors at once.", factor=FACTOR_NAMES[method]), **detail)
    if not enrolled_methods(uow.session, account.id):
        # With no factor left, recovery codes stand in for nothing; a new first factor brings new ones.
        uow.session.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account.id))


def _record_change(session: Session, account: Account, kind: str, method: str, origin: Origin, *, subject: Message,
                   body: Message, **detail) -> None:
    """Audit a change to the account's factors and tell the owner, who may not have made it."""
    audit.record_audit(session, kind, account_id=account.id, origin=origin, method=method, **detail)
    notify_owner(session, account, subject=subject, body=body)


def _replace_recovery_codes(session: Session, account_id: str, origin: Origin) -> list[str]:
    """Ten new recovery codes; the old ones, used or not, are gone."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account_id))
    codes = recovery_codes.new_codes()
    now = clock.now()
    session.add_all(
        RecoveryCode(id=str(uuid.uuid4()), account_id=account_id, code_hash=recovery_codes.code_hash(code),
                     created_at=now)
        for code in codes
    )
    audit.record_audit(session, audit.RECOVERY_CODES_GENERATED, account_id=account_id, origin=origin,
                       count=len(codes))
    return codes


def regenerate_recovery_codes(viewer: Viewer, origin: Origin) -> list[str]:
    """Ten new recovery codes in place of the old ones; a step-up first once a factor is enrolled."""
    with unit_of_work() as uow:
        refuse_without_step_up(uow.session, viewer)
        account = find_account(uow, viewer.account_id, for_update=True)
        codes = _replace_recovery_codes(uow.session, account.id, origin)
        notify_owner(
            uow.session, account, subject=_("New recovery codes"),
            body=_("New recovery codes were made for your account; the old ones no longer work. If this was not you, "
                   "reset your password at once."),
        )
        uow.commit()
        return codes
