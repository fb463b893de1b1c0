"""How much of a refund goes back as money and how much as points.

A part of an order refunded goes back to the card first, up to what the card paid and was not
yet refunded; only the rest returns as points. The customer gets money before points.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RefundSplit:
    cash: int
    points: int

    @property
    def total(self) -> int:
        return self.cash + self.points


def split_refund(amount: int, cash_left: int, points_left: int) -> RefundSplit:
    """`amount` won refunded as cash then points; never more than either has left."""
    if amount < 0:
        raise ValueError("a refund is not negative")
    cash = min(amount, cash_left)
    points = min(amount - cash, points_left)
    return RefundSplit(cash=cash, points=points)
