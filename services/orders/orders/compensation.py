"""Compensation support grants a customer after resolving an inquiry: points or a coupon, once per inquiry."""
from __future__ import annotations

import logging
from typing import Any

from orders import coupons, points
from servicekit.db import UnitOfWork

log = logging.getLogger(__name__)


def grant_compensation(uow: UnitOfWork, event: dict[str, Any]) -> None:
    """Credit a CompensationGranted: points of kind compensation, or a compensation copy of a coupon.

    A grant missing what its kind needs is logged and skipped, so the consumer keeps flowing.
    """
    inquiry_id, customer_id, at = event["inquiry_id"], event["customer_id"], event["granted_at"]
    if event["kind"] == "points" and event["amount"] is not None:
        points.grant(uow, customer_id, "compensation", event["amount"], inquiry_id, at)
    elif event["kind"] == "coupon" and event["coupon_id"] is not None:
        coupons.issue_compensation(uow, customer_id, event["coupon_id"], inquiry_id, at)
    else:
        log.warning("compensation for inquiry %s has no %s to grant", inquiry_id, event["kind"])
