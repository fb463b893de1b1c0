"""Rating statistics: how many reviews were posted in each Korean day, week, month or year and their average
rating, of one seller's shop or the whole marketplace. Read from the reviews themselves (an index of each
seller's reviews by posting time holds their rating and status), since an edit, a deletion or a hiding changes
a past period's figures."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from reviews.domain.rating_aggregates import Aggregate
from reviews.domain.review_rules import VISIBLE
from reviews.models import Review
from servicekit.korean_calendar import korean_midnight
from servicekit.period_reports import PeriodReport, period_start_of_instant
from servicekit.runtime import Runtime


def rating_statistics(
    runtime: Runtime, seller_id: str | None, first: date, last: date, period: str
) -> PeriodReport[Aggregate]:
    """The visible reviews posted in each period from `first` to `last` (Korean days, both included): of
    `seller_id`'s shop, or of every shop when it is None."""
    with runtime.unit_of_work() as uow:
        start = period_start_of_instant(Review.created_at, period, uow.session.get_bind().dialect.name).label("start")
        statement = (
            select(start, Review.rating, func.count().label("reviews"))
            .where(
                Review.status == VISIBLE,
                Review.created_at >= korean_midnight(first),
                Review.created_at < korean_midnight(last + timedelta(days=1)),
            )
            .group_by(start, Review.rating)
        )
        if seller_id is not None:
            statement = statement.where(Review.seller_id == seller_id)
        per_star: dict[date, dict[int, int]] = {}
        for row in uow.session.execute(statement):
            per_star.setdefault(row.start, {})[row.rating] = row.reviews
    counted = {start: Aggregate.of(stars) for start, stars in per_star.items()}
    return PeriodReport.of(seller_id, first, last, period, counted, Aggregate.of({}))
