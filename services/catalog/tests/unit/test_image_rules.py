"""New images go last; removing the primary one hands the role to the first image left."""
from dataclasses import dataclass

from catalog.domain.images import next_position, successor_of


@dataclass
class Image:
    position: int
    is_primary: bool = False


def test_a_new_image_goes_after_the_others_even_when_some_were_deleted():
    assert next_position([]) == 1
    assert next_position([Image(1), Image(4)]) == 5


def test_removing_the_primary_image_makes_the_first_one_left_primary():
    remaining = [Image(5), Image(2), Image(7)]

    assert successor_of(Image(1, is_primary=True), remaining) is remaining[1]


def test_removing_another_image_or_the_last_one_changes_no_primary():
    assert successor_of(Image(3), [Image(1, is_primary=True)]) is None
    assert successor_of(Image(1, is_primary=True), []) is None
