"""Admins' holds on a seller's payouts: while held, each payout of the seller waits (PayoutHeld, seller_held);
lifting the hold lets those payouts go on the worker's next run."""
from __future__ import annotations

from sqlalchemy import select

from servicekit import clock
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from settlements.domain.payout_holds import SELLER_HELD
from settlements.models import Payout, PayoutHold
from settlements.payouts import HELD, SCHEDULED, decide, hold_payout


def holds(runtime: Runtime) -> list[PayoutHold]:
    with runtime.unit_of_work() as uow:
        return list(uow.session.scalars(select(PayoutHold).order_by(PayoutHold.held_at.desc()).limit(1000)))


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
