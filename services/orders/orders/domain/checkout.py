"""What a checkout costs: the lines grouped into one shipment per seller, each seller's shipping fee,
coupon discounts and points, all in integer won and computed here, never taken from the client.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from orders.domain.coupons import SellerDiscount
from servicekit.languages import Message, _

MAX_LINES = 50
MAX_QUANTITY = 999
# The catalog's highest price; it also keeps every total well inside a 64-bit integer.
MAX_UNIT_PRICE = 100_000_000

# Postcode ranges (5-digit, since 2015) where carriers charge the remote-area surcharge: Jeju and
# the islands of Incheon (Ongjin), Gyeongbuk (Ulleung), Jeonnam (Sinan, Jindo, Wando islands),
# Gyeongnam (Tongyeong islands) and Chungnam (Boryeong islands).
REMOTE_AREA_POSTCODES = (
    (63000, 63644),
    (22386, 22388),
    (23004, 23010),
    (23100, 23136),
    (40200, 40240),
    (52570, 52571),
    (53031, 53033),
    (53089, 53104),
    (54000, 54000),
    (56347, 56349),
    (57068, 57069),
    (58760, 58762),
    (58800, 58866),
    (58953, 58958),
    (59102, 59103),
    (59127, 59127),
    (59137, 59166),
    (59650, 59650),
)


@dataclass(frozen=True)
class RequestedLine:
    product_id: str
    seller_id: str
    quantity: int
    unit_price: int
    variant_id: str | None = None

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class ShippingFees:
    """What one seller charges to ship: catalog announces it; these are catalog's defaults."""

    base_fee: int = 3000
    free_shipping_threshold: int | None = 50000
    remote_area_extra_fee: int = 0


@dataclass(frozen=True)
class ShipmentQuote:
    seller_id: str
    items_amount: int
    shipping_fee: int
    discount: int
    # The part of `discount` from the seller's own coupon; the rest is the platform coupon's.
    seller_discount: int = 0

    @property
    def payable(self) -> int:
        return self.items_amount + self.shipping_fee - self.discount


@dataclass(frozen=True)
class Quote:
    shipments: tuple[ShipmentQuote, ...]
    points_used: int

    @property
    def items_amount(self) -> int:
        return sum(s.items_amount for s in self.shipments)

    @property
    def shipping_fee(self) -> int:
        return sum(s.shipping_fee for s in self.shipments)

    @property
    def discount(self) -> int:
        return sum(s.discount for s in self.shipments)

    @property
    def total_amount(self) -> int:
        """What the payment provider is asked for."""
        return self.items_amount + self.shipping_fee - self.discount - self.points_used


class CheckoutRefused(ValueError):
    """The checkout cannot be priced as asked; the message (a Message) says what to change."""

    def __init__(self, field: str, message: Message):
        super().__init__(message)
        self.field = field


def is_remote_area(postcode: str) -> bool:
    number = int(postcode)
    return any(low <= number <= high for low, high in REMOTE_AREA_POSTCODES)


def items_by_seller(lines: Iterable[RequestedLine]) -> dict[str, int]:
    """Each seller's items amount, sellers in the order their first line came."""
    amounts: dict[str, int] = defaultdict(int)
    for line in lines:
        amounts[line.seller_id] += line.amount
    return dict(amounts)


def shipping_fee(fees: ShippingFees, items_amount: int, remote: bool) -> int:
    """The base fee unless the items reach the free-shipping threshold; islands pay the surcharge anyway."""
    free = fees.free_shipping_threshold is not None and items_amount >= fees.free_shipping_threshold
    return (0 if free else fees.base_fee) + (fees.remote_area_extra_fee if remote else 0)


def quote(
    lines: Iterable[RequestedLine],
    fees_by_seller: Mapping[str, ShippingFees],
    remote: bool,
    discount_by_seller: Mapping[str, SellerDiscount],
    points: int,
) -> Quote:
    """Price a checkout; raises CheckoutRefused when more points are asked than there is to pay."""
    discounts = {
        seller_id: discount_by_seller.get(seller_id, SellerDiscount()).within(amount)
        for seller_id, amount in items_by_seller(lines).items()
    }
    shipments = tuple(
        ShipmentQuote(
            seller_id=seller_id,
            items_amount=amount,
            shipping_fee=shipping_fee(fees_by_seller.get(seller_id, ShippingFees()), amount, remote),
            discount=discounts[seller_id].total,
            seller_discount=discounts[seller_id].seller_coupon,
        )
        for seller_id, amount in items_by_seller(lines).items()
    )
    payable = sum(s.payable for s in shipments)
    if points > payable:
        raise CheckoutRefused("points", _("At most %(points)s points can pay for this order.", points=payable))
    return Quote(shipments=shipments, points_used=points)


def request_fingerprint(body: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of the request body, so key order and spacing do not matter."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()

