"""Claims through support: a customer asks for a refund, return or exchange from an inquiry about their
order; orders decides shipment by shipment, and each of its answers is told to the customer in the
thread and moves the claim (domain.claim_progress). A request orders never takes up times out, and a
person takes the inquiry back.
"""
from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from servicekit import clock
from servicekit.batch_jobs import change_each_due
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support import inquiries, routing
from support.domain.claim_progress import (
    APPROVED, COMPLETED, OPEN_STATES, REJECTED, REQUESTED, SHIPMENT_MOVES, TIMED_OUT, claim_status,
)
from support.domain.inquiry_states import ACTIVE, CLOSED, RESOLVED
from support.domain.people import Viewer
from support.domain.return_period import RETURN_PERIOD, past_return_period
from support.models import Inquiry
from support.models.claims import ClaimShipment, SupportClaim
from support.models.order_view import KnownOrder, KnownShipment
from support.visible_inquiries import inquiry_for

log = logging.getLogger(__name__)

REFUND, RETURN, EXCHANGE = "refund", "return", "exchange"
KINDS = (REFUND, RETURN, EXCHANGE)
REQUEST_EVENTS = {REFUND: "RefundRequested", RETURN: "ReturnRequested", EXCHANGE: "ExchangeRequested"}
RESOLUTION_REASONS = {REFUND: "refunded", RETURN: "returned", EXCHANGE: "exchanged"}
NAMES = {REFUND: ("환불", "refund"), RETURN: ("반품", "return"), EXCHANGE: ("교환", "exchange")}


def _won(amount: int) -> str:
    return f"{amount:,}원"


def answer_text(kind: str, status: str, amount: int = 0, rejection_reason: str | None = None) -> str:
    """What the customer reads in the thread when orders answers for a shipment (or never answers), in
    Korean and English."""
    korean, english = NAMES[kind]
    if status == TIMED_OUT:
        return (
            f"{korean} 요청에 대한 답을 제때 받지 못했습니다. 담당자가 이어서 도와드리며, 다시 요청하실 수도 있습니다. / "
            f"Your {english} request got no answer in time; a person will take it from here, and you may ask again."
        )
    if status == REJECTED:
        return (
            f"{korean} 요청이 거절되었습니다: {rejection_reason} / "
            f"Your {english} was declined: {rejection_reason}"
        )
    if status == APPROVED and kind == REFUND:
        return f"환불이 승인되었습니다 ({_won(amount)}). / Your refund was approved."
    if status == APPROVED:
        return (
            f"{korean}이 승인되었습니다. 상품을 보내 주세요. / "
            f"Your {english} was approved; please send the goods back."
        )
    if kind == EXCHANGE:
        return "교환 상품이 발송되었습니다. / Your exchange is done: the replacement is on its way."
    if kind == REFUND:
        return f"환불이 완료되었습니다 ({_won(amount)}). / Your refund of {amount:,} won is complete."
    return f"반품이 완료되었습니다 ({_won(amount)} 환불). / Your return is complete; {amount:,} won was refunded."


def _lines_refusal(order: KnownOrder, lines: list[dict[str, Any]]) -> dict[str, list[str]]:
    bought: dict[str, int] = {}
    for line in order.lines:
        bought[line.product_id] = bought.get(line.product_id, 0) + line.quantity
    errors: dict[str, list[str]] = {}
    for index, line in enumerate(lines):
        if line["product_id"] not in bought:
            errors[f"lines.{index}.product_id"] = [_("The order has no such product.")]
        elif line["quantity"] > bought[line["product_id"]]:
            errors[f"lines.{index}.quantity"] = [
                _("The order has %(quantity)s of this product.", quantity=bought[line["product_id"]])
            ]
    return errors


def _claimed_shipments(order: KnownOrder, lines: list[dict[str, Any]]) -> list[KnownShipment]:
    """The shipments holding the claimed products (no lines: every unit left of the order)."""
    products = {line["product_id"] for line in lines}
    sellers = {
        line.seller_id for line in order.lines if line.quantity > 0 and (not products or line.product_id in products)
    }
    return [shipment for shipment in order.shipments if shipment.seller_id in sellers]


def claims_of(uow: UnitOfWork, inquiry: Inquiry) -> list[SupportClaim]:
    return list(
        uow.session.scalars(
            select(SupportClaim).where(SupportClaim.inquiry_id == inquiry.id).order_by(SupportClaim.requested_at)
        )
    )


def claims_seen(runtime: Runtime, viewer: Viewer, inquiry_id: str) -> list[SupportClaim]:
    """The claims asked for from an inquiry the viewer sees, oldest first, as orders last answered them."""
    with runtime.unit_of_work() as uow:
        return claims_of(uow, inquiry_for(uow, viewer, inquiry_id))


def request_claim(runtime: Runtime, viewer: Viewer, inquiry_id: str, fields: dict[str, Any]) -> SupportClaim:
    """The inquiry's customer asks for a refund, return or exchange of their order (no lines: all of it).

    One claim at a time per inquiry; a resolved or closed inquiry is reopened by replying first.
    """
    with runtime.unit_of_work() as uow:
        claim = _request(uow, viewer, inquiry_for(uow, viewer, inquiry_id, for_update=True), fields)
        uow.commit()
        return claim


