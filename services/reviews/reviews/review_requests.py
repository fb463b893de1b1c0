"""Asking customers to review what reached them: ReviewRequested once per line, some days after delivery.

The event itself is the request to the customer: auth, which knows how to reach them, subscribes and
sends the notice.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Select, exists, select

from reviews.models import Review, ReviewableLine
from reviews.models.rewards import ReviewRequest
from servicekit.batch_jobs import change_each_due
from servicekit.db import UnitOfWork
from servicekit.runtime import Runtime

# Long enough for the customer to have used what they bought, soon enough for them to remember it.
REQUEST_AFTER_DELIVERY = timedelta(days=3)


def _lines_due(now: datetime) -> Select:
    """Lines delivered long enough ago that are neither reviewed nor asked about yet, the oldest first."""
    reviewed = exists().where(Review.order_id == ReviewableLine.order_id, Review.line_no == ReviewableLine.line_no)
    requested = exists().where(
        ReviewRequest.order_id == ReviewableLine.order_id, ReviewRequest.line_no == ReviewableLine.line_no
    )
    return (
        select(ReviewableLine)
        .where(ReviewableLine.delivered_at <= now - REQUEST_AFTER_DELIVERY, ~reviewed, ~requested)
        .order_by(ReviewableLine.delivered_at)
    )


def _request_review(uow: UnitOfWork, line: ReviewableLine, now: datetime) -> None:
    uow.session.add(ReviewRequest(order_id=line.order_id, line_no=line.line_no, requested_at=now))
    uow.record(
        "ReviewRequested",
        {
            "customer_id": line.customer_id,
            "order_id": line.order_id,
            "line_no": line.line_no,
            "product_id": line.product_id,
            "product_name": line.product_name,
            "requested_at": now,
        },
    )


def request_due_reviews(runtime: Runtime) -> int:
    """The worker's job: ask for a review of each line delivered long enough ago, not reviewed nor asked yet.

    Returns how many lines were asked about.
    """
    return change_each_due(runtime, _lines_due, _request_review)
