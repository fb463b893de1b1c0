"""Seller registrations (A2): which may be submitted, adding one when its sign-up is confirmed, and admins'
review queue and decisions."""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from auth import audit
from auth.audit import Origin
from auth.contacts import queue_notice
from auth.domain import sellers as seller_rules
from auth.models import Account, Seller, SellerDocument
from servicekit import clock
from servicekit.app import unit_of_work
from servicekit.db import UnitOfWork
from servicekit.korean_calendar import korean_day
from servicekit.languages import _
from servicekit.pagination import page_of
from servicekit.problems import Problem


def refuse_invalid_seller_registration(registration: dict[str, Any]) -> None:
    """Raise a 422 naming each field that keeps this registration from being submitted (age, business details).

    Ages are counted on the Korean date.
    """
    errors = seller_rules.application_errors(
        registration["seller_type"],
        registration["birth_date"],
        registration.get("business_name"),
        registration.get("business_registration_number"),
        korean_day(clock.now()),
    )
    if errors:
        raise Problem(
            422,
            "validation-failed",
            "Unprocessable Entity",
            _("The request did not validate: see errors for each failing field."),
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
    return Problem(404, "seller-not-found", "Not Found", _("No seller has this id."))


def find_seller(uow: UnitOfWork, seller_id: str, *, for_update: bool = False) -> Seller:
    seller = uow.session.get(Seller, seller_id, with_for_update=for_update)
    if seller is None:
        raise seller_not_found()
    return seller


def registration(seller_id: str) -> Seller:
    with unit_of_work() as uow:
        return find_seller(uow, seller_id)


def registrations(status: str | None, pagination_parameters) -> list[Seller]:
    """A page of registrations, oldest first, so the queue of pending ones is reviewed in order."""
    statement = select(Seller).order_by(Seller.created_at, Seller.id)
    if status is not None:
        statement = statement.where(Seller.status == status)
    with unit_of_work() as uow:
        return page_of(uow.session, statement, pagination_parameters)


def _has_certificate(uow: UnitOfWork, seller_id: str) -> bool:
    return bool(uow.session.scalar(select(exists().where(
        SellerDocument.seller_id == seller_id, SellerDocument.kind == seller_rules.CERTIFICATE
    ))))


# The approval and the rejection are mailed by notifications, from SellerApproved and SellerRejected, in the
# seller's language; a request for documents announces no event, so auth mails it.
_DOCUMENTS_REQUESTED_NOTICE = (
    _("More documents are needed for your seller registration"),
    _("Upload them in the seller center; your registration goes back to review once you do."),
)
# How a refusal names a registration's status.
STATUS_NAMES = {
    seller_rules.PENDING: _("pending"), seller_rules.APPROVED: _("approved"), seller_rules.REJECTED: _("rejected"),
    seller_rules.DOCUMENTS_REQUESTED: _("waiting for documents"),
}


def decide_seller(seller_id: str, decision: str, reason: str | None, admin_id: str, origin: Origin) -> Seller:
    """An admin's decision on a registration: announced to the other services (notifications tells the seller of an
    approval or a rejection), audited; a request for documents is mailed to the seller here."""
    with unit_of_work() as uow:
        seller = find_seller(uow, seller_id, for_update=True)
        status = seller_rules.status_after_decision(seller.status, decision)
        if status is None:
            raise Problem(
                409,
                "seller-already-decided",
                _("Already decided"),
                _("This registration is %(status)s; only pending ones can be decided.",
                  status=STATUS_NAMES[seller.status]),
            )
        if (
            status == seller_rules.APPROVED
            and seller_rules.needs_certificate(seller.seller_type)
            and not _has_certificate(uow, seller.id)
        ):
            raise Problem(
                409,
                "certificate-missing",
                _("Certificate missing"),
                _("A business is approved only once its business registration certificate is uploaded: "
                  "ask the seller for documents instead."),
            )
        _decide(uow, seller, status, decision, reason, admin_id, origin)
        uow.commit()
        return seller


def _decide(uow: UnitOfWork, seller: Seller, status: str, decision: str, reason: str | None, admin_id: str,
            origin: Origin) -> None:
    now = clock.now()
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
                "representative_name": seller.representative_name,
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
    if status == seller_rules.DOCUMENTS_REQUESTED:
        subject, body = _DOCUMENTS_REQUESTED_NOTICE
        language = uow.session.scalar(select(Account.language).where(Account.id == seller.account_id))
        queue_notice(
            uow.session, channel="email", to=seller.email, subject=subject, language=language,
            body=_("%(body)s\n\nReason: %(reason)s", body=body, reason=reason) if reason else body,
        )
