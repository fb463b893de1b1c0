"""CS analytics: the rollups each opening, first response, resolution, rating and paid order adds to,
and the reports read from them.

Every count_* function runs in the caller's transaction and does not commit, so a rollup moves with
the change it counts. A count lands on the Korean calendar day of the moment it happened, under
the inquiry's owner, seller and type at that moment.
"""
from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from servicekit import clock
from servicekit.korean_calendar import korean_day
from servicekit.runtime import Runtime
from support.domain.durations import (
    BACKLOG_AGE_BOUNDS,
    DURATION_BOUNDS,
    bucket_of,
    minutes_between,
    percentile_at_most,
)
from support.domain.inquiry_states import ACTIVE
from support.domain.ownership import SELLER
from support.models import Inquiry
from support.models.analytics import NO_SELLER, CsDay, CsDayDuration, CsDayResolution, PaidOrdersDay

FIRST_RESPONSE, RESOLUTION = "first_response", "resolution"
RATINGS = (1, 2, 3, 4, 5)
_UPSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def count_opened(session: Session, inquiry: Inquiry, at: datetime) -> None:
    """An inquiry was opened."""
    _add(session, CsDay, _key(inquiry, at), opened=1)


def count_first_response(session: Session, inquiry: Inquiry, at: datetime, *, automatic: bool = False) -> None:
    """An inquiry got its first answer at `at` (from the FAQ when `automatic`): how long it took, and
    whether it came by the first response due time.
    """
    key = _key(inquiry, at)
    in_target = int(at <= inquiry.first_response_due_at)
    _add(session, CsDay, key, first_responses=1, first_responses_in_target=in_target, automatic_answers=int(automatic))
    _add_duration(session, key, FIRST_RESPONSE, minutes_between(inquiry.created_at, at))


def count_auto_answer_rejected(session: Session, inquiry: Inquiry, at: datetime) -> None:
    """The customer said an automatic answer did not help."""
    _add(session, CsDay, _key(inquiry, at), automatic_answers_rejected=1)


def count_resolved(session: Session, inquiry: Inquiry, at: datetime) -> None:
    """An inquiry was resolved for the first time, with its reason code: counted by reason and by time
    since it was opened."""
    key = _key(inquiry, at)
    _add(session, CsDay, key, resolved=1)
    _add(session, CsDayResolution, {**key, "reason_code": inquiry.resolution_reason}, resolved=1)
    _add_duration(session, key, RESOLUTION, minutes_between(inquiry.created_at, at))


def count_rating(session: Session, inquiry: Inquiry, rating: int, at: datetime) -> None:
    """The customer rated the resolution from 1 to 5."""
    if rating not in RATINGS:
        raise ValueError(f"a rating is one of {RATINGS}, not {rating!r}")
    _add(session, CsDay, _key(inquiry, at), **{f"rated_{rating}": 1})


def count_paid_order(session: Session, seller_ids: list[str], at: datetime) -> None:
    """An order was paid: one more order for each seller in it, on the Korean day of `at`."""
    day = korean_day(at)
    # Sellers in key order, so concurrent orders of the same sellers lock their rows in the same order.
    rows = [{"seller_id": seller_id, "day": day, "orders": 1} for seller_id in sorted(set(seller_ids))]
    if rows:
        session.execute(_upsert_statement(session.get_bind().dialect.name, PaidOrdersDay), rows)


def _key(inquiry: Inquiry, at: datetime) -> dict:
    return {
        "day": korean_day(at),
        "seller_id": inquiry.seller_id or NO_SELLER,
        "owner": inquiry.owner,
        "inquiry_type": inquiry.inquiry_type,
    }


def _add_duration(session: Session, key: dict, clock: str, minutes: float) -> None:
    _add(session, CsDayDuration, {**key, "clock": clock, "bucket": bucket_of(minutes)}, inquiries=1)


def _add(session: Session, model, key: dict, **counts: int) -> None:
    """Add `counts` to the row of `key`, inserting it (its other counts zero) if it is not there yet."""
    row = {column.name: 0 for column in model.__table__.c if not column.primary_key} | key | counts
    session.execute(_upsert_statement(session.get_bind().dialect.name, model), [row])


@functools.cache
def _upsert_statement(dialect: str, model):
    """Insert a row or add its counts to the row already there; built once, as every change runs it."""
    table = model.__table__
    statement = _UPSERTS[dialect](table)
    changes = {column.name: column + statement.excluded[column.name] for column in table.c if not column.primary_key}
    return statement.on_conflict_do_update(index_elements=[column.name for column in table.primary_key], set_=changes)


