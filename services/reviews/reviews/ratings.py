"""Rating aggregates per product and per seller, recounted from the visible reviews whenever one is
posted, edited, deleted, hidden or restored, and announced to catalog for the storefront's sort.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from reviews.domain.rating_aggregates import STARS, Aggregate
from reviews.models import Review
from reviews.models.ratings import ProductRating, SellerRating
from servicekit.db import UnitOfWork

_COLUMNS = ("ones", "twos", "threes", "fours", "fives")


def _write(row, aggregate: Aggregate, at: datetime) -> None:
    row.review_count = aggregate.count
    row.rating_sum = aggregate.rating_sum
    for name, n in zip(_COLUMNS, aggregate.distribution):
        setattr(row, name, n)
    row.updated_at = at


def aggregate_of(row) -> Aggregate:
    return Aggregate(tuple(getattr(row, name) for name in _COLUMNS))


def review_changed(uow: UnitOfWork, product_id: str, seller_id: str, at: datetime) -> None:
    """Recount the product's visible reviews, then the seller's from their products, and tell catalog."""
    session = uow.session
    session.flush()
    counts = dict(
        session.execute(
            select(Review.rating, func.count())
            .where(Review.product_id == product_id, Review.status == "visible")
            .group_by(Review.rating)
        ).all()
    )
    product = session.get(ProductRating, product_id, with_for_update=True)
    if product is None:
        product = ProductRating(product_id=product_id, seller_id=seller_id, version=0)
        session.add(product)
    aggregate = Aggregate.of(counts)
    _write(product, aggregate, at)
    product.version += 1
    session.flush()
    seller = session.get(SellerRating, seller_id, with_for_update=True)
    totals = session.execute(
        select(*[func.coalesce(func.sum(getattr(ProductRating, name)), 0) for name in _COLUMNS]).where(
            ProductRating.seller_id == seller_id
        )
    ).one()
    if seller is None:
        seller = SellerRating(seller_id=seller_id)
        session.add(seller)
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
