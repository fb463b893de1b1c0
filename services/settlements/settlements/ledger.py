"""The ledger kept from orders' events: a paid order's shipments become sold lines and their entries; a refund
takes its part back; points a seller granted as compensation are charged to them. Each is recorded once (the entries' source is unique), with SettlementLineRecorded in the
same transaction."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select

from servicekit.db import UnitOfWork
from servicekit.korean_calendar import korean_day
from settlements.domain.ledger import (
    COMPENSATION,
    SHIPMENT_LINE,
    Entry,
    LineStanding,
    NotSoldYet,
    PaidShipment,
    Refund,
    RefundedLine,
    entries_of_refund,
    entries_of_sale,
)
from settlements.domain.ledger import SoldLine as Sold
from settlements.fee_rates import rates_in_force
from settlements.models import LedgerEntry, SettlementShipment, SoldLine
from settlements.payability import payable_now
from settlements.settings import process_settings

log = logging.getLogger(__name__)


def record_paid_order(uow: UnitOfWork, event: dict[str, Any]) -> None:
    """Record each shipment of a paid order with the rates in force when it was paid; a shipment recorded
    before is left as it is, and one paid before the ledger's first day is only known as settled before."""
    session, paid_at = uow.session, event["paid_at"]
    rates = rates_in_force(session, {line.get("category_id") for line in event["lines"]}, paid_at)
    for shipment in event["shipments"]:
        if session.get(SettlementShipment, shipment["shipment_id"]) is not None:
            continue
        if process_settings().before_the_ledger(paid_at):
            session.add(SettlementShipment(
                shipment_id=shipment["shipment_id"], order_id=event["order_id"], order_number=event["order_number"],
                seller_id=shipment["seller_id"], paid_at=paid_at, payment_fee_rate=rates.payment_fee,
                shipping_left=0, settled_before=True,
            ))
            continue
        lines = [line for line in event["lines"] if line["seller_id"] == shipment["seller_id"]]
        seller_discount = shipment.get("seller_discount")
        if seller_discount is None:
            # Only an OrderPaid from an orders that did not yet tell the parts apart: its discount is counted as
            # the platform's coupon, which the platform bears.
            log.warning("OrderPaid %s names no seller discount for shipment %s; counting none",
                        event["order_id"], shipment["shipment_id"])
            seller_discount = 0
        sold = [Sold(line["line_no"], line["quantity"], line["unit_price"], rates.commission[line.get("category_id")])
                for line in lines]
        entries, standings = entries_of_sale(
            PaidShipment(sold, shipment["shipping_fee"], seller_discount, rates.payment_fee))
        row = SettlementShipment(
            shipment_id=shipment["shipment_id"], order_id=event["order_id"], order_number=event["order_number"],
            seller_id=shipment["seller_id"], paid_at=paid_at, payment_fee_rate=rates.payment_fee,
            shipping_left=shipment["shipping_fee"],
        )
        session.add(row)
        by_line = {line["line_no"]: line for line in lines}
        session.add_all(
            SoldLine(
                shipment_id=row.shipment_id, line_no=standing.line_no, seller_id=row.seller_id,
                product_id=by_line[standing.line_no]["product_id"],
                product_name=by_line[standing.line_no]["product_name"][:200],
                category_id=by_line[standing.line_no].get("category_id"),
                quantity=by_line[standing.line_no]["quantity"], unit_price=by_line[standing.line_no]["unit_price"],
                sale_kept=standing.sale, seller_discount_kept=standing.seller_discount,
                commission_rate=standing.commission_rate, payment_fee_rate=standing.payment_fee_rate,
            )
            for standing in standings
        )
        _record(uow, row, "sale", row.shipment_id, entries, paid_at, payable_on=None)


