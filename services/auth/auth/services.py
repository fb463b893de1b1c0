"""Auth use cases: sign up, register and decide sellers, create admins, authenticate for the gateway."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from auth.domain import sellers as seller_rules
from auth.domain.accounts import ACTIVE, ADMIN, CUSTOMER, SELLER, parse_login
from auth.domain.passwords import check_password, hash_password, verify_against_nothing, verify_password
from auth.models import Account, Seller
from servicekit.db import UnitOfWork
from servicekit.problems import Problem

# Korea has kept UTC+9 without daylight saving since 1988; ages are counted on the Korean date.
KOREA = timezone(timedelta(hours=9), "KST")
INVALID_CREDENTIALS = "The id or password is wrong."


def _now() -> datetime:
    return datetime.now(timezone.utc)


def today_in_korea() -> date:
    return datetime.now(KOREA).date()


def _account_exists() -> Problem:
    return Problem(409, "account-exists", "Account exists", "An account with this email or phone already exists.")


def _refuse_weak_password(password: str, email: str | None) -> None:
    failures = check_password(password, email)
    if failures:
        raise Problem(
            422,
            "weak-password",
            "Weak password",
            "The password does not meet the policy: " + " ".join(f.message for f in failures),
            errors={"password": [f.message for f in failures]},
            rules=[f.code for f in failures],
        )


def _add_account(uow: UnitOfWork, *, email: str | None, phone: str | None, name: str, password: str,
                 roles: list[str]) -> Account:
    """Check the password and that the contacts are free, then add the account (not yet committed)."""
    _refuse_weak_password(password, email)
    contacts = [Account.email == email] if email else []
    contacts += [Account.phone == phone] if phone else []
    if uow.session.scalars(select(Account.id).where(or_(*contacts)).limit(1)).first() is not None:
        raise _account_exists()
    now = _now()
    account = Account(
        id=str(uuid.uuid4()),
        email=email,
        phone=phone,
        name=name,
        password_hash=hash_password(password),
        roles=roles,
        status=ACTIVE,
        password_changed_at=now,
        created_at=now,
    )
    uow.session.add(account)
    return account


def _commit_new_account(uow: UnitOfWork) -> None:
    try:
        uow.commit()
    except IntegrityError:
        # Two sign-ups with the same contact raced past the check; the unique index decided.
        raise _account_exists() from None


def sign_up_customer(uow: UnitOfWork, fields: dict[str, Any]) -> Account:
    account = _add_account(
        uow,
        email=fields.get("email"),
        phone=fields.get("phone"),
        name=fields["name"],
        password=fields["password"],
        roles=[CUSTOMER],
    )
    _commit_new_account(uow)
    return account


def create_admin(uow: UnitOfWork, email: str, password: str, name: str) -> Account:
    account = _add_account(uow, email=email, phone=None, name=name, password=password, roles=[ADMIN])
    _commit_new_account(uow)
    return account


def register_seller(uow: UnitOfWork, fields: dict[str, Any], today: date | None = None) -> Seller:
    """An account with the seller role and its registration, pending an admin's decision."""
    seller_type = fields["seller_type"]
    errors = seller_rules.application_errors(
        seller_type,
        fields["birth_date"],
        fields.get("business_name"),
        fields.get("business_registration_number"),
        today or today_in_korea(),
    )
    if errors:
        raise Problem(
            422,
            "validation-failed",
            "Unprocessable Entity",
            "The request did not validate: see errors for each failing field.",
            errors=errors,
        )
    account = _add_account(
        uow,
        email=fields["email"],
        phone=fields["phone"],
        name=fields["name"],
        password=fields["password"],
        roles=[SELLER],
    )
    is_business = seller_type in seller_rules.BUSINESS_TYPES
    seller = Seller(
        id=str(uuid.uuid4()),
        account_id=account.id,
        seller_type=seller_type,
        display_name=fields.get("business_name") or fields["name"],
        business_name=fields.get("business_name"),
        representative_name=fields["name"],
        phone=fields["phone"],
        email=fields["email"],
        birth_date=fields["birth_date"],
        business_registration_number=(
            seller_rules.normalize_business_registration_number(fields["business_registration_number"])
            if is_business
            else None
        ),
        status=seller_rules.PENDING,
        created_at=account.created_at,
    )
    uow.session.add(seller)
    _commit_new_account(uow)
    return seller


def seller_not_found() -> Problem:
    return Problem(404, "seller-not-found", "Not Found", "No seller has this id.")


def find_seller(uow: UnitOfWork, seller_id: str, *, for_update: bool = False) -> Seller:
    seller = uow.session.get(Seller, seller_id, with_for_update=for_update)
    if seller is None:
        raise seller_not_found()
    return seller


def decide_seller(uow: UnitOfWork, seller_id: str, decision: str, reason: str | None, admin_id: str) -> Seller:
    """An admin's decision on a registration; approval tells the other services the seller may sell."""
    seller = find_seller(uow, seller_id, for_update=True)
    status = seller_rules.status_after_decision(seller.status, decision)
    if status is None:
        raise Problem(
            409,
            "seller-already-decided",
            "Already decided",
            f"This registration is {seller.status.replace('_', ' ')}; only pending ones can be decided.",
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
            },
        )
    uow.commit()
    return seller


@dataclass(frozen=True)
class Authentication:
    """Who the gateway may open a session for."""

    account_id: str
    name: str
    roles: list[str]
    seller_id: str | None
    seller_status: str | None


def authenticate(uow: UnitOfWork, login: str, password: str) -> Authentication:
    """Check an id and password; every failure looks the same, in answer and in time taken."""
    parsed = parse_login(login)
    account = None
    if parsed.email or parsed.phone:
        column, value = (Account.email, parsed.email) if parsed.email else (Account.phone, parsed.phone)
        account = uow.session.scalars(select(Account).where(column == value)).first()
    if account is None:
        verify_against_nothing(password)
        raise Problem(401, "invalid-credentials", "Unauthorized", INVALID_CREDENTIALS)
    verification = verify_password(account.password_hash, password)
    if not verification.matches or account.status != ACTIVE:
        raise Problem(401, "invalid-credentials", "Unauthorized", INVALID_CREDENTIALS)
    if verification.needs_rehash:
        account.password_hash = hash_password(password)
    seller = uow.session.scalars(select(Seller).where(Seller.account_id == account.id)).first()
    uow.commit()
    return Authentication(
        account_id=account.id,
        name=account.name,
        roles=list(account.roles),
        seller_id=seller.id if seller else None,
        seller_status=seller.status if seller else None,
    )
