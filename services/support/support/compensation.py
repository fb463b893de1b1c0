"""Compensation: once a case is resolved, its seller or an agent grants the customer points or a coupon,
once per case and within the per-case limit; orders credits it from CompensationGranted.
"""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support.domain.compensation_rules import compensation_refusal
from support.domain.people import Viewer
from support.models import Inquiry
from support.models.claims import Compensation
from support.visible_inquiries import inquiry_for

REFUSAL_STATUS = {
    "not-staff": 403,
    "not-settled": 409,
    "already-compensated": 409,
    "amount-required": 422,
    "over-limit": 422,
    "coupon-required": 422,
}


def _compensation_of(uow: UnitOfWork, inquiry: Inquiry) -> Compensation | None:
    return uow.session.scalars(select(Compensation).where(Compensation.inquiry_id == inquiry.id)).first()


def compensation_seen(runtime: Runtime, viewer: Viewer, inquiry_id: str) -> Compensation:
    """The compensation granted for a case the viewer sees."""
    with runtime.unit_of_work() as uow:
        granted = _compensation_of(uow, inquiry_for(uow, viewer, inquiry_id))
    if granted is None:
        raise Problem(404, "no-compensation", "Not Found", "This case was not compensated.")
    return granted


def grant_compensation(runtime: Runtime, viewer: Viewer, inquiry_id: str, fields: dict[str, Any]) -> Compensation:
    """The seller of a resolved inquiry, or an agent, compensates its customer, once per case."""
    with runtime.unit_of_work() as uow:
        granted = _grant(uow, viewer, inquiry_for(uow, viewer, inquiry_id, for_update=True), fields)
        uow.commit()
        return granted


def _grant(uow: UnitOfWork, viewer: Viewer, inquiry: Inquiry, fields: dict[str, Any]) -> Compensation:
    role = viewer.role_in(inquiry.owner, inquiry.seller_id, inquiry.customer_id)
    kind, amount, coupon_id = fields["kind"], fields.get("amount"), fields.get("coupon_id")
    refusal = compensation_refusal(
        role, inquiry.status, _compensation_of(uow, inquiry) is not None, kind, amount, coupon_id
    )
    if refusal is not None:
        raise Problem(REFUSAL_STATUS[refusal.reason], refusal.reason, "Compensation refused", refusal.detail)
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
    )
    uow.session.add(compensation)
    uow.record(
        "CompensationGranted",
        {
            "inquiry_id": inquiry.id,
            "customer_id": inquiry.customer_id,
            "kind": kind,
            "amount": compensation.amount,
            "coupon_id": compensation.coupon_id,
            "granted_by": viewer.subject,
            "granted_at": now,
        },
    )
    return compensation
