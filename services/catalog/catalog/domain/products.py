"""Product statuses and the rules that move between them."""
from __future__ import annotations

ON_SALE = "on_sale"
SOLD_OUT = "sold_out"
STATUSES = ("draft", ON_SALE, SOLD_OUT, "suspended")


def status_after_stock_change(status: str, stock: int) -> str:
    """A product on sale sells out at zero stock and comes back on sale when restocked."""
    if status == ON_SALE and stock == 0:
        return SOLD_OUT
    if status == SOLD_OUT and stock > 0:
        return ON_SALE
    return status
