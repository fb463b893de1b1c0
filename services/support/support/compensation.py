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
from support.domain.compensation_rules import compensation_refusal
from support.domain.people import Viewer
from support.models import Inquiry
from support.models.claims import Compensation

REFUSAL_STATUS = {
    "not-staff": 403,
    "not-settled": 409,
    "already-compensated": 409,
    "amount-required": 422,
    "over-limit": 422,
    "coupon-required": 422,
}


def compensation_of(uow: UnitOfWork, inquiry: Inquiry) -> Compensation | None:
    return uow.session.scalars(select(Compensation).where(Compensation.inquiry_id == inquiry.id)).first()


def grant_compensation(uow: UnitOfWork, viewer: Viewer, inquiry: Inquiry, fields: dict[str, Any]) -> Compensation:
    """The seller of a resolved inquiry, or an agent, compensates its customer."""
    role = viewer.role_in(inquiry.owner, inquiry.seller_id, inquiry.customer_id)
    kind, amount, coupon_id = fields["kind"], fields.get("amount"), fields.get("coupon_id")
    refusal = compensation_refusal(
        role, inquiry.status, compensation_of(uow, inquiry) is not None, kind, amount, coupon_id
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
