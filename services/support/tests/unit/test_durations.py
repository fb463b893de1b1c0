"""Durations in log-spaced buckets, and the median and p90 read from bucket counts."""
from datetime import date, datetime, timedelta, timezone

import pytest

from support.domain.durations import (
    BACKLOG_AGE_BOUNDS,
    DURATION_BOUNDS,
    bucket_of,
    minutes_between,
    percentile_at_most,
)
from servicekit.korean_calendar import korean_day


def counts(**by_bound):
    """Bucket counts from {"up_to_<bound>": n}, "beyond" for the open-ended last bucket."""
    return [by_bound.get("beyond" if bound is None else f"up_to_{bound}", 0) for bound in DURATION_BOUNDS]


@pytest.mark.parametrize(
    ("minutes", "bound"),
    [(0, 5), (5, 5), (5.01, 15), (29, 30), (61, 120), (239, 240), (1440, 1440), (1441, 2880), (2881, None), (10**6, None)],
)
def test_a_duration_falls_in_the_first_bucket_whose_upper_bound_is_not_below_it(minutes, bound):
    assert DURATION_BOUNDS[bucket_of(minutes)] == bound


def test_backlog_ages_have_their_own_coarser_buckets():
    assert BACKLOG_AGE_BOUNDS[bucket_of(200, BACKLOG_AGE_BOUNDS)] == 240
    assert BACKLOG_AGE_BOUNDS[bucket_of(20000, BACKLOG_AGE_BOUNDS)] is None


def test_the_median_and_p90_are_the_bounds_where_the_cumulative_count_crosses_half_and_nine_tenths():
    histogram = counts(up_to_5=3, up_to_30=2, up_to_240=4, up_to_1440=1)

    assert percentile_at_most(histogram, 0.5) == 30
    assert percentile_at_most(histogram, 0.9) == 240


def test_a_percentile_exactly_at_a_bucket_edge_stays_in_that_bucket():
    assert percentile_at_most(counts(up_to_15=5, up_to_60=5), 0.5) == 15


def test_a_percentile_beyond_the_last_bound_or_of_no_counts_is_unknown():
    assert percentile_at_most(counts(up_to_5=1, beyond=9), 0.5) is None
    assert percentile_at_most(counts(), 0.5) is None


def test_counts_must_match_the_buckets():
    with pytest.raises(ValueError):
        percentile_at_most([1, 2], 0.5)


def test_a_moment_counts_on_its_korean_calendar_day():
    late_evening_in_utc = datetime(2026, 3, 1, 16, 30, tzinfo=timezone.utc)

    assert korean_day(late_evening_in_utc) == date(2026, 3, 2)
    with pytest.raises(ValueError):
        korean_day(datetime(2026, 3, 1, 16, 30))


def test_minutes_between_never_go_negative():
    start = datetime(2026, 3, 1, tzinfo=timezone.utc)

    assert minutes_between(start, start + timedelta(hours=2)) == 120
    assert minutes_between(start, start - timedelta(minutes=1)) == 0
