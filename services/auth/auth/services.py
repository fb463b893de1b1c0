"""Auth use cases: adding accounts and seller registrations, deciding sellers, sign-in for the gateway, admins."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, NoReturn

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auth import audit
from auth.audit import Origin
from auth.contacts import notify_owner
from auth.domain import sellers as seller_rules
from auth.domain.accounts import ACTIVE, Login, parse_login
from auth.domain.passwords import (
    check_password,
    hash_password,
    is_password_old,
    verify_against_nothing,
    verify_password,
)
from auth.locks import PASSWORD_FAILURES, clear_failed_attempts, is_locked, record_failed_attempt
from auth.models import Account, KnownDevice, Seller, SellerDocument
from auth.second_factors import enrolled_methods
from auth.settings import AuthSettings
from servicekit.db import UnitOfWork
from servicekit.notifications import queue_notification
from servicekit.problems import Problem

# Korea has kept UTC+9 without daylight saving since 1988; ages are counted on the Korean date.
KOREA = timezone(timedelta(hours=9), "KST")
INVALID_CREDENTIALS = "The id or password is wrong."


def _now() -> datetime:
    return datetime.now(timezone.utc)


def today_in_korea() -> date:
    return datetime.now(KOREA).date()


def account_exists() -> Problem:
    return Problem(409, "account-exists", "Account exists", "An account with this email or phone already exists.")


def account_not_found() -> Problem:
    return Problem(404, "account-not-found", "Not Found", "This account no longer exists.")


def refuse_weak_password(password: str, email: str | None, field: str = "password") -> None:
    """Raise a 422 naming every rule of the policy that `password` breaks."""
    failures = check_password(password, email)
    if failures:
        raise Problem(
            422,
            "weak-password",
            "Weak password",
            "The password does not meet the policy: " + " ".join(f.message for f in failures),
            errors={field: [f.message for f in failures]},
            rules=[f.code for f in failures],
        )


def find_account(uow: UnitOfWork, account_id: str, *, for_update: bool = False) -> Account:
    account = uow.session.get(Account, account_id, with_for_update=for_update)
    if account is None:
        raise account_not_found()
    return account


def find_account_by_login(session: Session, login: Login, *, for_update: bool = False) -> Account | None:
    """The account whose email or phone is the one typed; None when there is none (or nothing usable was typed)."""
    if login.email:
        column, value = Account.email, login.email
    elif login.phone:
        column, value = Account.phone, login.phone
    else:
        return None
    statement = select(Account).where(column == value)
    return session.scalars(statement.with_for_update() if for_update else statement).first()


def taken_contacts(session: Session, email: str | None, phone: str | None) -> list[str]:
    """Which of `email` and `phone` ("email", "phone") an account already has."""
    taken = []
    if email and session.scalar(select(exists().where(Account.email == email))):
        taken.append("email")
    if phone and session.scalar(select(exists().where(Account.phone == phone))):
        taken.append("phone")
    return taken


def add_account(session: Session, *, email: str | None, phone: str | None, name: str, password_hash: str,
                roles: list[str]) -> Account:
    """Add an active account to the caller's transaction; its contacts were checked to be free."""
    now = _now()
    account = Account(
        id=str(uuid.uuid4()),
        email=email,
        phone=phone,
        name=name,
        password_hash=password_hash,
        roles=roles,
        status=ACTIVE,
        password_changed_at=now,
        created_at=now,
    )
    session.add(account)
    return account


def create_staff_account(uow: UnitOfWork, email: str, password: str, name: str, role: str) -> Account:
    """An admin or support agent account, made at once: only operators run this, from the command line."""
    refuse_weak_password(password, email)
    if taken_contacts(uow.session, email, None):
        raise account_exists()
    account = add_account(uow.session, email=email, phone=None, name=name, password_hash=hash_password(password),
                          roles=[role])
    try:
        uow.commit()
    except IntegrityError:
        # Another account took the email between the check and the commit; the unique index decided.
        raise account_exists() from None
    return account


def refuse_invalid_seller_registration(registration: dict[str, Any]) -> None:
    """Raise a 422 naming each field that keeps this registration from being submitted (age, business details)."""
    errors = seller_rules.application_errors(
        registration["seller_type"],
        registration["birth_date"],
        registration.get("business_name"),
        registration.get("business_registration_number"),
        today_in_korea(),
    )
    if errors:
        raise Problem(
            422,
            "validation-failed",
            "Unprocessable Entity",
            "The request did not validate: see errors for each failing field.",
            errors=errors,
        )


