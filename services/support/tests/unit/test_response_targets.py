"""Due times by type, campaign and business hours, and which target the clock watches."""
from datetime import datetime, timedelta, timezone

import pytest

from servicekit.korean_calendar import KOREA
from support.domain.response_targets import (
    TargetHours,
    default_hours,
    due_after,
    first_response_due,
    alert_for,
    is_korean_business_day,
    resolution_due,
    watched_targets,
)

OPENED = datetime(2024, 5, 1, 9, tzinfo=timezone.utc)
AROUND_THE_CLOCK = TargetHours(first_response_hours=24, resolution_hours=72)
BUSINESS_HOURS = TargetHours(first_response_hours=8, resolution_hours=24, business_hours=True)


def korean(*fields):
    return datetime(*fields, tzinfo=KOREA)


def test_first_answer_is_due_in_24_hours_or_the_campaign_hours_during_a_campaign():
    assert first_response_due(OPENED, AROUND_THE_CLOCK, None) == OPENED + timedelta(hours=24)
    assert first_response_due(OPENED, AROUND_THE_CLOCK, 12) == OPENED + timedelta(hours=12)


def test_a_campaign_never_loosens_a_types_stricter_target():
    assert first_response_due(OPENED, TargetHours(4, 72), 12) == OPENED + timedelta(hours=4)


def test_by_default_payment_and_account_inquiries_are_resolved_within_48_hours_others_within_72():
    assert default_hours("payment") == default_hours("account") == TargetHours(24, 48)
    assert default_hours("product") == TargetHours(24, 72)
    assert resolution_due(OPENED, default_hours("payment")) == OPENED + timedelta(hours=48)


def test_a_question_asked_friday_at_five_before_chuseok_is_due_eight_business_hours_later_on_thursday():
    # 2024: Friday the 13th of September, then the weekend and Chuseok (Monday to Wednesday).
    asked = korean(2024, 9, 13, 17)

    assert first_response_due(asked, BUSINESS_HOURS, None) == korean(2024, 9, 19, 16)


def test_business_hours_count_from_nine_when_asked_at_night_or_at_a_weekend():
    assert due_after(korean(2024, 5, 8, 22), 2, business_hours=True) == korean(2024, 5, 9, 11)
    assert due_after(korean(2024, 5, 11, 10), 2, business_hours=True) == korean(2024, 5, 13, 11)


def test_a_target_ending_at_six_is_due_at_six_not_the_next_morning():
    assert due_after(korean(2024, 5, 8, 10), 8, business_hours=True) == korean(2024, 5, 8, 18)


def test_substitute_and_election_holidays_are_not_business_days():
    assert not is_korean_business_day(korean(2025, 3, 3).date())  # for Independence Movement Day on a Saturday
    assert not is_korean_business_day(korean(2025, 6, 3).date())  # the presidential election
    assert is_korean_business_day(korean(2025, 6, 4).date())


def test_due_times_are_instants_in_utc_whatever_zone_they_are_counted_in():
    due = due_after(korean(2024, 5, 8, 10), 1, business_hours=True)

    assert due.utcoffset() == timedelta(0) and due == datetime(2024, 5, 8, 2, tzinfo=timezone.utc)


@pytest.mark.parametrize("hours", [0, -1])
def test_a_target_of_no_time_is_refused(hours):
    with pytest.raises(ValueError):
        due_after(OPENED, hours, business_hours=False)


def test_the_clock_watches_the_first_response_until_someone_answers_and_the_resolution_throughout():
    first, resolution = OPENED + timedelta(hours=24), OPENED + timedelta(hours=72)

    assert watched_targets(first, resolution, None) == [("first_response", first), ("resolution", resolution)]
    assert watched_targets(first, resolution, OPENED + timedelta(hours=1)) == [("resolution", resolution)]


def test_a_target_is_warned_by_default_two_hours_before_it_is_due_and_breached_once_due():
    due = OPENED

    assert alert_for(due, due - timedelta(hours=2, seconds=1), warned=False, breached=False) is None
    assert alert_for(due, due - timedelta(hours=2), warned=False, breached=False) == "warning"
    assert alert_for(due, due - timedelta(seconds=1), warned=True, breached=False) is None
    assert alert_for(due, due, warned=True, breached=False) == "breach"
    assert alert_for(due, due, warned=False, breached=False) == "breach"
    assert alert_for(due, due + timedelta(days=1), warned=True, breached=True) is None


def test_a_target_is_warned_within_the_lead_ops_chose():
    due, lead = OPENED, timedelta(minutes=30)

    assert alert_for(due, due - timedelta(minutes=31), warned=False, breached=False, lead=lead) is None
    assert alert_for(due, due - timedelta(minutes=30), warned=False, breached=False, lead=lead) == "warning"
