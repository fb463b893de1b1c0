"""Settlements' part of the seller dashboard (G6): the next payout, the money recorded but not payable yet, and the
payouts held for an admin; a seller's own, or the whole platform's for admins.

The next payout is what the payout job will pay (settlements.payouts): on a payout day it takes every payable entry
not paid yet, and pays nothing when they add up to nothing or less. So a seller's next payout is the first upcoming
payout day on which the money expected so far adds up to more than nothing, money of passed days still unpaid
(refunds that outweighed sales) carried into it. The platform's is the earliest of the sellers' next payouts, with
every seller's money paid that day.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select

from contracts.dashboard import PLATFORM_SCOPE, SELLER_SCOPE
from servicekit import clock
from servicekit.korean_calendar import korean_day
from servicekit.runtime import Runtime
from settlements.models import LedgerEntry, Payout
from settlements.payouts import HELD
from settlements.statements import ExpectedPayout, expected_by_day, expected_payouts


def dashboard_figures(runtime: Runtime, seller_id: str | None, schedule: str) -> dict:
    """The figures of the seller's settlement, or of every seller's when `seller_id` is None, under the platform's
    payout `schedule`."""
    today = korean_day(clock.now())
    if seller_id is not None:
        expected = expected_payouts(runtime, seller_id, schedule)
        coming = next_payout(expected, today)
        not_payable_yet = sum(waiting.amount for waiting in expected if waiting.payout_day is None)
    else:
        coming, not_payable_yet = _platform_expected(runtime, schedule, today)
    held = select(func.count()).select_from(Payout).where(Payout.status == HELD)
    if seller_id is not None:
        held = held.where(Payout.seller_id == seller_id)
    with runtime.unit_of_work() as uow:
        held_count = uow.session.scalar(held)
    return {
        "scope": SELLER_SCOPE if seller_id is not None else PLATFORM_SCOPE,
        "next_payout": None if coming is None else {
            "payout_day": coming.payout_day, "amount": coming.amount, "entry_count": coming.entry_count},
        "not_payable_yet": not_payable_yet,
        "held": held_count,
    }


def next_payout(expected: list[ExpectedPayout], today: date) -> ExpectedPayout | None:
    """A seller's next payout from their expected money in order of payout day (statements.expected_payouts): the
    first day from `today` on whose money, with all before it still unpaid, adds up to more than nothing."""
    amount = entry_count = 0
    for waiting in expected:
        if waiting.payout_day is None:
            break
        amount, entry_count = amount + waiting.amount, entry_count + waiting.entry_count
        if waiting.payout_day >= today and amount > 0:
            return ExpectedPayout(waiting.payout_day, amount, entry_count)
    return None


def _platform_expected(runtime: Runtime, schedule: str, today: date) -> tuple[ExpectedPayout | None, int]:
    """The platform's next payout and every seller's money not payable yet, from one grouped read of the money
    not paid out."""
    with runtime.unit_of_work() as uow:
        rows = uow.session.execute(
            select(LedgerEntry.seller_id, LedgerEntry.payable_on, func.sum(LedgerEntry.amount), func.count())
            .where(LedgerEntry.payout_id.is_(None))
            .group_by(LedgerEntry.seller_id, LedgerEntry.payable_on)).all()
    by_seller: dict[str, list[tuple[date | None, int, int]]] = defaultdict(list)
    for seller_id, payable_on, amount, count in rows:
        by_seller[seller_id].append((payable_on, amount, count))
    not_payable_yet, coming = 0, []
    for seller_rows in by_seller.values():
        expected = expected_by_day(seller_rows, schedule)
        not_payable_yet += sum(waiting.amount for waiting in expected if waiting.payout_day is None)
        if (seller_next := next_payout(expected, today)) is not None:
            coming.append(seller_next)
    if not coming:
        return None, not_payable_yet
    first = min(payout.payout_day for payout in coming)
    on_first = [payout for payout in coming if payout.payout_day == first]
    return (ExpectedPayout(first, sum(p.amount for p in on_first), sum(p.entry_count for p in on_first)),
            not_payable_yet)
