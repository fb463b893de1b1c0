"""Who may compensate a customer after a case, how much, and when.

A case is compensated once, after it is resolved (or closed), by the seller it belongs to or by a
platform agent. A coupon is one of orders' coupons, so its value is set there. Points are capped
per case by who grants them: a seller pays for their own goodwill from a small budget, at most
5,000 points a case; an agent, who handles the platform's failures and escalated complaints, may
grant up to 30,000.
"""
from __future__ import annotations

from typing import NamedTuple

POINTS, COUPON = "points", "coupon"
KINDS = (POINTS, COUPON)
POINTS_LIMIT = {"seller": 5_000, "agent": 30_000}
# Statuses of an inquiry that may be compensated: the case is settled.
SETTLED = ("resolved", "closed")


class Refusal(NamedTuple):
    """Why a compensation is refused: `reason` names the rule broken, `detail` tells the person."""

    reason: str
    detail: str


def compensation_refusal(
    role: str | None,
    inquiry_status: str,
    already_compensated: bool,
    kind: str,
    amount: int | None,
    coupon_id: str | None,
) -> Refusal | None:
    """Why this compensation cannot be granted, or None when it can."""
    if role not in POINTS_LIMIT:
        return Refusal("not-staff", "Only the seller of this inquiry or an agent compensates a customer.")
    if inquiry_status not in SETTLED:
        return Refusal("not-settled", "A case is compensated once it is resolved.")
    if already_compensated:
        return Refusal("already-compensated", "This case was compensated already.")
    if kind == POINTS and (amount is None or amount < 1):
        return Refusal("amount-required", "Give the number of points to grant.")
    if kind == POINTS and amount > POINTS_LIMIT[role]:
        return Refusal("over-limit", f"A {role} grants at most {POINTS_LIMIT[role]:,} points a case.")
    if kind == COUPON and coupon_id is None:
        return Refusal("coupon-required", "Name the coupon to grant.")
    return None
