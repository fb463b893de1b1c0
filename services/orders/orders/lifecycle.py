"""Lifecycle use cases of a seller's shipment: the seller confirms, dispatches and delivers; the customer
confirms the purchase (or the worker does, a week after delivery); either cancels before shipping.
Every move is checked by the state machine and recorded as an event.
"""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Callable

from sqlalchemy import Select, select

from orders import coupons, points
from orders.domain.carriers import CARRIERS, normalized_tracking_number, tracking_problem
from orders.domain.checkout import is_remote_area
from orders.domain.refunds import RefundParts
from orders.domain.lifecycle import (
    BEFORE_SHIPPING,
    CANCELLED,
    DELIVERED,
    PREPARING,
    PURCHASE_CONFIRMATION_AFTER,
    PURCHASE_CONFIRMED,
    SHIPPING,
    STATUS_NAMES,
    IllegalTransition,
    customer_cancels_at_once,
    move,
    order_status,
    seller_may_cancel,
)
from orders.domain.visibility import Viewer
from orders.event_data import kept_lines, shipment_header
from orders.models import Order, PaymentRefund, Shipment
from orders.open_claims import has_open_claim, open_claim_exists
from orders.refunds import discount_left, refund_to_customer, refunded_for_shipment
from orders.visible_orders import find_order, shipment_for
from servicekit import clock
from servicekit.batch_jobs import change_each_due
from servicekit.db import UnitOfWork
from servicekit.languages import Message, _
from servicekit.problems import Problem
from servicekit.runtime import Runtime

ShipmentChange = Callable[[UnitOfWork, Shipment], None]


def _refuse_unless(allowed: bool, kind: str, detail: Message) -> None:
    if not allowed:
        raise Problem(403, kind, "Forbidden", detail)


def _sellers_only(viewer: Viewer, shipment: Shipment) -> None:
    _refuse_unless(
        viewer.acts_for(shipment.seller_id),
        "not-your-shipment",
        _("Only the seller of this shipment (or an admin) may do this."),
    )


def _customers_only(viewer: Viewer, shipment: Shipment) -> None:
    _refuse_unless(
        viewer.subject == shipment.order.customer_id,
        "not-your-order",
        _("Only the customer who placed this order may do this."),
    )


def _move(shipment: Shipment, target: str, at: datetime) -> None:
    try:
        move(shipment, target, at)
    except IllegalTransition as illegal:
        raise Problem(
            409,
            "illegal-transition",
            _("Illegal transition"),
            _(
                "This shipment is %(current)s; it cannot become %(target)s.",
                current=STATUS_NAMES[illegal.current],
                target=STATUS_NAMES[illegal.target],
            ),
        ) from None
    order = shipment.order
    order.status = order_status(s.status for s in order.shipments)
    order.updated_at = at


def _changed(runtime: Runtime, viewer: Viewer, shipment_id: str, change: ShipmentChange) -> Shipment:
    """Lock a shipment the viewer may see, change it and commit: one lifecycle step."""
    with runtime.unit_of_work() as uow:
        shipment = shipment_for(uow, viewer, shipment_id)
        change(uow, shipment)
        uow.commit()
    return shipment


def confirm_shipment(runtime: Runtime, viewer: Viewer, shipment_id: str) -> Shipment:
    """The seller confirms a paid shipment and starts preparing it."""

    def confirm(uow: UnitOfWork, shipment: Shipment) -> None:
        _sellers_only(viewer, shipment)
        now = clock.now()
        _move(shipment, PREPARING, now)
        uow.record("OrderPreparing", {**shipment_header(shipment), "confirmed_at": now})

    return _changed(runtime, viewer, shipment_id, confirm)


def dispatch_shipment(
    runtime: Runtime, viewer: Viewer, shipment_id: str, carrier: str, tracking_number: str
) -> Shipment:
    """The seller hands a prepared shipment to a carrier; its tracking number must look like that carrier's."""
    tracking_number = normalized_tracking_number(tracking_number)

    def dispatch(uow: UnitOfWork, shipment: Shipment) -> None:
        _sellers_only(viewer, shipment)
        problem = tracking_problem(carrier, tracking_number)
        if problem is not None:
            raise Problem(422, "invalid-tracking", _("Invalid tracking"), problem, errors={"tracking_number": [problem]})
        now = clock.now()
        _move(shipment, SHIPPING, now)
        shipment.carrier = carrier
        shipment.tracking_number = tracking_number
        uow.record(
            "OrderShipped",
            {**shipment_header(shipment), "carrier": carrier, "tracking_number": tracking_number, "shipped_at": now},
        )

    return _changed(runtime, viewer, shipment_id, dispatch)


