"""Whether an order's lines can be reserved: each product (or variant) on sale, from its seller, priced, in stock."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, Sequence

from catalog.domain.pricing import Priced, current_price
from catalog.domain.products import ORDERABLE_STATUSES
from catalog.domain.variants import Variant


class Stocked(Priced, Protocol):
    id: str
    seller_id: str
    stock: int
    status: str
    # Empty for a product without variants.
    option_names: Sequence[str]
    variants: Sequence[Variant]


@dataclass(frozen=True)
class RequestedLine:
    product_id: str
    quantity: int
    unit_price: int
    # What the customer saw: the product's seller, and the variant they chose when it has variants.
    seller_id: str | None = None
    variant_id: str | None = None


@dataclass(frozen=True)
class ReservationRefused:
    reason: str
    detail: str
    product_ids: list[str]


def ordered_variant(product: Stocked, variant_id: str | None) -> Variant | None:
    """The active variant a line names; None when it names none or one the product does not sell."""
    return next((v for v in product.variants if v.id == variant_id and v.active), None)


def _is_available(products: dict[str, Stocked], line: RequestedLine) -> bool:
    product = products.get(line.product_id)
    if product is None or product.status not in ORDERABLE_STATUSES:
        return False
    if line.seller_id is not None and line.seller_id != product.seller_id:
        return False
    if line.variant_id is None:
        return not product.option_names
    return ordered_variant(product, line.variant_id) is not None


def _unit_price_now(products: dict[str, Stocked], line: RequestedLine, now: datetime) -> int:
    """What one unit of the line costs at `now`: the product's current price plus its variant's difference."""
    product = products[line.product_id]
    variant = ordered_variant(product, line.variant_id)
    return current_price(product, now) + (variant.price_difference if variant is not None else 0)


def check_reservation(
    products: dict[str, Stocked], lines: list[RequestedLine], now: datetime
) -> ReservationRefused | None:
    """None when every line can be reserved at `now`; otherwise the first reason it cannot.

    Availability is checked before price, and price before quantity, so the customer hears the
    most fundamental problem first. Quantities of the same product (or variant) on several lines add up.
    """
    unavailable = sorted({line.product_id for line in lines if not _is_available(products, line)})
    if unavailable:
        return ReservationRefused("product_unavailable", "Some products are not on sale.", unavailable)
    # A line at the list price during a sale, or at the sale price once it ended, is repriced too.
    repriced = sorted({line.product_id for line in lines if _unit_price_now(products, line, now) != line.unit_price})
    if repriced:
        return ReservationRefused("price_changed", "Some prices changed since the order was placed.", repriced)
    wanted: dict[tuple[str, str | None], int] = {}
    for line in lines:
        key = (line.product_id, line.variant_id)
        wanted[key] = wanted.get(key, 0) + line.quantity
    short = sorted(
        {
            product_id
            for (product_id, variant_id), quantity in wanted.items()
            if (ordered_variant(products[product_id], variant_id) or products[product_id]).stock < quantity
        }
    )
    if short:
        return ReservationRefused("insufficient_stock", "Not enough stock for some products.", short)
    return None
