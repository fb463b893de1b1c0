"""What a product costs now: its list price, or its sale price while the sale's period runs."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from servicekit.languages import Message, _


class Priced(Protocol):
    price: int
    sale_price: int | None
    sale_starts_at: datetime | None
    sale_ends_at: datetime | None


def is_on_sale_at(product: Priced, now: datetime) -> bool:
    """Whether the sale runs at `now`: from its start, included, to its end, excluded."""
    if product.sale_price is None or product.sale_starts_at is None or product.sale_ends_at is None:
        return False
    return product.sale_starts_at <= now < product.sale_ends_at


def current_price(product: Priced, now: datetime) -> int:
    """The price a customer pays at `now`, and so the unit price an order must carry."""
    return product.sale_price if is_on_sale_at(product, now) else product.price


def sale_problems(price: int, sale_price: int, starts_at: datetime, ends_at: datetime) -> dict[str, list[Message]]:
    """Why a sale cannot be set on a product at `price`, by field; empty when it can."""
    problems: dict[str, list[Message]] = {}
    if sale_price >= price:
        problems["sale_price"] = [_("A sale price must be below the price (%(price)s won).", price=price)]
    if ends_at <= starts_at:
        problems["ends_at"] = [_("A sale must end after it starts.")]
    return problems
