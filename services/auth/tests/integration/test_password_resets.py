"""Find password (A5): a short-lived, single-use code to the contact typed; the answer never tells who exists."""
from datetime import datetime, timedelta, timezone

from sqlalchemy import update

from auth.models import Account, OneTimeCode
from auth.settings import AuthSettings
from contracts.jsonschema import validate_wire
from .customers import (
    CLIENT_HEADERS,
    NEW_PASSWORD,
    assert_invalid_credentials,
    assert_problem,
    audit_events_of,
    code_sent_to,
    events_of,
    messages_after_sign_up,
    messages_to,
    post_signed_out,
    sign_in,
    sign_up,
)
from .people import STRONG_PASSWORD, new_email, new_phone


def ask_for_code(client, sign_identity, login):
    return post_signed_out(client, sign_identity, "/api/password-resets", login=login)


def confirm(client, sign_identity, login, code, new_password=NEW_PASSWORD):
    return post_signed_out(client, sign_identity, "/api/password-resets/confirm", login=login, code=code,
                           new_password=new_password)


def test_asking_answers_the_same_for_a_known_and_an_unknown_login(auth_runtime, auth_client, sign_identity):
    email = new_email()
    sign_up(auth_client, sign_identity, email=email)
    unknown_email, unknown_phone = new_email(), new_phone()

    answers = [ask_for_code(auth_client, sign_identity, login) for login in (email, unknown_email, unknown_phone)]

    assert {answer.status_code for answer in answers} == {202}
    assert answers[0].json == answers[1].json == answers[2].json
    assert len(messages_after_sign_up(auth_runtime, email)) == 1
    assert messages_to(auth_runtime, unknown_email) == messages_to(auth_runtime, unknown_phone) == []


def test_a_code_sets_a_new_password_ends_every_session_and_tells_the_owner(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    ask_for_code(auth_client, sign_identity, email.upper())

    response = confirm(auth_client, sign_identity, email, code_sent_to(auth_runtime, email))

    assert response.status_code == 204
    assert response.headers["X-Revoke-Sessions"] == account["id"]
    [changed] = events_of(auth_runtime, "PasswordChanged", account["id"])
    validate_wire(changed)
    assert (changed["data"]["via"], changed["data"]["kept_session_id"]) == ("reset", None)
    assert sign_in(auth_client, sign_identity, email, NEW_PASSWORD).status_code == 200
    assert_invalid_credentials(sign_in(auth_client, sign_identity, email, STRONG_PASSWORD))
    assert [message["subject"] for message in messages_after_sign_up(auth_runtime, email)] == [
        "비밀번호 재설정 인증번호", "비밀번호가 재설정되었습니다"
    ]
    [requested] = audit_events_of(auth_runtime, account["id"], "password_reset_requested")
    assert requested.ip == CLIENT_HEADERS["X-Forwarded-For"]
    assert len(audit_events_of(auth_runtime, account["id"], "password_reset")) == 1


def test_a_code_works_only_once(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    ask_for_code(auth_client, sign_identity, email)
    code = code_sent_to(auth_runtime, email)
    assert confirm(auth_client, sign_identity, email, code).status_code == 204

    again = confirm(auth_client, sign_identity, email, code, new_password="Another-Window-58")

    assert_problem(again, 400, "reset-code-invalid")
    assert sign_in(auth_client, sign_identity, email, NEW_PASSWORD).status_code == 200
    assert len(events_of(auth_runtime, "PasswordChanged", account["id"])) == 1


def test_a_phone_login_gets_its_code_by_sms(auth_runtime, auth_client, sign_identity):
    phone = new_phone()
    sign_up(auth_client, sign_identity, phone=phone, email=new_email())

    ask_for_code(auth_client, sign_identity, f"{phone[:3]}-{phone[3:7]}-{phone[7:]}")

    [message] = messages_to(auth_runtime, phone)
    assert message["channel"] == "sms"
    assert confirm(auth_client, sign_identity, phone, code_sent_to(auth_runtime, phone)).status_code == 204


def test_an_expired_code_is_refused(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    ask_for_code(auth_client, sign_identity, email)
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(OneTimeCode).where(OneTimeCode.account_id == account["id"])
                           .values(expires_at=datetime.now(timezone.utc) - timedelta(seconds=1)))

    assert_problem(confirm(auth_client, sign_identity, email, code_sent_to(auth_runtime, email)), 400,
                   "reset-code-invalid")


def test_after_the_allowed_wrong_codes_even_the_right_one_is_refused(auth_runtime, auth_client, sign_identity):
    email = new_email()
    sign_up(auth_client, sign_identity, email=email)
    ask_for_code(auth_client, sign_identity, email)
    code = code_sent_to(auth_runtime, email)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    for _ in range(AuthSettings().code_max_attempts):
        assert_problem(confirm(auth_client, sign_identity, email, wrong), 400, "reset-code-invalid")

    assert_problem(confirm(auth_client, sign_identity, email, code), 400, "reset-code-invalid")


def test_a_wrong_code_and_an_unknown_login_get_the_same_answer(auth_runtime, auth_client, sign_identity):
    email = new_email()
    sign_up(auth_client, sign_identity, email=email)
    ask_for_code(auth_client, sign_identity, email)

    wrong_code = confirm(auth_client, sign_identity, email, "000000")
    unknown_login = confirm(auth_client, sign_identity, new_email(), "000000")

    assert wrong_code.status_code == unknown_login.status_code == 400
    assert wrong_code.json == unknown_login.json


def test_a_weak_new_password_is_refused_naming_the_rule_without_spending_the_code(auth_runtime, auth_client,
                                                                                   sign_identity):
    email = new_email()
    sign_up(auth_client, sign_identity, email=email)
    ask_for_code(auth_client, sign_identity, email)
    code = code_sent_to(auth_runtime, email)

    weak = confirm(auth_client, sign_identity, email, code, new_password="no-digits-or-capitals")

    assert_problem(weak, 422, "weak-password")
    assert weak.json["rules"] == ["uppercase", "digit"]
    assert "영문 대문자를 포함해 주세요." in weak.json["errors"]["new_password"]
    assert confirm(auth_client, sign_identity, email, code).status_code == 204


def test_a_reset_lifts_a_lock(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(Account).where(Account.id == account["id"])
                           .values(locked_until=datetime.now(timezone.utc) + timedelta(hours=1)))
    ask_for_code(auth_client, sign_identity, email)

    confirm(auth_client, sign_identity, email, code_sent_to(auth_runtime, email))

    assert sign_in(auth_client, sign_identity, email, NEW_PASSWORD).status_code == 200


def test_a_login_that_is_neither_an_email_nor_a_mobile_number_is_a_422(auth_client, sign_identity):
    response = ask_for_code(auth_client, sign_identity, "02-123-4567")

    assert_problem(response, 422, "validation-failed")
    assert "login" in response.json["errors"]
