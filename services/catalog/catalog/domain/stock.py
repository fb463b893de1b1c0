"""How much stock a product or a variant may hold, and how a seller's adjustment moves it."""
from __future__ import annotations

MAX_STOCK = 1_000_000


def stock_after_adjustment(stock: int, adjustment: int) -> int | None:
    """The stock once a seller adds `adjustment` units (negative: takes them away) to what it holds now; None
    when that would fall below 0 or rise above MAX_STOCK.

    An adjustment applies to the stock as it is, so units that orders reserved since the seller last looked
    stay reserved, which a stock the seller sets from what they saw would give back.
    """
    adjusted = stock + adjustment
    return adjusted if 0 <= adjusted <= MAX_STOCK else None
