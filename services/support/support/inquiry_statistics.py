"""Inquiry statistics: inquiries opened, first answered (late or not) and resolved per Korean day, week, month or
year, read from the CS analytics daily rollups (support.cs_analytics counts them in each change's transaction),
for one seller's own inquiries or the whole platform's."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import func, select

from servicekit.period_reports import PeriodReport, period_start_of_day
from servicekit.runtime import Runtime
from support.domain.ownership import SELLER
from support.models.analytics import CsDay


@dataclass(frozen=True)
class InquiryCounts:
    opened: int = 0
    # Inquiries given their first answer, and those of them answered after it was due.
    answered: int = 0
    answered_late: int = 0
    # Inquiries resolved for the first time (reopened and resolved again, they count once).
    resolved: int = 0

    def __add__(self, other: "InquiryCounts") -> "InquiryCounts":
        return InquiryCounts(*(getattr(self, name) + getattr(other, name) for name in INQUIRY_COUNTS))


INQUIRY_COUNTS = tuple(field.name for field in fields(InquiryCounts))


def inquiry_statistics(
    runtime: Runtime, seller_id: str | None, first: date, last: date, period: str
) -> PeriodReport[InquiryCounts]:
    """The counts of each period from `first` to `last` (Korean days, both included): of the inquiries
    `seller_id` answers (not the platform's about them), or of every inquiry when it is None."""
    table = CsDay.__table__
    with runtime.unit_of_work() as uow:
        start = period_start_of_day(table.c.day, period, uow.session.get_bind().dialect.name).label("start")
        statement = (
            select(
                start,
                func.sum(table.c.opened).label("opened"),
                func.sum(table.c.first_responses).label("answered"),
                func.sum(table.c.first_responses - table.c.first_responses_in_target).label("answered_late"),
                func.sum(table.c.resolved).label("resolved"),
            )
            .where(table.c.day.between(first, last))
            .group_by(start)
        )
        if seller_id is not None:
            statement = statement.where(table.c.seller_id == seller_id, table.c.owner == SELLER)
        # PostgreSQL sums BIGINT into NUMERIC: back to int.
        counted = {
            row.start: InquiryCounts(*(int(getattr(row, name)) for name in INQUIRY_COUNTS))
            for row in uow.session.execute(statement)
        }
    return PeriodReport.of(seller_id, first, last, period, counted, InquiryCounts())
