"""The names each seller is registered under, learned from auth when the seller is approved: the business name
(or the representative's, for a seller without one) and the representative's. A bank account's holder must be
one of them. Names an account gives itself later are not registered names and count for nothing here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from servicekit.db import UnitOfWork
from servicekit.runtime import Runtime
from settlements.models import PayoutHold, SellerName

BUSINESS, REPRESENTATIVE = "business", "representative"


def _learn(uow: UnitOfWork, seller_id: str, named_by: str, name: str, at: datetime) -> None:
    row = uow.session.get(SellerName, (seller_id, named_by), with_for_update=True)
    if row is None:
        uow.session.add(SellerName(seller_id=seller_id, named_by=named_by, name=name, changed_at=at))
    elif row.changed_at <= at:  # a late, older event never overwrites a newer name
        row.name, row.changed_at = name, at


def learn_approved_seller(uow: UnitOfWork, event: dict[str, Any]) -> None:
    _learn(uow, event["seller_id"], BUSINESS, event["display_name"], event["approved_at"])
    if event.get("representative_name"):
        _learn(uow, event["seller_id"], REPRESENTATIVE, event["representative_name"], event["approved_at"])


def names_of(uow: UnitOfWork, seller_id: str) -> list[str]:
    return list(uow.session.scalars(select(SellerName.name).where(SellerName.seller_id == seller_id)))


@dataclass(frozen=True)
class KnownSeller:
    """A seller as settlement knows them: the registered names, and whether an admin holds their payouts."""

    seller_id: str
    business_name: str | None
    representative_name: str | None
    held: bool


def find_sellers(runtime: Runtime, words: str, limit: int = 20) -> list[KnownSeller]:
    """Sellers whose business or representative's name holds `words` (in any case), or whose id they are: how an
    admin finds the seller whose payouts to hold. By business name."""
    words = words.strip()
    with runtime.unit_of_work() as uow:
        matching = (select(SellerName.seller_id)
                    .where(or_(SellerName.name.icontains(words, autoescape=True), SellerName.seller_id == words.lower()))
                    .distinct().order_by(SellerName.seller_id).limit(limit))
        ids = list(uow.session.scalars(matching))
        names: dict[str, dict[str, str]] = {seller_id: {} for seller_id in ids}
        for row in uow.session.scalars(select(SellerName).where(SellerName.seller_id.in_(ids))):
            names[row.seller_id][row.named_by] = row.name
        held = set(uow.session.scalars(select(PayoutHold.seller_id).where(PayoutHold.seller_id.in_(ids))))
    found = [KnownSeller(seller_id, named.get(BUSINESS), named.get(REPRESENTATIVE), seller_id in held)
             for seller_id, named in names.items()]
    return sorted(found, key=lambda seller: (seller.business_name or seller.representative_name or "", seller.seller_id))
