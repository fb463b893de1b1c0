"""Admins' holds on a seller's payouts: while held, each payout of the seller waits (PayoutHeld, seller_held);
lifting the hold lets those payouts go on the worker's next run."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, select

from servicekit import clock
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from settlements.domain.payout_holds import SELLER_HELD
from settlements.models import Payout, PayoutHold, SellerName
from settlements.payouts import HELD, SCHEDULED, decide, hold_payout
from settlements.seller_names import BUSINESS


@dataclass(frozen=True)
class HeldSeller:
    """An admin's hold, with the seller's registered business name (None before settlement learnt it)."""

    seller_id: str
    business_name: str | None
    reason: str
    held_by: str
    held_at: datetime


def holds(runtime: Runtime) -> list[HeldSeller]:
    """Every hold, the latest first, each with whom it holds by name."""
    named = and_(SellerName.seller_id == PayoutHold.seller_id, SellerName.named_by == BUSINESS)
    with runtime.unit_of_work() as uow:
        rows = uow.session.execute(select(PayoutHold, SellerName.name).outerjoin(SellerName, named)
                                   .order_by(PayoutHold.held_at.desc()).limit(1000)).all()
    return [HeldSeller(hold.seller_id, name, hold.reason, hold.held_by, hold.held_at) for hold, name in rows]


def hold_seller(runtime: Runtime, admin_id: str, seller_id: str, reason: str) -> PayoutHold:
    """Hold every payout of the seller from now on, and those scheduled and not yet sent."""
    with runtime.unit_of_work() as uow:
        now = clock.now()
        hold = uow.session.get(PayoutHold, seller_id, with_for_update=True)
        if hold is None:
            hold = PayoutHold(seller_id=seller_id, reason=reason, held_by=admin_id, held_at=now)
            uow.session.add(hold)
        else:
            hold.reason, hold.held_by, hold.held_at = reason, admin_id, now
        for payout in uow.session.scalars(select(Payout).where(Payout.seller_id == seller_id,
                                                               Payout.status == SCHEDULED).with_for_update()):
            hold_payout(uow, payout, SELLER_HELD, now, detail=reason)
        uow.commit()
        return hold


def lift_hold(runtime: Runtime, seller_id: str) -> None:
    """Lift the hold: the payouts it held are decided again, as the payout job decides a new one: scheduled to the
    seller's account, or held for its own reason (no account, or one changed in the last day)."""
    with runtime.unit_of_work() as uow:
        hold = uow.session.get(PayoutHold, seller_id, with_for_update=True)
        if hold is None:
            raise Problem(404, "hold-not-found", _("No hold"), _("This seller's payouts are not held."))
        uow.session.delete(hold)
        uow.session.flush()
        now = clock.now()
        for payout in uow.session.scalars(select(Payout).where(
                Payout.seller_id == seller_id, Payout.status == HELD,
                Payout.hold_reason == SELLER_HELD).with_for_update()):
            decide(uow, payout, now)
        uow.commit()
