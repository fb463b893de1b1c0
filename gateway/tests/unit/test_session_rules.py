"""The session rules: how long a session lives, how use slides it, when it is purged, how many wrong second factors
a half sign-in may send, and the tokens a browser holds."""
from datetime import datetime, timedelta, timezone

from gateway.domain.second_factor_tries import MAX_SECOND_FACTOR_FAILURES, attempts_left
from gateway.domain.session_lifetimes import (
    ABSOLUTE_LIFETIME,
    IDLE_LIFETIME,
    PENDING_LIFETIME,
    ends_at,
    expiries_of_new_session,
    is_active,
    purged_if_ended_before,
    slid_idle_expiry,
)
from gateway.domain.session_tokens import device_id_of, is_token, new_token, session_id_of

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


def test_a_new_session_ends_after_half_an_hour_idle_and_twelve_hours_at_most():
    assert expiries_of_new_session(NOW, second_factor_pending=False) == (NOW + IDLE_LIFETIME, NOW + ABSOLUTE_LIFETIME)
    assert IDLE_LIFETIME == timedelta(minutes=30) and ABSOLUTE_LIFETIME == timedelta(hours=12)


def test_a_sign_in_waiting_for_its_second_factor_lives_five_minutes_however_used():
    idle, absolute = expiries_of_new_session(NOW, second_factor_pending=True)

    assert idle == absolute == NOW + PENDING_LIFETIME == NOW + timedelta(minutes=5)
    assert slid_idle_expiry(NOW + timedelta(minutes=2), NOW, absolute) == absolute


def test_use_slides_the_idle_expiry_at_most_once_a_minute_and_never_past_the_absolute_one():
    absolute = NOW + timedelta(hours=1)

    assert slid_idle_expiry(NOW + timedelta(seconds=59), NOW, absolute) is None
    assert slid_idle_expiry(NOW + timedelta(minutes=1), NOW, absolute) == NOW + timedelta(minutes=31)
    assert slid_idle_expiry(NOW + timedelta(minutes=50), NOW, absolute) == absolute


def test_a_session_is_active_until_revoked_or_past_either_expiry():
    idle, absolute = NOW + timedelta(minutes=30), NOW + timedelta(hours=12)

    assert is_active(NOW, None, idle, absolute)
    assert not is_active(NOW, NOW - timedelta(seconds=1), idle, absolute)
    assert not is_active(idle, None, idle, absolute)
    assert not is_active(NOW, None, idle, NOW)
    assert ends_at(idle, absolute) == idle and ends_at(absolute + timedelta(hours=1), absolute) == absolute


def test_sessions_that_ended_over_a_day_ago_are_purged():
    assert purged_if_ended_before(NOW) == NOW - timedelta(days=1)


def test_the_fifth_wrong_second_factor_ends_a_pending_sign_in():
    tries = [attempts_left(True, failures) for failures in range(1, MAX_SECOND_FACTOR_FAILURES + 2)]

    assert tries == [4, 3, 2, 1, 0, 0]


def test_a_signed_in_session_counts_no_tries_of_its_step_ups():
    assert attempts_left(False, 100) is None


def test_the_gateway_keeps_only_the_digests_of_the_tokens_a_browser_holds():
    token = new_token()

    assert is_token(token) and not is_token(token + "x") and not is_token("<script>")
    assert token not in (session_id_of(token), device_id_of(token))
    assert session_id_of(token) == session_id_of(token) and session_id_of(token) != session_id_of(new_token())
