"""The calendar the marketplace counts in: days start at midnight in Korea, whatever the server's zone;
weeks start on Monday (ISO 8601), months and years on their first day. Every report's periods are these.
Business days are Monday to Friday less Korea's public holidays (substitute and election days included) as the
`holidays` package knows them."""
from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from marshmallow import validate

KOREA = ZoneInfo("Asia/Seoul")
# Reports cover days a shop could have sold on; far-off dates would overflow the date arithmetic.
REPORTABLE_DAYS = validate.Range(min=date(2000, 1, 1), max=date(9000, 12, 31))
PERIODS = ("day", "week", "month", "year")


def korean_day(at: datetime) -> date:
    """The calendar day in Korea of an instant: the day a rollup counts it on."""
    if at.tzinfo is None:
        raise ValueError("an instant must be timezone-aware")
    return at.astimezone(KOREA).date()


def korean_midnight(day: date) -> datetime:
    """The instant a Korean calendar day starts, for comparing with stored instants."""
    return datetime.combine(day, time(), tzinfo=KOREA)


def period_start(day: date, period: str) -> date:
    """The first day of the period holding `day`; weeks start on Monday (ISO 8601)."""
    if period == "day":
        return day
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"unknown period {period!r}")


def _next_period_start(start: date, period: str) -> date:
    if period == "day":
        return start + timedelta(days=1)
    if period == "week":
        return start + timedelta(days=7)
    if period == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def period_end(start: date, period: str) -> date:
    """The last day of the period starting on `start`."""
    return _next_period_start(start, period) - timedelta(days=1)


def period_starts(first: date, last: date, period: str) -> list[date]:
    """Every period from the one holding `first` to the one holding `last`, so a chart's axis has no gaps."""
    starts = []
    start = period_start(first, period)
    while start <= last:
        starts.append(start)
        start = _next_period_start(start, period)
    return starts


def period_so_far(today: date, period: str) -> tuple[date, date]:
    """The days of the period holding `today` up to today (today alone, this week from Monday, this month from
    its first): what a dashboard shows as "this week" and "this month"."""
    return period_start(today, period), today


def same_days_of_previous_period(first: date, last: date, period: str) -> tuple[date, date]:
    """The days of the period before that match `first` (a period's first day) to `last`: what a period so far is
    compared with. The same number of days from the previous period's start, cut at its end: yesterday for today,
    last week's Monday to the same weekday, last month's first to the same day of the month, or to its last day
    when it is shorter, so 29 to 31 March all compare with the whole of February."""
    previous = period_start(first - timedelta(days=1), period)
    return previous, min(previous + (last - first), period_end(previous, period))


@functools.cache
def _korean_public_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("KR", years=year)


def is_korean_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _korean_public_holidays(day.year)


def next_korean_business_day(day: date) -> date:
    """The first business day after `day` (Chuseok and a weekend can make it a week away)."""
    following = day + timedelta(days=1)
    while not is_korean_business_day(following):
        following += timedelta(days=1)
    return following
