"""Review use cases: learn which lines were delivered, post a review of one (once, by its customer),
edit or delete it within the window, and the seller's one reply.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from reviews import negative_reviews, ratings, rewards
from reviews.domain.review_rules import EDIT_WINDOW, within_edit_window
from reviews.models import Review, ReviewableLine, SellerReply
from servicekit.db import UnitOfWork
from servicekit.ids import canonical_id
from servicekit.identity import Identity
from servicekit.problems import Problem

VISIBLE, HIDDEN, DELETED = "visible", "hidden", "deleted"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def learn_delivered_lines(uow: UnitOfWork, shipment: dict[str, Any], at: datetime) -> None:
    """OrderDelivered / PurchaseConfirmed: these lines reached their customer and may be reviewed."""
    for line in shipment["lines"]:
        key = (shipment["order_id"], line["line_no"])
        if uow.session.get(ReviewableLine, key) is not None:
            continue
        uow.session.add(
            ReviewableLine(
                order_id=shipment["order_id"],
                line_no=line["line_no"],
                customer_id=shipment["customer_id"],
                product_id=line["product_id"],
                seller_id=line["seller_id"],
                product_name=line["product_name"],
                delivered_at=at,
            )
        )


def _not_found() -> Problem:
    return Problem(404, "review-not-found", "Not Found", "No review with this id.")


def review_for(uow: UnitOfWork, review_id: str, *, for_update: bool = False, include_hidden: bool = False) -> Review:
    """A review by id; deleted ones are gone, hidden ones only for those allowed to see them."""
    canonical = canonical_id(review_id)
    review = None if canonical is None else uow.session.get(Review, canonical, with_for_update=for_update)
    if review is None or review.status == DELETED or (review.status == HIDDEN and not include_hidden):
        raise _not_found()
    return review


def post_review(uow: UnitOfWork, customer: Identity, fields: dict[str, Any]) -> Review:
    """The customer of a delivered line reviews it, once; before delivery (or for another's line) refused."""
    line = uow.session.get(ReviewableLine, (str(fields["order_id"]), fields["line_no"]))
    if line is None or line.customer_id != customer.subject:
        raise Problem(
            403,
            "not-reviewable",
            "Not reviewable",
            "Only an order line delivered to you can be reviewed.",
        )
    now = _now()
    review = Review(
        id=str(uuid.uuid4()),
        order_id=line.order_id,
        line_no=line.line_no,
        customer_id=customer.subject,
        product_id=line.product_id,
        seller_id=line.seller_id,
        product_name=line.product_name,
        rating=fields["rating"],
        text=fields["text"],
        anonymous=fields["anonymous"],
        # Photos are part of the review as posted: its reward counts them.
        photos=fields.get("photos", []),
        author_name=fields["display_name"],
        status=VISIBLE,
        helpful_count=0,
        created_at=now,
        updated_at=now,
    )
    uow.session.add(review)
    try:
        uow.session.flush()
    except IntegrityError:
        uow.session.rollback()
        raise Problem(409, "already-reviewed", "Already reviewed", "This order line has a review already.") from None
    ratings.review_changed(uow, review.product_id, review.seller_id, now)
    rewards.reward_review(uow, review)
    negative_reviews.classify_if_negative(uow, review, now)
    return review


def _own_editable(review: Review, customer: Identity, now: datetime) -> None:
    if review.customer_id != customer.subject:
        raise Problem(403, "not-your-review", "Forbidden", "Only its author changes a review; sellers never do.")
    if not within_edit_window(review.created_at, now):
        raise Problem(
            409,
            "edit-window-over",
            "Too late to change",
            f"A review can be changed or deleted within {EDIT_WINDOW.days} days of posting.",
        )


def edit_review(uow: UnitOfWork, customer: Identity, review: Review, changes: dict[str, Any]) -> Review:
    now = _now()
    _own_editable(review, customer, now)
    for name in ("rating", "text", "anonymous"):
        if name in changes:
            setattr(review, name, changes[name])
    review.edited_at = now
    review.updated_at = now
    ratings.review_changed(uow, review.product_id, review.seller_id, now)
    negative_reviews.classify_if_negative(uow, review, now)
    return review


def delete_review(uow: UnitOfWork, customer: Identity, review: Review) -> None:
    """The author deletes their review; the line stays reviewed (no second review, no second reward)."""
    now = _now()
    _own_editable(review, customer, now)
    review.status = DELETED
    review.deleted_at = now
    review.updated_at = now
    ratings.review_changed(uow, review.product_id, review.seller_id, now)


def _sellers_own(review: Review, seller: Identity) -> None:
    if not seller.has_role("seller") or seller.seller_id != review.seller_id:
        raise Problem(403, "not-your-product", "Forbidden", "Only the seller of the reviewed product replies.")


def reply(uow: UnitOfWork, seller: Identity, review: Review, text: str) -> Review:
    """The seller's one reply; a second is refused, the first may be edited."""
    _sellers_own(review, seller)
    now = _now()
    if review.reply is not None:
        raise Problem(409, "already-replied", "Already replied", "Edit your reply instead of posting another.")
    review.reply = SellerReply(review_id=review.id, seller_id=review.seller_id, text=text, created_at=now, updated_at=now)
    return review


def edit_reply(uow: UnitOfWork, seller: Identity, review: Review, text: str) -> Review:
    _sellers_own(review, seller)
    if review.reply is None:
        raise Problem(404, "reply-not-found", "Not Found", "This review has no reply to edit.")
    review.reply.text = text
    review.reply.updated_at = _now()
    return review


def delete_reply(uow: UnitOfWork, seller: Identity, review: Review) -> Review:
    _sellers_own(review, seller)
    if review.reply is None:
        raise Problem(404, "reply-not-found", "Not Found", "This review has no reply to delete.")
    review.reply = None
    return review


def reviewable_lines_of(uow: UnitOfWork, customer_id: str) -> list[ReviewableLine]:
    """Lines delivered to the customer that they have not reviewed yet."""
    reviewed = exists().where(Review.order_id == ReviewableLine.order_id, Review.line_no == ReviewableLine.line_no)
    return list(
        uow.session.scalars(
            select(ReviewableLine)
            .where(ReviewableLine.customer_id == customer_id, ~reviewed)
            .order_by(ReviewableLine.delivered_at.desc())
        )
    )
