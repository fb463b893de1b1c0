"""Payouts: on each payout day, every seller's payable money is gathered into one payout whose statement lists
its entries; then each scheduled payout is sent to the bank, exactly once, under its own id as the idempotency
key. A payout waits for an admin when the seller is held, has no bank account, changed it in the last day, or
the bank refused it; the admin releases it once it may go.
"""
from __future__ import annotations

import logging
import uuid
from datetime import date, datetime

from sqlalchemy import func, select, update

from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.korean_calendar import korean_day
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from settlements.domain.payout_calendar import is_payout_day, payable_up_to
from settlements.domain.payout_holds import ACCOUNT_CHANGED, SELLER_HELD, TRANSFER_REFUSED, hold_reason
from settlements.models import BankAccount, LedgerEntry, Payout, PayoutHold
from settlements.transfers import BankTransfers, BankUnreachable, TransferRefused

log = logging.getLogger(__name__)

SCHEDULED, HELD, PAID = "scheduled", "held", "paid"
STATUSES = (SCHEDULED, HELD, PAID)


def run_payouts(runtime: Runtime, schedule: str, bank: BankTransfers) -> None:
    """The worker's payout job: make today's payouts on a payout day, then send every scheduled one that is due."""
    today = korean_day(clock.now())
    if is_payout_day(today, schedule):
        schedule_payouts(runtime, today, schedule)
    send_due_payouts(runtime, today, bank)


def _sellers_with_payable_money(runtime: Runtime, up_to: date) -> list[str]:
    with runtime.unit_of_work() as uow:
        return list(uow.session.scalars(
            select(LedgerEntry.seller_id).where(LedgerEntry.payout_id.is_(None), LedgerEntry.payable_on <= up_to)
            .distinct()))


def schedule_payouts(runtime: Runtime, day: date, schedule: str) -> int:
    """Make `day`'s payout of each seller with payable money, each in its own transaction; a seller paid on `day`
    already, or whose payable money adds up to nothing or less (refunds outweigh sales), gets none: their entries
    wait for a later payout. The number of payouts made."""
    up_to, made = payable_up_to(day, schedule), 0
    for seller_id in _sellers_with_payable_money(runtime, up_to):
        with runtime.unit_of_work() as uow:
            if _schedule_payout(uow, seller_id, day, up_to):
                made += 1
            uow.commit()
    return made


def _schedule_payout(uow: UnitOfWork, seller_id: str, day: date, up_to: date) -> bool:
    session = uow.session
    now = clock.now()
    payable = (LedgerEntry.seller_id == seller_id, LedgerEntry.payout_id.is_(None), LedgerEntry.payable_on <= up_to)
    count, total = session.execute(
        select(func.count(), func.coalesce(func.sum(LedgerEntry.amount), 0)).where(*payable)).one()
    if count == 0 or total <= 0:
        return False
    payout = Payout(id=str(uuid.uuid4()), seller_id=seller_id, payout_day=day, amount=total, entry_count=count,
                    status=SCHEDULED, scheduled_at=now)
    if not uow.add_once(payout):
        return False  # this seller's payout of the day exists: what became payable since waits for the next
    taken = session.execute(update(LedgerEntry).where(*payable).values(payout_id=payout.id)).rowcount
    if taken != count:  # an entry became payable between the sum and the update: sum what was taken
        payout.entry_count = taken
        payout.amount = session.scalar(select(func.sum(LedgerEntry.amount)).where(LedgerEntry.payout_id == payout.id))
        if payout.amount <= 0:  # what came in meanwhile was a charge: nothing to pay today after all
            session.rollback()
            return False
    decide(uow, payout, now)
    return True


def decide(uow: UnitOfWork, payout: Payout, now: datetime) -> None:
    """Schedule the payout to the seller's bank account, or hold it with the first reason that applies."""
    session = uow.session
    account = session.get(BankAccount, payout.seller_id)
    seller_hold = session.get(PayoutHold, payout.seller_id)
    reason = hold_reason(seller_held=seller_hold is not None,
                         account_changed_at=account.changed_at if account else None,
                         has_account=account is not None, now=now)
    if reason is None:
        schedule_to(uow, payout, account, now)
    else:
        if account is not None:
            _copy_account(payout, account)
        # Held by the admin's hold on the seller: with the admin's reason, as the payouts held when it was put.
        hold_payout(uow, payout, reason, now, detail=seller_hold.reason if reason == SELLER_HELD else None)


def _copy_account(payout: Payout, account: BankAccount) -> None:
    payout.bank_code, payout.account_number, payout.account_holder = (
        account.bank_code, account.account_number, account.holder_name)


def schedule_to(uow: UnitOfWork, payout: Payout, account: BankAccount, now: datetime) -> None:
    """Send the payout to `account` (copied onto it, as it is now) on the worker's next run; announce it."""
    _copy_account(payout, account)
    payout.status, payout.hold_reason, payout.hold_detail = SCHEDULED, None, None
    uow.record("PayoutScheduled", {"payout_id": payout.id, "seller_id": payout.seller_id,
                                   "payout_day": payout.payout_day, "amount": payout.amount,
                                   "entry_count": payout.entry_count, "scheduled_at": now})


