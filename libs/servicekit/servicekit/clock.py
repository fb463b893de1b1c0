"""The one clock every service reads: the current instant, timezone-aware in UTC.

Use cases call `clock.now()` (never `datetime.now()` of their own), so the whole platform agrees on
what time it is, and a test that needs another time patches this one function. The marketplace's
calendar (days in Korea) is `servicekit.korean_calendar`.
"""
from __future__ import annotations

from datetime import datetime, timezone


def now() -> datetime:
    """The current instant in UTC."""
    return datetime.now(timezone.utc)
