"""The owner deactivates their account; a deactivated or locked one comes back with a code and a new password."""
from datetime import datetime, timedelta, timezone

from sqlalchemy import update

from auth.models import Account
from contracts.jsonschema import validate_wire
from .customers import (
    NEW_PASSWORD,
    account_row,
    as_owner,
    assert_invalid_credentials,
    assert_problem,
    audit_events_of,
    code_sent_to,
    enrol_email_factor,
    events_of,
    just_stepped_up,
    messages_after_sign_up,
    messages_to,
    post_signed_out,
    sign_in,
    sign_up,
)
from .people import STRONG_PASSWORD, new_email, new_phone


def deactivate(client, headers, password=STRONG_PASSWORD):
    return client.post("/api/accounts/me/deactivation", json={"password": password}, headers=headers)


def ask_for_recovery(client, sign_identity, login):
    return post_signed_out(client, sign_identity, "/api/account-recoveries", login=login)


def recover(client, sign_identity, login, code, new_password=NEW_PASSWORD):
    return post_signed_out(client, sign_identity, "/api/account-recoveries/confirm", login=login, code=code,
                           new_password=new_password)


def deactivated_account(client, sign_identity, **contacts):
    account = sign_up(client, sign_identity, **contacts)
    assert deactivate(client, as_owner(sign_identity, account)).status_code == 204
    return account


def test_deactivation_ends_every_session_announces_it_and_refuses_sign_in(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)

    response = deactivate(auth_client, as_owner(sign_identity, account))

    assert response.status_code == 204
    assert response.headers["X-Revoke-Sessions"] == account["id"]
    [deactivated] = events_of(auth_runtime, "AccountDeactivated", account["id"])
    validate_wire(deactivated)
    assert datetime.fromisoformat(deactivated["data"]["deactivated_at"]) == account_row(
        auth_runtime, account["id"]
    ).deactivated_at
    assert account_row(auth_runtime, account["id"]).status == "deactivated"
    assert_invalid_credentials(sign_in(auth_client, sign_identity, email, STRONG_PASSWORD))
    assert [message["subject"] for message in messages_after_sign_up(auth_runtime, email)] == [
        "계정이 비활성화되었습니다"
    ]
    assert len(audit_events_of(auth_runtime, account["id"], "account_deactivated")) == 1


def test_deactivation_needs_the_password(auth_runtime, auth_client, sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email())

    assert_problem(deactivate(auth_client, as_owner(sign_identity, account), "Wrong-Guess-1"), 403, "wrong-password")
    assert account_row(auth_runtime, account["id"]).status == "active"


def test_with_a_second_factor_deactivation_needs_a_step_up(auth_runtime, auth_client, sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email())
    enrol_email_factor(auth_runtime, account["id"])

    assert_problem(deactivate(auth_client, as_owner(sign_identity, account)), 403, "step-up-required")
    assert deactivate(auth_client, as_owner(sign_identity, account, **just_stepped_up())).status_code == 204


def test_an_active_account_gets_no_recovery_code_and_the_same_answer(auth_runtime, auth_client, sign_identity):
    active = new_email()
    sign_up(auth_client, sign_identity, email=active)
    deactivated = new_email()
    deactivated_account(auth_client, sign_identity, email=deactivated)

    answers = [ask_for_recovery(auth_client, sign_identity, login) for login in (active, deactivated, new_email())]

    assert {answer.status_code for answer in answers} == {202}
    assert answers[0].json == answers[1].json == answers[2].json
    assert messages_after_sign_up(auth_runtime, active) == []
    assert messages_to(auth_runtime, deactivated)[-1]["subject"] == "계정 복구 인증번호"


def test_recovery_reactivates_with_a_new_password_and_announces_it(auth_runtime, auth_client, sign_identity):
    phone = new_phone()
    account = deactivated_account(auth_client, sign_identity, phone=phone, email=new_email())
    ask_for_recovery(auth_client, sign_identity, phone)

    response = recover(auth_client, sign_identity, phone, code_sent_to(auth_runtime, phone))

    assert response.status_code == 204
    assert response.headers["X-Revoke-Sessions"] == account["id"]
    [reactivated] = events_of(auth_runtime, "AccountReactivated", account["id"])
    validate_wire(reactivated)
    assert reactivated["data"]["previous_status"] == "deactivated"
    [changed] = events_of(auth_runtime, "PasswordChanged", account["id"])
    validate_wire(changed)
    assert (changed["data"]["via"], changed["data"]["kept_session_id"]) == ("recovery", None)
    assert sign_in(auth_client, sign_identity, phone, NEW_PASSWORD).status_code == 200
    assert_invalid_credentials(sign_in(auth_client, sign_identity, phone, STRONG_PASSWORD))
    [audited] = audit_events_of(auth_runtime, account["id"], "account_reactivated")
    assert audited.detail == {"previous_status": "deactivated"}
    assert account_row(auth_runtime, account["id"]).deactivated_at is None


def test_a_locked_account_is_recovered_and_unlocked(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(Account).where(Account.id == account["id"])
                           .values(locked_until=datetime.now(timezone.utc) + timedelta(hours=1), lock_count=3))
    ask_for_recovery(auth_client, sign_identity, email)

    assert recover(auth_client, sign_identity, email, code_sent_to(auth_runtime, email)).status_code == 204

    [reactivated] = events_of(auth_runtime, "AccountReactivated", account["id"])
    assert reactivated["data"]["previous_status"] == "locked"
    assert sign_in(auth_client, sign_identity, email, NEW_PASSWORD).status_code == 200


def test_any_wrong_recovery_code_gets_the_same_400(auth_runtime, auth_client, sign_identity):
    email = new_email()
    deactivated_account(auth_client, sign_identity, email=email)
    ask_for_recovery(auth_client, sign_identity, email)
    code = code_sent_to(auth_runtime, email)

    wrong_code = recover(auth_client, sign_identity, email, "999999" if code != "999999" else "000000")
    unknown_login = recover(auth_client, sign_identity, new_email(), code)

    assert_problem(wrong_code, 400, "recovery-code-invalid")
    assert wrong_code.json == unknown_login.json
    assert recover(auth_client, sign_identity, email, code).status_code == 204
    assert_problem(recover(auth_client, sign_identity, email, code), 400, "recovery-code-invalid")


def test_recovery_applies_the_password_policy(auth_runtime, auth_client, sign_identity):
    email = new_email()
    deactivated_account(auth_client, sign_identity, email=email)
    ask_for_recovery(auth_client, sign_identity, email)

    weak = recover(auth_client, sign_identity, email, code_sent_to(auth_runtime, email), new_password="password")

    assert_problem(weak, 422, "weak-password")
    assert "common" in weak.json["rules"]