@dataclass(frozen=True)
class Histogram:
    """Counts per bucket of DURATION_BOUNDS; percentiles are the bucket's upper bound (see durations)."""

    counts: tuple[int, ...] = (0,) * len(DURATION_BOUNDS)

    @property
    def median_at_most(self) -> int | None:
        return percentile_at_most(self.counts, 0.5)

    @property
    def p90_at_most(self) -> int | None:
        return percentile_at_most(self.counts, 0.9)


@dataclass(frozen=True)
class ResponseFigures:
    """First responses (how many, how many by their due time, how long they took) and the ratings."""

    first_responses: int
    first_responses_in_target: int
    first_response: Histogram
    ratings: Counter

    @property
    def answered_within_target_share(self) -> float | None:
        return _share(self.first_responses_in_target, self.first_responses)

    @property
    def satisfaction_average(self) -> float | None:
        count = sum(self.ratings.values())
        return None if count == 0 else round(sum(rating * n for rating, n in self.ratings.items()) / count, 2)


@dataclass(frozen=True)
class Scorecard(ResponseFigures):
    """How one seller answers: volume against paid orders, first responses in target, satisfaction."""

    seller_id: str
    opened: int
    paid_orders: int

    @property
    def inquiries_per_100_paid_orders(self) -> float | None:
        return None if self.paid_orders == 0 else round(100 * self.opened / self.paid_orders, 2)


@dataclass
class CsDayFigures:
    opened: int = 0
    resolved: int = 0


@dataclass(frozen=True)
class CsReport(ResponseFigures):
    first: date
    last: date
    seller_id: str | None
    by_day: dict[date, CsDayFigures]
    opened_by_type: dict[str, int]
    resolved_by_reason: dict[str, int]
    resolution: Histogram
    automatic_answers: int
    automatic_answers_rejected: int
    backlog_by_age: list[tuple[int | None, int]]
    scorecard: Scorecard | None = None

    @property
    def automatic_answer_acceptance_rate(self) -> float | None:
        return _share(self.automatic_answers - self.automatic_answers_rejected, self.automatic_answers)


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


def _in_scope(statement, table, first: date, last: date, seller_id: str | None):
    """Rows of the range; one seller's own inquiries (not the platform's about them) when `seller_id` is set."""
    statement = statement.where(table.c.day.between(first, last))
    if seller_id is not None:
        statement = statement.where(table.c.seller_id == seller_id, table.c.owner == SELLER)
    return statement


def cs_report(runtime: Runtime, seller_id: str | None, first: date, last: date) -> CsReport:
    """The CS figures from `first` to `last` (Korean days, inclusive) of one seller, or of the platform
    when `seller_id` is None; the backlog is the live count of unresolved inquiries now.
    """
    with runtime.unit_of_work() as uow:
        return _report(uow.session, seller_id, first, last, clock.now())


def _report(session: Session, seller_id: str | None, first: date, last: date, now: datetime) -> CsReport:
    day_table = CsDay.__table__
    measures = [column for column in day_table.c if not column.primary_key]
    day_rows = session.execute(
        _in_scope(
            select(day_table.c.day, day_table.c.inquiry_type, *[func.sum(column).label(column.name) for column in measures]),
            day_table, first, last, seller_id,
        ).group_by(day_table.c.day, day_table.c.inquiry_type)
    ).all()
    totals: Counter = Counter()
    by_day = {first + timedelta(days=offset): CsDayFigures() for offset in range((last - first).days + 1)}
    opened_by_type: Counter = Counter()
    for row in day_rows:
        for column in measures:
            totals[column.name] += int(getattr(row, column.name))
        by_day[row.day].opened += int(row.opened)
        by_day[row.day].resolved += int(row.resolved)
        opened_by_type[row.inquiry_type] += int(row.opened)
    reasons = CsDayResolution.__table__
    resolved_by_reason = {
        row.reason_code: int(row.resolved)
        for row in session.execute(
            _in_scope(
                select(reasons.c.reason_code, func.sum(reasons.c.resolved).label("resolved")),
                reasons, first, last, seller_id,
            )
            .group_by(reasons.c.reason_code)
        ).all()
    }
    histograms = _histograms(session, first, last, seller_id)
    report = CsReport(
        first=first,
        last=last,
        seller_id=seller_id,
        by_day=by_day,
        opened_by_type={name: count for name, count in opened_by_type.items() if count},
        resolved_by_reason=resolved_by_reason,
        first_response=histograms[FIRST_RESPONSE],
        resolution=histograms[RESOLUTION],
        first_responses=totals["first_responses"],
        first_responses_in_target=totals["first_responses_in_target"],
        ratings=_ratings(totals),
        automatic_answers=totals["automatic_answers"],
        automatic_answers_rejected=totals["automatic_answers_rejected"],
        backlog_by_age=backlog_by_age(session, seller_id, now),
    )
    if seller_id is None:
        return report
    scorecard = Scorecard(
        seller_id=seller_id,
        opened=totals["opened"],
        paid_orders=_paid_orders(session, first, last).get(seller_id, 0),
        first_responses=report.first_responses,
        first_responses_in_target=report.first_responses_in_target,
        first_response=report.first_response,
        ratings=report.ratings,
    )
    return replace(report, scorecard=scorecard)


