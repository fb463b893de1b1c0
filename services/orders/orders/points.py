"""Points use cases: the balance, spending at checkout, giving back on refunds, grants, adjustments
and the expiry job. Spending, giving back and grants run inside the caller's unit of work and never
commit; the customer's and the admin's own requests and the job commit their own.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from orders.domain.points import (
    Lot,
    NotEnoughPoints,
    consumption,
    expiring_soon,
    expiry_of,
    purchase_reward,
    restorable,
)
from orders.models.rewards import PointEntry
from servicekit import clock
from servicekit.batch_jobs import change_each_due
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.pagination import page_of
from servicekit.problems import Problem
from servicekit.runtime import Runtime

log = logging.getLogger(__name__)

EXPIRY_BATCH = 500


def balance(session: Session, customer_id: str, at: datetime) -> int:
    """The sum of the ledger, less lots already past their expiry that the job has not yet closed."""
    overdue = case((PointEntry.expires_at <= at, PointEntry.remaining), else_=0)
    # PostgreSQL sums bigints as numeric.
    return int(
        session.scalar(
            select(func.coalesce(func.sum(PointEntry.amount - overdue), 0)).where(PointEntry.customer_id == customer_id)
        )
    )


def _lots(customer_id: str) -> Select:
    return select(PointEntry).where(
        PointEntry.customer_id == customer_id, PointEntry.amount > 0, PointEntry.remaining > 0
    )


def expiring_within_notice(session: Session, customer_id: str, at: datetime) -> int:
    """Points of the customer that expire in the next 30 days."""
    entries = session.scalars(_lots(customer_id).where(PointEntry.expires_at > at))
    return expiring_soon([Lot(e.id, e.remaining, e.expires_at) for e in entries], at)


@dataclass(frozen=True)
class PointsHeld:
    balance: int
    expiring_within_30_days: int


def points_held(runtime: Runtime, customer_id: str) -> PointsHeld:
    """The customer's balance and how much of it expires in the next 30 days."""
    now = clock.now()
    with runtime.unit_of_work() as uow:
        return PointsHeld(balance(uow.session, customer_id, now), expiring_within_notice(uow.session, customer_id, now))


def ledger_page(runtime: Runtime, customer_id: str, paging) -> list[PointEntry]:
    """A page of the customer's ledger, newest first."""
    statement = (
        select(PointEntry)
        .where(PointEntry.customer_id == customer_id)
        .order_by(PointEntry.created_at.desc(), PointEntry.id)
    )
    with runtime.unit_of_work() as uow:
        return page_of(uow.session, statement, paging)


