"""How a claim support sent to orders stands, from orders' answers for each shipment it covers.

Orders opens a claim on each shipment a request takes goods from, and each shipment's seller answers
on their own, so a refund over two sellers' goods is approved, refused and completed twice. The claim
is settled only once every shipment's answer is in: completed when any shipment's claim completed
(the customer got that money or those goods), rejected when every one was refused. Until then it is
approved once any shipment's claim is. Orders' answers only move a claim forward; a late or repeated
answer changes nothing. An answer to a claim that timed out is still taken: what orders did (a
refund, say) did happen.
"""
from __future__ import annotations

from typing import Iterable

REQUESTED, APPROVED, REJECTED, COMPLETED = "requested", "approved", "rejected", "completed"
# Orders never took the request up in time; a new claim may be asked for.
TIMED_OUT = "timed_out"
OPEN_STATES = (REQUESTED, APPROVED)
SETTLED = (REJECTED, COMPLETED)
# How one shipment's claim moves on orders' answers.
SHIPMENT_MOVES = {
    REQUESTED: (APPROVED, REJECTED, COMPLETED),
    APPROVED: (REJECTED, COMPLETED),
}
# How the claim as a whole moves.
MOVES = {
    REQUESTED: (APPROVED, REJECTED, COMPLETED),
    APPROVED: (REJECTED, COMPLETED),
    TIMED_OUT: (APPROVED, REJECTED, COMPLETED),
}


def claim_status(current: str, shipment_statuses: Iterable[str]) -> str:
    """Where the claim stands now that its shipments' claims stand as they do; `current` until they
    move it forward."""
    statuses = list(shipment_statuses)
    if statuses and all(status in SETTLED for status in statuses):
        reached = COMPLETED if COMPLETED in statuses else REJECTED
    elif any(status in (APPROVED, COMPLETED) for status in statuses):
        reached = APPROVED
    else:
        reached = current
    return reached if reached in MOVES.get(current, ()) else current
