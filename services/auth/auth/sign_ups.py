"""Signing up, customer or seller: the account is made only once the code sent to its email or phone comes back.

Asking answers the same, after the same hashing work, whether the contact is free or taken: a free
one gets a code, a taken one's owner hears that someone tried. Confirming fails the same way for a
wrong, used, expired or unknown code, and for a contact taken meanwhile; every wrong try counts.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auth import audit
from auth.accounts import add_account, refuse_weak_password, taken_contacts
from auth.audit import Origin
from auth.contact_codes import invalid_code
from auth.contacts import announce_contacts, queue_notice
from auth.domain.accounts import CUSTOMER, KOREAN, SELLER, Login, parse_login
from auth.domain.passwords import hash_password
from auth.models import Account, SignUpRequest
from auth.one_time_codes import fresh_code, lifetime_in_words, spend_issuing_time, try_code
from auth.sellers import add_seller, refuse_invalid_seller_registration
from servicekit import clock
from servicekit.app import settings, unit_of_work
from servicekit.languages import _

SIGN_UP_SUBJECT = _("Confirm your sign-up")
INVALID_CODE_SLUG = "verification-code-invalid"
# How the notice to the owner of a taken contact names it, and the channel that reaches it.
TAKEN_CONTACTS = {
    "email": ("email", _("Someone tried to sign up with your email address"),
              _("Someone tried to sign up with this email address, which already has an account. "
                "If it was you, sign in or reset your password.")),
    "phone": ("sms", _("Someone tried to sign up with your mobile number"),
              _("Someone tried to sign up with this mobile number, which already has an account. "
                "If it was you, sign in or reset your password.")),
}


@dataclass(frozen=True)
class SignedUp:
    """An account just made by confirming its sign-up, and its seller registration's id (None for a customer)."""

    account: Account
    seller_id: str | None

    def __getattr__(self, name: str) -> Any:
        # Reached only for what the dataclass itself lacks: the account's columns.
        return getattr(self.account, name)


def request_customer_sign_up(fields: dict[str, Any]) -> None:
    """A customer's sign-up with an email or a phone (A1): 422 for a weak password, otherwise the same for any
    contact."""
    refuse_weak_password(fields["password"], fields.get("email"))
    _request_sign_up(CUSTOMER, fields.get("email"), fields.get("phone"), fields["password"],
                     {"name": fields["name"], "language": fields["language"]})


def request_seller_sign_up(fields: dict[str, Any]) -> None:
    """A seller's registration: 422 when it may not be submitted or the password is weak; otherwise as a customer's."""
    refuse_invalid_seller_registration(fields)
    refuse_weak_password(fields["password"], fields["email"])
    registration = {
        "name": fields["name"],
        "language": fields["language"],
        "seller_type": fields["seller_type"],
        "birth_date": fields["birth_date"].isoformat(),
        "business_name": fields.get("business_name"),
        "business_registration_number": fields.get("business_registration_number"),
    }
    _request_sign_up(SELLER, fields["email"], fields["phone"], fields["password"], registration)


def _request_sign_up(kind: str, email: str | None, phone: str | None, password: str, details: dict[str, Any]) -> None:
    """Keep the sign-up and send its code when the contacts are free; tell the owners of taken ones instead.

    Both ways hash twice (the password, then the code or nothing), so the time taken does not tell them apart.
    """
    password_hash = hash_password(password)
    with unit_of_work() as uow:
        taken = taken_contacts(uow.session, email, phone)
        if taken:
            spend_issuing_time()
            contacts = {"email": email, "phone": phone}
            for field in taken:
                _tell_owner_someone_tried(uow.session, field, contacts[field])
        else:
            _keep_and_send_code(uow.session, kind, email, phone, {**details, "password_hash": password_hash})
        uow.commit()


def _keep_and_send_code(session: Session, kind: str, email: str | None, phone: str | None,
                        details: dict[str, Any]) -> None:
    """Keep the request, retiring any earlier unused one for the same email or phone, and send its code."""
    same_contact = [SignUpRequest.email == email] if email else []
    same_contact += [SignUpRequest.phone == phone] if phone else []
    session.execute(
        update(SignUpRequest).where(SignUpRequest.used_at.is_(None), or_(*same_contact)).values(used_at=clock.now())
    )
    lifetime = settings().sign_up_code_lifetime_seconds
    code, kept = fresh_code(timedelta(seconds=lifetime))
    session.add(SignUpRequest(id=str(uuid.uuid4()), kind=kind, email=email, phone=phone, details=details, **kept))
    channel, to = ("email", email) if email else ("sms", phone)
    queue_notice(
        session, channel=channel, to=to, subject=SIGN_UP_SUBJECT, language=details["language"],
        body=_("Your Marketplace sign-up code is %(code)s. It expires in %(lifetime)s. Enter it to finish signing up. "
               "If you did not sign up, ignore this message: no account is made without the code.",
               code=code, lifetime=lifetime_in_words(lifetime)),
    )


def _tell_owner_someone_tried(session: Session, field: str, contact: str) -> None:
    """Tell the taken contact itself, on its own channel (it is the one whoever signed up typed), in the language of
    the account that has it."""
    channel, subject, body = TAKEN_CONTACTS[field]
    language = session.scalar(select(Account.language).where(getattr(Account, field) == contact))
    queue_notice(session, channel=channel, to=contact, subject=subject, body=body, language=language, named=True)


def _live_request(session: Session, login: Login) -> SignUpRequest | None:
    """The newest unused, unexpired request whose code went to the contact typed: its email, else its phone."""
    if login.email:
        sent_to = (SignUpRequest.email == login.email,)
    else:
        sent_to = (SignUpRequest.phone == login.phone, SignUpRequest.email.is_(None))
    return session.scalars(
        select(SignUpRequest)
        .where(*sent_to, SignUpRequest.used_at.is_(None), SignUpRequest.expires_at > clock.now())
        .order_by(SignUpRequest.created_at.desc())
        .with_for_update()
    ).first()


def confirm_sign_up(login: str, code: str, origin: Origin) -> SignedUp:
    """Make the account (and a seller's pending registration) whose sign-up `code` confirms."""
    with unit_of_work() as uow:
        pending = _live_request(uow.session, parse_login(login))
        proved = try_code(pending, code, settings().code_max_attempts)
        if not proved or taken_contacts(uow.session, pending.email, pending.phone):
            # The spent try, or the code used up on a contact taken since, is committed though the answer is an error.
            uow.commit()
            raise invalid_code(INVALID_CODE_SLUG)
        signed_up = _make_account(uow.session, pending)
        audit.record_audit(uow.session, audit.SIGNED_UP, account_id=signed_up.account.id, origin=origin,
                           role=pending.kind, seller_id=signed_up.seller_id)
        try:
            announce_contacts(uow, signed_up.account)
            uow.commit()
        except IntegrityError:
            # Another account took the contact between the check and the commit; the unique index decided.
            raise invalid_code(INVALID_CODE_SLUG) from None
        return signed_up


def _make_account(session: Session, pending: SignUpRequest) -> SignedUp:
    details = pending.details
    # A sign-up's kind is the role its account has.
    # A sign-up asked for before accounts had a language has none: Korean, as for everyone who does not choose.
    account = add_account(session, email=pending.email, phone=pending.phone, name=details["name"],
                          password_hash=details["password_hash"], roles=[pending.kind],
                          language=details.get("language", KOREAN))
    if pending.kind != SELLER:
        return SignedUp(account, None)
    registration = {**details, "birth_date": date.fromisoformat(details["birth_date"])}
    return SignedUp(account, add_seller(session, account, registration).id)