def _ratings(counts) -> Counter:
    return Counter({rating: counts[f"rated_{rating}"] for rating in RATINGS})


def _histograms(session: Session, first: date, last: date, seller_id: str | None) -> dict[str, Histogram]:
    table = CsDayDuration.__table__
    counts = {FIRST_RESPONSE: [0] * len(DURATION_BOUNDS), RESOLUTION: [0] * len(DURATION_BOUNDS)}
    for row in session.execute(
        _in_scope(
            select(table.c.clock, table.c.bucket, func.sum(table.c.inquiries).label("inquiries")),
            table, first, last, seller_id,
        ).group_by(table.c.clock, table.c.bucket)
    ).all():
        counts[row.clock][row.bucket] = int(row.inquiries)
    return {clock: Histogram(tuple(bucket_counts)) for clock, bucket_counts in counts.items()}


def _paid_orders(session: Session, first: date, last: date) -> dict[str, int]:
    table = PaidOrdersDay.__table__
    return {
        row.seller_id: int(row.orders)
        for row in session.execute(
            select(table.c.seller_id, func.sum(table.c.orders).label("orders"))
            .where(table.c.day.between(first, last))
            .group_by(table.c.seller_id)
        ).all()
    }


def backlog_by_age(session: Session, seller_id: str | None, now: datetime) -> list[tuple[int | None, int]]:
    """Unresolved inquiries now, by age: (the bucket's upper bound in minutes or None beyond, how many)."""
    finite = [bound for bound in BACKLOG_AGE_BOUNDS if bound is not None]
    age_bucket = case(
        *[(Inquiry.created_at > now - timedelta(minutes=bound), index) for index, bound in enumerate(finite)],
        else_=len(finite),
    ).label("bucket")
    active = select(age_bucket).where(Inquiry.status.in_(ACTIVE))
    if seller_id is not None:
        active = active.where(Inquiry.owner == SELLER, Inquiry.seller_id == seller_id)
    # Grouped outside: the CASE's bound parameters would not match between the select list and GROUP BY.
    aged = active.subquery()
    counts = dict(session.execute(select(aged.c.bucket, func.count()).group_by(aged.c.bucket)).all())
    return [(bound, counts.get(index, 0)) for index, bound in enumerate(BACKLOG_AGE_BOUNDS)]


def seller_scorecards(runtime: Runtime, first: date, last: date) -> list[Scorecard]:
    """The scorecard of every seller with inquiries or paid orders from `first` to `last`, by seller id."""
    with runtime.unit_of_work() as uow:
        return _scorecards(uow.session, first, last)


def _scorecards(session: Session, first: date, last: date) -> list[Scorecard]:
    day_table = CsDay.__table__
    per_seller = {
        row.seller_id: row
        for row in session.execute(
            _seller_rows(
                select(
                    day_table.c.seller_id,
                    *[
                        func.sum(day_table.c[name]).label(name)
                        for name in ("opened", "first_responses", "first_responses_in_target")
                        + tuple(f"rated_{rating}" for rating in RATINGS)
                    ],
                ),
                day_table, first, last,
            ).group_by(day_table.c.seller_id)
        ).all()
    }
    durations = CsDayDuration.__table__
    first_response_counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(DURATION_BOUNDS))
    for row in session.execute(
        _seller_rows(
            select(durations.c.seller_id, durations.c.bucket, func.sum(durations.c.inquiries).label("inquiries")),
            durations, first, last,
        )
        .where(durations.c.clock == FIRST_RESPONSE)
        .group_by(durations.c.seller_id, durations.c.bucket)
    ).all():
        first_response_counts[row.seller_id][row.bucket] = int(row.inquiries)
    paid_orders = _paid_orders(session, first, last)
    cards = []
    for seller_id in sorted(set(per_seller) | set(paid_orders)):
        row = per_seller.get(seller_id)
        figures = Counter(
            {} if row is None else {name: int(value) for name, value in row._mapping.items() if name != "seller_id"}
        )
        cards.append(
            Scorecard(
                seller_id=seller_id,
                opened=figures["opened"],
                paid_orders=paid_orders.get(seller_id, 0),
                first_responses=figures["first_responses"],
                first_responses_in_target=figures["first_responses_in_target"],
                first_response=Histogram(tuple(first_response_counts[seller_id])),
                ratings=_ratings(figures),
            )
        )
    return cards


def _seller_rows(statement, table, first: date, last: date):
    """Rows of the range of the inquiries sellers hold."""
    return statement.where(table.c.day.between(first, last), table.c.owner == SELLER)
