"""The platform's commission per category and its payment processing fee: the rates in force at an instant,
and admins adding rates that take effect from a given instant on (never before now: a sale keeps its rate)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from servicekit import clock
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from settlements.models import COMMISSION, EVERY_CATEGORY, PAYMENT_FEE, FeeRate


@dataclass(frozen=True)
class RatesInForce:
    """The commission of each category asked about (the every-category rate for those without their own) and
    the payment fee, at one instant."""

    commission: dict[str | None, int]
    payment_fee: int


def _latest(session: Session, kind: str, categories: Iterable[str], at: datetime) -> dict[str, int]:
    rows = session.execute(
        select(FeeRate.category_id, FeeRate.rate)
        .where(FeeRate.kind == kind, FeeRate.category_id.in_(list(categories)), FeeRate.effective_from <= at)
        .order_by(FeeRate.effective_from)
    )
    return {category: rate for category, rate in rows}  # the latest of each category wins


def rates_in_force(session: Session, categories: Iterable[str | None], at: datetime) -> RatesInForce:
    asked = set(categories)
    commission = _latest(session, COMMISSION, {category for category in asked if category} | {EVERY_CATEGORY}, at)
    payment_fee = _latest(session, PAYMENT_FEE, {EVERY_CATEGORY}, at)
    if EVERY_CATEGORY not in commission or EVERY_CATEGORY not in payment_fee:
        raise LookupError(f"no every-category commission or payment fee in force at {at.isoformat()}")
    return RatesInForce(
        commission={category: commission.get(category or EVERY_CATEGORY, commission[EVERY_CATEGORY])
                    for category in asked},
        payment_fee=payment_fee[EVERY_CATEGORY],
    )


def rates_page(runtime: Runtime, kind: str | None, category_id: str | None) -> list[FeeRate]:
    with runtime.unit_of_work() as uow:
        statement = select(FeeRate).order_by(FeeRate.kind, FeeRate.category_id, FeeRate.effective_from.desc())
        if kind:
            statement = statement.where(FeeRate.kind == kind)
        if category_id:
            statement = statement.where(FeeRate.category_id == category_id)
        return list(uow.session.scalars(statement.limit(1000)))


def add_rate(runtime: Runtime, admin_id: str, kind: str, category_id: str, rate: int,
             effective_from: datetime | None) -> FeeRate:
    """A new rate from `effective_from` (now when not given) on; a rate can start later but not earlier than now,
    so no recorded sale changes its commission."""
    now = clock.now()
    starts = effective_from or now
    if starts < now:
        raise Problem(422, "rate-in-the-past", _("Rate starts in the past"),
                      _("A rate takes effect from now on or later; sales already made keep their rate."),
                      errors={"effective_from": [_("Give an instant from now on.")]})
    if kind == PAYMENT_FEE and category_id != EVERY_CATEGORY:
        raise Problem(422, "payment-fee-for-every-category", _("One payment fee for all"),
                      _("The payment fee is the same for every category: give category_id \"*\"."),
                      errors={"category_id": [_("The payment fee takes \"*\".")]})
    with runtime.unit_of_work() as uow:
        row = FeeRate(kind=kind, category_id=category_id, rate=rate, effective_from=starts, set_by=admin_id,
                      set_at=now)
        if not uow.add_once(row):
            raise Problem(409, "rate-already-set", _("Rate already set"),
                          _("This category already has a rate starting at that instant."))
        uow.commit()
        return row
