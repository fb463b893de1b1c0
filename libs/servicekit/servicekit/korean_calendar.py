"""The calendar the marketplace counts in: days start at midnight in Korea, whatever the server's zone."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from marshmallow import validate

KOREA = ZoneInfo("Asia/Seoul")
# Reports cover days a shop could have sold on; far-off dates would overflow the date arithmetic.
REPORTABLE_DAYS = validate.Range(min=date(2000, 1, 1), max=date(9000, 12, 31))


def korean_day(at: datetime) -> date:
    """The calendar day in Korea of an instant: the day a rollup counts it on."""
    if at.tzinfo is None:
        raise ValueError("an instant must be timezone-aware")
    return at.astimezone(KOREA).date()
