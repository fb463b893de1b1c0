"""Coupon rules: whether an issued coupon may be used, what it takes off, and how a platform
coupon's discount is split over the sellers of an order, each seller's discount kept in its two parts:
the seller's own coupon (the seller bears it) and the platform coupon's share (the platform bears it).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from servicekit.languages import Message, _

FIXED, PERCENT = "fixed", "percent"
DISCOUNT_TYPES = (FIXED, PERCENT)
MAX_PERCENT = 90


class CouponNotUsable(Exception):
    def __init__(self, issued_coupon_id: str, reason: Message):
        super().__init__(_("Coupon %(coupon_id)s cannot be used: %(reason)s", coupon_id=issued_coupon_id, reason=reason))
        self.issued_coupon_id = issued_coupon_id
        self.reason = reason


@dataclass(frozen=True)
class Terms:
    """What a coupon gives and when; `seller_id` None for a platform coupon."""

    seller_id: str | None
    discount_type: str
    discount_value: int
    max_discount: int | None
    min_order_amount: int
    starts_at: datetime
    ends_at: datetime
    withdrawn: bool


@dataclass(frozen=True)
class SellerDiscount:
    """Won off one seller's items: from the seller's own coupon, and the platform coupon's share."""

    seller_coupon: int = 0
    platform_coupon: int = 0

    @property
    def total(self) -> int:
        return self.seller_coupon + self.platform_coupon

    def within(self, items_amount: int) -> SellerDiscount:
        """Never more than the items: the seller's coupon applies first, being for these items alone, and the
        platform's share is cut to what it leaves."""
        seller_coupon = min(self.seller_coupon, items_amount)
        return SellerDiscount(seller_coupon, min(self.platform_coupon, items_amount - seller_coupon))


@dataclass(frozen=True)
class OfferedCoupon:
    """An issued coupon a customer offers at checkout."""

    issued_coupon_id: str
    terms: Terms
    owner_id: str
    used: bool


def grantor_owns(coupon_seller_id: str | None, borne_by_seller_id: str | None) -> bool:
    """Whether whoever grants a compensation may give this coupon: a seller's staff (the compensation borne by
    their shop) only their shop's coupons, the platform's agents (borne by no seller) only platform coupons.

    A coupon's discounts are borne by its owner when it is used, so a grant of another's coupon would have one
    seller's goodwill paid for by another seller, or by the platform, and use up copies its owner put up.
    """
    return coupon_seller_id == borne_by_seller_id


def is_current(terms: Terms, at: datetime) -> bool:
    return not terms.withdrawn and terms.starts_at <= at < terms.ends_at


def discount_of(terms: Terms, amount: int) -> int:
    """Won off `amount`: percent rounds down and stops at max_discount; never more than `amount`."""
    if terms.discount_type == PERCENT:
        off = amount * terms.discount_value // 100
        if terms.max_discount is not None:
            off = min(off, terms.max_discount)
    else:
        off = terms.discount_value
    return max(min(off, amount), 0)


def split_in_proportion(total: int, amounts: dict[str, int]) -> dict[str, int]:
    """`total` won over the keys in proportion to their amounts, integer won, the remainder to the largest."""
    whole = sum(amounts.values())
    if whole <= 0:
        return {key: 0 for key in amounts}
    shares = {key: total * amount // whole for key, amount in amounts.items()}
    largest = max(amounts, key=lambda key: amounts[key])
    shares[largest] += total - sum(shares.values())
    return shares


def check_usable(offered: OfferedCoupon, customer_id: str, at: datetime) -> None:
    if offered.owner_id != customer_id:
        raise CouponNotUsable(offered.issued_coupon_id, _("it is not yours"))
    if offered.used:
        raise CouponNotUsable(offered.issued_coupon_id, _("it is already used"))
    if offered.terms.withdrawn:
        raise CouponNotUsable(offered.issued_coupon_id, _("it was withdrawn"))
    if not is_current(offered.terms, at):
        raise CouponNotUsable(offered.issued_coupon_id, _("it is outside its validity period"))


def discounts(
    offered: list[OfferedCoupon], customer_id: str, items_by_seller: dict[str, int], at: datetime
) -> dict[str, SellerDiscount]:
    """Won off each seller's items for these coupons, in its seller and platform parts: one coupon per
    seller and one platform coupon at most, each reaching its minimum on the amount it applies to.
    """
    platform_used = False
    sellers_used: set[str] = set()
    for coupon in offered:
        check_usable(coupon, customer_id, at)
        seller_id = coupon.terms.seller_id
        if seller_id is None:
            if platform_used:
                raise CouponNotUsable(coupon.issued_coupon_id, _("only one platform coupon applies to an order"))
            platform_used = True
            amount = sum(items_by_seller.values())
        else:
            if seller_id not in items_by_seller:
                raise CouponNotUsable(coupon.issued_coupon_id, _("the order has no items of its seller"))
            if seller_id in sellers_used:
                raise CouponNotUsable(coupon.issued_coupon_id, _("only one coupon per seller applies to an order"))
            sellers_used.add(seller_id)
            amount = items_by_seller[seller_id]
        if amount < coupon.terms.min_order_amount:
            raise CouponNotUsable(
                coupon.issued_coupon_id, _("it needs at least %(won)s won of items", won=coupon.terms.min_order_amount)
            )
    return split_discounts([coupon.terms for coupon in offered], items_by_seller)


def split_discounts(used: list[Terms], items_by_seller: dict[str, int]) -> dict[str, SellerDiscount]:
    """Won off each seller's items for coupons found usable, kept in the seller coupon's and the platform
    coupon's parts.

    A seller coupon applies to that seller's items, a platform coupon to all the items, split over
    the sellers in proportion; a seller's discount never exceeds their items (SellerDiscount.within).
    """
    seller_off = {seller_id: 0 for seller_id in items_by_seller}
    platform_off = {seller_id: 0 for seller_id in items_by_seller}
    for terms in used:
        if terms.seller_id is None:
            platform_off.update(split_in_proportion(discount_of(terms, sum(items_by_seller.values())), items_by_seller))
        elif terms.seller_id in seller_off:
            seller_off[terms.seller_id] = discount_of(terms, items_by_seller[terms.seller_id])
    return {
        seller_id: SellerDiscount(seller_off[seller_id], platform_off[seller_id]).within(amount)
        for seller_id, amount in items_by_seller.items()
    }
