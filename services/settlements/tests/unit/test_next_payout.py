"""A seller's next payout, as the payout job will make it: money of passed days still unpaid is carried into it, and
a day whose money adds up to nothing or less makes none."""
from datetime import date

from settlements.dashboard_figures import next_payout
from settlements.statements import ExpectedPayout

TODAY = date(2026, 12, 7)


def test_the_first_upcoming_day_with_money_is_the_next_payout():
    expected = [ExpectedPayout(date(2026, 12, 8), 8620, 3), ExpectedPayout(date(2026, 12, 9), 4310, 3),
                ExpectedPayout(None, 17_240, 3)]

    assert next_payout(expected, TODAY) == ExpectedPayout(date(2026, 12, 8), 8620, 3)


def test_money_owed_from_a_passed_day_is_taken_from_the_next_payout():
    expected = [ExpectedPayout(date(2026, 12, 4), -3000, 5), ExpectedPayout(date(2026, 12, 8), 2000, 3),
                ExpectedPayout(date(2026, 12, 9), 8620, 3)]

    assert next_payout(expected, TODAY) == ExpectedPayout(date(2026, 12, 9), 7620, 11)


def test_nothing_expected_but_money_not_payable_yet_is_no_payout():
    assert next_payout([ExpectedPayout(None, 17_240, 3)], TODAY) is None
    assert next_payout([], TODAY) is None
