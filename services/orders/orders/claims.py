"""Claim use cases: a customer (or support for them) asks to cancel, return, exchange or be refunded
units of a shipment; its seller approves, rejects or completes the claim; the customer may withdraw it.
Every step is checked by the claim rules, moves the units and the money, and is recorded as an event.
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from typing import Any, Callable

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from orders.domain.carriers import normalized_tracking_number, tracking_problem
from orders.domain.checkout import ShippingFees
from orders.domain.claims import (
    APPROVED,
    CANCEL,
    COMPLETED,
    OPEN_STATES,
    REFUND,
    REJECTED,
    RETURN,
    RETURN_PERIOD,
    WITHDRAWN,
    ClaimFees,
    ClaimRefund,
    KIND_NAMES,
    STATE_NAMES,
    IllegalClaimTransition,
    ShipmentAmounts,
    available_units,
    claim_refund,
    claim_refusal,
    exchange_fee_owed,
    next_state,
    refunds_on_approval,
    refunds_on_completion,
    return_period_over,
    waits_for_goods,
)
from orders.domain.lifecycle import CANCELLED, STATUS_NAMES, customer_cancels_at_once
from orders.domain.refunds import RefundParts
from orders.domain.visibility import Viewer
from orders.event_data import shipment_header
from orders.lifecycle import cancel_whole_shipment
from orders.models import Order, OrderLine, SellerShippingFees, Shipment
from orders.models.claims import Claim, ClaimLine, RefundRequest
from orders.refunds import refund_to_customer, refunded_for_shipment
from orders.visible_orders import locked_shipment, shipment_for
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.identity import step_up_required
from servicekit.ids import canonical_id
from servicekit.languages import Message, _
from servicekit.pagination import page_of
from servicekit.problems import Problem
from servicekit.runtime import Runtime

ClaimedUnits = list[tuple[OrderLine, int]]
Decision = Callable[[UnitOfWork, Claim], None]


def claims_seen_by(viewer: Viewer) -> Select:
    """A customer's own claims, a seller's claims on their shipments, every claim for an admin."""
    statement = select(Claim)
    if viewer.is_admin:
        return statement
    seen = [Claim.customer_id == viewer.subject]
    if viewer.seller_id is not None:
        seen.append(Claim.seller_id == viewer.seller_id)
    return statement.where(or_(*seen))


def _not_found() -> Problem:
    return Problem(404, "claim-not-found", "Not Found", _("No claim with this id is visible to you."))


def claim_for(uow: UnitOfWork, viewer: Viewer, claim_id: str, *, for_update: bool = False) -> Claim:
    """A claim its customer, its seller or an admin may see; anyone else gets not found.

    For an update the order and the shipment are locked first, as opening a claim does, then the claim.
    """
    canonical = canonical_id(claim_id)
    claim = None if canonical is None else uow.session.get(Claim, canonical)
    if claim is None or not viewer.sees_part_of(claim.seller_id, claim.customer_id):
        raise _not_found()
    if for_update:
        locked_shipment(uow, claim.shipment_id)
        uow.session.scalars(
            select(Claim)
            .where(Claim.id == claim.id)
            .with_for_update(of=Claim)
            .execution_options(populate_existing=True)
        ).one()
    return claim


def claims_page(runtime: Runtime, viewer: Viewer, status: str | None, kind: str | None, paging) -> list[Claim]:
    """A page of a customer's claims, a seller's claims on their shipments (an admin's: all), newest first."""
    statement = claims_seen_by(viewer).order_by(Claim.requested_at.desc(), Claim.id)
    if status is not None:
        statement = statement.where(Claim.status == status)
    if kind is not None:
        statement = statement.where(Claim.kind == kind)
    with runtime.unit_of_work() as uow:
        return page_of(uow.session, statement, paging)


def claim_seen(runtime: Runtime, viewer: Viewer, claim_id: str) -> Claim:
    with runtime.unit_of_work() as uow:
        return claim_for(uow, viewer, claim_id)


def _decided(
    runtime: Runtime, viewer: Viewer, claim_id: str, decision: Decision, pays_back: Callable[[str], bool]
) -> Claim:
    """Lock a claim its seller (or an admin) decides, carry out the decision and commit.

    A decision that pays money back needs a second factor proved minutes ago (a step-up).
    """
    with runtime.unit_of_work() as uow:
        claim = claim_for(uow, viewer, claim_id, for_update=True)
        if not viewer.acts_for(claim.seller_id):
            raise Problem(
                403, "not-your-claim", "Forbidden", _("Only the seller of this shipment (or an admin) decides on it.")
            )
        if pays_back(claim.kind) and not viewer.recently_verified:
            raise step_up_required()
        decision(uow, claim)
        uow.commit()
    return claim


def _next_state(claim: Claim, target: str) -> str:
    try:
        return next_state(claim.status, target)
    except IllegalClaimTransition as illegal:
        raise Problem(
            409,
            "illegal-transition",
            _("Illegal transition"),
            _(
                "This claim is %(current)s; it cannot become %(target)s.",
                current=STATE_NAMES[illegal.current],
                target=STATE_NAMES[illegal.target],
            ),
        ) from None


def _advance(claim: Claim, target: str, at: datetime) -> None:
    claim.status = _next_state(claim, target)
    claim.updated_at = at
    setattr(claim, f"{target}_at", at)


def _claim_header(claim: Claim) -> dict[str, Any]:
    return {
        "claim_id": claim.id,
        "order_id": claim.order_id,
        "shipment_id": claim.shipment_id,
        "seller_id": claim.seller_id,
        "customer_id": claim.customer_id,
        "kind": claim.kind,
        "inquiry_id": claim.inquiry_id,
        "request_id": claim.request_id,
    }


def _refund_answer(claim: Claim) -> dict[str, Any]:
    return {
        "request_id": claim.request_id,
        "inquiry_id": claim.inquiry_id,
        "order_id": claim.order_id,
        "claim_id": claim.id,
    }


def _answers_support_refund(claim: Claim) -> bool:
    """Support hears of its refund requests by request id; of its returns and exchanges by the Claim*
    events, which carry the inquiry id.
    """
    return claim.request_id is not None and claim.kind == REFUND


def _moved_lines(claim: Claim) -> list[dict[str, Any]]:
    return [
        {
            "line_no": claimed.line_no,
            "product_id": claimed.line.product_id,
            "variant_id": claimed.line.variant_id,
            "quantity": claimed.quantity,
        }
        for claimed in claim.lines
    ]


def _held_units(session: Session, shipment_id: str) -> dict[int, int]:
    """Units of each line of a shipment that its open claims hold."""
    return dict(
        session.execute(
            select(ClaimLine.line_no, func.sum(ClaimLine.quantity))
            .join(Claim, Claim.id == ClaimLine.claim_id)
            .where(Claim.shipment_id == shipment_id, Claim.status.in_(OPEN_STATES))
            .group_by(ClaimLine.line_no)
        ).all()
    )


def _available(session: Session, shipment: Shipment) -> dict[int, tuple[OrderLine, int]]:
    held = _held_units(session, shipment.id)
    return {
        line.line_no: (line, available_units(line.active_quantity, held.get(line.line_no, 0)))
        for line in shipment.lines
    }


def _claimed_lines(session: Session, shipment: Shipment, requested: list[dict[str, int]]) -> ClaimedUnits:
    """The lines and units a new claim takes: as asked, or every unit still available when none are named."""
    available = _available(session, shipment)
    if not requested:
        claimed = [(line, units) for line, units in available.values() if units > 0]
        if not claimed:
            raise Problem(
                409,
                "nothing-to-claim",
                _("Nothing to claim"),
                _("Every unit of this shipment is already cancelled, returned or in another open claim."),
            )
        return claimed
    errors: dict[str, list[Message]] = {}
    claimed = []
    for index, asked in enumerate(requested):
        line_no, quantity = asked["line_no"], asked["quantity"]
        if line_no not in available:
            errors[f"lines.{index}.line_no"] = [_("This shipment has no such line.")]
        elif any(line.line_no == line_no for line, _ in claimed):
            errors[f"lines.{index}.line_no"] = [_("This line is named twice.")]
        elif quantity > available[line_no][1]:
            errors[f"lines.{index}.quantity"] = [
                _(
                    "At most %(units)s units of this line may be claimed: "
                    "the rest are cancelled, returned or in another open claim.",
                    units=available[line_no][1],
                )
            ]
        else:
            claimed.append((available[line_no][0], quantity))
    if errors:
        raise Problem(422, "invalid-claim-lines", _("Invalid claim lines"), _("Some lines cannot be claimed."), errors=errors)
    return claimed


def _new_claim(
    uow: UnitOfWork,
    shipment: Shipment,
    kind: str,
    reason_code: str,
    reason_text: str,
    claimed: ClaimedUnits,
    at: datetime,
    request: RefundRequest | None = None,
) -> Claim:
    """Open a claim and record ClaimRequested."""
    claim = Claim(
        id=str(uuid.uuid4()),
        order_id=shipment.order_id,
        shipment_id=shipment.id,
        shipment=shipment,
        seller_id=shipment.seller_id,
        customer_id=shipment.order.customer_id,
        kind=kind,
        status="requested",
        reason_code=reason_code,
        reason_text=reason_text,
        source="customer" if request is None else "support",
        request_id=None if request is None else request.request_id,
        inquiry_id=None if request is None else request.inquiry_id,
        refunded_amount=0,
        fee_owed=0,
        requested_at=at,
        updated_at=at,
        lines=[
            ClaimLine(line=line, order_id=line.order_id, line_no=line.line_no, quantity=units)
            for line, units in claimed
        ],
    )
    uow.session.add(claim)
    uow.record(
        "ClaimRequested",
        {**_claim_header(claim), "reason_code": reason_code, "lines": _moved_lines(claim), "requested_at": at},
    )
    return claim


def open_claim(
    runtime: Runtime,
    viewer: Viewer,
    shipment_id: str,
    kind: str,
    reason_code: str,
    reason_text: str,
    lines: list[dict[str, int]],
) -> Claim:
    """The customer asks to cancel, return, exchange or be refunded units of a shipment.

    A cancellation of a shipment the seller has not confirmed needs nobody's decision: it is
    approved and carried out at once, as a direct cancellation would be.
    """
    with runtime.unit_of_work() as uow:
        shipment = shipment_for(uow, viewer, shipment_id)
        if viewer.subject != shipment.order.customer_id:
            raise Problem(403, "not-your-order", "Forbidden", _("Only the customer who placed this order may claim."))
        now = clock.now()
        refusal = claim_refusal(kind, shipment.status)
        if refusal is not None:
            raise Problem(409, "claim-not-allowed", _("Claim not allowed"), refusal)
        if return_period_over(kind, shipment.delivered_at, now):
            raise Problem(
                409,
                "return-period-over",
                _("Return period over"),
                _(
                    "This shipment was delivered more than %(days)s days ago; returns and exchanges are "
                    "accepted within %(days)s days of delivery. Ask support if the goods are defective.",
                    days=RETURN_PERIOD.days,
                ),
            )
        claimed = _claimed_lines(uow.session, shipment, lines)
        claim = _new_claim(uow, shipment, kind, reason_code, reason_text, claimed, now)
        if kind == CANCEL and customer_cancels_at_once(shipment.status):
            _approve(uow, claim)
        uow.commit()
    return claim


def _fees_of(session: Session, seller_id: str) -> ClaimFees:
    row = session.get(SellerShippingFees, seller_id)
    if row is None:
        return ClaimFees()
    return ClaimFees(
        ShippingFees(row.base_fee, row.free_shipping_threshold, row.remote_area_extra_fee),
        return_fee=row.return_fee,
        exchange_fee=row.exchange_fee,
    )


def _takes_every_unit_left(claim: Claim) -> bool:
    """Whether nothing of the shipment stays bought once this claim is carried out."""
    claimed = {c.line_no: c.quantity for c in claim.lines}
    return all(line.active_quantity == claimed.get(line.line_no, 0) for line in claim.shipment.lines)


def _refund_of(session: Session, claim: Claim) -> ClaimRefund:
    shipment = claim.shipment
    return claim_refund(
        claim.kind,
        claim.reason_code,
        sum(c.quantity * c.line.unit_price for c in claim.lines),
        ShipmentAmounts(
            items_amount=shipment.items_amount,
            shipping_fee=shipment.shipping_fee,
            discount=shipment.discount,
            kept_items_amount=sum(line.active_quantity * line.unit_price for line in shipment.lines),
            # Unknown (null) only for a shipment of a cancelled order, which no claim reaches.
            seller_discount=shipment.seller_discount or 0,
        ),
        empties_shipment=_takes_every_unit_left(claim),
        fees=_fees_of(session, claim.seller_id),
    )


def _refund_units(uow: UnitOfWork, claim: Claim, owed: ClaimRefund, at: datetime, *, counted_as: str) -> None:
    """Refund the claim and count its units no longer bought, as `cancelled_quantity` or `returned_quantity`.

    Never more than the shipment has left to give back: each claim's share of the discount is rounded
    down, so the last claim would otherwise return a won or two more than was paid (the refund's parts
    keep that back as discount share). The refund's key makes a retry after a failure never pay twice.
    """
    amount = min(owed.amount, max(claim.shipment.cost - refunded_for_shipment(uow, claim.shipment_id), 0))
    refund = refund_to_customer(
        uow,
        claim.shipment.order,
        claim.shipment,
        [(c.line, c.quantity, c.quantity * c.line.unit_price) for c in claim.lines],
        amount,
        parts=RefundParts(
            items_amount=owed.items,
            discount_share=owed.discount_share,
            seller_discount_share=owed.seller_discount_share,
            shipping_refund=owed.shipping_refund,
            return_fee=owed.return_fee,
            lost_free_shipping=owed.lost_free_shipping,
        ),
        reason=claim.reason_code,
        key=f"claim:{claim.id}",
        at=at,
        claim_id=claim.id,
    )
    claim.refunded_amount = refund.amount + refund.points
    for claimed in claim.lines:
        setattr(claimed.line, counted_as, getattr(claimed.line, counted_as) + claimed.quantity)


def _complete(uow: UnitOfWork, claim: Claim, at: datetime) -> None:
    _advance(claim, COMPLETED, at)
    uow.record("ClaimCompleted", {**_claim_header(claim), "refunded_amount": claim.refunded_amount, "completed_at": at})
    if _answers_support_refund(claim):
        uow.record("RefundCompleted", {**_refund_answer(claim), "amount": claim.refunded_amount, "completed_at": at})


def _cancel_whole_shipment(uow: UnitOfWork, claim: Claim, at: datetime) -> None:
    """The claim takes every unit left: the shipment is cancelled as a direct cancellation does it."""
    refund = cancel_whole_shipment(
        uow, claim.shipment, claim.reason_code, claim.reason_text, at, claim_id=claim.id
    )
    claim.refunded_amount = refund.amount + refund.points


def _cancel_units(uow: UnitOfWork, claim: Claim, at: datetime) -> None:
    """Cancel the claimed units before shipping: refund them and let catalog put them back in stock."""
    shipment = claim.shipment
    if claim_refusal(CANCEL, shipment.status) is not None:
        raise Problem(
            409,
            "claim-not-allowed",
            _("Claim not allowed"),
            _(
                "This shipment is %(status)s now; it can no longer be cancelled. Reject this claim.",
                status=STATUS_NAMES[shipment.status],
            ),
        )
    if _takes_every_unit_left(claim):
        _cancel_whole_shipment(uow, claim, at)
        return
    _refund_units(uow, claim, _refund_of(uow.session, claim), at, counted_as="cancelled_quantity")
    uow.record(
        "ShipmentCancelled",
        {
            **shipment_header(shipment),
            "cancellation_id": claim.id,
            "lines": _moved_lines(claim),
            "reason": claim.reason_code,
            "cancelled_at": at,
        },
    )


def approve_claim(runtime: Runtime, viewer: Viewer, claim_id: str) -> Claim:
    """The seller agrees. A cancellation or a refund is carried out and completed at once (and needs a
    step-up); a return or an exchange now waits for the goods to come back.
    """
    return _decided(runtime, viewer, claim_id, _approve, refunds_on_approval)


def _approve(uow: UnitOfWork, claim: Claim) -> None:
    now = clock.now()
    _advance(claim, APPROVED, now)
    uow.record("ClaimApproved", {**_claim_header(claim), "approved_at": now})
    if claim.kind == CANCEL:
        _cancel_units(uow, claim, now)
        _complete(uow, claim, now)
    elif claim.kind == REFUND:
        owed = _refund_of(uow.session, claim)
        if _answers_support_refund(claim):
            uow.record("RefundApproved", {**_refund_answer(claim), "amount": owed.amount, "approved_at": now})
        # The units are refunded without coming back: no longer bought, but nothing to restock.
        _refund_units(uow, claim, owed, now, counted_as="returned_quantity")
        _complete(uow, claim, now)


def reject_claim(runtime: Runtime, viewer: Viewer, claim_id: str, reason: str) -> Claim:
    """The seller refuses, saying why; the units are free for another claim."""

    def reject(uow: UnitOfWork, claim: Claim) -> None:
        now = clock.now()
        _advance(claim, REJECTED, now)
        claim.rejection_reason = reason
        uow.record("ClaimRejected", {**_claim_header(claim), "reason": reason, "rejected_at": now})
        if _answers_support_refund(claim):
            uow.record("RefundRejected", {**_refund_answer(claim), "reason": reason, "rejected_at": now})

    return _decided(runtime, viewer, claim_id, reject, lambda kind: False)


def complete_claim(
    runtime: Runtime, viewer: Viewer, claim_id: str, carrier: str | None = None, tracking_number: str | None = None
) -> Claim:
    """The returned goods reached the seller.

    A return is refunded (which needs a step-up) and its units go back to stock (ReturnCompleted). An
    exchange sends a replacement with `carrier` and `tracking_number`; catalog hears nothing, since the
    returned units come back and the replacement leaves stock again. A customer who exchanges for their
    own reasons owes the seller's exchange fee; the payment provider cannot charge the card again, so
    the fee is kept on the claim as owed (`fee_owed`) rather than taken from anything.
    """
    return _decided(
        runtime,
        viewer,
        claim_id,
        lambda uow, claim: _complete_claim(uow, claim, carrier, tracking_number),
        refunds_on_completion,
    )


def _complete_claim(uow: UnitOfWork, claim: Claim, carrier: str | None, tracking_number: str | None) -> None:
    if not waits_for_goods(claim.kind):
        raise Problem(
            409,
            "illegal-transition",
            _("Illegal transition"),
            _(
                "A %(kind)s claim is completed when it is approved; there are no goods to wait for.",
                kind=KIND_NAMES[claim.kind],
            ),
        )
    _next_state(claim, COMPLETED)
    now = clock.now()
    if claim.kind == RETURN:
        _refund_units(uow, claim, _refund_of(uow.session, claim), now, counted_as="returned_quantity")
        uow.record(
            "ReturnCompleted",
            {
                "order_id": claim.order_id,
                "claim_id": claim.id,
                "seller_id": claim.seller_id,
                "lines": _moved_lines(claim),
                "completed_at": now,
            },
        )
    else:
        tracking_number = normalized_tracking_number(tracking_number or "")
        if carrier is None:
            problem, field = _("Name the carrier of the replacement."), "carrier"
        else:
            problem, field = tracking_problem(carrier, tracking_number), "tracking_number"
        if problem is not None:
            raise Problem(422, "invalid-tracking", _("Invalid tracking"), problem, errors={field: [problem]})
        claim.replacement_carrier = carrier
        claim.replacement_tracking_number = tracking_number
        claim.fee_owed = exchange_fee_owed(claim.reason_code, _fees_of(uow.session, claim.seller_id))
    _complete(uow, claim, now)


def withdraw_claim(runtime: Runtime, viewer: Viewer, claim_id: str) -> Claim:
    """The customer takes back a claim nobody decided yet."""
    with runtime.unit_of_work() as uow:
        claim = claim_for(uow, viewer, claim_id, for_update=True)
        if viewer.subject != claim.customer_id:
            raise Problem(403, "not-your-claim", "Forbidden", _("Only the customer who asked may withdraw this claim."))
        now = clock.now()
        _advance(claim, WITHDRAWN, now)
        uow.record("ClaimWithdrawn", {**_claim_header(claim), "withdrawn_at": now})
        uow.commit()
    return claim


class _RequestRefused(ValueError):
    """Support's request cannot become claims; the message is the answer's reason."""


def _support_lines(
    session: Session, order: Order, kind: str, requested: list[dict[str, Any]]
) -> dict[Shipment, ClaimedUnits]:
    """Support names products, not lines: take the units from the order's lines of each product in
    order; no products means every unit still available. Grouped by the shipment they belong to.
    """
    session.get(Order, order.id, with_for_update=True, populate_existing=True)
    shipments = {s.id: s for s in order.shipments if s.status != CANCELLED}
    for shipment in shipments.values():
        session.get(Shipment, shipment.id, with_for_update=True, populate_existing=True)
    available = {
        line_no: units
        for shipment in shipments.values()
        for line_no, (_, units) in _available(session, shipment).items()
    }
    taken: dict[int, int] = defaultdict(int)
    if not requested:
        taken.update({line_no: units for line_no, units in available.items() if units > 0})
    for asked in requested:
        wanted = asked["quantity"]
        lines = [
            line for line in order.lines if line.product_id == asked["product_id"] and line.shipment_id in shipments
        ]
        if not lines:
            raise _RequestRefused(f"The order has no product {asked['product_id']} left for a {kind}.")
        for line in lines:
            units = min(wanted, available[line.line_no] - taken[line.line_no])
            taken[line.line_no] += units
            wanted -= units
        if wanted > 0:
            raise _RequestRefused(
                f"The order has fewer than {asked['quantity']} units of product {asked['product_id']} left for a {kind}."
            )
    by_shipment: dict[Shipment, ClaimedUnits] = defaultdict(list)
    for line in order.lines:
        if taken.get(line.line_no, 0) > 0:
            by_shipment[shipments[line.shipment_id]].append((line, taken[line.line_no]))
    if not by_shipment:
        raise _RequestRefused(f"Nothing of this order is left for a {kind}.")
    for shipment in by_shipment:
        refusal = claim_refusal(kind, shipment.status)
        if refusal is not None:
            raise _RequestRefused(refusal)
    return by_shipment


def open_support_claim(uow: UnitOfWork, kind: str, request: dict[str, Any]) -> None:
    """Support's RefundRequested, ReturnRequested or ExchangeRequested: a claim of that kind on each
    shipment involved, for its seller to decide.

    A request id is answered once, however often it arrives. A request that cannot become claims
    (an unknown order, another customer's, nothing left to claim, products the order lacks) is
    answered with RefundRejected at once, whatever its kind: that answer is keyed by the request id,
    and no claim exists to send a ClaimRejected for. Support asks for returns of defective goods
    after the return period too, so only the shipment's status limits its requests.
    """
    if uow.session.get(RefundRequest, request["request_id"]) is not None:
        return
    now = clock.now()
    received = RefundRequest(
        request_id=request["request_id"],
        inquiry_id=request["inquiry_id"],
        order_id=request["order_id"],
        customer_id=request["customer_id"],
        received_at=now,
    )
    uow.session.add(received)
    order = uow.session.get(Order, request["order_id"])
    try:
        if order is None or order.customer_id != request["customer_id"]:
            raise _RequestRefused("This customer has no such order.")
        by_shipment = _support_lines(uow.session, order, kind, request["lines"])
    except _RequestRefused as refused:
        received.rejection_reason = str(refused)
        uow.record(
            "RefundRejected",
            {
                "request_id": received.request_id,
                "inquiry_id": received.inquiry_id,
                "order_id": received.order_id,
                "claim_id": None,
                "reason": str(refused),
                "rejected_at": now,
            },
        )
        return
    for shipment, claimed in by_shipment.items():
        _new_claim(uow, shipment, kind, request["reason_code"], request["reason_text"], claimed, now, received)

