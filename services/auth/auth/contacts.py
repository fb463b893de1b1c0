"""Reaching an account's owner: through their registered email, or their phone when they have no email; and
telling the other services how to reach them, in which language (AccountContactsChanged)."""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from auth.domain.accounts import ACTIVE
from auth.models import Account, Seller
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.notifications import queue_notification


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_phone(phone: str) -> str:
    return f"{phone[:3]}-****-{phone[-4:]}"


def notify_owner(session: Session, account: Account, subject: str, body: str) -> None:
    """Queue a notice to the owner in the caller's transaction: email if they have one, else SMS."""
    if account.email:
        queue_notification(session, channel="email", to=account.email, subject=subject, body=body)
    else:
        queue_notification(session, channel="sms", to=account.phone, subject=subject, body=f"[Marketplace] {body}")


def announce_contacts(uow: UnitOfWork, account: Account) -> None:
    """Record AccountContactsChanged with the account's whole picture as the caller's transaction leaves it, under
    the account's next revision.

    The database moves the revision on (one UPDATE, which holds the row until the transaction ends), so two
    changes of one account at once never share a revision, and the later to commit has the higher one; the
    picture is read back after it, so it is the one that revision stands for.
    """
    uow.session.flush()
    uow.session.execute(
        update(Account).where(Account.id == account.id).values(contacts_revision=Account.contacts_revision + 1),
        execution_options={"synchronize_session": False},
    )
    uow.session.refresh(account)
    seller_id = uow.session.scalar(select(Seller.id).where(Seller.account_id == account.id))
    uow.record(
        "AccountContactsChanged",
        {
            "account_id": account.id,
            "revision": account.contacts_revision,
            "name": account.name,
            "email": account.email,
            "phone": account.phone,
            "language": account.language,
            "roles": list(account.roles),
            "seller_id": seller_id,
            "active": account.status == ACTIVE,
            "changed_at": clock.now(),
        },
    )
