"""Helpful votes: one per customer per review, never on their own, with the review's count kept in step."""
from __future__ import annotations

from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert

from reviews.models import HelpfulVote, Review
from reviews.reviews import review_for
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime


def _count_by(uow: UnitOfWork, review: Review, step: int) -> None:
    # In the database, not from the loaded row: votes cast at the same moment all count.
    uow.session.execute(update(Review).where(Review.id == review.id).values(helpful_count=Review.helpful_count + step))
    uow.session.refresh(review, ["helpful_count"])


def vote_helpful(runtime: Runtime, customer_id: str, review_id: str) -> Review:
    """Count the customer's vote once, however often they send it; their own review they cannot vote for."""
    with runtime.unit_of_work() as uow:
        review = review_for(uow, review_id)
        if review.customer_id == customer_id:
            raise Problem(409, "own-review", _("Your own review"), _("You cannot vote for your own review."))
        cast = uow.session.execute(
            insert(HelpfulVote)
            .values(review_id=review.id, customer_id=customer_id, created_at=clock.now())
            .on_conflict_do_nothing(index_elements=[HelpfulVote.review_id, HelpfulVote.customer_id])
            .returning(HelpfulVote.customer_id)
        ).first()
        if cast is not None:
            _count_by(uow, review, 1)
        uow.commit()
        return review


def take_back_vote(runtime: Runtime, customer_id: str, review_id: str) -> Review:
    """Withdraw the customer's vote, if they cast one."""
    with runtime.unit_of_work() as uow:
        review = review_for(uow, review_id)
        withdrawn = uow.session.execute(
            delete(HelpfulVote)
            .where(HelpfulVote.review_id == review.id, HelpfulVote.customer_id == customer_id)
            .returning(HelpfulVote.customer_id)
        ).first()
        if withdrawn is not None:
            _count_by(uow, review, -1)
        uow.commit()
        return review
