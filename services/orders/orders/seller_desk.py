"""A seller's desk: how many shipments wait in each status, confirming and dispatching many at once, the packing list.

Bulk actions run each shipment through the lifecycle use cases, each in its own unit of work, so one
refused row undoes nothing else and every row obeys the same rules and records the same events.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import func

from orders import lifecycle
from orders.domain.dispatch_sheet import DispatchRow
from orders.domain.lifecycle import PENDING, STATUSES
from orders.domain.visibility import Viewer
from orders.models import Order, Shipment
from orders.visible_orders import shipments_seen_by
from servicekit.languages import _, translate
from servicekit.problems import Problem, problem_type
from servicekit.runtime import Runtime

COUNTED_STATUSES = tuple(status for status in STATUSES if status != PENDING)
PACKING_LIST_COLUMNS = (
    "order_number", "recipient_name", "phone", "postcode", "address", "delivery_note",
    "product_name", "option", "quantity",
)


def shipment_counts(runtime: Runtime, viewer: Viewer) -> dict[str, int]:
    """How many of the viewer's shipments are in each status (every status present), in one GROUP BY."""
    statement = shipments_seen_by(viewer).with_only_columns(Shipment.status, func.count()).group_by(Shipment.status)
    with runtime.unit_of_work() as uow:
        counted = {status: count for status, count in uow.session.execute(statement)}
    return {status: counted.get(status, 0) for status in COUNTED_STATUSES}


def _failed(problem: Problem) -> dict[str, Any]:
    shown = {"type": problem_type(problem.slug), "status": problem.status, "detail": translate(problem.detail)}
    return {"ok": False, "problem": shown}


def _with_totals(results: list[dict[str, Any]], done: str) -> dict[str, Any]:
    succeeded = sum(1 for result in results if result["ok"])
    return {"results": results, done: succeeded, "failed": len(results) - succeeded}


def confirm_shipments(runtime: Runtime, viewer: Viewer, shipment_ids: Iterable[str]) -> dict[str, Any]:
    """Confirm each shipment on its own; another seller's id fails as not found, in its row only."""
    results = []
    for shipment_id in shipment_ids:
        try:
            shipment = lifecycle.confirm_shipment(runtime, viewer, shipment_id)
        except Problem as problem:
            results.append({"shipment_id": shipment_id, **_failed(problem)})
            continue
        results.append({"shipment_id": shipment_id, "ok": True, "status": shipment.status})
    return _with_totals(results, "confirmed")


def _shipment_of_order(runtime: Runtime, viewer: Viewer, order_number: str) -> str:
    """The id of the viewer's shipment of an order; a seller has at most one per order."""
    statement = (
        shipments_seen_by(viewer)
        .with_only_columns(Shipment.id)
        .join(Order, Order.id == Shipment.order_id)
        .where(Order.order_number == order_number)
    )
    with runtime.unit_of_work() as uow:
        shipment_ids = list(uow.session.scalars(statement))
    if not shipment_ids:
        raise Problem(404, "order-not-found", "Not Found", _("No order with this number has a shipment of yours."))
    if len(shipment_ids) > 1:
        raise Problem(
            409,
            "order-has-several-shipments",
            _("Several shipments"),
            _("This order has a shipment from each of several sellers; dispatch it by shipment id."),
        )
    return shipment_ids[0]


def dispatch_sheet_rows(runtime: Runtime, viewer: Viewer, rows: Iterable[DispatchRow]) -> dict[str, Any]:
    """Dispatch the shipment each row names, each on its own; a row the sheet already refused fails as it is."""
    results = []
    for row in rows:
        shown = {"row": row.row, "order_number": row.order_number}
        if row.problem is not None:
            results.append({**shown, **_failed(Problem(422, row.problem.slug, _("Unusable row"), row.problem.detail))})
            continue
        try:
            shipment_id = _shipment_of_order(runtime, viewer, row.order_number)
            lifecycle.dispatch_shipment(runtime, viewer, shipment_id, row.carrier, row.tracking_number)
        except Problem as problem:
            results.append({**shown, **_failed(problem)})
            continue
        results.append({**shown, "ok": True, "shipment_id": shipment_id})
    return _with_totals(results, "dispatched")


@dataclass(frozen=True)
class PackingLine:
    """One line to pack: who it goes to and what, as many as are still bought."""

    order_number: str
    recipient_name: str | None
    phone: str | None
    postcode: str | None
    address: str
    delivery_note: str | None
    product_name: str | None
    option: str | None
    quantity: int

    def cells(self) -> tuple:
        return tuple(getattr(self, column) for column in PACKING_LIST_COLUMNS)


def packing_list(runtime: Runtime, viewer: Viewer, status: str) -> list[PackingLine]:
    """Every line still to pack of the viewer's shipments in `status`, the longest-waiting order first."""
    statement = shipments_seen_by(viewer).where(Shipment.status == status).order_by(Shipment.paid_at, Shipment.id)
    with runtime.unit_of_work() as uow:
        shipments = list(uow.session.scalars(statement))
    return [
        PackingLine(
            order_number=shipment.order.order_number,
            recipient_name=shipment.order.recipient_name,
            phone=shipment.order.recipient_phone,
            postcode=shipment.order.postcode,
            address=" ".join(part for part in (shipment.order.address1, shipment.order.address2) if part),
            delivery_note=shipment.order.delivery_note,
            product_name=line.product_name,
            # Catalog does not announce variant names yet: the option is the variant's id.
            option=line.variant_id,
            quantity=line.active_quantity,
        )
        for shipment in shipments
        for line in shipment.lines
        if line.active_quantity > 0
    ]
