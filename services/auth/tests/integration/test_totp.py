"""Authenticator apps (A4): enrolled with an otpauth URI and its QR code, confirmed by a first code; no code twice."""
import threading
from urllib.parse import unquote

from auth.models import TotpFactor
from servicekit.app import settings
from .customers import assert_problem, enrol_email_factor, messages_to
from .enrolment import (
    JUST_NOW, TEN_MINUTES_AGO, assert_refused, audit_kinds, enrol_totp, sign_up, signed_in, start_totp, totp_code,
    verify
)


def overview(client, sign_identity, person):
    return client.get("/api/second-factors", headers=signed_in(sign_identity, person)).json


def confirm(client, sign_identity, person, code):
    return client.post("/api/second-factors/totp/confirmation", json={"code": code},
                       headers=signed_in(sign_identity, person))


def test_enrolment_gives_an_otpauth_uri_and_its_qr_code_and_is_pending_until_confirmed(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)

    response = auth_client.post("/api/second-factors/totp", headers=signed_in(sign_identity, person))

    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    enrolment = response.json
    assert unquote(enrolment["otpauth_uri"]).startswith(f"otpauth://totp/Marketplace:{person['email']}?")
    assert f"secret={enrolment['secret']}" in enrolment["otpauth_uri"]
    assert "issuer=Marketplace" in enrolment["otpauth_uri"]
    assert enrolment["qr_svg"].startswith("data:image/svg+xml")
    assert overview(auth_client, sign_identity, person)["totp_status"] == "pending"
    assert overview(auth_client, sign_identity, person)["methods"] == []


def test_the_secret_is_stored_encrypted_so_the_database_alone_cannot_make_codes(
    auth_runtime, auth_client, sign_identity
):
    person = sign_up(auth_client, sign_identity)
    secret = auth_client.post("/api/second-factors/totp", headers=signed_in(sign_identity, person)).json["secret"]

    with auth_runtime.unit_of_work() as uow:
        stored = uow.session.get(TotpFactor, person["id"]).secret

    assert secret not in stored
    assert len(stored) > 100
    with auth_client.application.app_context():
        assert settings().secret_box.open(stored) == secret


def test_a_phone_only_account_is_labelled_with_its_number(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity, email=False, phone=True)

    response = auth_client.post("/api/second-factors/totp", headers=signed_in(sign_identity, person))

    assert response.json["otpauth_uri"].startswith(f"otpauth://totp/Marketplace:{person['phone']}?")


def test_a_first_code_confirms_the_app_and_tells_the_gateway_the_session_proved_it(
    auth_runtime, auth_client, sign_identity
):
    person = sign_up(auth_client, sign_identity)
    secret = start_totp(auth_client, sign_identity, person)

    response = confirm(auth_client, sign_identity, person, totp_code(secret))

    assert response.status_code == 200, response.json
    assert response.headers["X-Session-Second-Factor"] == "verified"
    assert response.json["method"] == "totp"
    assert len(response.json["recovery_codes"]) == 10
    state = overview(auth_client, sign_identity, person)
    assert state["totp_status"] == "active"
    assert state["methods"] == ["totp", "recovery_code"]
    assert {"second_factor_enrolled", "recovery_codes_generated"} <= set(audit_kinds(auth_runtime, person))
    assert any(m["subject"] == "2단계 인증 수단이 추가되었습니다" for m in messages_to(auth_runtime,
                                                                                                 person["email"]))


