"""Rating aggregates per product and per seller, recounted from the visible reviews whenever one is
posted, edited, deleted, hidden or restored, and announced to catalog (R4): the product's for the
storefront's sort and product pages, the seller's for their shop and their products' pages.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from reviews.domain.rating_aggregates import STARS, Aggregate
from reviews.models import Review
from reviews.models.ratings import ProductRating, SellerRating
from servicekit import clock
from servicekit.db import UnitOfWork

_COLUMNS = ("ones", "twos", "threes", "fours", "fives")
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def _write(row, aggregate: Aggregate, at: datetime) -> None:
    row.review_count = aggregate.count
    row.rating_sum = aggregate.rating_sum
    for name, n in zip(_COLUMNS, aggregate.distribution):
        setattr(row, name, n)
    row.updated_at = at
    row.version += 1


def aggregate_of(row) -> Aggregate:
    return Aggregate(tuple(getattr(row, name) for name in _COLUMNS))


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
    empty = dict.fromkeys(("review_count", "rating_sum", "version", *_COLUMNS), 0) | {"updated_at": clock.now()}
    insert = _INSERTS[session.get_bind().dialect.name](model.__table__)
    session.execute(insert.values(**columns, **empty).on_conflict_do_nothing())
    return session.get(model, key, with_for_update=True, populate_existing=True)


def review_changed(uow: UnitOfWork, product_id: str, seller_id: str, at: datetime) -> None:
    """Recount the product's visible reviews, then the seller's from their products, and tell catalog:
    of the product's rating every time, of the seller's when it moved."""
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
    totals = session.execute(
        select(*[func.coalesce(func.sum(getattr(ProductRating, name)), 0) for name in _COLUMNS]).where(
            ProductRating.seller_id == seller_id
        )
    ).one()
    seller_aggregate = Aggregate(tuple(int(n) for n in totals))
    if seller_aggregate == aggregate_of(seller):
        return
    _write(seller, seller_aggregate, at)
    uow.record("SellerRatingChanged", {"seller_id": seller_id, **_announced(seller, seller_aggregate, at)})
