"""Points for reviewing: granted once per order line, and told to orders (which credits them) with the review."""
from __future__ import annotations

from reviews.domain.rewards import reward_for
from reviews.models import Review
from reviews.models.rewards import ReviewReward
from servicekit.db import UnitOfWork


def reward_review(uow: UnitOfWork, review: Review) -> None:
    """Grant the reward the review earns as posted (photos included), unless its line was ever rewarded.

    Called in the review's own transaction, so ReviewRewardEarned goes out exactly when the review does.
    """
    reward = reward_for(review.text, len(review.photos))
    if reward is None or uow.session.get(ReviewReward, (review.order_id, review.line_no)) is not None:
        return
    uow.session.add(
        ReviewReward(
            order_id=review.order_id,
            line_no=review.line_no,
            review_id=review.id,
            points=reward.points,
            kind=reward.kind,
            granted_at=review.created_at,
        )
    )
    uow.record(
        "ReviewRewardEarned",
        {
            "review_id": review.id,
            "customer_id": review.customer_id,
            "order_id": review.order_id,
            "line_no": review.line_no,
            "points": reward.points,
            "earned_at": review.created_at,
        },
    )