def add_seller(session: Session, account: Account, registration: dict[str, Any]) -> Seller:
    """Add the account's seller registration, pending an admin's decision, to the caller's transaction."""
    seller_type = registration["seller_type"]
    business_registration_number = registration.get("business_registration_number")
    seller = Seller(
        id=str(uuid.uuid4()),
        account_id=account.id,
        seller_type=seller_type,
        display_name=registration.get("business_name") or registration["name"],
        business_name=registration.get("business_name"),
        representative_name=registration["name"],
        phone=account.phone,
        email=account.email,
        birth_date=registration["birth_date"],
        business_registration_number=(
            seller_rules.normalize_business_registration_number(business_registration_number)
            if seller_type in seller_rules.BUSINESS_TYPES
            else None
        ),
        status=seller_rules.PENDING,
        created_at=account.created_at,
    )
    session.add(seller)
    return seller


def seller_not_found() -> Problem:
    return Problem(404, "seller-not-found", "Not Found", "No seller has this id.")


def find_seller(uow: UnitOfWork, seller_id: str, *, for_update: bool = False) -> Seller:
    seller = uow.session.get(Seller, seller_id, with_for_update=for_update)
    if seller is None:
        raise seller_not_found()
    return seller


def _has_certificate(uow: UnitOfWork, seller_id: str) -> bool:
    return bool(uow.session.scalar(select(exists().where(
        SellerDocument.seller_id == seller_id, SellerDocument.kind == seller_rules.CERTIFICATE
    ))))


_DECISION_NOTICES = {
    seller_rules.APPROVED: ("Your seller registration was approved", "You can now list products in the seller center."),
    seller_rules.REJECTED: ("Your seller registration was rejected", "Your registration was not approved."),
    seller_rules.DOCUMENTS_REQUESTED: (
        "More documents are needed for your seller registration",
        "Upload them in the seller center; your registration goes back to review once you do.",
    ),
}


def decide_seller(
    uow: UnitOfWork, seller_id: str, decision: str, reason: str | None, admin_id: str, origin: Origin
) -> Seller:
    """An admin's decision on a registration: announced to the other services, audited, and told to the seller."""
    seller = find_seller(uow, seller_id, for_update=True)
    status = seller_rules.status_after_decision(seller.status, decision)
    if status is None:
        raise Problem(
            409,
            "seller-already-decided",
            "Already decided",
            f"This registration is {seller.status.replace('_', ' ')}; only pending ones can be decided.",
        )
    if (
        status == seller_rules.APPROVED
        and seller_rules.needs_certificate(seller.seller_type)
        and not _has_certificate(uow, seller.id)
    ):
        raise Problem(
            409,
            "certificate-missing",
            "Certificate missing",
            "A business is approved only once its business registration certificate is uploaded: "
            "ask the seller for documents instead.",
        )
    now = _now()
    seller.status = status
    seller.decision_reason = reason
    seller.decided_by = admin_id
    seller.decided_at = now
    if status == seller_rules.APPROVED:
        uow.record(
            "SellerApproved",
            {
                "seller_id": seller.id,
                "account_id": seller.account_id,
                "display_name": seller.display_name,
                "seller_type": seller.seller_type,
                "business_registration_number": seller.business_registration_number,
                "approved_by": admin_id,
                "approved_at": now,
                "contact_email": seller.email,
            },
        )
    elif status == seller_rules.REJECTED:
        uow.record(
            "SellerRejected",
            {
                "seller_id": seller.id,
                "account_id": seller.account_id,
                "reason": reason,
                "rejected_by": admin_id,
                "rejected_at": now,
            },
        )
    audit.record_audit(
        uow.session, audit.SELLER_DECIDED, account_id=seller.account_id, origin=origin, actor_id=admin_id,
        seller_id=seller.id, decision=decision, status=status, reason=reason,
    )
    subject, body = _DECISION_NOTICES[status]
    queue_notification(
        uow.session, channel="email", to=seller.email, subject=subject,
        body=f"{body}\n\nReason: {reason}" if reason else body,
    )
    uow.commit()
    return seller


