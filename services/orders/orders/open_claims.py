"""Whether a shipment has a claim still open: its purchase is not confirmed while one is."""
from __future__ import annotations

from sqlalchemy import Exists, exists, select
from sqlalchemy.orm import Session

from orders.domain.claims import OPEN_STATES
from orders.models import Shipment
from orders.models.claims import Claim


def open_claim_exists() -> Exists:
    """Whether a claim on the shipment (correlated) still waits for a decision or for goods."""
    return exists().where(Claim.shipment_id == Shipment.id, Claim.status.in_(OPEN_STATES))


def has_open_claim(session: Session, shipment_id: str) -> bool:
    """A shipment with an open claim cannot have its purchase confirmed."""
    return session.scalar(
        select(exists().where(Claim.shipment_id == shipment_id, Claim.status.in_(OPEN_STATES)))
    )
