"""Seller shipping settings (C3): the methods offered and what a seller charges when none were set."""
from __future__ import annotations

from collections.abc import Iterable

PARCEL, QUICK, DIRECT = "parcel", "quick", "direct"
SHIPPING_METHODS = (PARCEL, QUICK, DIRECT)
MAX_FEE = 1_000_000

# What a seller who never set their shipping settings charges: a parcel at 3000 won, free from 50000.
DEFAULT_SHIPPING_SETTINGS = {
    "methods": [PARCEL],
    "base_fee": 3000,
    "free_shipping_threshold": 50000,
    "remote_area_extra_fee": 0,
    "return_fee": 3000,
    "exchange_fee": 6000,
    "return_address": None,
    "return_policy": "",
}


def in_method_order(methods: Iterable[str]) -> list[str]:
    """Each method once, in the order the storefront lists them, however the seller gave them."""
    chosen = set(methods)
    return [method for method in SHIPPING_METHODS if method in chosen]