def test_a_wrong_confirmation_code_is_refused_with_a_problem_naming_the_code(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    secret = start_totp(auth_client, sign_identity, person)
    wrong = f"{(int(totp_code(secret)) + 1) % 10**6:06d}"

    response = confirm(auth_client, sign_identity, person, wrong)

    assert_problem(response, 422, "invalid-code")
    assert "인증 앱" in response.json["detail"]
    assert "code" in response.json["errors"]
    assert overview(auth_client, sign_identity, person)["totp_status"] == "pending"


def test_a_code_one_step_old_confirms_and_one_two_steps_old_does_not(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    secret = start_totp(auth_client, sign_identity, person)

    assert confirm(auth_client, sign_identity, person, totp_code(secret, -2)).status_code == 422
    assert confirm(auth_client, sign_identity, person, totp_code(secret, -1)).status_code == 200


def test_starting_again_replaces_an_unconfirmed_enrolment(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    first_secret = start_totp(auth_client, sign_identity, person)
    second_secret = start_totp(auth_client, sign_identity, person)

    assert first_secret != second_secret
    assert confirm(auth_client, sign_identity, person, totp_code(first_secret)).status_code == 422
    assert confirm(auth_client, sign_identity, person, totp_code(second_secret)).status_code == 200


def test_an_account_with_a_confirmed_app_cannot_start_another(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enrol_totp(auth_client, sign_identity, person)

    response = auth_client.post("/api/second-factors/totp",
                                headers=signed_in(sign_identity, person, second_factor_age=JUST_NOW))

    assert_problem(response, 409, "second-factor-enrolled")


def test_with_another_factor_enrolled_starting_an_app_needs_a_step_up(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enrol_email_factor(auth_runtime, person["id"])

    without = auth_client.post("/api/second-factors/totp", headers=signed_in(sign_identity, person))
    stale = auth_client.post("/api/second-factors/totp",
                             headers=signed_in(sign_identity, person, second_factor_age=TEN_MINUTES_AGO))

    assert_problem(without, 403, "step-up-required")
    assert_problem(stale, 403, "step-up-required")
    assert overview(auth_client, sign_identity, person)["totp_status"] == "none"
    secret = start_totp(auth_client, sign_identity, person, second_factor_age=JUST_NOW)
    assert confirm(auth_client, sign_identity, person, totp_code(secret)).status_code == 200


def test_a_code_accepted_once_is_never_accepted_again(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enrolled = enrol_totp(auth_client, sign_identity, person)

    assert_refused(verify(auth_client, sign_identity, person, "totp", code=enrolled.confirmed_with))
    next_code = totp_code(enrolled.secret, 1)
    assert verify(auth_client, sign_identity, person, "totp", code=next_code).status_code == 200
    assert_refused(verify(auth_client, sign_identity, person, "totp", code=next_code))
    assert audit_kinds(auth_runtime, person)[-3:] == ["second_factor_failed", "second_factor_succeeded",
                                                      "second_factor_failed"]


def test_one_code_sent_twice_at_once_passes_once(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    code = totp_code(enrol_totp(auth_client, sign_identity, person).secret, 1)
    start = threading.Barrier(2)
    statuses = []

    def sign_in():
        client = auth_client.application.test_client()
        start.wait()
        statuses.append(verify(client, sign_identity, person, "totp", code=code).status_code)

    threads = [threading.Thread(target=sign_in) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses) == [200, 401]


def test_removing_the_last_factor_needs_a_step_up_tells_the_owner_and_retires_recovery_codes(
    auth_runtime, auth_client, sign_identity
):
    person = sign_up(auth_client, sign_identity)
    enrol_totp(auth_client, sign_identity, person)

    without = auth_client.delete("/api/second-factors/totp", headers=signed_in(sign_identity, person))
    stale = auth_client.delete("/api/second-factors/totp",
                               headers=signed_in(sign_identity, person, second_factor_age=TEN_MINUTES_AGO))
    stepped_up = auth_client.delete("/api/second-factors/totp",
                                    headers=signed_in(sign_identity, person, second_factor_age=JUST_NOW))

    assert_problem(without, 403, "step-up-required")
    assert_problem(stale, 403, "step-up-required")
    assert stepped_up.status_code == 204
    state = overview(auth_client, sign_identity, person)
    assert (state["totp_status"], state["methods"], state["recovery_codes_remaining"]) == ("none", [], 0)
    assert "second_factor_disabled" in audit_kinds(auth_runtime, person)
    assert messages_to(auth_runtime, person["email"])[-1]["subject"] == "2단계 인증 수단이 삭제되었습니다"
