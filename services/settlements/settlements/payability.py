"""When a shipment's money may be paid: once its purchase is confirmed and no claim on it is open. Its entries
then get the day they became payable, from which the payout schedule tells their payout day."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from servicekit.db import UnitOfWork
from servicekit.korean_calendar import korean_day
from settlements.domain.ledger import NotSoldYet
from settlements.models import LedgerEntry, SettlementShipment, ShipmentClaim
from settlements.settings import process_settings


def payable_now(session: Session, shipment: SettlementShipment) -> bool:
    return shipment.confirmed_at is not None and not session.scalar(select(exists().where(
        ShipmentClaim.shipment_id == shipment.shipment_id, ShipmentClaim.is_open.is_(True))))


def _make_payable(session: Session, shipment: SettlementShipment, day: date) -> None:
    session.execute(
        update(LedgerEntry)
        .where(LedgerEntry.shipment_id == shipment.shipment_id, LedgerEntry.payable_on.is_(None),
               LedgerEntry.payout_id.is_(None))
        .values(payable_on=day)
    )


def confirm_purchase(uow: UnitOfWork, event: dict[str, Any]) -> None:
    """The sale is final: its money is payable from the day of confirmation, unless a claim holds it."""
    shipment = uow.session.get(SettlementShipment, event["shipment_id"], with_for_update=True)
    if shipment is None and process_settings().before_the_ledger(event["confirmed_at"]):
        return  # confirmed before the ledger's first day: sold before it too
    if shipment is None:
        raise NotSoldYet(f"purchase of shipment {event['shipment_id']} confirmed, but its sale is not recorded")
    if shipment.confirmed_at is not None or shipment.settled_before:
        return
    shipment.confirmed_at = event["confirmed_at"]
    if payable_now(uow.session, shipment):
        _make_payable(uow.session, shipment, korean_day(event["confirmed_at"]))


def open_claim(uow: UnitOfWork, event: dict[str, Any]) -> None:
    """A claim holds its shipment's money back until it ends; one that ended already (its end overtook its
    request) stays ended."""
    uow.add_once(ShipmentClaim(claim_id=event["claim_id"], shipment_id=event["shipment_id"], is_open=True,
                               changed_at=event["requested_at"]))


def close_claim(uow: UnitOfWork, event: dict[str, Any], at: datetime) -> None:
    """A claim ended (rejected, completed or withdrawn): a confirmed shipment with no other open claim becomes
    payable from this day."""
    claim = uow.session.get(ShipmentClaim, event["claim_id"], with_for_update=True)
    if claim is None:
        uow.session.add(ShipmentClaim(claim_id=event["claim_id"], shipment_id=event["shipment_id"], is_open=False,
                                      changed_at=at))
    elif not claim.is_open:
        return
    else:
        claim.is_open, claim.changed_at = False, at
    uow.session.flush()
    shipment = uow.session.get(SettlementShipment, event["shipment_id"], with_for_update=True)
    if shipment is not None and payable_now(uow.session, shipment):
        _make_payable(uow.session, shipment, korean_day(at))