@dataclass(frozen=True)
class Authentication:
    """Who the gateway may open a session for, and what it should ask of them next."""

    account_id: str
    name: str
    roles: list[str]
    seller_id: str | None
    seller_status: str | None
    second_factors: list[str]
    password_change_recommended: bool


def _refuse_sign_in(uow: UnitOfWork, origin: Origin, login: str, account_id: str | None, reason: str) -> NoReturn:
    """Commit the failure's traces (audit, failure count), then answer as for any other failure."""
    audit.record_audit(uow.session, audit.LOGIN_FAILED, account_id=account_id, origin=origin, login=login,
                       reason=reason)
    uow.commit()
    raise Problem(401, "invalid-credentials", "Unauthorized", INVALID_CREDENTIALS)


def _recognise_device(session: Session, account: Account, device_id: str, origin: Origin) -> None:
    """Remember the browser; tell the owner when one it never used signs in, unless it is the account's first."""
    now = _now()
    user_agent = (origin.user_agent or "")[:500] or None
    device = session.get(KnownDevice, (account.id, device_id))
    if device is not None:
        device.last_seen_at, device.ip, device.user_agent = now, origin.ip, user_agent
        return
    first_device = session.scalars(
        select(KnownDevice.device_id).where(KnownDevice.account_id == account.id).limit(1)
    ).first() is None
    session.add(KnownDevice(account_id=account.id, device_id=device_id, user_agent=user_agent, ip=origin.ip,
                            first_seen_at=now, last_seen_at=now))
    if first_device:
        return
    audit.record_audit(session, audit.NEW_DEVICE, account_id=account.id, origin=origin, device_id=device_id)
    notify_owner(
        session,
        account,
        subject="New sign-in to your account",
        body=(
            f"New sign-in to your account from {user_agent or 'an unknown browser'} at "
            f"{origin.ip or 'an unknown address'}. If this was not you, change your password now."
        ),
    )


def authenticate(
    uow: UnitOfWork,
    settings: AuthSettings,
    login: str,
    password: str,
    origin: Origin = Origin(),
    device_id: str | None = None,
) -> Authentication:
    """Check an id and password for the gateway; every refusal looks the same, in answer and in time taken.

    A locked or deactivated account costs the same verification as any other, and says nothing more.
    The account row stays locked while it is checked, so parallel guesses are all counted.
    """
    account = find_account_by_login(uow.session, parse_login(login), for_update=True)
    if account is None:
        verify_against_nothing(password)
        _refuse_sign_in(uow, origin, login, None, "unknown_login")
    verification = verify_password(account.password_hash, password)
    if is_locked(account):
        _refuse_sign_in(uow, origin, login, account.id, "locked")
    if account.status != ACTIVE:
        _refuse_sign_in(uow, origin, login, account.id, "deactivated")
    if not verification.matches:
        record_failed_attempt(uow, account, settings, PASSWORD_FAILURES, origin)
        _refuse_sign_in(uow, origin, login, account.id, "wrong_password")
    if verification.needs_rehash:
        account.password_hash = hash_password(password)
    clear_failed_attempts(account)
    audit.record_audit(uow.session, audit.LOGIN_SUCCEEDED, account_id=account.id, origin=origin)
    if device_id:
        _recognise_device(uow.session, account, device_id, origin)
    seller = uow.session.scalars(select(Seller).where(Seller.account_id == account.id)).first()
    overview = own_account(uow, settings, account)
    authentication = Authentication(
        account_id=account.id,
        name=account.name,
        roles=list(account.roles),
        seller_id=seller.id if seller else None,
        seller_status=seller.status if seller else None,
        second_factors=overview.second_factors,
        password_change_recommended=overview.password_change_recommended,
    )
    uow.commit()
    return authentication


@dataclass(frozen=True)
class OwnAccount:
    """An account as its owner reads it: its own fields, its second factors and the password reminder (A6)."""

    account: Account
    second_factors: list[str]
    password_change_recommended: bool

    def __getattr__(self, name: str) -> Any:
        # Reached only for what the dataclass itself lacks: the account's columns.
        return getattr(self.account, name)


def own_account(uow: UnitOfWork, settings: AuthSettings, account: Account) -> OwnAccount:
    return OwnAccount(
        account=account,
        second_factors=enrolled_methods(uow.session, account.id),
        password_change_recommended=is_password_old(
            account.password_changed_at, _now(), settings.password_max_age_days
        ),
    )