def _consume(uow: UnitOfWork, customer_id: str, amount: int, at: datetime) -> None:
    """Take `amount` from the customer's lots, earliest expiry first.

    The lots are locked, so a concurrent spending waits here and then sees what this one left.
    """
    statement = (
        _lots(customer_id)
        .where(PointEntry.expires_at > at)
        .order_by(PointEntry.expires_at, PointEntry.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    entries = {entry.id: entry for entry in uow.session.scalars(statement)}
    try:
        taken = consumption([Lot(e.id, e.remaining, e.expires_at) for e in entries.values()], amount, at)
    except NotEnoughPoints as short:
        raise Problem(
            422,
            "not-enough-points",
            _("Not enough points"),
            _("You asked to use %(requested)s points but have %(available)s.", requested=short.requested, available=short.available),
            errors={"points": [_("At most %(available)s.", available=short.available)]},
        ) from None
    for lot, points in taken:
        entries[lot.entry_id].remaining -= points


def _granted(uow: UnitOfWork, entry: PointEntry) -> None:
    uow.record(
        "PointsGranted",
        {
            "entry_id": entry.id,
            "customer_id": entry.customer_id,
            "kind": entry.kind,
            "amount": entry.amount,
            "balance": balance(uow.session, entry.customer_id, entry.created_at),
            "expires_at": entry.expires_at,
            "granted_at": entry.created_at,
        },
    )


def _entry(customer_id: str, kind: str, amount: int, reference: str, at: datetime, **extra) -> PointEntry:
    """A ledger line: a positive amount is a lot lasting a year, a negative one takes points away."""
    granted = amount > 0
    return PointEntry(
        id=str(uuid.uuid4()),
        customer_id=customer_id,
        kind=kind,
        amount=amount,
        remaining=amount if granted else 0,
        expires_at=expiry_of(at) if granted else None,
        reference=reference,
        created_at=at,
        **extra,
    )


def _debit(
    uow: UnitOfWork, customer_id: str, kind: str, amount: int, reference: str, at: datetime, **extra
) -> PointEntry:
    """Write down `amount` points spent, expired or taken away."""
    entry = _entry(customer_id, kind, -amount, reference, at, **extra)
    uow.session.add(entry)
    uow.session.flush()
    return entry


def grant(uow: UnitOfWork, customer_id: str, kind: str, amount: int, reference: str, at: datetime) -> bool:
    """Grant `amount` points once per (kind, reference); False when they were already granted."""
    entry = _entry(customer_id, kind, amount, reference, at)
    if not uow.add_once(entry):
        return False
    _granted(uow, entry)
    return True


def grant_purchase_reward(uow: UnitOfWork, customer_id: str, shipment_id: str, paid_amount: int, at: datetime) -> None:
    """A confirmed shipment earns 1% of what was paid for it, once."""
    reward = purchase_reward(paid_amount)
    if reward > 0:
        grant(uow, customer_id, "purchase_reward", reward, shipment_id, at)


def grant_review_reward(
    uow: UnitOfWork, customer_id: str, order_id: str, line_no: int, amount: int, at: datetime
) -> None:
    """A review's reward, once per order line even when the review is deleted and posted again."""
    grant(uow, customer_id, "review_reward", amount, f"{order_id}:{line_no}", at)


def spend(uow: UnitOfWork, customer_id: str, order_id: str, amount: int, at: datetime) -> None:
    """Use `amount` points on an order; 422 not-enough-points when the balance is lower."""
    if amount == 0:
        return
    _consume(uow, customer_id, amount, at)
    entry = _debit(uow, customer_id, "checkout", amount, order_id, at, order_id=order_id)
    uow.record(
        "PointsSpent",
        {
            "entry_id": entry.id,
            "customer_id": customer_id,
            "order_id": order_id,
            "amount": amount,
            "balance": balance(uow.session, customer_id, at),
            "spent_at": at,
        },
    )


def _order_total(session: Session, order_id: str, kind: str) -> int:
    return int(
        session.scalar(
            select(func.coalesce(func.sum(PointEntry.amount), 0)).where(
                PointEntry.order_id == order_id, PointEntry.kind == kind
            )
        )
    )


def restore(uow: UnitOfWork, customer_id: str, order_id: str, amount: int, reference: str, at: datetime) -> None:
    """Give back points spent on an order as a new lot, once per `reference`, never more than it spent."""
    give = restorable(
        amount,
        spent=-_order_total(uow.session, order_id, "checkout"),
        restored=_order_total(uow.session, order_id, "refund"),
    )
    if give > 0:
        entry = _entry(customer_id, "refund", give, reference, at, order_id=order_id)
        if uow.add_once(entry):
            _granted(uow, entry)


def adjust(runtime: Runtime, customer_id: str, amount: int, reason: str) -> PointEntry:
    """An admin adds (a new lot) or takes away (from the earliest-expiring lots) points, saying why;
    422 not-enough-points when taking more than the customer has."""
    with runtime.unit_of_work() as uow:
        entry = _adjust(uow, customer_id, amount, reason, clock.now())
        uow.commit()
    return entry


def _adjust(uow: UnitOfWork, customer_id: str, amount: int, reason: str, at: datetime) -> PointEntry:
    if amount < 0:
        _consume(uow, customer_id, -amount, at)
    entry = _entry(customer_id, "adjustment", amount, str(uuid.uuid4()), at, reason=reason)
    uow.session.add(entry)
    uow.session.flush()
    if amount > 0:
        _granted(uow, entry)
    else:
        uow.record(
            "PointsDeducted",
            {
                "entry_id": entry.id,
                "customer_id": customer_id,
                "amount": -amount,
                "balance": balance(uow.session, customer_id, at),
                "reason": reason,
                "deducted_at": at,
            },
        )
    return entry


def expire_points(runtime: Runtime) -> int:
    """The scheduled job: close every lot past its expiry with an expiry entry; returns how many lots."""

    def due(now: datetime) -> Select:
        return (
            select(PointEntry)
            .where(PointEntry.amount > 0, PointEntry.remaining > 0, PointEntry.expires_at <= now)
            .order_by(PointEntry.expires_at)
        )

    def expire(uow: UnitOfWork, lot: PointEntry, now: datetime) -> None:
        expired = _debit(uow, lot.customer_id, "expiry", lot.remaining, lot.id, now)
        lot.remaining = 0
        uow.record(
            "PointsExpired",
            {
                "entry_id": expired.id,
                "customer_id": lot.customer_id,
                "amount": -expired.amount,
                "balance": balance(uow.session, lot.customer_id, now),
                "expired_at": now,
            },
        )

    expired = change_each_due(runtime, due, expire, batch=EXPIRY_BATCH)
    if expired:
        log.info("expired %d lots of points", expired)
    return expired
