"""Moderation: customers report a review once; admins see the open reports, hide a review (it leaves the
listings and the ratings) and restore it, the reason kept each time.
"""
from __future__ import annotations

import uuid

from sqlalchemy import select, update

from reviews import ratings
from reviews.domain.review_rules import DELETED, HIDDEN, VISIBLE
from reviews.models import Review, ReviewReport
from reviews.models.reviews import ReviewModeration
from reviews.reviews import review_for
from servicekit import clock
from servicekit.pagination import page_of
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime

REPORT_REASONS = ("spam", "abusive", "personal_info", "irrelevant", "other")


def report(runtime: Runtime, reporter_id: str, review_id: str, reason: str, detail: str) -> ReviewReport:
    """A signed-in customer reports a visible review, once."""
    with runtime.unit_of_work() as uow:
        review = review_for(uow, review_id)
        filed = ReviewReport(
            id=str(uuid.uuid4()),
            review_id=review.id,
            reporter_id=reporter_id,
            reason=reason,
            detail=detail,
            created_at=clock.now(),
        )
        if not uow.add_once(filed):
            raise Problem(409, "already-reported", _("Already reported"), _("You reported this review already."))
        uow.commit()
        return filed


def open_reports(runtime: Runtime, pagination_parameters) -> list[tuple[ReviewReport, Review]]:
    """A page of the reports no admin has acted on yet, oldest first, of reviews still there, each with its
    review as it is now (all of them in one query)."""
    statement = (
        select(ReviewReport)
        .join(Review, Review.id == ReviewReport.review_id)
        .where(ReviewReport.handled_at.is_(None), Review.status != DELETED)
        .order_by(ReviewReport.created_at, ReviewReport.id)
    )
    with runtime.unit_of_work() as uow:
        reports = page_of(uow.session, statement, pagination_parameters)
        ids = {filed.review_id for filed in reports}
        reviews = {review.id: review for review in uow.session.scalars(select(Review).where(Review.id.in_(ids)))}
        return [(filed, reviews[filed.review_id]) for filed in reports]


def _moderate(runtime: Runtime, admin_id: str, review_id: str, *, to: str, action: str, reason: str) -> Review:
    with runtime.unit_of_work() as uow:
        review = review_for(uow, review_id, for_update=True, include_hidden=True)
        if review.status == to:
            already = _("This review is hidden already.") if to == HIDDEN else _("This review is visible already.")
            raise Problem(409, f"already-{to}", _("Nothing to change"), already)
        now = clock.now()
        review.status = to
        review.hidden_reason = reason if to == HIDDEN else None
        review.updated_at = now
        uow.session.add(
            ReviewModeration(id=str(uuid.uuid4()), review_id=review.id, action=action, reason=reason,
                             admin_id=admin_id, at=now)
        )
        # Acting on a review answers every report of it so far.
        uow.session.execute(
            update(ReviewReport)
            .where(ReviewReport.review_id == review.id, ReviewReport.handled_at.is_(None))
            .values(handled_at=now)
        )
        ratings.review_changed(uow, review, now)
        uow.commit()
        return review


def hide(runtime: Runtime, admin_id: str, review_id: str, reason: str) -> Review:
    """Take a review out of the listings and the ratings; its author still sees it, with the reason."""
    return _moderate(runtime, admin_id, review_id, to=HIDDEN, action="hidden", reason=reason)


def restore(runtime: Runtime, admin_id: str, review_id: str, reason: str) -> Review:
    """Bring a hidden review back into the listings and the ratings."""
    return _moderate(runtime, admin_id, review_id, to=VISIBLE, action="restored", reason=reason)