def mark_delivered(runtime: Runtime, viewer: Viewer, shipment_id: str) -> Shipment:
    """The seller (or an admin, from the carrier's record) marks a shipment delivered."""

    def deliver(uow: UnitOfWork, shipment: Shipment) -> None:
        _sellers_only(viewer, shipment)
        now = clock.now()
        _move(shipment, DELIVERED, now)
        uow.record(
            "OrderDelivered", {**shipment_header(shipment), "lines": kept_lines(shipment.lines), "delivered_at": now}
        )

    return _changed(runtime, viewer, shipment_id, deliver)


def _confirm_purchase(uow: UnitOfWork, shipment: Shipment, automatic: bool, at: datetime) -> None:
    if has_open_claim(uow.session, shipment.id):
        raise Problem(
            409,
            "claim-open",
            _("A claim is open"),
            _("A return, exchange or refund of this shipment is still open; it must end before the purchase is confirmed."),
        )
    _move(shipment, PURCHASE_CONFIRMED, at)
    kept = sum(line.unit_price * line.active_quantity for line in shipment.lines)
    points.grant_purchase_reward(uow, shipment.order.customer_id, shipment.id, max(kept - shipment.discount, 0), at)
    uow.record(
        "PurchaseConfirmed",
        {
            **shipment_header(shipment),
            "lines": kept_lines(shipment.lines),
            "automatic": automatic,
            "confirmed_at": at,
        },
    )


def confirm_purchase(runtime: Runtime, viewer: Viewer, shipment_id: str) -> Shipment:
    """The customer says the goods arrived as bought: the sale is final and earns points."""

    def confirm(uow: UnitOfWork, shipment: Shipment) -> None:
        _customers_only(viewer, shipment)
        _confirm_purchase(uow, shipment, automatic=False, at=clock.now())

    return _changed(runtime, viewer, shipment_id, confirm)


def confirm_due_purchases(runtime: Runtime) -> int:
    """The worker's job: confirm purchases delivered a week ago that nobody confirmed or claimed."""

    def due(now: datetime) -> Select:
        return (
            select(Shipment)
            .where(
                Shipment.status == DELIVERED,
                Shipment.delivered_at <= now - PURCHASE_CONFIRMATION_AFTER,
                ~open_claim_exists(),
            )
            .order_by(Shipment.delivered_at)
        )

    def confirm(uow: UnitOfWork, shipment: Shipment, now: datetime) -> None:
        _confirm_purchase(uow, shipment, automatic=True, at=now)

    return change_each_due(runtime, due, confirm)


def cancel_shipment(runtime: Runtime, viewer: Viewer, shipment_id: str, reason: str, detail: str = "") -> Shipment:
    """Cancel one seller's shipment before it ships, refund what it cost, and put its units back in stock.

    The customer cancels at once only before the seller confirms (later, a cancellation claim asks
    the seller); the seller may cancel what they have not shipped.
    """

    def cancel(uow: UnitOfWork, shipment: Shipment) -> None:
        if viewer.acts_for(shipment.seller_id):
            allowed = seller_may_cancel(shipment.status)
        else:
            _customers_only(viewer, shipment)
            allowed = customer_cancels_at_once(shipment.status)
        if not allowed:
            raise Problem(
                409,
                "cancellation-not-allowed",
                _("Cancellation not allowed"),
                _("This shipment is %(status)s: ask the seller with a cancellation claim.", status=STATUS_NAMES[PREPARING])
                if shipment.status == PREPARING
                else _("This shipment is %(status)s: it can no longer be cancelled.", status=STATUS_NAMES[shipment.status]),
            )
        cancel_whole_shipment(uow, shipment, reason, detail, clock.now())

    return _changed(runtime, viewer, shipment_id, cancel)


