"""Product statuses and the rules that move between them; whether a change is based on the product as it is."""
from __future__ import annotations

DRAFT = "draft"
ON_SALE = "on_sale"
SOLD_OUT = "sold_out"
SUSPENDED = "suspended"
STATUSES = (DRAFT, ON_SALE, SOLD_OUT, SUSPENDED)
# A seller chooses only whether a product is ready; sold out follows stock, suspension is an admin's.
SELLER_STATUSES = (DRAFT, ON_SALE)
# The statuses everyone sees on the storefront; the others only the owner and admins.
STOREFRONT_STATUSES = (ON_SALE, SOLD_OUT)
# The statuses an order may name: a sold-out product is on sale but short of stock, so an order of it
# is refused for its stock, not as a product that is not on sale.
ORDERABLE_STATUSES = (ON_SALE, SOLD_OUT)


class SuspendedByAdmin(Exception):
    """A seller tried to change the status of a product an admin suspended."""


def status_after_stock_change(status: str, stock: int) -> str:
    """A product on sale sells out at zero stock and comes back on sale when restocked."""
    if status == ON_SALE and stock == 0:
        return SOLD_OUT
    if status == SOLD_OUT and stock > 0:
        return ON_SALE
    return status


def status_after_seller_edit(status: str, wanted: str | None, stock: int) -> str:
    """The status once a seller's edit applies: the one asked for (if any), then adjusted to the stock.

    Only an admin lifts a suspension, so a suspended product refuses any status the seller asks for.
    """
    if wanted is None:
        return status_after_stock_change(status, stock)
    if status == SUSPENDED:
        raise SuspendedByAdmin
    return status_after_stock_change(wanted, stock)


def status_after_suspension_lifted(stock: int) -> str:
    return status_after_stock_change(ON_SALE, stock)


def is_low_on_stock(stock: int, threshold: int) -> bool:
    """Whether stock is at or below the seller's threshold; a threshold of 0 never alerts."""
    return threshold > 0 and stock <= threshold


def is_stale(version: int, based_on: frozenset[int] | None) -> bool:
    """Whether a change based on one of the versions `based_on` (None: on whatever is there) would overwrite
    what changed since: orders' reservations, another edit. Only a change based on the current version applies.
    """
    return based_on is not None and version not in based_on
