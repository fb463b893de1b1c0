"""Rating statistics: how many reviews were posted in each Korean day, week, month or year and their average
rating, of one seller's shop or the whole marketplace, read from the sellers' posting days (reviews.ratings
recounts a review's day at each of its changes, so an edit, a deletion or a hiding moves the day it was
posted on)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from reviews.domain.rating_aggregates import Aggregate
from reviews.models.ratings import STAR_COLUMNS, SellerRatingDay
from servicekit.period_reports import PeriodReport, period_start_of_day
from servicekit.runtime import Runtime


def rating_statistics(
    runtime: Runtime, seller_id: str | None, first: date, last: date, period: str
) -> PeriodReport[Aggregate]:
    """The visible reviews posted in each period from `first` to `last` (Korean days, both included): of
    `seller_id`'s shop, or of every shop when it is None."""
    table = SellerRatingDay.__table__
    with runtime.unit_of_work() as uow:
        start = period_start_of_day(table.c.day, period, uow.session.get_bind().dialect.name).label("start")
        statement = (
            select(start, *[func.sum(table.c[stars]).label(stars) for stars in STAR_COLUMNS])
            .where(table.c.day.between(first, last))
            .group_by(start)
        )
        if seller_id is not None:
            statement = statement.where(table.c.seller_id == seller_id)
        counted = {
            row.start: Aggregate(tuple(int(getattr(row, stars)) for stars in STAR_COLUMNS))
            for row in uow.session.execute(statement)
        }
    return PeriodReport.of(seller_id, first, last, period, counted, Aggregate.of({}))