def cancel_whole_shipment(
    uow: UnitOfWork,
    shipment: Shipment,
    reason: str,
    detail: str,
    at: datetime,
    *,
    claim_id: str | None = None,
) -> PaymentRefund:
    """Cancel every remaining unit of a paid, unshipped shipment: refund, release stock, record it.

    What comes back is what the shipment cost (items, fee, less its discount) minus what earlier
    partial cancellations of it already gave back, so no share of the discount is taken twice: the
    refund keeps back the discount no earlier refund of the shipment kept back.
    """
    order = shipment.order
    moved = [(line, line.active_quantity) for line in shipment.lines if line.active_quantity > 0]
    refunded_lines = [(line, units, units * line.unit_price) for line, units in moved]
    left = discount_left(uow, shipment)
    refund = refund_to_customer(
        uow,
        order,
        shipment,
        refunded_lines,
        max(shipment.cost - refunded_for_shipment(uow, shipment.id), 0),
        parts=RefundParts(
            items_amount=sum(won for _line, _units, won in refunded_lines),
            discount_share=left.discount,
            seller_discount_share=left.seller_discount,
            shipping_refund=shipment.shipping_fee,
            return_fee=0,
            lost_free_shipping=0,
        ),
        reason=reason,
        key=f"claim:{claim_id}" if claim_id else f"cancel:{shipment.id}",
        at=at,
        claim_id=claim_id,
    )
    for line, units in moved:
        line.cancelled_quantity += units
    _move(shipment, CANCELLED, at)
    shipment.cancel_reason = reason
    if order.status == CANCELLED:
        order.cancel_reason = reason
        order.cancel_detail = detail
        order.cancelled_at = at
        coupons.release(uow.session, order.id)
    if moved:
        uow.record(
            "ShipmentCancelled",
            {
                **shipment_header(shipment),
                "cancellation_id": claim_id or str(uuid.uuid4()),
                "lines": [
                    {
                        "line_no": line.line_no,
                        "product_id": line.product_id,
                        "variant_id": line.variant_id,
                        "quantity": units,
                    }
                    for line, units in moved
                ],
                "reason": reason,
                "cancelled_at": at,
            },
        )
    return refund


def _customers_order(uow: UnitOfWork, viewer: Viewer, order_id: str) -> Order:
    """An order the viewer placed, locked for a change; 403 for an order they only see (a seller's, an admin's)."""
    order = find_order(uow, viewer, order_id, for_update=True)
    if order.customer_id != viewer.subject:
        raise Problem(403, "not-your-order", "Forbidden", _("Only the customer who placed this order may do this."))
    return order


def cancel_order(runtime: Runtime, viewer: Viewer, order_id: str, reason: str) -> Order:
    """The customer cancels a whole order at once, which they may while no seller has confirmed it."""
    with runtime.unit_of_work() as uow:
        order = _customers_order(uow, viewer, order_id)
        live = [s for s in order.shipments if s.status != CANCELLED]
        if not live or not all(customer_cancels_at_once(s.status) for s in live):
            raise Problem(
                409,
                "cancellation-not-allowed",
                _("Cancellation not allowed"),
                _(
                    "This order is %(status)s; only an order no seller has confirmed is cancelled at once.",
                    status=STATUS_NAMES.get(order.status, order.status),
                ),
            )
        now = clock.now()
        for shipment in live:
            cancel_whole_shipment(uow, shipment, reason, "Cancelled by the customer.", now)
        uow.commit()
    return order


def change_shipping_address(runtime: Runtime, viewer: Viewer, order_id: str, address: dict[str, Any]) -> Order:
    """A new address before anything ships; a move into or out of a remote area would change the fee."""
    with runtime.unit_of_work() as uow:
        order = _customers_order(uow, viewer, order_id)
        live = [s for s in order.shipments if s.status != CANCELLED]
        if order.status == CANCELLED or any(s.status not in BEFORE_SHIPPING for s in live):
            raise Problem(
                409, "address-change-too-late", _("Too late"), _("The address can change only before anything ships.")
            )
        if is_remote_area(address["postcode"]) != is_remote_area(order.postcode or "00000"):
            raise Problem(
                422,
                "address-changes-shipping-fee",
                _("Shipping fee would change"),
                _("This address is in a different shipping-fee area; cancel and order again instead."),
                errors={"postcode": [_("A different shipping-fee area.")]},
            )
        order.recipient_name = address["recipient_name"]
        order.recipient_phone = address["phone"]
        order.postcode = address["postcode"]
        order.address1 = address["address1"]
        order.address2 = address["address2"]
        order.delivery_note = address["note"]
        order.updated_at = clock.now()
        uow.commit()
    return order


def tracking_of(shipment: Shipment) -> dict[str, Any] | None:
    """What the customer follows: the carrier's name and its tracking page, once shipped."""
    if shipment.carrier is None or shipment.tracking_number is None:
        return None
    carrier = CARRIERS[shipment.carrier]
    return {
        "carrier": carrier.code,
        "carrier_name": carrier.name,
        "tracking_number": shipment.tracking_number,
        # The seller's own delivery has no carrier's page; the answer has always held a URL, so it names none.
        "tracking_url": carrier.tracking_link(shipment.tracking_number) or f"about:blank#{shipment.tracking_number}",
    }
