"""What sellers and admins read of settlement: the money expected and when, payouts with their statements, the
ledger's entries, a month's summary for tax filing (with the data of the platform's tax invoice for its
commission), and the platform's totals."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, case, func, select

from servicekit.korean_calendar import period_end
from servicekit.languages import _
from servicekit.pagination import page_of
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from settlements.domain.ledger import KINDS, REFUND, SALE
from settlements.domain.payout_calendar import payout_day
from settlements.domain.tax_invoices import commission_invoice
from settlements.models import LedgerEntry, Payout
from settlements.payouts import STATUSES


@dataclass(frozen=True)
class ExpectedPayout:
    payout_day: date | None  # None: not payable yet (awaiting confirmation, or held back by a claim)
    amount: int
    entry_count: int


def expected_payouts(runtime: Runtime, seller_id: str, schedule: str) -> list[ExpectedPayout]:
    """Money recorded and not yet in a payout: by the day it will be paid, and what is not payable yet."""
    with runtime.unit_of_work() as uow:
        rows = uow.session.execute(
            select(LedgerEntry.payable_on, func.sum(LedgerEntry.amount), func.count())
            .where(LedgerEntry.seller_id == seller_id, LedgerEntry.payout_id.is_(None))
            .group_by(LedgerEntry.payable_on)).all()
    return expected_by_day(rows, schedule)


def expected_by_day(rows: Iterable[tuple[date | None, int, int]], schedule: str) -> list[ExpectedPayout]:
    """One seller's unpaid money by the day it became payable (None: not yet), as (day, won, entries), gathered
    by the day it will be paid; in order of those days, then what is not payable yet."""
    by_day: dict[date | None, list[int]] = defaultdict(lambda: [0, 0])
    for payable_on, amount, count in rows:
        day = payout_day(payable_on, schedule) if payable_on is not None else None
        by_day[day][0] += int(amount)
        by_day[day][1] += count
    return sorted((ExpectedPayout(day, amount, count) for day, (amount, count) in by_day.items()),
                  key=lambda expected: (expected.payout_day is None, expected.payout_day or date.min))


def payouts_page(runtime: Runtime, seller_id: str | None, status: str | None, pagination_parameters) -> list[Payout]:
    statement = select(Payout).order_by(Payout.payout_day.desc(), Payout.seller_id)
    if seller_id is not None:
        statement = statement.where(Payout.seller_id == seller_id)
    if status in STATUSES:
        statement = statement.where(Payout.status == status)
    with runtime.unit_of_work() as uow:
        return page_of(uow.session, statement, pagination_parameters)


@dataclass(frozen=True)
class Statement:
    payout: Payout
    entries: list[LedgerEntry]
    totals: dict[str, int]


def statement_of(runtime: Runtime, payout_id: str, seller_id: str | None) -> Statement:
    """A payout with every entry it took and their totals by kind; `seller_id` (a seller asking) must own it."""
    with runtime.unit_of_work() as uow:
        payout = uow.session.get(Payout, payout_id)
        if payout is None or (seller_id is not None and payout.seller_id != seller_id):
            raise Problem(404, "payout-not-found", _("Payout not found"), _("There is no such payout."))
        entries = list(uow.session.scalars(select(LedgerEntry).where(LedgerEntry.payout_id == payout_id)
                                           .order_by(LedgerEntry.recorded_at, LedgerEntry.id)))
    return Statement(payout, entries, totals_by_kind(entries))


def totals_by_kind(entries: list[LedgerEntry]) -> dict[str, int]:
    totals = dict.fromkeys(KINDS, 0)
    for entry in entries:
        totals[entry.kind] += entry.amount
    return totals


def _entries(seller_id: str, first: date | None, last: date | None) -> Select:
    statement = select(LedgerEntry).where(LedgerEntry.seller_id == seller_id)
    if first is not None:
        statement = statement.where(LedgerEntry.recorded_on >= first)
    if last is not None:
        statement = statement.where(LedgerEntry.recorded_on <= last)
    return statement.order_by(LedgerEntry.recorded_at.desc(), LedgerEntry.id.desc())


def entries_page(runtime: Runtime, seller_id: str, first: date | None, last: date | None,
                 pagination_parameters) -> list[LedgerEntry]:
    with runtime.unit_of_work() as uow:
        return page_of(uow.session, _entries(seller_id, first, last), pagination_parameters)


# An export covers at most this many entries; a longer range is asked for in parts.
MAX_EXPORTED_ENTRIES = 100_000


def exported_entries(runtime: Runtime, seller_id: str, first: date | None, last: date | None) -> list[LedgerEntry]:
    with runtime.unit_of_work() as uow:
        entries = list(uow.session.scalars(_entries(seller_id, first, last).limit(MAX_EXPORTED_ENTRIES + 1)))
    if len(entries) > MAX_EXPORTED_ENTRIES:
        raise Problem(422, "export-too-large", _("Too many entries"),
                      _("Export at most %(count)s entries at once: choose a shorter range.",
                        count=MAX_EXPORTED_ENTRIES))
    return entries


def _sums_by_kind(runtime: Runtime, first: date, last: date, seller_id: str | None) -> dict[str, int]:
    statement = (select(LedgerEntry.kind, func.sum(LedgerEntry.amount))
                 .where(LedgerEntry.recorded_on >= first, LedgerEntry.recorded_on <= last)
                 .group_by(LedgerEntry.kind))
    if seller_id is not None:
        statement = statement.where(LedgerEntry.seller_id == seller_id)
    with runtime.unit_of_work() as uow:
        found = dict(uow.session.execute(statement).all())
    return {kind: int(found.get(kind, 0)) for kind in KINDS}


@dataclass(frozen=True)
class MonthlySummary:
    month: date
    totals: dict[str, int]
    net: int
    invoice: dict


def monthly_summary(runtime: Runtime, seller_id: str, month: date) -> MonthlySummary:
    """What a seller's entries of a month (by the Korean day they were recorded) add up to, by kind, and the
    platform's tax invoice for the month's commission."""
    first = month.replace(day=1)
    totals = _sums_by_kind(runtime, first, period_end(first, "month"), seller_id)
    return MonthlySummary(first, totals, sum(totals.values()), commission_invoice(-totals["commission"]))


@dataclass(frozen=True)
class PlatformTotals:
    totals: dict[str, int]
    payouts: dict[str, tuple[int, int]]  # status -> (count, amount)


def platform_totals(runtime: Runtime, first: date, last: date) -> PlatformTotals:
    """Every seller's entries recorded in the range by kind, and the payouts of the range's days by status."""
    totals = _sums_by_kind(runtime, first, last, None)
    with runtime.unit_of_work() as uow:
        rows = uow.session.execute(
            select(Payout.status, func.count(), func.coalesce(func.sum(Payout.amount), 0))
            .where(Payout.payout_day >= first, Payout.payout_day <= last).group_by(Payout.status))
        payouts = {status: (0, 0) for status in STATUSES}
        payouts.update({status: (count, int(amount)) for status, count, amount in rows})
    return PlatformTotals(totals, payouts)


def seller_days(runtime: Runtime, first: date, last: date) -> list[tuple[date, str, int, int]]:
    """Each seller's won of products sold and refunded per Korean day, as the ledger recorded them: the ledger's
    side of the reconciliation with orders' sales statistics (contracts.reconciliation)."""
    sold = func.coalesce(func.sum(case((LedgerEntry.kind == SALE, LedgerEntry.amount), else_=0)), 0)
    refunded = func.coalesce(func.sum(case((LedgerEntry.kind == REFUND, -LedgerEntry.amount), else_=0)), 0)
    with runtime.unit_of_work() as uow:
        rows = uow.session.execute(
            select(LedgerEntry.recorded_on, LedgerEntry.seller_id, sold, refunded)
            .where(LedgerEntry.recorded_on >= first, LedgerEntry.recorded_on <= last,
                   LedgerEntry.kind.in_((SALE, REFUND)))
            .group_by(LedgerEntry.recorded_on, LedgerEntry.seller_id)
            .order_by(LedgerEntry.recorded_on, LedgerEntry.seller_id))
        return [(day, seller_id, int(sales), int(refunds)) for day, seller_id, sales, refunds in rows]
