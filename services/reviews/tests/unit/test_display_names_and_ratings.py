"""Masked names and rating aggregates."""
import pytest

from reviews.domain.display_names import masked, shown_name
from reviews.domain.rating_aggregates import Aggregate


@pytest.mark.parametrize(
    "name, shown",
    [("kim", "k*m"), ("김민지", "김*지"), ("Kim Minji", "K*******i"), ("이준", "이*"), ("J", "*"), ("  ", "***")],
)
def test_a_masked_name_keeps_only_its_first_and_last_letters(name, shown):
    assert masked(name) == shown


def test_a_name_is_masked_only_when_the_reviewer_asked():
    assert shown_name("김민지", anonymous=False) == "김민지"
    assert shown_name("김민지", anonymous=True) == "김*지"


def test_an_aggregate_counts_averages_in_hundredths_and_distributes():
    aggregate = Aggregate.of({5: 2, 4: 1})
    assert (aggregate.count, aggregate.rating_sum, aggregate.average_centi) == (3, 14, 467)
    assert aggregate.distribution == (0, 0, 0, 1, 2)
    assert Aggregate.of({}).average_centi == 0


def test_aggregates_of_two_periods_add_up_to_their_reviews_together():
    together = Aggregate.of({5: 2, 4: 1}) + Aggregate.of({1: 1, 5: 1})

    assert together == Aggregate.of({1: 1, 4: 1, 5: 3})
    assert together.average_centi == 400