def hold_payout(uow: UnitOfWork, payout: Payout, reason: str, now: datetime, detail: str | None = None) -> None:
    """Keep the payout for an admin, saying why; announce it."""
    payout.status, payout.hold_reason, payout.hold_detail, payout.held_at = HELD, reason, detail, now
    uow.record("PayoutHeld", {"payout_id": payout.id, "seller_id": payout.seller_id,
                              "payout_day": payout.payout_day, "amount": payout.amount, "reason": reason,
                              "held_at": now})


def send_due_payouts(runtime: Runtime, today: date, bank: BankTransfers) -> int:
    """Send each scheduled payout due by `today`, one transaction each. A transfer the bank did not answer is
    tried again on the next run with the same key; one it refused holds the payout. A payout that fails otherwise
    is logged and stays scheduled for the next run (its key makes a transfer made already come back, not go
    twice), and the others are sent. The number paid."""
    with runtime.unit_of_work() as uow:
        due = list(uow.session.scalars(select(Payout.id).where(Payout.status == SCHEDULED,
                                                                 Payout.payout_day <= today)))
    paid = 0
    for payout_id in due:
        try:
            with runtime.unit_of_work() as uow:
                paid += _send_payout(uow, payout_id, bank)
        except Exception:  # noqa: BLE001 - one payout's failure must not keep the others from being paid
            log.exception("payout %s could not be sent; trying again on the next run", payout_id)
    return paid


def _send_payout(uow: UnitOfWork, payout_id: str, bank: BankTransfers) -> bool:
    payout = uow.session.get(Payout, payout_id, with_for_update=True)
    if payout is None or payout.status != SCHEDULED:
        return False  # another worker sent it meanwhile
    now = clock.now()
    try:
        transfer = bank.send(idempotency_key=transfer_key(payout), bank_code=payout.bank_code or "",
                             account_number=payout.account_number or "",
                             holder=payout.account_holder or "", amount=payout.amount)
    except BankUnreachable as unreachable:
        log.warning("payout %s: the bank did not answer (%s); trying again on the next run", payout.id, unreachable)
        return False
    except TransferRefused as refused:
        hold_payout(uow, payout, TRANSFER_REFUSED, now, detail=str(refused))
        uow.commit()
        return False
    payout.status, payout.transfer_id, payout.paid_at = PAID, transfer.transfer_id, now
    ending = (payout.account_number or "")[-4:]
    uow.record("PayoutPaid", {"payout_id": payout.id, "seller_id": payout.seller_id,
                              "payout_day": payout.payout_day, "amount": payout.amount,
                              "transfer_id": transfer.transfer_id, "bank_code": payout.bank_code,
                              "account_ending": ending if len(ending) == 4 and ending.isascii() and ending.isdigit() else None,
                              "paid_at": now})
    uow.commit()
    return True


def transfer_key(payout: Payout) -> str:
    """The idempotency key of a payout's transfer: the payout and the account it goes to. The same payout sent
    again to the same account is the same transfer; released to another account after the bank refused the
    first, it is a new one."""
    return f"{payout.id}:{payout.bank_code}:{payout.account_number}"


def release_payout(runtime: Runtime, payout_id: str) -> Payout:
    """An admin lets a held payout go to the account they reviewed, the one copied onto it when it was held. If the
    seller changed their account since, it is held again with the new account for another review (409); a seller
    still held, or without an account, stays held (409). Once scheduled it is sent on the worker's next run."""
    with runtime.unit_of_work() as uow:
        payout = uow.session.get(Payout, payout_id, with_for_update=True)
        if payout is None:
            raise Problem(404, "payout-not-found", _("Payout not found"), _("There is no such payout."))
        if payout.status != HELD:
            raise Problem(409, "payout-not-held", _("Payout not held"),
                          _("Only a held payout can be released; this one is %(status)s.", status=payout.status))
        now = clock.now()
        session = uow.session
        account = session.get(BankAccount, payout.seller_id)
        reason = hold_reason(seller_held=session.get(PayoutHold, payout.seller_id) is not None,
                             account_changed_at=None, has_account=account is not None, now=now)
        if reason is not None:
            raise Problem(409, "payout-still-held", _("Payout still held"),
                          _("The seller is held or has no bank account; lift the hold or wait for an account."))
        if payout.held_at is None or account.changed_at > payout.held_at:
            _copy_account(payout, account)
            hold_payout(uow, payout, ACCOUNT_CHANGED, now)
            uow.commit()
            raise Problem(409, "account-changed-since-held", _("Account changed"),
                          _("The seller changed their bank account after this payout was held: review the new "
                            "account, then release it again."))
        schedule_to(uow, payout, account, now)
        uow.commit()
        return payout
