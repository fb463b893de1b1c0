"""Rating aggregates per product and per seller, recounted from the visible reviews whenever one is
posted, edited, deleted, hidden or restored, and announced to catalog for the storefront's sort.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from reviews.domain.rating_aggregates import STARS, Aggregate
from reviews.models import Review
from reviews.models.ratings import ProductRating, SellerRating
from servicekit.db import UnitOfWork

_COLUMNS = ("ones", "twos", "threes", "fours", "fives")
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def _write(row, aggregate: Aggregate, at: datetime) -> None:
    row.review_count = aggregate.count
    row.rating_sum = aggregate.rating_sum
    for name, n in zip(_COLUMNS, aggregate.distribution):
        setattr(row, name, n)
    row.updated_at = at


def aggregate_of(row) -> Aggregate:
    return Aggregate(tuple(getattr(row, name) for name in _COLUMNS))


def _locked(session, model, key: str, **columns):
    """The aggregate row of `key`, made if missing (concurrent first reviews race to make it) and locked.

    Locking comes before counting: a count taken first could miss a review committed meanwhile.
    """
    empty = dict.fromkeys(("review_count", "rating_sum", *_COLUMNS), 0) | {"updated_at": datetime.now(timezone.utc)}
    insert = _INSERTS[session.get_bind().dialect.name](model.__table__)
    session.execute(insert.values(**columns, **empty).on_conflict_do_nothing())
    return session.get(model, key, with_for_update=True, populate_existing=True)


def review_changed(uow: UnitOfWork, product_id: str, seller_id: str, at: datetime) -> None:
    """Recount the product's visible reviews, then the seller's from their products, and tell catalog."""
    session = uow.session
    session.flush()
    product = _locked(session, ProductRating, product_id, product_id=product_id, seller_id=seller_id, version=0)
    counts = dict(
        session.execute(
            select(Review.rating, func.count())
            .where(Review.product_id == product_id, Review.status == "visible")
            .group_by(Review.rating)
        ).all()
    )
    aggregate = Aggregate.of(counts)
    _write(product, aggregate, at)
    product.version += 1
    session.flush()
    seller = _locked(session, SellerRating, seller_id, seller_id=seller_id)
    totals = session.execute(
        select(*[func.coalesce(func.sum(getattr(ProductRating, name)), 0) for name in _COLUMNS]).where(
            ProductRating.seller_id == seller_id
        )
    ).one()
    _write(seller, Aggregate(tuple(int(n) for n in totals)), at)
    uow.record(
        "ProductRatingChanged",
        {
            "product_id": product_id,
            "seller_id": seller_id,
            "review_count": aggregate.count,
            "average_centi": aggregate.average_centi,
            "distribution": {str(star): n for star, n in zip(STARS, aggregate.distribution)},
            "version": product.version,
            "changed_at": at,
        },
    )
