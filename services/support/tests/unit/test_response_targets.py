"""Due times by type and campaign, and which target the clock watches."""
from datetime import datetime, timedelta, timezone

from support.domain.response_targets import first_response_due, pending_target, resolution_due

OPENED = datetime(2024, 5, 1, 9, tzinfo=timezone.utc)


def test_first_answer_is_due_in_24_hours_or_the_campaign_hours_during_a_campaign():
    assert first_response_due(OPENED, None) == OPENED + timedelta(hours=24)
    assert first_response_due(OPENED, 12) == OPENED + timedelta(hours=12)


def test_payment_and_account_inquiries_are_resolved_within_48_hours_others_within_72():
    assert resolution_due("payment", OPENED) == OPENED + timedelta(hours=48)
    assert resolution_due("account", OPENED) == OPENED + timedelta(hours=48)
    assert resolution_due("product", OPENED) == OPENED + timedelta(hours=72)


def test_the_clock_watches_the_first_response_until_someone_answers_then_the_resolution():
    first, resolution = OPENED + timedelta(hours=24), OPENED + timedelta(hours=72)
    assert pending_target(first, resolution, None).target == "first_response"
    answered = pending_target(first, resolution, OPENED + timedelta(hours=1))
    assert (answered.target, answered.due_at) == ("resolution", resolution)


def test_a_target_is_near_two_hours_before_it_is_due_and_missed_once_due():
    target = pending_target(OPENED, OPENED + timedelta(hours=48), None)
    assert not target.is_near(OPENED - timedelta(hours=2, seconds=1))
    assert target.is_near(OPENED - timedelta(hours=2))
    assert not target.is_missed(OPENED - timedelta(seconds=1))
    assert target.is_missed(OPENED)
