"""When money becomes payable and on which day it is paid.

A shipment's lines become payable when its purchase is confirmed (by the customer, or automatically days after
delivery) and no claim on it is open. They are paid on the payout day their confirmation day (in Korea) falls
to, by the platform's schedule:
- "daily": the business day after the day of confirmation; a purchase confirmed on a Friday before Chuseok is
  paid after the holidays, never on a weekend or a public holiday;
- "weekly": the Wednesday after the week (Monday to Sunday) of confirmation, or the business day after it when
  that Wednesday is a holiday.
A change recorded after a shipment was paid out (a late charge or credit) is paid on the payout day of the day
it was recorded.
"""
from __future__ import annotations

from datetime import date, timedelta

from servicekit.korean_calendar import is_korean_business_day, next_korean_business_day

DAILY, WEEKLY = "daily", "weekly"
SCHEDULES = (DAILY, WEEKLY)
WEEKLY_PAYOUT_WEEKDAY = 2  # Wednesday


def payout_day(confirmed_on: date, schedule: str) -> date:
    """The day money made payable on `confirmed_on` (a Korean calendar day) is paid."""
    if schedule == DAILY:
        return next_korean_business_day(confirmed_on)
    if schedule == WEEKLY:
        next_monday = confirmed_on + timedelta(days=7 - confirmed_on.weekday())
        wednesday = next_monday + timedelta(days=WEEKLY_PAYOUT_WEEKDAY)
        return wednesday if is_korean_business_day(wednesday) else next_korean_business_day(wednesday)
    raise ValueError(f"unknown payout schedule {schedule!r}; one of {SCHEDULES}")


def _week_paid_on(day: date) -> date | None:
    """The Sunday ending the week whose money the weekly payout of `day` pays, or None when `day` pays no week. It
    is the week before; or the week before that, when holidays pushed its Wednesday into the next week."""
    monday = day - timedelta(days=day.weekday())
    for sunday in (monday - timedelta(days=1), monday - timedelta(days=8)):
        if payout_day(sunday, WEEKLY) == day:
            return sunday
    return None


def is_payout_day(day: date, schedule: str) -> bool:
    """Whether payouts are made on `day`: every business day, or the weekly payout day of a week."""
    if schedule == DAILY:
        return is_korean_business_day(day)
    return _week_paid_on(day) is not None


def payable_up_to(day: date, schedule: str) -> date:
    """The last day whose payable money a payout made on `day` takes: the day before (daily), or the Sunday
    ending the week it pays (weekly). Money of a day a payout was missed on (the worker was down) comes with the
    next."""
    if schedule == DAILY:
        return day - timedelta(days=1)
    return _week_paid_on(day) or day - timedelta(days=day.weekday() + 1)
