"""Who owns an inquiry: the seller for questions on their products and orders, the platform's
agents for account, payment, complaints and anything no single seller can answer.
"""
from __future__ import annotations

from contracts.events.support import INQUIRY_TYPES

SELLER, PLATFORM = "seller", "platform"
TYPES = INQUIRY_TYPES
# Types a seller can answer, when the inquiry names their product or their part of an order.
SELLER_TYPES = frozenset({"product", "order", "shipping"})


def owner_of(inquiry_type: str, seller_id: str | None) -> str:
    return SELLER if inquiry_type in SELLER_TYPES and seller_id is not None else PLATFORM
