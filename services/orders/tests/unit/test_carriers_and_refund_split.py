"""Tracking numbers are checked per carrier; refunds go back to the card first, then as points."""
import pytest

from orders.domain.carriers import normalized_tracking_number, tracking_problem
from orders.domain.refunds import split_refund


@pytest.mark.parametrize(
    "carrier, number, ok",
    [
        ("cj", "123456789012", True),
        ("cj", "12345", False),
        ("epost", "1234567890123", True),
        ("lotte", "12345678901", False),
        ("pigeon", "123456789012", False),
        ("cj", "12345678901a", False),
    ],
)
def test_a_tracking_number_must_look_like_its_carriers(carrier, number, ok):
    assert (tracking_problem(carrier, number) is None) is ok


def test_dashes_and_spaces_sellers_paste_are_dropped():
    assert normalized_tracking_number(" 1234-5678 9012 ") == "123456789012"


@pytest.mark.parametrize(
    "amount, cash_left, points_left, expected",
    [
        (10000, 20000, 5000, (10000, 0)),
        (10000, 6000, 5000, (6000, 4000)),
        (10000, 0, 3000, (0, 3000)),
        (0, 100, 100, (0, 0)),
    ],
)
def test_a_refund_goes_to_the_card_first_and_never_beyond_what_was_paid(amount, cash_left, points_left, expected):
    split = split_refund(amount, cash_left, points_left)
    assert (split.cash, split.points) == expected