def record_refund(uow: UnitOfWork, event: dict[str, Any]) -> None:
    """Record what a refund takes back from the seller and gives back of commission and fees; once per refund."""
    session = uow.session
    source = f"refund:{event['refund_id']}"
    if session.scalar(select(exists().where(LedgerEntry.source == source))):
        return
    shipment = session.get(SettlementShipment, event["shipment_id"], with_for_update=True)
    if shipment is None and process_settings().before_the_ledger(event["refunded_at"]):
        return  # refunded before the ledger's first day: sold before it too
    if shipment is None:
        raise NotSoldYet(f"refund {event['refund_id']} of shipment {event['shipment_id']}, not recorded as sold")
    if shipment.settled_before:
        return
    lines = {line.line_no: line for line in session.scalars(
        select(SoldLine).where(SoldLine.shipment_id == shipment.shipment_id).with_for_update())}
    standings = {number: LineStanding(number, line.sale_kept, line.seller_discount_kept, line.commission_rate,
                                      line.payment_fee_rate) for number, line in lines.items()}
    outcome = entries_of_refund(
        Refund(
            lines=[RefundedLine(line["line_no"], line["amount"]) for line in event["lines"]],
            seller_discount_share=event["seller_discount_share"],
            shipping_refund=event["shipping_refund"],
            return_fee=event["return_fee"],
            shipping_charged=event["lost_free_shipping"],
        ),
        standings, shipment.shipping_left, shipment.payment_fee_rate,
    )
    for standing in outcome.standings:
        lines[standing.line_no].sale_kept = standing.sale
        lines[standing.line_no].seller_discount_kept = standing.seller_discount
    shipment.shipping_left = outcome.shipping_left
    at = event["refunded_at"]
    _record(uow, shipment, "refund", event["refund_id"], outcome.entries, at,
            payable_on=korean_day(at) if payable_now(session, shipment) else None)


def record_compensation(uow: UnitOfWork, event: dict[str, Any]) -> None:
    """Charge the seller the points their staff granted a customer, once per compensation; payable at once. A
    coupon costs the seller when it is used (as their discount on that sale), and the platform's agents'
    compensation is the platform's."""
    seller_id = event.get("borne_by_seller_id")
    if event["kind"] != "points" or not seller_id or not event.get("amount"):
        return
    if process_settings().before_the_ledger(event["issued_at"]):
        return  # granted before the ledger's first day: settled before this service
    source_id = event.get("compensation_id") or event["inquiry_id"]
    if uow.session.scalar(select(exists().where(LedgerEntry.source == f"compensation:{source_id}"))):
        return
    at = event["issued_at"]
    _record(uow, _NoShipment(seller_id), "compensation", source_id,
            [Entry(SHIPMENT_LINE, COMPENSATION, -event["amount"])], at, payable_on=korean_day(at))


@dataclass(frozen=True)
class _NoShipment:
    """What a compensation's entries are recorded against: its seller, and no shipment or order."""

    seller_id: str
    shipment_id: None = None
    order_id: None = None
    order_number: None = None


def _record(uow: UnitOfWork, shipment: SettlementShipment | _NoShipment, source: str, source_id: str,
            entries: list[Entry], at: datetime, payable_on) -> None:
    day = korean_day(at)
    uow.session.add_all(
        LedgerEntry(
            seller_id=shipment.seller_id, shipment_id=shipment.shipment_id, order_id=shipment.order_id,
            order_number=shipment.order_number, line_no=entry.line_no, kind=entry.kind, amount=entry.amount,
            base=entry.base, rate=entry.rate, source=f"{source}:{source_id}", recorded_at=at, recorded_on=day,
            payable_on=payable_on,
        )
        for entry in entries
    )
    uow.record("SettlementLineRecorded", {
        "seller_id": shipment.seller_id, "order_id": shipment.order_id, "shipment_id": shipment.shipment_id,
        "source": source, "source_id": source_id,
        "entries": [{"line_no": entry.line_no, "kind": entry.kind, "amount": entry.amount} for entry in entries],
        "total": sum(entry.amount for entry in entries), "recorded_at": at,
    })
