"""Payout days: the business day after confirmation, or Wednesdays; never a weekend or a Korean public holiday."""
from datetime import date

import pytest

from settlements.domain.payout_calendar import DAILY, WEEKLY, is_payout_day, payable_up_to, payout_day


def test_a_purchase_confirmed_before_chuseok_is_paid_after_the_holidays_and_the_weekend():
    # 24 to 26 September 2026 are Chuseok (Thursday to Saturday).
    assert payout_day(date(2026, 9, 23), DAILY) == date(2026, 9, 28)


def test_a_purchase_confirmed_on_a_friday_before_the_lunar_new_year_is_paid_on_the_first_day_back():
    # 16 to 18 February 2026: Seollal, Monday to Wednesday.
    assert payout_day(date(2026, 2, 13), DAILY) == date(2026, 2, 19)


def test_an_ordinary_weekday_confirmation_is_paid_the_next_day():
    assert payout_day(date(2026, 12, 8), DAILY) == date(2026, 12, 9)


def test_weekly_payouts_come_on_the_wednesday_after_the_week_of_confirmation():
    assert payout_day(date(2026, 12, 7), WEEKLY) == date(2026, 12, 16)
    assert payout_day(date(2026, 12, 13), WEEKLY) == date(2026, 12, 16)  # Sunday ends the week


def test_a_weekly_payout_wednesday_that_is_a_holiday_moves_to_the_next_business_day():
    assert payout_day(date(2026, 2, 10), WEEKLY) == date(2026, 2, 19)  # Seollal's second day
    assert payout_day(date(2026, 5, 31), WEEKLY) == date(2026, 6, 4)  # the local elections


def test_payouts_are_made_on_business_days_only_and_weekly_on_the_payout_day_alone():
    assert is_payout_day(date(2026, 12, 9), DAILY)
    assert not is_payout_day(date(2026, 12, 12), DAILY)  # a Saturday
    assert not is_payout_day(date(2026, 9, 25), DAILY)  # Chuseok
    assert is_payout_day(date(2026, 12, 16), WEEKLY)
    assert not is_payout_day(date(2026, 12, 17), WEEKLY)
    assert not is_payout_day(date(2026, 6, 3), WEEKLY)
    assert is_payout_day(date(2026, 6, 4), WEEKLY)


def test_a_payout_takes_every_day_whose_payout_day_it_is():
    # Money payable on any day up to the cut-off has that payout day or an earlier one, missed (a worker down).
    for schedule in (DAILY, WEEKLY):
        for ordinal in range(date(2026, 1, 1).toordinal(), date(2036, 1, 1).toordinal()):
            day = date.fromordinal(ordinal)
            if is_payout_day(day, schedule):
                up_to = payable_up_to(day, schedule)
                assert payout_day(up_to, schedule) <= day
                assert payout_day(date.fromordinal(up_to.toordinal() + 1), schedule) > day


def test_an_unknown_schedule_is_refused():
    with pytest.raises(ValueError):
        payout_day(date(2026, 12, 7), "monthly")


def test_a_weekly_payout_pushed_into_the_next_week_by_holidays_is_still_a_payout_day():
    # Chuseok 2028 (2 to 4 October, Monday to Wednesday) and National Foundation Day on the 3rd: the Wednesday is
    # a holiday; were the days after it holidays up to the weekend, the payout would land in the next week.
    for year in range(2026, 2036):
        for ordinal in range(date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal()):
            day = date.fromordinal(ordinal)
            assert is_payout_day(payout_day(day, WEEKLY), WEEKLY), day
