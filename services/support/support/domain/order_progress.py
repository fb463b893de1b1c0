"""How far an order has come, as support tells it from orders' events that may arrive late or twice.

A shipment goes paid -> preparing -> shipping -> delivered -> purchase_confirmed, or is cancelled
before it ships. Support only ever moves it forward, so a late event never takes it back.
"""
from __future__ import annotations

from typing import Iterable

from contracts.order_statuses import CANCELLED, FORWARD, PAID, PREPARING

# Orders cancels a shipment only before it is handed to a carrier.
CANCELLABLE = frozenset({PAID, PREPARING})


def moves_forward(current: str, target: str) -> bool:
    """Whether a shipment `current` may become `target`; cancelled and confirmed are final."""
    if target == CANCELLED:
        return current in CANCELLABLE
    if current == CANCELLED:
        return False
    return FORWARD.index(target) > FORWARD.index(current)


def order_status(shipment_statuses: Iterable[str]) -> str:
    """An order is as far along as its least advanced live shipment; cancelled only when all are."""
    live = [status for status in shipment_statuses if status != CANCELLED]
    if not live:
        return CANCELLED
    return min(live, key=FORWARD.index)
