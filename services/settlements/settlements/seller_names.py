"""The names each seller is registered under, learned from auth when the seller is approved: the business name
(or the representative's, for a seller without one) and the representative's. A bank account's holder must be
one of them. Names an account gives itself later are not registered names and count for nothing here."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from servicekit.db import UnitOfWork
from settlements.models import SellerName

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
