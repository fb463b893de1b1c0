"""How long customers wait, in fixed log-spaced buckets: a rollup keeps one count per bucket, so a
median or 90th percentile over any range is read from summed counts instead of every inquiry.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

# Upper bounds in minutes of the buckets of response and resolution times; the last is open-ended (48h+).
DURATION_BOUNDS: tuple[int | None, ...] = (5, 15, 30, 60, 120, 240, 480, 960, 1440, 2880, None)
# Upper bounds in minutes of the ages of unresolved inquiries: an hour, four, a day, three, a week, older.
BACKLOG_AGE_BOUNDS: tuple[int | None, ...] = (60, 240, 1440, 4320, 10080, None)


def minutes_between(start: datetime, end: datetime) -> float:
    return max((end - start) / timedelta(minutes=1), 0.0)


def bucket_of(minutes: float, bounds: Sequence[int | None] = DURATION_BOUNDS) -> int:
    """The index of the bucket holding `minutes`: the first whose upper bound is not below it."""
    for index, bound in enumerate(bounds):
        if bound is None or minutes <= bound:
            return index
    raise ValueError("the last bucket must be open-ended (None)")


def percentile_at_most(counts: Sequence[int], share: float, bounds: Sequence[int | None] = DURATION_BOUNDS) -> int | None:
    """The upper bound of the bucket where the cumulative count reaches `share` of all counts.

    So the true percentile is at most that many minutes. None when nothing was counted or when the
    percentile lies in the open-ended last bucket (beyond the last finite bound).
    """
    if len(counts) != len(bounds):
        raise ValueError("one count per bucket")
    total = sum(counts)
    if total == 0:
        return None
    reached = 0
    for count, bound in zip(counts, bounds):
        reached += count
        if reached >= share * total:
            return bound
    return bounds[-1]
