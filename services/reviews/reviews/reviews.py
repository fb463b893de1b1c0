"""Review use cases: learn which lines were delivered, post a review of one (once, by its customer, under
their account's name), read it, edit or delete it within the window, and the seller's one reply.

Each use case called from the API owns its transaction; learn_delivered_lines runs in the event's.
"""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Callable

from sqlalchemy import exists, select
from werkzeug.datastructures import FileStorage

from reviews import negative_reviews, ratings, review_photos, rewards
from reviews.domain.people import Reader, Reviewer
from reviews.domain.review_rules import DELETED, EDIT_WINDOW, HIDDEN, VISIBLE, within_edit_window
from reviews.models import Review, ReviewableLine, ReviewPhoto, SellerReply
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.files import FileStore
from servicekit.ids import canonical_id
from servicekit.languages import Message, _
from servicekit.problems import Problem
from servicekit.runtime import Runtime


def learn_delivered_lines(uow: UnitOfWork, shipment: dict[str, Any], at: datetime) -> None:
    """OrderDelivered / PurchaseConfirmed: these lines reached their customer (by `at`) and may be reviewed.

    A confirmation handled before its delivery stands in with its own time; the delivery's, earlier, replaces it.
    """
    for line in shipment["lines"]:
        known = uow.session.get(ReviewableLine, (shipment["order_id"], line["line_no"]), with_for_update=True)
        if known is not None:
            known.delivered_at = min(known.delivered_at, at)
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
    return Problem(404, "review-not-found", "Not Found", _("No review with this id."))


def review_for(uow: UnitOfWork, review_id: str, *, for_update: bool = False, include_hidden: bool = False) -> Review:
    """A review by id; deleted ones are gone, hidden ones only for those allowed to see them."""
    canonical = canonical_id(review_id)
    review = None if canonical is None else uow.session.get(Review, canonical, with_for_update=for_update)
    if review is None or review.status == DELETED or (review.status == HIDDEN and not include_hidden):
        raise _not_found()
    return review


def review_seen_by(uow: UnitOfWork, reader: Reader, review_id: str) -> Review:
    """A review as `reader` may read it; a hidden one is the same 404 as one that never was, to whoever may
    not see it, so the public cannot tell a hidden review exists."""
    review = review_for(uow, review_id, include_hidden=True)
    if not reader.sees(review.status, review.customer_id):
        raise _not_found()
    return review


def read_review(runtime: Runtime, reader: Reader, review_id: str) -> Review:
    with runtime.unit_of_work() as uow:
        return review_seen_by(uow, reader, review_id)


def photo_seen_by(runtime: Runtime, reader: Reader, review_id: str, photo_id: str) -> tuple[ReviewPhoto, bool]:
    """A photo of a review `reader` may see, and whether it is public (its review visible to everybody)."""
    with runtime.unit_of_work() as uow:
        review = review_seen_by(uow, reader, review_id)
        return review_photos.photo_of(review, photo_id), review.status == VISIBLE


def post_review(
    runtime: Runtime, store: FileStore, reviewer: Reviewer, fields: dict[str, Any], photo_files: list[FileStorage]
) -> Review:
    """The customer of a delivered line reviews it, once, with its photos; before delivery (or for another's
    line) refused. Photos are kept first and their files deleted again if the review is not posted.
    """
    photos = review_photos.stored_photos(store, photo_files)
    try:
        with runtime.unit_of_work() as uow:
            review = _posted(uow, reviewer, fields, photos)
            uow.commit()
            return review
    except BaseException:
        review_photos.forget(store, photos)
        raise


def _posted(uow: UnitOfWork, reviewer: Reviewer, fields: dict[str, Any], photos: list[ReviewPhoto]) -> Review:
    line = uow.session.get(ReviewableLine, (str(fields["order_id"]), fields["line_no"]))
    if line is None or line.customer_id != reviewer.customer_id:
        raise Problem(
            403,
            "not-reviewable",
            _("Not reviewable"),
            _("Only an order line delivered to you can be reviewed."),
        )
    now = clock.now()
    review = Review(
        id=str(uuid.uuid4()),
        order_id=line.order_id,
        line_no=line.line_no,
        customer_id=reviewer.customer_id,
        product_id=line.product_id,
        seller_id=line.seller_id,
        product_name=line.product_name,
        rating=fields["rating"],
        text=fields["text"],
        anonymous=fields["anonymous"],
        # Photos are part of the review as posted: its reward counts them.
        photos=photos,
        author_name=reviewer.name,
        status=VISIBLE,
        helpful_count=0,
        created_at=now,
        updated_at=now,
        # Set, not left to the database: the review is answered after its transaction has closed.
        edited_at=None,
        reply=None,
    )
    if not uow.add_once(review):
        raise Problem(409, "already-reviewed", _("Already reviewed"), _("This order line has a review already."))
    ratings.review_changed(uow, review, now)
    rewards.reward_review(uow, review)
    negative_reviews.classify_if_negative(uow, review, now)
    return review


