"""Reviews' part of the seller dashboard (G6): the rating, the newest reviews, and the likely causes of the
negative ones over the last 30 days; a seller's own shop, or the whole marketplace's for admins.

The rating is the seller's aggregate row (reviews.ratings keeps it), or every seller's added up; the newest reviews
are read backwards along the index by posting time; the causes come from their daily rollup.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import lazyload

from contracts.dashboard import LISTED_ROWS, PLATFORM_SCOPE, SELLER_SCOPE
from reviews.domain.display_names import shown_name
from reviews.domain.rating_aggregates import STARS, Aggregate
from reviews.domain.review_rules import VISIBLE
from reviews.models import Review
from reviews.models.ratings import SellerRating
from reviews.negative_reviews import DAY, cause_report
from reviews.ratings import aggregate_of
from servicekit import clock
from servicekit.korean_calendar import korean_day
from servicekit.runtime import Runtime

CAUSE_DAYS = 30
# As much of a review's text as a dashboard row shows.
PREVIEW_LETTERS = 200
_STAR_COLUMNS = ("ones", "twos", "threes", "fours", "fives")


def dashboard_figures(runtime: Runtime, seller_id: str | None) -> dict:
    """The figures of the seller's shop, or of the whole marketplace when `seller_id` is None."""
    today = korean_day(clock.now())
    newest = (
        select(Review)
        .where(Review.status == VISIBLE, *([Review.seller_id == seller_id] if seller_id is not None else []))
        .order_by(Review.created_at.desc(), Review.id)
        .limit(LISTED_ROWS)
        # The photos are not shown here; the reply is, as whether there is one.
        .options(lazyload(Review.photos))
    )
    with runtime.unit_of_work() as uow:
        if seller_id is not None:
            row = uow.session.get(SellerRating, seller_id)
            rating = aggregate_of(row) if row is not None else Aggregate.of({})
        else:
            summed = uow.session.execute(
                select(*[func.coalesce(func.sum(getattr(SellerRating, name)), 0) for name in _STAR_COLUMNS])
            ).one()
            rating = Aggregate(tuple(int(n) for n in summed))
        recent = [_shown(review) for review in uow.session.scalars(newest)]
    causes = cause_report(runtime, seller_id, today - timedelta(days=CAUSE_DAYS - 1), today, DAY)
    return {
        "scope": SELLER_SCOPE if seller_id is not None else PLATFORM_SCOPE,
        "rating": {
            "count": rating.count,
            "average": rating.average_centi / 100 if rating.count else None,
            "distribution": {str(star): n for star, n in zip(STARS, rating.distribution)},
        },
        "recent": recent,
        "negative_causes": {"first": causes.first, "last": causes.last, "total": causes.total,
                            "by_cause": causes.by_cause},
    }


def _shown(review: Review) -> dict:
    return {
        "id": review.id, "product_id": review.product_id, "product_name": review.product_name,
        "rating": review.rating, "text": review.text[:PREVIEW_LETTERS],
        "display_name": shown_name(review.author_name, review.anonymous), "created_at": review.created_at,
        "replied": review.reply is not None, "negative_cause": review.negative_cause,
    }
