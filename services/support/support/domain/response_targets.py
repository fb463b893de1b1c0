"""Response targets: how long the first answer and the resolution may take, counted around the clock
or in Korean business hours, and when a target is near (a warning) or missed (a breach).

Each inquiry type has its targets, which an admin may change; until then they are the defaults:
a first answer within 24 hours, and a resolution within 48 hours for payment and account inquiries
(money or access is blocked) and 72 for the rest, all around the clock. While a campaign window is
on, the first answer is due within its hours (12 by default) when that is sooner, since campaigns
bring more questions about the same things and customers expect quick answers then.

In business hours a target counts only 09:00-18:00 in Korea, Monday to Friday, less Korea's public
holidays (substitute and election days included) as the `holidays` package knows them: a question
asked on a Friday at 17:00 before Chuseok with 8 business hours to go is due on the Thursday after
at 16:00. A campaign's hours count the way its inquiry type's hours do. Time spent waiting on the
customer counts the same way: a wait from Friday at 17:00 to Monday at 09:00 moves a due time kept in
business hours by one business hour, not by the 64 hours of the weekend.

Each target not met yet is watched on its own: its owner is warned once when it is due within the
warning lead (two hours unless ops choose another), and its breach is recorded once when it is missed.
A fixed lead rather than a share of the target: a warning is for acting on, and what it takes to answer
or settle a case is about the same whether the target gave 8 hours or 72.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from servicekit.korean_calendar import KOREA, is_korean_business_day

FIRST_RESPONSE, RESOLUTION = "first_response", "resolution"
WARNING, BREACH = "warning", "breach"
FIRST_RESPONSE_HOURS = 24
CAMPAIGN_FIRST_RESPONSE_HOURS = 12
RESOLUTION_HOURS = 72
RESOLUTION_HOURS_OF_TYPE = {"payment": 48, "account": 48}
# An admin's targets stay within a week for the first answer and thirty days for the resolution.
MAX_FIRST_RESPONSE_HOURS = 7 * 24
MAX_RESOLUTION_HOURS = 30 * 24
BUSINESS_DAY_STARTS, BUSINESS_DAY_ENDS = time(9), time(18)
WARNING_LEAD = timedelta(hours=2)


@dataclass(frozen=True)
class TargetHours:
    """An inquiry type's targets: hours to a first answer and to the resolution, and how they count."""

    first_response_hours: int
    resolution_hours: int
    business_hours: bool = False


def default_hours(inquiry_type: str) -> TargetHours:
    """The targets of a type no admin has set."""
    return TargetHours(FIRST_RESPONSE_HOURS, RESOLUTION_HOURS_OF_TYPE.get(inquiry_type, RESOLUTION_HOURS))


def due_after(at: datetime, hours: int, *, business_hours: bool) -> datetime:
    """The instant (in UTC) `hours` after `at`, around the clock or in Korean business hours."""
    if hours <= 0:
        raise ValueError(f"a target takes some time, not {hours} hours")
    return later_by(at, timedelta(hours=hours), business_hours=business_hours)


def _business_days_from(at: datetime) -> Iterator[tuple[datetime, datetime]]:
    """The business days from the day of `at` on, each as its opening and closing instants in Korea."""
    day = at.astimezone(KOREA).date()
    while True:
        if is_korean_business_day(day):
            yield datetime.combine(day, BUSINESS_DAY_STARTS, KOREA), datetime.combine(day, BUSINESS_DAY_ENDS, KOREA)
        day += timedelta(days=1)


def later_by(at: datetime, span: timedelta, *, business_hours: bool) -> datetime:
    """The instant (in UTC) `span` after `at`, around the clock or in Korean business hours; in business
    hours a due time at six o'clock moved by one hour is due at ten the next business morning, and one
    moved by no time stays where it is.
    """
    if not business_hours:
        return (at + span).astimezone(timezone.utc)
    left = span
    days = _business_days_from(at)
    while left > timedelta(0):
        opens, closes = next(days)
        start = max(at, opens)
        if start + left <= closes:
            return (start + left).astimezone(timezone.utc)
        left -= max(timedelta(0), closes - start)
    return at.astimezone(timezone.utc)


def business_time_between(start: datetime, end: datetime) -> timedelta:
    """The Korean business time from `start` to `end`: none when `end` is not after `start`."""
    spent = timedelta(0)
    for opens, closes in _business_days_from(start):
        if opens >= end:
            break
        spent += max(timedelta(0), min(closes, end) - max(opens, start))
    return spent


def first_response_due(at: datetime, target: TargetHours, campaign_hours: int | None) -> datetime:
    """Due the type's hours after `at`, or a campaign window's hours when they are fewer."""
    hours = target.first_response_hours if campaign_hours is None else min(target.first_response_hours, campaign_hours)
    return due_after(at, hours, business_hours=target.business_hours)


def resolution_due(at: datetime, target: TargetHours) -> datetime:
    return due_after(at, target.resolution_hours, business_hours=target.business_hours)


def watched_targets(
    first_response_due_at: datetime, resolution_due_at: datetime, first_responded_at: datetime | None
) -> list[tuple[str, datetime]]:
    """The targets not met yet, with their due times: the first response until someone answered, and
    the resolution; each is watched on its own, so missing one never hides missing the other.
    """
    watched = [] if first_responded_at is not None else [(FIRST_RESPONSE, first_response_due_at)]
    return [*watched, (RESOLUTION, resolution_due_at)]


def alert_for(due_at: datetime, now: datetime, *, warned: bool, breached: bool,
              lead: timedelta = WARNING_LEAD) -> str | None:
    """What a target calls for now: its breach once it is missed, a warning once it is due within `lead`;
    each once."""
    if breached:
        return None
    if now >= due_at:
        return BREACH
    if not warned and now >= due_at - lead:
        return WARNING
    return None
