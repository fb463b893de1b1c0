"""Who may compensate a customer after a case, how much, and when; what a compensation orders refused
tells the customer.

A case is compensated once, after it is resolved (or closed), by the seller it belongs to or by a
platform agent. A coupon is one of orders' coupons, so its value and its owner are known there, not here:
orders refuses a coupon that is not the grantor's (another shop's, or for an agent a seller's). Points are
capped per case by who grants them: a seller pays for their own goodwill from a small budget, at most
5,000 points a case; an agent, who handles the platform's failures and escalated complaints, may
grant up to 30,000.

A compensation is granted, then issued or refused by orders (a sold-out coupon, say). A refused one
gave the customer nothing, so it does not count as the case's compensation: the case goes back to a
person, who compensates another way within the same limits.
"""
from __future__ import annotations

from typing import NamedTuple

from servicekit.languages import Message, _

POINTS, COUPON = "points", "coupon"
KINDS = (POINTS, COUPON)
POINTS_LIMIT = {"seller": 5_000, "agent": 30_000}
# Statuses of an inquiry that may be compensated: the case is settled.
SETTLED = ("resolved", "closed")
GRANTED, ISSUED, REFUSED = "granted", "issued", "refused"
STATUSES = (GRANTED, ISSUED, REFUSED)
# Why orders refused a compensation (contracts' COMPENSATION_REFUSALS), in Korean and English.
REFUSAL_WORDS = {
    "coupon_sold_out": ("쿠폰이 모두 소진되어", "every copy of the coupon was taken"),
    "coupon_expired": ("쿠폰 사용 기간이 끝나", "the coupon has ended"),
    "coupon_withdrawn": ("쿠폰 발급이 중단되어", "the coupon was withdrawn"),
    "coupon_unknown": ("쿠폰을 찾을 수 없어", "the coupon could not be found"),
    "incomplete": ("보상 내용이 빠져 있어", "it did not say what to give"),
    "coupon_not_grantors": ("담당자가 드릴 수 있는 쿠폰이 아니어서", "it is not a coupon whoever granted it may give"),
}
KIND_WORDS = {POINTS: ("포인트를", "points"), COUPON: ("쿠폰을", "coupon")}


class Refusal(NamedTuple):
    """Why a compensation is refused: `reason` names the rule broken, `detail` tells the person."""

    reason: str
    detail: Message


def compensation_refusal(
    role: str | None,
    inquiry_status: str,
    already_compensated: bool,
    kind: str,
    amount: int | None,
    coupon_id: str | None,
) -> Refusal | None:
    """Why this compensation cannot be granted, or None when it can.

    `already_compensated`: the case has a compensation granted or issued; one orders refused does not count.
    """
    if role not in POINTS_LIMIT:
        return Refusal("not-staff", _("Only the seller of this inquiry or an agent compensates a customer."))
    if inquiry_status not in SETTLED:
        return Refusal("not-settled", _("A case is compensated once it is resolved."))
    if already_compensated:
        return Refusal("already-compensated", _("This case was compensated already."))
    if kind == POINTS and (amount is None or amount < 1):
        return Refusal("amount-required", _("Give the number of points to grant."))
    if kind == POINTS and amount > POINTS_LIMIT[role]:
        return Refusal("over-limit", _over_limit(role))
    if kind == COUPON and coupon_id is None:
        return Refusal("coupon-required", _("Name the coupon to grant."))
    return None


def _over_limit(role: str) -> Message:
    points = f"{POINTS_LIMIT[role]:,}"
    if role == "agent":
        return _("An agent grants at most %(points)s points a case.", points=points)
    return _("A seller grants at most %(points)s points a case.", points=points)


def refusal_notice(kind: str, reason: str) -> str:
    """What the customer reads when orders could not issue the compensation granted them."""
    korean_kind, english_kind = KIND_WORDS[kind]
    korean, english = REFUSAL_WORDS[reason]
    return (
        f"{korean} 보상으로 드리려던 {korean_kind} 지급하지 못했습니다. 담당자가 다른 방법으로 보상해 드리겠습니다. / "
        f"The {english_kind} granted to you as compensation could not be issued: {english}. "
        "A person will compensate you another way."
    )
