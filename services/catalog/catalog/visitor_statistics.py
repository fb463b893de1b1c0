"""Visitor statistics: a shop's product page views and visitors per Korean day, week, month or year, read from
the shops' daily rows (catalog.product_views counts them), for its seller, or for an admin one shop's or the
whole platform's."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from catalog.domain.people import Viewer
from catalog.models import ShopDailyViews
from servicekit.languages import _
from servicekit.period_reports import PeriodReport, period_start_of_day
from servicekit.problems import Problem
from servicekit.runtime import Runtime


@dataclass(frozen=True)
class Visits:
    views: int = 0
    # The shop's distinct visitors each day, added up over the period.
    visitors: int = 0

    def __add__(self, other: "Visits") -> "Visits":
        return Visits(self.views + other.views, self.visitors + other.visitors)


def shop_seen(viewer: Viewer, asked_seller_id: str | None) -> str | None:
    """Whose visitors the viewer reads: an admin one shop's (None: the platform's), a seller their own only."""
    if viewer.admin:
        return asked_seller_id
    if viewer.seller_id is None or asked_seller_id not in (None, viewer.seller_id):
        raise Problem(403, "forbidden", "Forbidden", _("A seller sees only the visitors of their own shop."))
    return viewer.seller_id


def visitors_seen_by(
    runtime: Runtime, viewer: Viewer, asked_seller_id: str | None, first: date, last: date, period: str
) -> PeriodReport[Visits]:
    """Views and visitors of each period from `first` to `last` (Korean days, both included)."""
    seller_id = shop_seen(viewer, asked_seller_id)
    table = ShopDailyViews.__table__
    with runtime.unit_of_work() as uow:
        start = period_start_of_day(table.c.day, period, uow.session.get_bind().dialect.name).label("start")
        statement = (
            select(start, func.sum(table.c.views).label("views"), func.sum(table.c.visitors).label("visitors"))
            .where(table.c.day.between(first, last))
            .group_by(start)
        )
        if seller_id is not None:
            statement = statement.where(table.c.seller_id == seller_id)
        # PostgreSQL sums BIGINT into NUMERIC: back to int.
        counted = {row.start: Visits(int(row.views), int(row.visitors)) for row in uow.session.execute(statement)}
    return PeriodReport.of(seller_id, first, last, period, counted, Visits())
