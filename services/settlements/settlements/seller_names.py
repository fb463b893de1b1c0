"""The names each seller is registered under, learned from auth: the shop's display name when it is approved,
and the name of every account that sells for it as its contacts change. A bank account's holder must match one."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from servicekit.db import UnitOfWork
from settlements.models import SellerName

SHOP = "shop"


def _learn(uow: UnitOfWork, seller_id: str, named_by: str, name: str, at: datetime) -> None:
    row = uow.session.get(SellerName, (seller_id, named_by), with_for_update=True)
    if row is None:
        uow.session.add(SellerName(seller_id=seller_id, named_by=named_by, name=name, changed_at=at))
    elif row.changed_at <= at:  # a late, older event never overwrites a newer name
        row.name, row.changed_at = name, at


def learn_approved_seller(uow: UnitOfWork, event: dict[str, Any]) -> None:
    _learn(uow, event["seller_id"], SHOP, event["display_name"], event["approved_at"])


def learn_account_name(uow: UnitOfWork, event: dict[str, Any]) -> None:
    """An account's name as it is now; an account that no longer sells for a shop no longer names it."""
    account_id, seller_id = event["account_id"], event.get("seller_id")
    if seller_id and "seller" in event["roles"] and event["active"]:
        _learn(uow, seller_id, account_id, event["name"], event["changed_at"])
    else:
        uow.session.execute(delete(SellerName).where(SellerName.named_by == account_id,
                                                     SellerName.changed_at <= event["changed_at"]))


def names_of(uow: UnitOfWork, seller_id: str) -> list[str]:
    return list(uow.session.scalars(select(SellerName.name).where(SellerName.seller_id == seller_id)))
