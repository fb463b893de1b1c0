"""Compensation: once a case is resolved, its seller or an agent grants the customer points or a coupon,
once per case and within the per-case limit; orders credits it from CompensationGranted and answers
that it issued it, or refused it: then the case goes back before a person, to compensate another way.
"""
from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select

from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support import inquiries, routing
from support.domain.compensation_rules import GRANTED, ISSUED, REFUSED, compensation_refusal, refusal_notice
from support.domain.inquiry_states import CLOSED, RESOLVED
from support.domain.people import Viewer
from support.inquiry_history import note_change
from support.models import Inquiry
from support.models.claims import Compensation
from support.visible_inquiries import inquiry_for

log = logging.getLogger(__name__)

REFUSAL_STATUS = {
    "not-staff": 403,
    "not-settled": 409,
    "already-compensated": 409,
    "amount-required": 422,
    "over-limit": 422,
    "coupon-required": 422,
}


def _latest_of(uow: UnitOfWork, inquiry: Inquiry) -> Compensation | None:
    return uow.session.scalars(
        select(Compensation)
        .where(Compensation.inquiry_id == inquiry.id)
        .order_by(Compensation.granted_at.desc(), Compensation.id.desc())
        .limit(1)
    ).first()


def compensation_seen(runtime: Runtime, viewer: Viewer, inquiry_id: str) -> Compensation:
    """The compensation last granted for a case the viewer sees, as orders answered it."""
    with runtime.unit_of_work() as uow:
        granted = _latest_of(uow, inquiry_for(uow, viewer, inquiry_id))
    if granted is None:
        raise Problem(404, "no-compensation", "Not Found", _("This case was not compensated."))
    return granted


def grant_compensation(runtime: Runtime, viewer: Viewer, inquiry_id: str, fields: dict[str, Any]) -> Compensation:
    """The seller of a resolved inquiry, or an agent, compensates its customer, once per case."""
    with runtime.unit_of_work() as uow:
        granted = _grant(uow, viewer, inquiry_for(uow, viewer, inquiry_id, for_update=True), fields)
        uow.commit()
        return granted


def _grant(uow: UnitOfWork, viewer: Viewer, inquiry: Inquiry, fields: dict[str, Any]) -> Compensation:
    role = viewer.role_in(inquiry.seller_id, inquiry.customer_id)
    kind, amount, coupon_id = fields["kind"], fields.get("amount"), fields.get("coupon_id")
    standing = uow.session.scalar(
        select(Compensation.id).where(Compensation.inquiry_id == inquiry.id, Compensation.status != REFUSED)
    )
    refusal = compensation_refusal(role, inquiry.status, standing is not None, kind, amount, coupon_id)
    if refusal is not None:
        raise Problem(REFUSAL_STATUS[refusal.reason], refusal.reason, _("Compensation refused"), refusal.detail)
    now = clock.now()
    compensation = Compensation(
        id=str(uuid.uuid4()),
        inquiry_id=inquiry.id,
        customer_id=inquiry.customer_id,
        seller_id=inquiry.seller_id,
        kind=kind,
        amount=amount if kind == "points" else None,
        coupon_id=coupon_id if kind == "coupon" else None,
        granted_by=viewer.subject,
        granted_by_role=role,
        granted_at=now,
        status=GRANTED,
    )
    uow.session.add(compensation)
    note_change(uow, inquiry, "compensation", None, f"{kind} {GRANTED}", viewer.subject, now)
    uow.record(
        "CompensationGranted",
        {
            "inquiry_id": inquiry.id,
            "compensation_id": compensation.id,
            "customer_id": inquiry.customer_id,
            "kind": kind,
            "amount": compensation.amount,
            "coupon_id": compensation.coupon_id,
            "borne_by_seller_id": inquiry.seller_id if role == "seller" else None,
            "granted_by": viewer.subject,
            "granted_at": now,
        },
    )
    return compensation


def _answered(uow: UnitOfWork, answer: dict[str, Any]) -> tuple[Inquiry, Compensation] | None:
    """The inquiry and the compensation, both locked, that orders' answer is about, while the compensation
    waits for it; None for an answer told again, or about a grant support never made.

    An answer to a grant sent before grants named their compensation is about the inquiry's one still granted.
    """
    inquiry = uow.session.get(Inquiry, answer["inquiry_id"], with_for_update=True)
    statement = select(Compensation).where(Compensation.status == GRANTED).with_for_update()
    if answer["compensation_id"] is not None:
        statement = statement.where(Compensation.id == answer["compensation_id"])
    else:
        statement = statement.where(Compensation.inquiry_id == answer["inquiry_id"])
    compensation = None if inquiry is None else uow.session.scalars(statement).first()
    if compensation is None:
        log.info("orders answered compensation %s of inquiry %s, which waits for no answer",
                 answer["compensation_id"], answer["inquiry_id"])
        return None
    return inquiry, compensation


def _settle(uow: UnitOfWork, inquiry: Inquiry, compensation: Compensation, target: str, at: datetime,
            reason: str | None = None) -> None:
    note_change(uow, inquiry, "compensation", f"{compensation.kind} {compensation.status}",
                f"{compensation.kind} {target}", None, at, reason)
    compensation.status, compensation.settled_at = target, at


def note_issued(uow: UnitOfWork, answer: dict[str, Any]) -> None:
    """CompensationIssued: the customer has the points, or their copy of the coupon."""
    answered = _answered(uow, answer)
    if answered is None:
        return
    inquiry, compensation = answered
    _settle(uow, inquiry, compensation, ISSUED, clock.now())
    compensation.issued_coupon_id = answer["issued_coupon_id"]


def note_refused(uow: UnitOfWork, answer: dict[str, Any]) -> None:
    """CompensationRefused: orders issued nothing (a sold-out coupon, say), so the customer is still owed a
    compensation. They are told so, and the case goes back before a person: a resolved case is reopened to
    its owner's open queue, a closed one (which never reopens) is followed by a new case linked to it, and
    an active one stays with whoever holds it. The case may then be compensated again.
    """
    answered = _answered(uow, answer)
    if answered is None:
        return
    inquiry, compensation = answered
    now, reason = clock.now(), answer["reason"]
    _settle(uow, inquiry, compensation, REFUSED, now, reason)
    compensation.refusal_reason = reason
    notice = refusal_notice(compensation.kind, reason)
    if inquiry.status == CLOSED:
        inquiries.start_inquiry(
            uow,
            inquiry.customer_id,
            inquiry.customer_name,
            inquiry.seller_id,
            {
                "inquiry_type": inquiry.inquiry_type,
                "subject": inquiry.subject,
                "body": notice,
                "order_id": inquiry.order_id,
                "order_line_no": inquiry.order_line_no,
                "product_id": inquiry.product_id,
            },
            None,
            "system",
            now,
            follows=inquiry,
        )
        return
    inquiries.tell_customer(uow, inquiry, notice, now)
    if inquiry.status == RESOLVED:
        inquiry.resolved_at = None
        inquiry.resolution_reason = None
        routing.back_to_open_queue(uow, inquiry, None, now, f"orders refused the {compensation.kind}: {reason}")
