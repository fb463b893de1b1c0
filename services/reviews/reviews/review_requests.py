"""Asking customers to review what reached them: ReviewRequested once per line, some days after delivery.

Nobody subscribes to ReviewRequested yet: the event itself is the request to the customer, and whoever
brings it to them (mail, app push) will subscribe to it.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import exists, select

from reviews.models import Review, ReviewableLine
from reviews.models.rewards import ReviewRequest
from servicekit.runtime import Runtime

# Long enough for the customer to have used what they bought, soon enough for them to remember it.
REQUEST_AFTER_DELIVERY = timedelta(days=3)


def request_due_reviews(runtime: Runtime, now: datetime | None = None, batch: int = 100) -> int:
    """The worker's job: ask for a review of each line delivered long enough ago, not reviewed nor asked yet.

    Returns how many lines were asked about.
    """
    reviewed = exists().where(Review.order_id == ReviewableLine.order_id, Review.line_no == ReviewableLine.line_no)
    requested = exists().where(
        ReviewRequest.order_id == ReviewableLine.order_id, ReviewRequest.line_no == ReviewableLine.line_no
    )
    asked = 0
    while True:
        at = now or datetime.now(timezone.utc)
        with runtime.unit_of_work() as uow:
            due = list(
                uow.session.scalars(
                    select(ReviewableLine)
                    .where(ReviewableLine.delivered_at <= at - REQUEST_AFTER_DELIVERY, ~reviewed, ~requested)
                    .order_by(ReviewableLine.delivered_at)
                    .limit(batch)
                    .with_for_update(skip_locked=True)
                )
            )
            for line in due:
                uow.session.add(ReviewRequest(order_id=line.order_id, line_no=line.line_no, requested_at=at))
                uow.record(
                    "ReviewRequested",
                    {
                        "customer_id": line.customer_id,
                        "order_id": line.order_id,
                        "line_no": line.line_no,
                        "product_id": line.product_id,
                        "product_name": line.product_name,
                        "requested_at": at,
                    },
                )
            uow.commit()
        asked += len(due)
        if len(due) < batch:
            return asked
