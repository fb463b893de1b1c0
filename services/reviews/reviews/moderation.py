"""Moderation: customers report a review once; admins see the open reports, hide a review (it leaves the
listings and the ratings) and restore it, the reason kept each time.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from reviews import ratings
from reviews.models import Review, ReviewReport
from reviews.models.reviews import ReviewModeration
from reviews.reviews import HIDDEN, VISIBLE, review_for
from servicekit.db import UnitOfWork
from servicekit.identity import Identity
from servicekit.problems import Problem

REPORT_REASONS = ("spam", "abusive", "personal_info", "irrelevant", "other")


def review_seen_by(uow: UnitOfWork, identity: Identity, review_id: str) -> Review:
    """A review as `identity` may read it: a hidden one only by admins and its author, 404 to everyone else."""
    review = review_for(uow, review_id, include_hidden=True)
    if review.status == HIDDEN and not (identity.has_role("admin") or identity.subject == review.customer_id):
        # The same answer as for a review that never was: the public cannot tell a hidden one exists.
        return review_for(uow, review_id)
    return review


def report(uow: UnitOfWork, reporter: Identity, review_id: str, reason: str, detail: str) -> ReviewReport:
    """A signed-in customer reports a visible review, once."""
    review = review_for(uow, review_id)
    filed = ReviewReport(
        id=str(uuid.uuid4()),
        review_id=review.id,
        reporter_id=reporter.subject,
        reason=reason,
        detail=detail,
        created_at=datetime.now(timezone.utc),
    )
    uow.session.add(filed)
    try:
        uow.session.flush()
    except IntegrityError:
        uow.session.rollback()
        raise Problem(409, "already-reported", "Already reported", "You reported this review already.") from None
    return filed


def open_reports():
    """Reports no admin has acted on yet, oldest first, of reviews that are still there."""
    return (
        select(ReviewReport)
        .join(Review, Review.id == ReviewReport.review_id)
        .where(ReviewReport.handled_at.is_(None), Review.status != "deleted")
        .order_by(ReviewReport.created_at, ReviewReport.id)
    )


def reviews_of(uow: UnitOfWork, reports: list[ReviewReport]) -> dict[str, Review]:
    """The reviews a page of reports is about, in one query."""
    ids = {report.review_id for report in reports}
    return {review.id: review for review in uow.session.scalars(select(Review).where(Review.id.in_(ids)))}


def _moderate(uow: UnitOfWork, admin: Identity, review_id: str, *, to: str, action: str, reason: str) -> Review:
    review = review_for(uow, review_id, for_update=True, include_hidden=True)
    if review.status == to:
        raise Problem(409, f"already-{to}", "Nothing to change", f"This review is {to} already.")
    now = datetime.now(timezone.utc)
    review.status = to
    review.hidden_reason = reason if to == HIDDEN else None
    review.updated_at = now
    uow.session.add(
        ReviewModeration(id=str(uuid.uuid4()), review_id=review.id, action=action, reason=reason,
                         admin_id=admin.subject, at=now)
    )
    # Acting on a review answers every report of it so far.
    uow.session.execute(
        update(ReviewReport)
        .where(ReviewReport.review_id == review.id, ReviewReport.handled_at.is_(None))
        .values(handled_at=now)
    )
    ratings.review_changed(uow, review.product_id, review.seller_id, now)
    return review


def hide(uow: UnitOfWork, admin: Identity, review_id: str, reason: str) -> Review:
    """Take a review out of the listings and the ratings; its author still sees it, with the reason."""
    return _moderate(uow, admin, review_id, to=HIDDEN, action="hidden", reason=reason)


def restore(uow: UnitOfWork, admin: Identity, review_id: str, reason: str) -> Review:
    """Bring a hidden review back into the listings and the ratings."""
    return _moderate(uow, admin, review_id, to=VISIBLE, action="restored", reason=reason)