def _request(uow: UnitOfWork, viewer: Viewer, inquiry: Inquiry, fields: dict[str, Any]) -> SupportClaim:
    if viewer.subject != inquiry.customer_id:
        raise Problem(403, "customers-only", "Forbidden", _("Only the customer who asked may request this."))
    if inquiry.order_id is None:
        raise Problem(409, "no-order", _("No order"), _("This inquiry is not about an order."))
    if inquiry.status in (RESOLVED, CLOSED):
        raise Problem(409, "inquiry-settled", _("Inquiry settled"),
                      _("This inquiry is resolved; reply to reopen it first."))
    order = uow.session.get(KnownOrder, inquiry.order_id)
    if order is None or order.customer_id != viewer.subject:
        raise Problem(422, "unknown-order", _("Unknown order"), _("You have no order with this id."))
    errors = _lines_refusal(order, fields["lines"])
    if errors:
        raise Problem(422, "invalid-claim-lines", _("Invalid claim lines"), _("Some lines cannot be claimed."),
                      errors=errors)
    if any(claim.status in OPEN_STATES for claim in claims_of(uow, inquiry)):
        raise Problem(409, "claim-open", _("Claim open"),
                      _("This inquiry already has a claim waiting for its answer."))
    now = clock.now()
    if any(
        past_return_period(fields["kind"], fields["reason_code"], shipment.delivered_at, now)
        for shipment in _claimed_shipments(order, fields["lines"])
    ):
        raise Problem(
            409,
            "return-period-over",
            _("Return period over"),
            _("These goods were delivered more than %(days)s days ago; returns and exchanges are accepted within "
              "%(days)s days of delivery, unless the goods are defective, damaged or wrong.", days=RETURN_PERIOD.days),
        )
    claim = SupportClaim(
        id=str(uuid.uuid4()),
        inquiry_id=inquiry.id,
        order_id=inquiry.order_id,
        customer_id=inquiry.customer_id,
        kind=fields["kind"],
        status=REQUESTED,
        reason_code=fields["reason_code"],
        reason_text=fields["reason_text"],
        amount=0,
        requested_at=now,
        updated_at=now,
    )
    uow.session.add(claim)
    inquiries.note_change(uow, inquiry, "claim", None, f"{claim.kind} {REQUESTED}", viewer.subject, now)
    uow.record(
        REQUEST_EVENTS[claim.kind],
        {
            "request_id": claim.id,
            "inquiry_id": claim.inquiry_id,
            "order_id": claim.order_id,
            "customer_id": claim.customer_id,
            "lines": fields["lines"],
            "reason_code": claim.reason_code,
            "reason_text": claim.reason_text,
            "requested_at": now,
        },
    )
    return claim


def _move(uow: UnitOfWork, claim: SupportClaim, target: str, at: datetime) -> Inquiry:
    """Move the claim and keep the move in its inquiry's history; returns the inquiry, locked."""
    inquiry = uow.session.get(Inquiry, claim.inquiry_id, with_for_update=True)
    if target != claim.status:
        inquiries.note_change(uow, inquiry, "claim", f"{claim.kind} {claim.status}", f"{claim.kind} {target}", None, at)
    claim.status = target
    claim.updated_at = at
    return inquiry


def _shipment_claim(uow: UnitOfWork, claim: SupportClaim, orders_claim_id: str, shipment_id: str | None,
                    at: datetime) -> ClaimShipment:
    """Orders' claim on one shipment of `claim`, as support heard of it first: asked for."""
    shipment = uow.session.get(ClaimShipment, (claim.id, orders_claim_id))
    if shipment is None:
        shipment = ClaimShipment(claim_id=claim.id, orders_claim_id=orders_claim_id, shipment_id=shipment_id,
                                 status=REQUESTED, amount=0, updated_at=at)
        uow.session.add(shipment)
    elif shipment.shipment_id is None:
        shipment.shipment_id = shipment_id
    return shipment


def _settle(
    uow: UnitOfWork,
    claim: SupportClaim,
    orders_claim_id: str,
    shipment_id: str | None,
    target: str,
    at: datetime,
    amount: int | None = None,
    reason: str | None = None,
) -> None:
    """Orders answered for one shipment: the customer is told, and the claim moves as its shipments'
    claims now stand; a completed claim resolves the inquiry.

    A shipment's claim support has not heard of is taken to be all there is: orders opens the claims of
    one request at once and says so (ClaimRequested) before any seller decides.
    """
    shipment = _shipment_claim(uow, claim, orders_claim_id, shipment_id, at)
    if target not in SHIPMENT_MOVES.get(shipment.status, ()):
        return
    shipment.status, shipment.updated_at = target, at
    if amount is not None:
        shipment.amount = amount
    if reason is not None:
        shipment.rejection_reason = claim.rejection_reason = reason
    shipments = list(uow.session.scalars(select(ClaimShipment).where(ClaimShipment.claim_id == claim.id)))
    claim.amount = sum(each.amount for each in shipments)
    before = claim.status
    inquiry = _move(uow, claim, claim_status(before, [each.status for each in shipments]), at)
    # A resolved or closed inquiry takes no system answer: the claim moves, the thread stays as it is.
    if inquiry.status not in ACTIVE:
        return
    told = answer_text(claim.kind, target, shipment.amount, shipment.rejection_reason)
    inquiries.answer(uow, inquiry, None, "system", told, [], at)
    if claim.status == COMPLETED and before != COMPLETED:
        inquiries.resolve(uow, inquiry, None, RESOLUTION_REASONS[claim.kind], at)


