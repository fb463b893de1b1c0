"""Compensation support grants a customer after resolving an inquiry: points or a coupon, once per inquiry,
and support's answer: issued, or refused with why."""
from __future__ import annotations

import logging
from typing import Any

from orders import coupons, points
from orders.coupons import CouponNotIssued
from servicekit import clock
from servicekit.db import UnitOfWork

log = logging.getLogger(__name__)


def grant_compensation(uow: UnitOfWork, event: dict[str, Any]) -> None:
    """Credit a CompensationGranted: points of kind compensation, or a compensation copy of a coupon; and
    tell support in the same transaction: CompensationIssued, or CompensationRefused saying why.

    A refusal (a sold-out, ended, withdrawn or unknown coupon, a coupon that is not the grantor's, or a grant
    missing what its kind needs) is a business outcome, not a failure: the event is handled, and support puts
    the case back before a person, since the customer is still owed a compensation. Only CompensationIssued
    is settled, so a refused compensation is charged to no seller. A grant repeated for an inquiry that has
    its compensation already takes no effect and is not answered again.
    """
    inquiry_id, customer_id, at = event["inquiry_id"], event["customer_id"], event["granted_at"]
    if event["kind"] == "points" and event["amount"] is not None:
        if points.grant(uow, customer_id, "compensation", event["amount"], inquiry_id, at):
            _answer(uow, "CompensationIssued", event, issued_coupon_id=None, issued_at=clock.now())
    elif event["kind"] == "coupon" and event["coupon_id"] is not None:
        try:
            copy = coupons.issue_compensation(
                uow, customer_id, event["coupon_id"], inquiry_id, event.get("borne_by_seller_id"), at
            )
        except CouponNotIssued as refused:
            _answer(uow, "CompensationRefused", event, reason=refused.reason, refused_at=clock.now())
            return
        if copy is not None:
            _answer(uow, "CompensationIssued", event, issued_coupon_id=copy.id, issued_at=clock.now())
    else:
        log.warning("compensation for inquiry %s has no %s to grant", inquiry_id, event["kind"])
        _answer(uow, "CompensationRefused", event, reason="incomplete", refused_at=clock.now())


def _answer(uow: UnitOfWork, name: str, grant: dict[str, Any], **outcome: Any) -> None:
    uow.record(
        name,
        {
            "inquiry_id": grant["inquiry_id"],
            "compensation_id": grant["compensation_id"],
            "customer_id": grant["customer_id"],
            "kind": grant["kind"],
            "amount": grant["amount"],
            "coupon_id": grant["coupon_id"],
            "borne_by_seller_id": grant.get("borne_by_seller_id"),
            **outcome,
        },
    )
