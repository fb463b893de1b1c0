"""What a dashboard compares: each period so far (today, this week, this month) with the same days of the period
before (servicekit.korean_calendar), summed from rows kept per Korean day in one statement, the same in every
service."""
from __future__ import annotations

from datetime import date
from typing import Mapping

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from servicekit.korean_calendar import period_so_far, same_days_of_previous_period


def compared_periods(
    session: Session,
    day: ColumnElement,
    measures: Mapping[str, ColumnElement],
    periods: Mapping[str, str],
    today: date,
    *where: ColumnElement[bool],
) -> dict[str, dict]:
    """Each named period so far (`periods`: name -> day, week, month or year) with the sums of `measures` over its
    days, and `previous`: the same for the same days of the period before.

    `day` is the rows' Korean day; `where` narrows the rows (one seller's). The rows of every span are read once,
    each summed into the spans holding its day, so the statement reads only the days from the earliest span on.
    """
    spans = {}
    for name, period in periods.items():
        current = period_so_far(today, period)
        spans[name] = (current, same_days_of_previous_period(*current, period))
    every_span = sorted({days for pair in spans.values() for days in pair})
    columns = [
        func.coalesce(func.sum(case((day.between(first, last), measure), else_=0)), 0).label(f"{measure_name}_{number}")
        for number, (first, last) in enumerate(every_span)
        for measure_name, measure in measures.items()
    ]
    statement = select(*columns).where(day.between(every_span[0][0], max(last for _, last in every_span)), *where)
    row = session.execute(statement).one()._mapping
    # PostgreSQL sums BIGINT into NUMERIC: back to int.
    summed = {
        days: {"first": days[0], "last": days[1], **{name: int(row[f"{name}_{number}"]) for name in measures}}
        for number, days in enumerate(every_span)
    }
    return {name: {**summed[current], "previous": summed[previous]} for name, (current, previous) in spans.items()}
