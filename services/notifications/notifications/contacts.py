"""How to reach each account and in which language, from auth's AccountContactsChanged, and which account
acts for each seller, from SellerApproved or the account's own contacts: a read model, kept newest first.

Each AccountContactsChanged carries the whole picture with a revision that grows with every change; one
older than the picture kept (redelivered, or overtaken on the way) changes nothing. Learning a seller's
account delivers the notices that waited for it; learning an account's contacts sends what it was owed.
"""
from __future__ import annotations

from notifications import delivery
from notifications.domain.kinds import AGENT
from notifications.models import Recipient, SellerAccount
from servicekit.db import UnitOfWork

SELLER_ROLE = "seller"


def _picture(contacts: dict) -> dict:
    return {
        "revision": contacts["revision"],
        "email": contacts["email"],
        "phone": contacts["phone"],
        "language": contacts["language"],
        "roles": list(contacts["roles"]),
        "is_agent": AGENT in contacts["roles"],
        "seller_id": contacts["seller_id"],
        "active": contacts["active"],
    }


def learn_contacts(uow: UnitOfWork, contacts: dict) -> None:
    """Keep the newest picture of an account; then its seller's waiting notices and its owed messages go out."""
    account_id, picture = contacts["account_id"], _picture(contacts)
    # Before reading: a notice posted meanwhile owes its mail under the inbox's lock (and parks for a seller under
    # the seller's), so it commits first or sees this picture. Sellers' locks before inboxes', as delivery takes them.
    if contacts["seller_id"] is not None:
        delivery.lock_seller(uow.session, contacts["seller_id"])
    delivery.lock_inboxes(uow.session, [account_id])
    recipient = uow.session.get(Recipient, account_id, with_for_update=True)
    if recipient is None and uow.add_once(Recipient(account_id=account_id, **picture)):
        recipient = uow.session.get(Recipient, account_id)
    else:
        # Known already, or made just now by another worker: the newer picture wins.
        recipient = recipient or uow.session.get(Recipient, account_id, with_for_update=True)
        if recipient.revision >= picture["revision"]:
            return
        for name, value in picture.items():
            setattr(recipient, name, value)
    if recipient.seller_id is not None and SELLER_ROLE in recipient.roles:
        learn_seller_account(uow, recipient.seller_id, account_id)
    delivery.send_owed(uow, recipient)


def learn_seller_account(uow: UnitOfWork, seller_id: str, account_id: str) -> None:
    """The account that hears of this seller's business; notices that waited for it are delivered now."""
    delivery.lock_seller(uow.session, seller_id)
    known = uow.session.get(SellerAccount, seller_id, with_for_update=True)
    if known is None:
        if not uow.add_once(SellerAccount(seller_id=seller_id, account_id=account_id)):
            uow.session.get(SellerAccount, seller_id, with_for_update=True).account_id = account_id
    else:
        known.account_id = account_id
    delivery.deliver_waiting(uow, seller_id, account_id)
