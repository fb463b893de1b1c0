"""Two-factor sign-in: the password opens a pending session that can only finish; the second factor, the real one."""
import hashlib
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from gateway.domain.accounts import Account
from gateway.domain.session_tokens import session_id_of
from gateway.models import UserSession
from gateway.second_factor_steps import SignInEnded, finish_sign_in
from gateway.sessions import open_session, revoke_session
from servicekit import clock
from tests.conftest import TWO_FACTOR_SELLER
from tests.fakes import RIGHT_CODES, RIGHT_CREDENTIAL

PROBLEM = "urn:marketplace:problem:"


@pytest.fixture
def pending(client):
    """The test's browser past the password of an account with a second factor; returns the login answer."""
    response = client.post("/api/session", json={"login": "lin@example.com", "password": "two factors"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _prove(client, session, **proof):
    return client.post("/api/session/2fa", json=proof, headers={"X-CSRF-Token": session["csrf_token"]})


def _problem_type(response) -> str:
    return response.get_json()["type"].removeprefix(PROBLEM)


def test_login_without_a_second_factor_gives_a_full_session(client):
    response = client.post("/api/session", json={"login": "ada@example.com", "password": "correct horse"})

    body = response.get_json()
    assert response.status_code == 201
    assert body["second_factor_required"] is False
    assert body["second_factors"] == []
    assert body["password_change_recommended"] is False
    assert body["second_factor_at"] is None
    assert client.get("/api/orders").status_code == 200


def test_login_with_a_second_factor_gives_a_pending_session_for_five_minutes(client, pending):
    assert pending["second_factor_required"] is True
    assert pending["second_factors"] == ["totp", "sms", "webauthn", "recovery_code"]
    assert pending["password_change_recommended"] is True
    expires_at = datetime.fromisoformat(pending["expires_at"])
    assert expires_at <= datetime.now(timezone.utc) + timedelta(minutes=5)
    current = client.get("/api/session").get_json()
    assert current["second_factor_required"] is True and current["handle"] == pending["handle"]


def test_auth_is_told_the_address_browser_and_hashed_device_of_a_login(client, upstreams):
    client.post(
        "/api/session",
        json={"login": "ada@example.com", "password": "correct horse"},
        headers={"User-Agent": "Firefox/140"},
        environ_base={"REMOTE_ADDR": "198.51.100.4"},
    )

    sent = upstreams["auth"].internal[-1]["body"]
    device = client.get_cookie("device").value
    assert sent["ip"] == "198.51.100.4"
    assert sent["user_agent"] == "Firefox/140"
    assert sent["device_id"] == hashlib.sha256(device.encode()).hexdigest() != device


def test_login_gives_the_browser_a_year_long_device_cookie_it_keeps_on_later_logins(client, sign_in, upstreams):
    sign_in()
    first = client.get_cookie("device")
    first_device_id = upstreams["auth"].internal[-1]["body"]["device_id"]

    response = client.post("/api/session", json={"login": "ada@example.com", "password": "correct horse"})

    cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("device="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert f"Max-Age={365 * 24 * 3600}" in cookie
    assert client.get_cookie("device").value == first.value
    assert upstreams["auth"].internal[-1]["body"]["device_id"] == first_device_id


def test_a_device_cookie_the_gateway_did_not_make_is_replaced(client, sign_in):
    client.set_cookie("device", "chosen-by-an-attacker")

    sign_in()

    assert client.get_cookie("device").value != "chosen-by-an-attacker"


def test_secure_gateway_names_its_device_cookie_with_the_host_prefix(make_gateway):
    client = make_gateway(session_cookie_secure=True).test_client()

    response = client.post("/api/session", json={"login": "ada@example.com", "password": "correct horse"})

    cookie = next(value for value in response.headers.getlist("Set-Cookie") if "device=" in value)
    assert cookie.startswith("__Host-device=") and "Secure" in cookie and "Domain" not in cookie


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/api/orders"), ("POST", "/api/products"), ("GET", "/api/accounts/me"), ("GET", "/api/session/devices"),
     ("DELETE", "/api/session/devices")],
)
def test_a_pending_session_is_refused_everything_but_finishing(client, pending, upstreams, method, path):
    calls = {name: len(fake.received) for name, fake in upstreams.items()}

    response = client.open(path, method=method, json={}, headers={"X-CSRF-Token": pending["csrf_token"]})

    assert response.status_code == 401
    assert _problem_type(response) == "second-factor-required"
    assert response.get_json()["detail"] == "먼저 2단계 인증으로 로그인을 완료해 주세요."
    assert {name: len(fake.received) for name, fake in upstreams.items()} == calls
    assert client.get("/api/session").status_code == 200


def test_a_pending_session_can_sign_out(client, pending):
    response = client.delete("/api/session", headers={"X-CSRF-Token": pending["csrf_token"]})

    assert response.status_code == 204
    assert client.get("/api/session").status_code == 401


def test_a_wrong_code_is_counted_and_the_fifth_ends_the_pending_session(client, pending):
    token = client.get_cookie("session").value
    answers = [_prove(client, pending, method="totp", code="000000") for _ in range(5)]

    assert [response.status_code for response in answers] == [401] * 5
    assert [_problem_type(response) for response in answers[:4]] == ["second-factor-invalid"] * 4
    assert [response.get_json()["attempts_left"] for response in answers[:4]] == [4, 3, 2, 1]
    assert _problem_type(answers[4]) == "second-factor-attempts-exhausted"
    assert "비밀번호로 다시 로그인해 주세요" in answers[4].get_json()["detail"]
    assert client.get_cookie("session") is None
    client.set_cookie("session", token)
    assert client.get("/api/session").status_code == 401


def test_the_right_code_opens_a_new_session_and_the_pending_cookie_is_refused_after(client, pending, upstreams):
    pending_token = client.get_cookie("session").value

    response = _prove(client, pending, method="totp", code=RIGHT_CODES["totp"])

    assert response.status_code == 200
    body = response.get_json()
    assert body["second_factor_required"] is False
    assert body["account_id"] == TWO_FACTOR_SELLER["account_id"]
    assert body["csrf_token"] != pending["csrf_token"] and body["handle"] != pending["handle"]
    assert abs(datetime.fromisoformat(body["second_factor_at"]).timestamp() - time.time()) < 5
    signed_in_token = client.get_cookie("session").value
    assert signed_in_token != pending_token
    sent = upstreams["auth"].internal[-1]
    assert sent["path"] == "/internal/second-factor-verifications"
    assert sent["body"]["account_id"] == TWO_FACTOR_SELLER["account_id"] and "ip" in sent["body"]
    client.set_cookie("session", pending_token)
    assert client.get("/api/session").status_code == 401
    client.set_cookie("session", signed_in_token)
    assert client.get("/api/session").get_json()["second_factor_required"] is False


def test_the_identity_token_after_the_second_factor_carries_when_it_was_proved(client, pending, upstreams, verifier):
    _prove(client, pending, method="recovery_code", code=RIGHT_CODES["recovery_code"])

    assert client.get("/api/orders").status_code == 200

    identity = verifier.verify(upstreams["orders"].last()["headers"]["X-Identity-Token"])
    assert identity.mfa and abs(identity.second_factor_at - time.time()) < 5
    assert identity.session_id == session_id_of(client.get_cookie("session").value)


def test_a_password_only_session_carries_no_second_factor_in_its_identity_token(client, sign_in, upstreams, verifier):
    sign_in()

    client.get("/api/orders")

    assert verifier.verify(upstreams["orders"].last()["headers"]["X-Identity-Token"]).second_factor_at is None


def test_a_security_key_assertion_finishes_signing_in(client, pending):
    response = _prove(client, pending, method="webauthn", credential=RIGHT_CREDENTIAL)

    assert response.status_code == 200
    assert response.get_json()["second_factor_required"] is False


@pytest.mark.parametrize(
    ("proof", "field"),
    [
        ({"method": "totp"}, "code"),
        ({"method": "webauthn", "code": "123456"}, "credential"),
        ({"method": "webauthn", "credential": RIGHT_CREDENTIAL, "code": "1"}, "code"),
        ({"method": "totp", "code": "123456", "credential": RIGHT_CREDENTIAL}, "credential"),
        ({"method": "totp", "code": "1" * 65}, "code"),
        ({"method": "sms", "code": 123456}, "code"),
        ({"method": "webauthn", "credential": "not an object"}, "credential"),
        ({"method": "pigeon", "code": "1"}, "method"),
    ],
)
def test_a_proof_that_does_not_fit_its_method_is_a_validation_problem(client, pending, upstreams, proof, field):
    calls = len(upstreams["auth"].internal)

    response = _prove(client, pending, **proof)

    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert len(upstreams["auth"].internal) == calls


def test_a_refusal_other_than_a_wrong_code_comes_from_auth_as_it_is_and_is_not_counted(client, pending):
    response = _prove(client, pending, method="email", code="654321")

    assert response.status_code == 409
    assert response.get_json()["detail"] == "No email second factor is enrolled."
    assert _prove(client, pending, method="totp", code="000000").get_json()["attempts_left"] == 4


def test_a_challenge_is_asked_of_auth_for_the_sessions_account_and_its_answer_passed_on(client, pending, upstreams):
    response = client.post(
        "/api/session/2fa/challenge", json={"method": "sms"}, headers={"X-CSRF-Token": pending["csrf_token"]}
    )

    assert response.status_code == 200
    assert response.get_json() == {
        "method": "sms", "sent_to": "l**@example.com", "expires_at": "2030-01-01T00:05:00+00:00"
    }
    assert upstreams["auth"].internal[-1] == {
        "path": "/internal/second-factor-challenges",
        "body": {"account_id": TWO_FACTOR_SELLER["account_id"], "method": "sms"},
    }


def test_a_challenge_auth_refuses_comes_back_with_its_status_and_problem(client, pending):
    response = client.post(
        "/api/session/2fa/challenge", json={"method": "email"}, headers={"X-CSRF-Token": pending["csrf_token"]}
    )

    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["detail"] == "No email second factor is enrolled."


SECOND_FACTOR_STEPS = [
    ("/api/session/2fa", {"method": "sms", "code": "654321"}),
    ("/api/session/2fa/challenge", {"method": "sms"}),
]


@pytest.mark.parametrize(("path", "body"), SECOND_FACTOR_STEPS)
def test_second_factor_steps_without_a_session_are_401(client, path, body):
    response = client.post(path, json=body)

    assert response.status_code == 401
    assert _problem_type(response) == "unauthenticated"


@pytest.mark.parametrize(("path", "body"), SECOND_FACTOR_STEPS)
def test_second_factor_steps_need_the_csrf_token(client, pending, path, body):
    response = client.post(path, json=body)

    assert response.status_code == 403
    assert _problem_type(response) == "csrf-token-invalid"


def test_a_step_up_records_the_second_factor_on_the_same_session(client, pending, upstreams, verifier, gateway_app):
    signed_in = _prove(client, pending, method="totp", code=RIGHT_CODES["totp"]).get_json()
    token = client.get_cookie("session").value
    an_hour_ago = clock.now() - timedelta(hours=1)
    with gateway_app.extensions["runtime"].unit_of_work() as uow:
        uow.session.execute(
            update(UserSession).where(UserSession.id == session_id_of(token)).values(second_factor_at=an_hour_ago)
        )
        uow.session.commit()

    response = _prove(client, signed_in, method="totp", code=RIGHT_CODES["totp"])

    assert response.status_code == 200
    body = response.get_json()
    assert body["handle"] == signed_in["handle"] and body["csrf_token"] == signed_in["csrf_token"]
    assert abs(datetime.fromisoformat(body["second_factor_at"]).timestamp() - time.time()) < 5
    assert not [value for value in response.headers.getlist("Set-Cookie") if value.startswith("session=")]
    assert client.get_cookie("session").value == token
    client.get("/api/orders")
    identity = verifier.verify(upstreams["orders"].last()["headers"]["X-Identity-Token"])
    assert identity.second_factor_at == int(datetime.fromisoformat(body["second_factor_at"]).timestamp())


def test_a_wrong_step_up_code_leaves_a_signed_in_session_signed_in(client, pending):
    signed_in = _prove(client, pending, method="totp", code=RIGHT_CODES["totp"]).get_json()

    answers = [_prove(client, signed_in, method="totp", code="000000") for _ in range(6)]

    assert {_problem_type(response) for response in answers} == {"second-factor-invalid"}
    assert "attempts_left" not in answers[-1].get_json()
    assert client.get("/api/session").get_json()["second_factor_at"] == signed_in["second_factor_at"]


def test_a_pending_session_that_ended_meanwhile_opens_no_signed_in_one(gateway_app):
    runtime = gateway_app.extensions["runtime"]
    account = Account(TWO_FACTOR_SELLER["account_id"], "Lin", ("customer", "seller"), TWO_FACTOR_SELLER["seller_id"])
    with runtime.unit_of_work() as uow:
        pending, _ = open_session(uow.session, account, "test", "127.0.0.1", second_factor_pending=True)
        uow.session.commit()
    with runtime.unit_of_work() as uow:
        # The fifth wrong code, sent alongside the right one, got there first.
        revoke_session(uow.session, pending.id)
        uow.session.commit()

    with pytest.raises(SignInEnded):
        finish_sign_in(runtime, pending)