def answer_refund(uow: UnitOfWork, target: str, event: dict[str, Any]) -> None:
    """RefundApproved / RefundRejected / RefundCompleted: orders' answer keyed by the request id, for
    the claim on one shipment it names.

    A request orders refused outright is answered with RefundRejected whatever its kind, naming no
    claim: it stands for the whole request.
    """
    claim = uow.session.get(SupportClaim, event["request_id"], with_for_update=True)
    if claim is None:
        log.warning("orders answered request %s, which support never made", event["request_id"])
        return
    orders_claim_id = event.get("claim_id") or claim.id
    _settle(uow, claim, orders_claim_id, None, target, clock.now(), event.get("amount"), event.get("reason"))


def _claim_of(uow: UnitOfWork, event: dict[str, Any]) -> SupportClaim | None:
    """The claim, locked, that an orders' Claim* event from a support request is about: the request it
    names, or, for events sent before they named it, the inquiry's newest claim of its kind.
    """
    if event["request_id"] is not None:
        claim = uow.session.get(SupportClaim, event["request_id"], with_for_update=True)
    else:
        claim = uow.session.scalars(
            select(SupportClaim)
            .where(SupportClaim.inquiry_id == event["inquiry_id"], SupportClaim.kind == event["kind"])
            .order_by(SupportClaim.requested_at.desc())
            .limit(1)
            .with_for_update()
        ).first()
    if claim is None:
        log.warning("orders answered a %s for inquiry %s, which support never asked", event["kind"], event["inquiry_id"])
    return claim


def answer_goods_claim(uow: UnitOfWork, target: str, event: dict[str, Any]) -> None:
    """ClaimApproved / ClaimRejected / ClaimCompleted of a return or exchange support asked for.

    Claims customers opened in orders carry no inquiry; refunds are answered by the Refund* events.
    """
    if event["inquiry_id"] is None or event["kind"] not in (RETURN, EXCHANGE):
        return
    claim = _claim_of(uow, event)
    if claim is not None:
        _settle(uow, claim, event["claim_id"], event["shipment_id"], target, clock.now(),
                event.get("refunded_amount"), event.get("reason"))


def note_receipt(uow: UnitOfWork, event: dict[str, Any]) -> None:
    """ClaimRequested: orders took up a request support sent and opened a claim on one of its shipments
    for that shipment's seller to decide; the claim waits for each of them.

    From then on the claim waits for a person, not for a message, so it no longer times out. A receipt
    after the timeout is kept too; the claim stays timed out until orders answers it.
    """
    if event["inquiry_id"] is None:
        return
    claim = _claim_of(uow, event)
    if claim is None:
        return
    now = clock.now()
    _shipment_claim(uow, claim, event["claim_id"], event["shipment_id"], now)
    if claim.received_at is None:
        claim.received_at = now


def time_out_unanswered_claims(runtime: Runtime, timeout: timedelta) -> int:
    """The worker's job: a claim orders has not taken up `timeout` after it was asked for times out.

    The request or orders' receipt was lost on the way (dead-lettered, say). The customer is told in
    the thread and the inquiry goes back to the open queue for a person; a new claim may be asked for,
    and orders' answer, if it still comes, is applied and told. Claims an answer is being handled for
    are locked, so the job skips them.
    """

    def due(now: datetime):
        return (
            select(SupportClaim)
            .where(
                SupportClaim.status == REQUESTED,
                SupportClaim.received_at.is_(None),
                SupportClaim.requested_at <= now - timeout,
            )
            .order_by(SupportClaim.requested_at)
        )

    timed_out = change_each_due(runtime, due, _time_out)
    if timed_out:
        log.warning("%d claims got no answer from orders within %s", timed_out, timeout)
    return timed_out


def _time_out(uow: UnitOfWork, claim: SupportClaim, at: datetime) -> None:
    inquiry = _move(uow, claim, TIMED_OUT, at)
    # A resolved or closed inquiry is left as it is, like an answer that comes after resolution.
    if inquiry.status not in ACTIVE:
        return
    inquiries.tell_customer(uow, inquiry, answer_text(claim.kind, TIMED_OUT), at)
    routing.back_to_open_queue(uow, inquiry, None, at, f"orders did not take up the {claim.kind} request in time")