def _changed(runtime: Runtime, review_id: str, change: Callable[[UnitOfWork, Review, datetime], None]) -> Review:
    """Lock a review, change it and commit: each change below in a transaction of its own."""
    with runtime.unit_of_work() as uow:
        review = review_for(uow, review_id, for_update=True)
        change(uow, review, clock.now())
        uow.commit()
        return review


def _own_editable(review: Review, author_id: str, now: datetime) -> None:
    if review.customer_id != author_id:
        raise Problem(403, "not-your-review", "Forbidden", _("Only its author changes a review; sellers never do."))
    if not within_edit_window(review.created_at, now):
        raise Problem(
            409,
            "edit-window-over",
            _("Too late to change"),
            _("A review can be changed or deleted within %(days)s days of posting.", days=EDIT_WINDOW.days),
        )


def edit_review(runtime: Runtime, author_id: str, review_id: str, changes: dict[str, Any]) -> Review:
    """The author changes the rating, the text or whether their name is masked; the name itself stays."""

    def edit(uow: UnitOfWork, review: Review, now: datetime) -> None:
        _own_editable(review, author_id, now)
        for name in ("rating", "text", "anonymous"):
            if name in changes:
                setattr(review, name, changes[name])
        review.edited_at = now
        review.updated_at = now
        ratings.review_changed(uow, review, now)
        negative_reviews.classify_if_negative(uow, review, now)

    return _changed(runtime, review_id, edit)


def delete_review(runtime: Runtime, author_id: str, review_id: str) -> None:
    """The author deletes their review; the line stays reviewed (no second review, no second reward)."""

    def delete(uow: UnitOfWork, review: Review, now: datetime) -> None:
        _own_editable(review, author_id, now)
        review.status = DELETED
        review.deleted_at = now
        review.updated_at = now
        ratings.review_changed(uow, review, now)

    _changed(runtime, review_id, delete)


def _sellers_own(review: Review, seller_id: str) -> None:
    if seller_id != review.seller_id:
        raise Problem(403, "not-your-product", "Forbidden", _("Only the seller of the reviewed product replies."))


def reply(runtime: Runtime, seller_id: str, review_id: str, text: str) -> Review:
    """The seller's one reply; a second is refused, the first may be edited."""

    def add_reply(uow: UnitOfWork, review: Review, now: datetime) -> None:
        _sellers_own(review, seller_id)
        if review.reply is not None:
            raise Problem(409, "already-replied", _("Already replied"), _("Edit your reply instead of posting another."))
        review.reply = SellerReply(
            review_id=review.id, seller_id=review.seller_id, text=text, created_at=now, updated_at=now
        )

    return _changed(runtime, review_id, add_reply)


def _existing_reply(review: Review, seller_id: str, missing: Message) -> SellerReply:
    _sellers_own(review, seller_id)
    if review.reply is None:
        raise Problem(404, "reply-not-found", "Not Found", missing)
    return review.reply


def edit_reply(runtime: Runtime, seller_id: str, review_id: str, text: str) -> Review:
    def edit(uow: UnitOfWork, review: Review, now: datetime) -> None:
        existing = _existing_reply(review, seller_id, _("This review has no reply to edit."))
        existing.text = text
        existing.updated_at = now

    return _changed(runtime, review_id, edit)


def delete_reply(runtime: Runtime, seller_id: str, review_id: str) -> Review:
    def delete(uow: UnitOfWork, review: Review, now: datetime) -> None:
        _existing_reply(review, seller_id, _("This review has no reply to delete."))
        review.reply = None

    return _changed(runtime, review_id, delete)


def reviewable_lines_of(runtime: Runtime, customer_id: str) -> list[ReviewableLine]:
    """Lines delivered to the customer that they have not reviewed yet."""
    reviewed = exists().where(Review.order_id == ReviewableLine.order_id, Review.line_no == ReviewableLine.line_no)
    with runtime.unit_of_work() as uow:
        return list(
            uow.session.scalars(
                select(ReviewableLine)
                .where(ReviewableLine.customer_id == customer_id, ~reviewed)
                .order_by(ReviewableLine.delivered_at.desc())
            )
        )
