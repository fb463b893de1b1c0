"""Approved sellers, as auth's SellerApproved announces them: only they run a shop."""
from __future__ import annotations

from typing import Any

from catalog.models import ApprovedSeller
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.problems import Problem


def record_approved_seller(uow: UnitOfWork, seller: dict[str, Any]) -> None:
    uow.session.merge(
        ApprovedSeller(
            seller_id=seller["seller_id"],
            account_id=seller["account_id"],
            display_name=seller["display_name"],
            approved_at=seller["approved_at"],
        )
    )


def refuse_unapproved_seller(uow: UnitOfWork, seller_id: str | None, *, lock: bool = False) -> None:
    """Refuse anyone auth has not approved as a seller; `lock` holds the seller's row until the transaction ends,
    so that changes of one seller's own settings run one after another."""
    if seller_id is None or uow.session.get(ApprovedSeller, seller_id, with_for_update=lock) is None:
        raise Problem(
            403,
            "seller-not-approved",
            _("Seller not approved"),
            _("Only sellers whose registration an admin approved may run a shop."),
        )


def seller_not_found() -> Problem:
    return Problem(404, "seller-not-found", "Not Found", _("No approved seller has this id."))
