"""The week after delivery within which support asks orders to take goods back (a return or an exchange).

Orders holds its own customers to the same week (orders' domain.claims.RETURN_PERIOD) but takes
support's requests whatever their age, so support keeps to the week itself, before anything is sent.
Goods the seller is at fault for go back after the week too: orders' refusal after the week sends
such a customer to support, and the law gives a buyer of faulty goods months, not days.
"""
from __future__ import annotations

from datetime import datetime, timedelta

RETURN_PERIOD = timedelta(days=7)
GOODS_BACK = ("return", "exchange")
SELLER_FAULT_REASONS = frozenset({"defective", "damaged", "wrong_item", "not_delivered"})


def past_return_period(kind: str, reason_code: str, delivered_at: datetime | None, now: datetime) -> bool:
    """Whether goods delivered at `delivered_at` are past the week to be sent back for this reason.

    No delivery time (the goods are on their way, or support has not heard of their delivery yet):
    no week has run out, and orders, which knows the shipment, takes the request by its status.
    """
    return (
        kind in GOODS_BACK
        and reason_code not in SELLER_FAULT_REASONS
        and delivered_at is not None
        and now - delivered_at > RETURN_PERIOD
    )
