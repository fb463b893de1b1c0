"""Codes by SMS and email (A4): enabled with a code to the registered contact; sign-in codes are single use.

Codes are read from the notification file: the test delivers the queued messages with
servicekit's deliver_notifications, whose file notifier the test runtime is configured with.
"""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from auth.models import OneTimeCode
from .customers import assert_problem, code_sent_to, messages_to
from .enrolment import (
    JUST_NOW, TEN_MINUTES_AGO, assert_refused, audit_kinds, challenge, enrol_totp, sign_up, signed_in, verify
)


def contact_of(person, method):
    return person["phone"] if method == "sms" else person["email"]


def enable(client, sign_identity, runtime, person, method, *, second_factor_age=None) -> dict:
    """Enable codes by `method`; an account that has a factor already steps up for it (`second_factor_age`)."""
    sent = client.post(f"/api/second-factors/{method}",
                       headers=signed_in(sign_identity, person, second_factor_age=second_factor_age))
    assert sent.status_code == 202, sent.json
    response = client.post(f"/api/second-factors/{method}/confirmation",
                           json={"code": code_sent_to(runtime, contact_of(person, method))},
                           headers=signed_in(sign_identity, person))
    assert response.status_code == 200, response.json
    return response


def other_than(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


@pytest.mark.parametrize("method", ["sms", "email"])
def test_codes_are_enabled_with_a_code_sent_to_the_registered_contact(auth_runtime, auth_client, sign_identity,
                                                                       method):
    person = sign_up(auth_client, sign_identity, email=True, phone=True)

    sent = auth_client.post(f"/api/second-factors/{method}", headers=signed_in(sign_identity, person))
    confirmed = auth_client.post(f"/api/second-factors/{method}/confirmation",
                                 json={"code": code_sent_to(auth_runtime, contact_of(person, method))},
                                 headers=signed_in(sign_identity, person))

    assert sent.status_code == 202
    assert sent.json["method"] == method
    contact = contact_of(person, method)
    masked = f"{contact[:3]}-****-{contact[-4:]}" if method == "sms" else f"{contact[0]}***@{contact.split('@')[1]}"
    assert sent.json["sent_to"] == masked
    assert datetime.fromisoformat(sent.json["expires_at"]) > datetime.now(timezone.utc) + timedelta(minutes=4)
    assert confirmed.status_code == 200, confirmed.json
    assert confirmed.headers["X-Session-Second-Factor"] == "verified"
    assert len(confirmed.json["recovery_codes"]) == 10
    methods = auth_client.get("/api/second-factors", headers=signed_in(sign_identity, person)).json["methods"]
    assert methods == [method, "recovery_code"]
    assert "second_factor_enrolled" in audit_kinds(auth_runtime, person)


@pytest.mark.parametrize("method, contacts", [("sms", {"email": True}), ("email", {"email": False, "phone": True})])
def test_a_contact_the_account_has_not_registered_cannot_be_enabled(auth_client, sign_identity, method, contacts):
    person = sign_up(auth_client, sign_identity, **contacts)

    response = auth_client.post(f"/api/second-factors/{method}", headers=signed_in(sign_identity, person))

    assert_problem(response, 409, "no-contact")


def test_wrong_confirmation_codes_count_and_the_fifth_spends_the_code(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    auth_client.post("/api/second-factors/email", headers=signed_in(sign_identity, person))
    code = code_sent_to(auth_runtime, person["email"])

    def confirm(attempt):
        return auth_client.post("/api/second-factors/email/confirmation", json={"code": attempt},
                                headers=signed_in(sign_identity, person))

    for _ in range(5):
        wrong = confirm(other_than(code))
        assert_problem(wrong, 422, "invalid-code")
    assert confirm(code).status_code == 422


def test_a_second_confirmation_of_an_enabled_factor_is_a_conflict(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enable(auth_client, sign_identity, auth_runtime, person, "email")

    response = auth_client.post("/api/second-factors/email",
                                headers=signed_in(sign_identity, person, second_factor_age=JUST_NOW))

    assert_problem(response, 409, "second-factor-enrolled")


@pytest.mark.parametrize("method", ["sms", "email"])
def test_with_a_factor_enrolled_enabling_codes_needs_a_step_up(auth_runtime, auth_client, sign_identity, method):
    person = sign_up(auth_client, sign_identity, phone=True)
    enrol_totp(auth_client, sign_identity, person)
    path = f"/api/second-factors/{method}"

    without = auth_client.post(path, headers=signed_in(sign_identity, person))
    stale = auth_client.post(path, headers=signed_in(sign_identity, person, second_factor_age=TEN_MINUTES_AGO))

    assert_problem(without, 403, "step-up-required")
    assert_problem(stale, 403, "step-up-required")
    sent = [message["subject"] for message in messages_to(auth_runtime, contact_of(person, method))]
    assert "2단계 인증 확인" not in sent
    enable(auth_client, sign_identity, auth_runtime, person, method, second_factor_age=JUST_NOW)
    methods = auth_client.get("/api/second-factors", headers=signed_in(sign_identity, person)).json["methods"]
    assert method in methods


def test_a_sign_in_code_is_sent_to_the_contact_and_accepted_once(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity, phone=True)
    enable(auth_client, sign_identity, auth_runtime, person, "sms")

    sent = challenge(auth_client, sign_identity, person, "sms")
    code = code_sent_to(auth_runtime, person["phone"])

    assert sent.status_code == 200, sent.json
    assert set(sent.json) == {"method", "sent_to", "expires_at"}
    message = messages_to(auth_runtime, person["phone"])[-1]
    assert (message["channel"], message["subject"]) == ("sms", "로그인 인증번호")
    assert "5분 후에 만료됩니다" in message["body"]
    assert verify(auth_client, sign_identity, person, "sms", code=code).status_code == 200
    assert_refused(verify(auth_client, sign_identity, person, "sms", code=code))


def test_an_expired_sign_in_code_is_refused(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enable(auth_client, sign_identity, auth_runtime, person, "email")
    challenge(auth_client, sign_identity, person, "email")
    code = code_sent_to(auth_runtime, person["email"])
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(OneTimeCode).where(OneTimeCode.account_id == person["id"])
                           .values(expires_at=datetime.now(timezone.utc) - timedelta(seconds=1)))

    assert_refused(verify(auth_client, sign_identity, person, "email", code=code))


def test_a_code_sent_by_email_does_not_answer_for_sms(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity, phone=True)
    enable(auth_client, sign_identity, auth_runtime, person, "sms")
    enable(auth_client, sign_identity, auth_runtime, person, "email", second_factor_age=JUST_NOW)
    challenge(auth_client, sign_identity, person, "email")

    assert_refused(verify(auth_client, sign_identity, person, "sms", code=code_sent_to(auth_runtime, person["email"])))


def test_turning_codes_off_needs_a_recent_second_factor(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enable(auth_client, sign_identity, auth_runtime, person, "email")
    path = "/api/second-factors/email"

    refused = auth_client.delete(path, headers=signed_in(sign_identity, person, second_factor_age=TEN_MINUTES_AGO))
    removed = auth_client.delete(path, headers=signed_in(sign_identity, person, second_factor_age=JUST_NOW))
    again = auth_client.delete(path, headers=signed_in(sign_identity, person, second_factor_age=JUST_NOW))

    assert_problem(refused, 403, "step-up-required")
    assert removed.status_code == 204
    assert again.status_code == 404
    assert "second_factor_disabled" in audit_kinds(auth_runtime, person)
