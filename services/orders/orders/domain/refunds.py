"""How much of a refund goes back as money and how much as points, and the parts it is made of.

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


@dataclass(frozen=True)
class DiscountLeft:
    """What of a shipment's coupon discount no earlier refund of it kept back, and of that the seller coupon's part."""

    discount: int
    seller_discount: int

    @property
    def platform_discount(self) -> int:
        return self.discount - self.seller_discount


@dataclass(frozen=True)
class RefundParts:
    """How a refund of part of a shipment comes about; `amount` is what is given back, cash plus points.

    The discount share is kept back (the customer got it off the price of what they give back), and
    the fees are kept from the refund for the seller; `seller_discount_share` is the part of the
    discount share that came from the seller's own coupon, the rest being the platform coupon's.
    """

    items_amount: int
    discount_share: int
    seller_discount_share: int
    shipping_refund: int
    return_fee: int
    lost_free_shipping: int

    @property
    def amount(self) -> int:
        return self.items_amount - self.discount_share + self.shipping_refund - self.return_fee - self.lost_free_shipping


def seller_share(discount_share: int, proposed: int, left: DiscountLeft) -> int:
    """The seller coupon's part of a discount share: `proposed` (its proportional share), kept within what is
    left of each coupon's discount, so that over all refunds of a shipment neither part exceeds its coupon's.

    A share that takes the last of the discount takes the last of each part too; when even that cannot
    hold (earlier refunds whose parts are unknown), the seller's part never exceeds what is left of it.
    """
    lowest = max(discount_share - left.platform_discount, 0)
    highest = min(discount_share, left.seller_discount)
    return min(max(proposed, lowest), highest)


def settled_parts(proposed: RefundParts, given: int, left: DiscountLeft) -> RefundParts:
    """The parts of a refund that gave back `given` won, adding up to it exactly.

    `proposed` are the parts the refund rules named; what was given may be less:
    - never below 0: fees larger than what they are deducted from (items less discount share, plus any
      shipping given back) are reduced to what was actually kept, the return fee first, then the lost
      free shipping from what the return fee leaves;
    - never more than the shipment has left: each refund's discount share is rounded down, so the refund
      that empties a shipment is capped, and what the cap takes off is kept back as discount share (it is
      the rounding remainder of the discount).
    Conversely, a refund that gives back more than its proposed parts (a whole-shipment cancellation after
    earlier refunds whose parts are unknown) keeps back that much less discount.
    """
    base = proposed.items_amount - proposed.discount_share + proposed.shipping_refund
    return_fee = min(proposed.return_fee, max(base, 0))
    lost_free_shipping = min(proposed.lost_free_shipping, max(base - return_fee, 0))
    discount_share = proposed.discount_share + (base - return_fee - lost_free_shipping) - given
    return RefundParts(
        items_amount=proposed.items_amount,
        discount_share=discount_share,
        seller_discount_share=seller_share(discount_share, proposed.seller_discount_share, left),
        shipping_refund=proposed.shipping_refund,
        return_fee=return_fee,
        lost_free_shipping=lost_free_shipping,
    )
