"""Whether an order's lines can be reserved: every product on sale, at its current price, in stock."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from catalog.domain.pricing import Priced, current_price
from catalog.domain.products import ON_SALE


class Stocked(Priced, Protocol):
    id: str
    stock: int
    status: str


@dataclass(frozen=True)
class RequestedLine:
    product_id: str
    quantity: int
    unit_price: int


@dataclass(frozen=True)
class ReservationRefused:
    reason: str
    detail: str
    product_ids: list[str]


def check_reservation(
    products: dict[str, Stocked], lines: list[RequestedLine], now: datetime
) -> ReservationRefused | None:
    """None when every line can be reserved at `now`; otherwise the first reason it cannot.

    Availability is checked before price, and price before quantity, so the customer hears the
    most fundamental problem first. Quantities of the same product on several lines add up.
    """
    wanted: dict[str, int] = {}
    for line in lines:
        wanted[line.product_id] = wanted.get(line.product_id, 0) + line.quantity

    unavailable = [pid for pid in wanted if pid not in products or products[pid].status != ON_SALE]
    if unavailable:
        return ReservationRefused("product_unavailable", "Some products are not on sale.", sorted(unavailable))
    # A line at the list price during a sale, or at the sale price once it ended, is repriced too.
    repriced = sorted(
        {line.product_id for line in lines if current_price(products[line.product_id], now) != line.unit_price}
    )
    if repriced:
        return ReservationRefused("price_changed", "Some prices changed since the order was placed.", repriced)
    short = sorted(pid for pid, quantity in wanted.items() if products[pid].stock < quantity)
    if short:
        return ReservationRefused("insufficient_stock", "Not enough stock for some products.", short)
    return None
