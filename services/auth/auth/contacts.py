"""Reaching an account's owner: through their registered email, or their phone when they have no email; and
telling the other services how to reach them, in which language (AccountContactsChanged)."""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from auth.domain.accounts import ACTIVE, KOREAN, LANGUAGES
from auth.models import Account, Seller
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.languages import Message, _, translate
from servicekit.notifications import queue_notification


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_phone(phone: str) -> str:
    return f"{phone[:3]}-****-{phone[-4:]}"


def in_language(text: Message | str, language: str | None) -> str:
    """A mail's or text's words in its reader's language: an account's (or a sign-up's), Korean for any other."""
    return str(translate(text, language if language in LANGUAGES else KOREAN))


def queue_notice(session: Session, *, channel: str, to: str, subject: Message, body: Message, language: str | None,
                 named: bool = False) -> None:
    """Queue a mail or an SMS in the caller's transaction, written in `language`; a `named` SMS starts with the
    marketplace's name (a code's text names it in its own words)."""
    if named and channel == "sms":
        body = _("[Marketplace] %(body)s", body=body)
    queue_notification(session, channel=channel, to=to, subject=in_language(subject, language),
                       body=in_language(body, language))


def notify_owner(session: Session, account: Account, subject: Message, body: Message) -> None:
    """Queue a notice to the owner in their language, in the caller's transaction: email if they have one, else
    SMS."""
    channel, to = ("email", account.email) if account.email else ("sms", account.phone)
    queue_notice(session, channel=channel, to=to, subject=subject, body=body, language=account.language, named=True)


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
