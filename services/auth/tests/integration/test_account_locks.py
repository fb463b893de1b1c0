"""Repeated wrong passwords lock an account (A7) for a period that grows with each lock in a row."""
from datetime import datetime

import pytest

from auth.locks import is_locked
from auth.settings import AuthSettings
from contracts.jsonschema import validate_wire
from servicekit.testing import wait_for
from .customers import (
    account_row,
    assert_invalid_credentials,
    client_with,
    events_of,
    messages_to,
    sign_in,
    sign_up,
)
from .people import STRONG_PASSWORD, new_email

THRESHOLD = 3
WRONG = "Wrong-Guess-1"


@pytest.fixture(scope="module")
def quick_lock_client(auth_runtime):
    with client_with(auth_runtime, lock_threshold=THRESHOLD, lock_base_seconds=1) as client:
        yield client


def fail(client, sign_identity, email, times):
    for _ in range(times):
        assert_invalid_credentials(sign_in(client, sign_identity, email, WRONG))


def lock_duration(event) -> float:
    data = event["data"]
    return (datetime.fromisoformat(data["locked_until"]) - datetime.fromisoformat(data["locked_at"])).total_seconds()


def wait_until_unlocked(runtime, account_id):
    wait_for(lambda: not is_locked(account_row(runtime, account_id)), timeout=10, what="the lock to end")


def test_the_threshold_of_wrong_passwords_locks_the_account_and_announces_it(auth_runtime, quick_lock_client,
                                                                               sign_identity):
    email = new_email()
    account = sign_up(quick_lock_client, sign_identity, email=email)

    fail(quick_lock_client, sign_identity, email, THRESHOLD - 1)
    assert events_of(auth_runtime, "AccountLocked", account["id"]) == []
    fail(quick_lock_client, sign_identity, email, 1)

    [locked] = events_of(auth_runtime, "AccountLocked", account["id"])
    validate_wire(locked)
    assert locked["data"]["reason"] == "repeated_login_failures"
    assert locked["data"]["failed_attempts"] == THRESHOLD
    assert any(message["subject"] == "계정이 잠겼습니다" for message in messages_to(auth_runtime, email))


def test_a_locked_account_refuses_even_the_right_password_exactly_like_a_wrong_one(auth_client, sign_identity):
    # The environment's lock, not the quick one: a one-second lock can end before a loaded machine signs in again.
    email = new_email()
    sign_up(auth_client, sign_identity, email=email)
    fail(auth_client, sign_identity, email, AuthSettings().lock_threshold)

    right = sign_in(auth_client, sign_identity, email, STRONG_PASSWORD)
    wrong = sign_in(auth_client, sign_identity, email, WRONG)

    assert_invalid_credentials(right)
    assert right.json == wrong.json


def test_a_lock_ends_after_its_period_and_each_lock_in_a_row_lasts_twice_as_long(auth_runtime, quick_lock_client,
                                                                                  sign_identity):
    email = new_email()
    account = sign_up(quick_lock_client, sign_identity, email=email)

    fail(quick_lock_client, sign_identity, email, THRESHOLD)
    wait_until_unlocked(auth_runtime, account["id"])
    fail(quick_lock_client, sign_identity, email, THRESHOLD)

    first, second = events_of(auth_runtime, "AccountLocked", account["id"])
    assert lock_duration(first) == 1
    assert lock_duration(second) == 2
    wait_until_unlocked(auth_runtime, account["id"])
    assert sign_in(quick_lock_client, sign_identity, email, STRONG_PASSWORD).status_code == 200


def test_a_successful_sign_in_forgets_earlier_failures(auth_runtime, quick_lock_client, sign_identity):
    email = new_email()
    account = sign_up(quick_lock_client, sign_identity, email=email)

    fail(quick_lock_client, sign_identity, email, THRESHOLD - 1)
    assert sign_in(quick_lock_client, sign_identity, email, STRONG_PASSWORD).status_code == 200
    fail(quick_lock_client, sign_identity, email, THRESHOLD - 1)

    assert events_of(auth_runtime, "AccountLocked", account["id"]) == []
    assert account_row(auth_runtime, account["id"]).failed_attempts == THRESHOLD - 1
    assert account_row(auth_runtime, account["id"]).locked_until is None


def test_failures_while_locked_neither_extend_the_lock_nor_lock_again(auth_runtime, auth_client, sign_identity):
    threshold = AuthSettings().lock_threshold
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    fail(auth_client, sign_identity, email, threshold)
    locked_until = account_row(auth_runtime, account["id"]).locked_until

    fail(auth_client, sign_identity, email, threshold)

    assert account_row(auth_runtime, account["id"]).locked_until == locked_until
    assert len(events_of(auth_runtime, "AccountLocked", account["id"])) == 1
