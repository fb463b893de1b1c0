"""Rating aggregates per product and per seller, recounted from the visible reviews whenever one is
posted, edited, deleted, hidden or restored, and announced to catalog (R4): the product's for the
storefront's sort and product pages, the seller's for their shop and their products' pages. The seller's
reviews of the day the changed one was posted are recounted too, for rating statistics.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from reviews.domain.rating_aggregates import STARS, Aggregate
from reviews.models import Review
from reviews.models.ratings import STAR_COLUMNS, ProductRating, SellerRating, SellerRatingDay
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.korean_calendar import korean_day, korean_midnight

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def _write(row, aggregate: Aggregate, at: datetime) -> None:
    row.review_count = aggregate.count
    row.rating_sum = aggregate.rating_sum
    for name, n in zip(STAR_COLUMNS, aggregate.distribution):
        setattr(row, name, n)
    row.updated_at = at
    row.version += 1


def aggregate_of(row) -> Aggregate:
    return Aggregate(tuple(getattr(row, name) for name in STAR_COLUMNS))


def _announced(row, aggregate: Aggregate, at: datetime) -> dict[str, Any]:
    """What catalog is told of an aggregate row just written."""
    return {
        "review_count": aggregate.count,
        "average_centi": aggregate.average_centi,
        "distribution": {str(star): n for star, n in zip(STARS, aggregate.distribution)},
        "version": row.version,
        "changed_at": at,
    }


def _locked(session, model, key: str, **columns):
    """The aggregate row of `key`, made if missing (concurrent first reviews race to make it) and locked.

    Locking comes before counting: a count taken first could miss a review committed meanwhile.
    """
    empty = dict.fromkeys(("review_count", "rating_sum", "version", *STAR_COLUMNS), 0) | {"updated_at": clock.now()}
    insert = _INSERTS[session.get_bind().dialect.name](model.__table__)
    session.execute(insert.values(**columns, **empty).on_conflict_do_nothing())
    return session.get(model, key, with_for_update=True, populate_existing=True)


def review_changed(uow: UnitOfWork, review: Review, at: datetime) -> None:
    """Recount the visible reviews of the review's product, then the seller's from their products, and tell
    catalog: of the product's rating every time, of the seller's when it moved. Then the seller's reviews of
    the day it was posted."""
    product_id, seller_id = review.product_id, review.seller_id
    session = uow.session
    session.flush()
    product = _locked(session, ProductRating, product_id, product_id=product_id, seller_id=seller_id)
    counts = dict(
        session.execute(
            select(Review.rating, func.count())
            .where(Review.product_id == product_id, Review.status == "visible")
            .group_by(Review.rating)
        ).all()
    )
    aggregate = Aggregate.of(counts)
    _write(product, aggregate, at)
    session.flush()
    uow.record(
        "ProductRatingChanged", {"product_id": product_id, "seller_id": seller_id, **_announced(product, aggregate, at)}
    )
    # The seller's row is locked while the product's is held: the seller's recount sees every product's
    # latest count, and the seller's versions follow the order of the changes.
    seller = _locked(session, SellerRating, seller_id, seller_id=seller_id)
    # Under the seller's lock, so this recount sees every change of the seller's reviews before it.
    _recount_posting_day(session, seller_id, korean_day(review.created_at))
    totals = session.execute(
        select(*[func.coalesce(func.sum(getattr(ProductRating, name)), 0) for name in STAR_COLUMNS]).where(
            ProductRating.seller_id == seller_id
        )
    ).one()
    seller_aggregate = Aggregate(tuple(int(n) for n in totals))
    if seller_aggregate == aggregate_of(seller):
        return
    _write(seller, seller_aggregate, at)
    uow.record("SellerRatingChanged", {"seller_id": seller_id, **_announced(seller, seller_aggregate, at)})


def _recount_posting_day(session, seller_id: str, day: date) -> None:
    """The seller's visible reviews posted on the Korean `day`, star by star, written over their row."""
    counts = dict(
        session.execute(
            select(Review.rating, func.count())
            .where(
                Review.seller_id == seller_id,
                Review.status == "visible",
                Review.created_at >= korean_midnight(day),
                Review.created_at < korean_midnight(day + timedelta(days=1)),
            )
            .group_by(Review.rating)
        ).all()
    )
    stars = dict(zip(STAR_COLUMNS, Aggregate.of(counts).distribution))
    insert = _INSERTS[session.get_bind().dialect.name](SellerRatingDay.__table__)
    session.execute(
        insert.values(seller_id=seller_id, day=day, **stars).on_conflict_do_update(
            index_elements=["seller_id", "day"], set_=stars
        )
    )
