"""Negative reviews: a review rated 1 or 2 gets its likely cause once, is counted per seller, cause and
Korean day, and is announced with whether the seller wants support to follow up; the counts are read
back as a report per cause with a daily or weekly trend.
"""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from contracts.events.reviews import NEGATIVE_CAUSES
from reviews.domain.cause_model import CauseModel
from reviews.domain.negative_causes import NEGATIVE_RATINGS, CauseRules, likely_cause, packaged_model, packaged_rules
from reviews.models import Review
from reviews.models.negative_reviews import NegativeCauseDay, SellerReviewSettings
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.korean_calendar import korean_day, period_start, period_starts
from servicekit.runtime import Runtime

DAY, WEEK = "day", "week"
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


@functools.cache
def _rules() -> CauseRules:
    return packaged_rules()


@functools.cache
def _model() -> CauseModel:
    return packaged_model()


def warm_up() -> None:
    """Load the rules, the model and the analyser they read with now, not on the first negative review."""
    likely_cause("준비", _rules(), _model())


def classify_if_negative(uow: UnitOfWork, review: Review, at: datetime) -> None:
    """Classify a review rated 1 or 2, once: when it is posted so, or first edited down to it.

    Its cause stays once set, so editing it again (or back up) neither recounts it nor tells support twice.
    """
    if review.rating not in NEGATIVE_RATINGS or review.negative_cause is not None:
        return
    review.negative_cause = likely_cause(review.text, _rules(), _model())
    _count(uow.session, review.seller_id, korean_day(at), review.negative_cause)
    uow.record(
        "NegativeReviewPosted",
        {
            "review_id": review.id,
            "customer_id": review.customer_id,
            "seller_id": review.seller_id,
            "product_id": review.product_id,
            "order_id": review.order_id,
            "line_no": review.line_no,
            "rating": review.rating,
            "cause": review.negative_cause,
            "follow_up_requested": _settings_in(uow.session, review.seller_id).auto_follow_up,
            "posted_at": at,
        },
    )


def _count(session: Session, seller_id: str, day: date, cause: str) -> None:
    """One more review on the row of (seller, day, cause), in one statement so concurrent posts add up."""
    table = NegativeCauseDay.__table__
    statement = _INSERTS[session.get_bind().dialect.name](table).values(
        seller_id=seller_id, day=day, cause=cause, reviews=1
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[column.name for column in table.primary_key], set_={"reviews": table.c.reviews + 1}
        )
    )


def _settings_in(session: Session, seller_id: str) -> SellerReviewSettings:
    """The seller's settings, or the defaults (no follow-up) when they never changed them."""
    stored = session.get(SellerReviewSettings, seller_id)
    return stored or SellerReviewSettings(seller_id=seller_id, auto_follow_up=False)


def seller_settings(runtime: Runtime, seller_id: str) -> SellerReviewSettings:
    with runtime.unit_of_work() as uow:
        return _settings_in(uow.session, seller_id)


def change_settings(runtime: Runtime, seller_id: str, auto_follow_up: bool) -> SellerReviewSettings:
    with runtime.unit_of_work() as uow:
        now = clock.now()
        settings = uow.session.get(SellerReviewSettings, seller_id, with_for_update=True)
        if settings is None:
            settings = SellerReviewSettings(seller_id=seller_id, auto_follow_up=auto_follow_up, updated_at=now)
            # A first choice sent twice at once: the second changes the row the first made, not inserts another.
            if not uow.add_once(settings):
                settings = uow.session.get(SellerReviewSettings, seller_id, with_for_update=True)
        settings.auto_follow_up = auto_follow_up
        settings.updated_at = now
        uow.commit()
        return settings


@dataclass(frozen=True)
class TrendPoint:
    start: date
    by_cause: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_cause.values())


@dataclass(frozen=True)
class CauseReport:
    """Negative reviews from `first` to `last` (Korean days, inclusive) per cause, and per day or week."""

    seller_id: str | None
    first: date
    last: date
    period: str
    by_cause: dict[str, int]
    trend: list[TrendPoint]

    @property
    def total(self) -> int:
        return sum(self.by_cause.values())


def _every_cause(counts: Counter) -> dict[str, int]:
    return {cause: counts[cause] for cause in NEGATIVE_CAUSES}


def cause_report(runtime: Runtime, seller_id: str | None, first: date, last: date, period: str) -> CauseReport:
    """From the daily rollup: one seller's counts, or the whole marketplace's when `seller_id` is None.

    Every period of the range is in the trend, empty ones with zeros, so a chart needs no gap filling.
    """
    statement = (
        select(NegativeCauseDay.day, NegativeCauseDay.cause, func.sum(NegativeCauseDay.reviews))
        .where(NegativeCauseDay.day.between(first, last))
        .group_by(NegativeCauseDay.day, NegativeCauseDay.cause)
    )
    if seller_id is not None:
        statement = statement.where(NegativeCauseDay.seller_id == seller_id)
    per_period: dict[date, Counter] = {start: Counter() for start in period_starts(first, last, period)}
    with runtime.unit_of_work() as uow:
        for day, cause, reviews in uow.session.execute(statement):
            per_period[period_start(day, period)][cause] += int(reviews)
    return CauseReport(
        seller_id=seller_id,
        first=first,
        last=last,
        period=period,
        by_cause=_every_cause(sum(per_period.values(), Counter())),
        trend=[TrendPoint(start, _every_cause(counts)) for start, counts in per_period.items()],
    )
