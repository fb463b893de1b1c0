"""Points rules: how long points last, what a purchase earns, and which lots a spending consumes.

Points are a ledger of lots. Each grant is a lot that expires a year after it was granted; a
spending takes from the lots that expire first, so the customer loses as little as possible to
expiry. Points given back for a refunded order are a new lot with a new year: simpler than
re-opening the lots the order consumed (some may have expired since), and never worse for the
customer.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

VALIDITY = timedelta(days=365)
EXPIRY_NOTICE = timedelta(days=30)
PURCHASE_REWARD_PERCENT = 1


class NotEnoughPoints(Exception):
    def __init__(self, requested: int, available: int):
        super().__init__(f"{requested} points were asked for but only {available} are available.")
        self.requested = requested
        self.available = available


@dataclass(frozen=True)
class Lot:
    """Granted points not yet spent or expired."""

    entry_id: str
    remaining: int
    expires_at: datetime


def expiry_of(granted_at: datetime) -> datetime:
    return granted_at + VALIDITY


def purchase_reward(paid_amount: int) -> int:
    """Points a confirmed purchase earns: 1% of what was paid, rounded down."""
    return max(paid_amount, 0) * PURCHASE_REWARD_PERCENT // 100


def usable(lots: list[Lot], at: datetime) -> list[Lot]:
    """The lots still valid at `at`, earliest expiry first."""
    return sorted((lot for lot in lots if lot.expires_at > at and lot.remaining > 0), key=lambda lot: lot.expires_at)


def consumption(lots: list[Lot], amount: int, at: datetime) -> list[tuple[Lot, int]]:
    """(lot, points taken) for spending `amount`, earliest expiry first; raises NotEnoughPoints."""
    valid = usable(lots, at)
    available = sum(lot.remaining for lot in valid)
    if amount > available:
        raise NotEnoughPoints(amount, available)
    taken: list[tuple[Lot, int]] = []
    left = amount
    for lot in valid:
        if left == 0:
            break
        take = min(lot.remaining, left)
        taken.append((lot, take))
        left -= take
    return taken


def expiring_soon(lots: list[Lot], at: datetime) -> int:
    """Points that expire within the notice period after `at`."""
    return sum(lot.remaining for lot in usable(lots, at) if lot.expires_at <= at + EXPIRY_NOTICE)


def restorable(requested: int, spent: int, restored: int) -> int:
    """What a refund may give back: never more than the order spent minus what it already got back."""
    return max(min(requested, spent - restored), 0)
