"""The default rate limits on login, second factor, reset, recovery and sign-up: 429, Retry-After, nothing told."""
import json

import pytest

from gateway.settings import DEFAULT_RATE_LIMITS
from tests.fakes import RIGHT_CODES

TOO_MANY = "urn:marketplace:problem:too-many-requests"


@pytest.fixture
def client(make_gateway):
    """A browser of a gateway of its own, with the default limits and no attempts counted yet."""
    return make_gateway(rate_limits=DEFAULT_RATE_LIMITS).test_client()


def _from(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def _login(client, login, password="wrong", address="192.0.2.1"):
    return client.post("/api/session", json={"login": login, "password": password}, **_from(address))


def _assert_too_many(response, window_seconds: int):
    assert response.status_code == 429
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == TOO_MANY
    assert 1 <= int(response.headers["Retry-After"]) <= window_seconds


def test_an_eleventh_login_for_one_login_in_a_minute_is_refused_before_auth(client, upstreams):
    assert {_login(client, "ada@example.com").status_code for _ in range(10)} == {401}
    calls = len(upstreams["auth"].internal)

    response = _login(client, "ada@example.com", "correct horse", address="192.0.2.99")

    _assert_too_many(response, 60)
    assert len(upstreams["auth"].internal) == calls


def test_the_login_limit_answers_alike_for_an_existing_and_an_unknown_login(client):
    refusals = []
    for login, address in (("ada@example.com", "192.0.2.1"), ("nobody@example.com", "192.0.2.2")):
        for _ in range(10):
            _login(client, login, address=address)
        refusals.append(_login(client, login, address=address))

    existing, unknown = refusals
    _assert_too_many(existing, 60)
    _assert_too_many(unknown, 60)
    assert existing.get_json() == unknown.get_json()
    assert "account" not in existing.get_json()["detail"].lower()


def test_a_login_counts_alike_whatever_its_case_and_surrounding_spaces(client):
    for index in range(10):
        _login(client, "Ada@Example.com " if index % 2 else " ada@example.COM", address=f"192.0.2.{index + 1}")

    _assert_too_many(_login(client, "ada@example.com"), 60)


def test_a_mobile_number_counts_alike_however_it_is_written(client):
    # Auth reads a number without its dashes and spaces: each way of writing it is the same login.
    writings = ["01012345678", "010-1234-5678", "010 1234 5678", "0101234-5678", " 010-12345678",
                "0-1-0-1-2-3-4-5-6-7-8"]
    for index in range(10):
        _login(client, writings[index % len(writings)], address=f"192.0.2.{index + 1}")

    _assert_too_many(_login(client, "010 - 1234 - 5678", address="192.0.2.99"), 60)


def test_a_twenty_first_login_from_one_address_in_a_minute_is_refused(client):
    for index in range(20):
        assert _login(client, f"user{index}@example.com").status_code == 401

    _assert_too_many(_login(client, "ada@example.com", "correct horse"), 60)
    assert _login(client, "ada@example.com", "correct horse", address="192.0.2.200").status_code == 201


def _signed_in_with_second_factor(client, address="192.0.2.1") -> dict:
    pending = _login(client, "lin@example.com", "two factors", address).get_json()
    response = client.post(
        "/api/session/2fa", json={"method": "totp", "code": RIGHT_CODES["totp"]},
        headers={"X-CSRF-Token": pending["csrf_token"]}, **_from(address),
    )
    assert response.status_code == 200
    return response.get_json()


def _wrong_code(client, session, address="192.0.2.1"):
    return client.post(
        "/api/session/2fa", json={"method": "totp", "code": "000000"},
        headers={"X-CSRF-Token": session["csrf_token"]}, **_from(address),
    )


def test_an_eleventh_second_factor_attempt_of_one_session_in_a_minute_is_refused(client):
    session = _signed_in_with_second_factor(client)
    assert {_wrong_code(client, session).status_code for _ in range(10)} == {401}

    _assert_too_many(_wrong_code(client, session, address="192.0.2.50"), 60)


def test_code_requests_and_codes_share_the_second_factor_limit(client):
    session = _signed_in_with_second_factor(client)
    for _ in range(5):
        client.post(
            "/api/session/2fa/challenge", json={"method": "sms"}, headers={"X-CSRF-Token": session["csrf_token"]},
            **_from("192.0.2.1"),
        )
    for _ in range(5):
        _wrong_code(client, session)

    _assert_too_many(_wrong_code(client, session), 60)


def test_a_twenty_first_second_factor_attempt_for_one_account_in_an_hour_is_refused(client):
    # Fresh pending sessions from other addresses, each staying under its own limits.
    for index in range(5):
        pending = _login(client, "lin@example.com", "two factors", address=f"192.0.2.{index + 1}").get_json()
        for _ in range(4):
            assert _wrong_code(client, pending, address=f"192.0.2.{index + 1}").status_code == 401
    pending = _login(client, "lin@example.com", "two factors", address="192.0.2.100").get_json()

    _assert_too_many(_wrong_code(client, pending, address="192.0.2.100"), 3600)


@pytest.mark.parametrize(
    ("first", "then"),
    [("/api/password-resets", "/api/password-resets/confirm"),
     ("/api/account-recoveries", "/api/account-recoveries/confirm"),
     ("/api/accounts/verification", "/api/accounts/verification")],
)
def test_a_sixth_reset_or_recovery_step_for_one_login_is_refused_before_auth(client, upstreams, first, then):
    for index in range(5):
        path = first if index % 2 else then
        assert client.post(path, json={"login": "ada@example.com"}, **_from(f"192.0.2.{index + 1}")).status_code == 201
    assert json.loads(upstreams["auth"].last()["body"]) == {"login": "ada@example.com"}
    calls = len(upstreams["auth"].received)

    response = client.post(first, json={"login": "ADA@example.com"}, **_from("192.0.2.77"))

    _assert_too_many(response, 15 * 60)
    assert len(upstreams["auth"].received) == calls


def test_an_eleventh_reset_or_recovery_step_from_one_address_in_a_minute_is_refused(client):
    paths = ["/api/password-resets", "/api/password-resets/confirm", "/api/account-recoveries",
             "/api/account-recoveries/confirm"]
    for index in range(10):
        assert client.post(paths[index % 4], json={"login": f"user{index}@example.com"}).status_code == 201

    _assert_too_many(client.post("/api/password-resets", json={"login": "someone@example.com"}), 60)


def test_an_eleventh_sign_up_from_one_address_in_an_hour_is_refused(client, upstreams):
    for index in range(10):
        path = "/api/accounts" if index % 2 else "/api/sellers"
        assert client.post(path, json={"email": f"new{index}@example.com"}).status_code == 201
    calls = len(upstreams["auth"].received)

    response = client.post("/api/accounts/", json={"email": "one-more@example.com"})

    _assert_too_many(response, 3600)
    assert len(upstreams["auth"].received) == calls
    assert client.post("/api/accounts", json={}, **_from("192.0.2.200")).status_code == 201


def test_requests_that_guess_nothing_are_not_limited(client):
    for _ in range(12):
        assert client.post("/api/sellers/9/documents", json={}).status_code == 201
        assert client.get("/api/accounts").status_code == 200


@pytest.mark.parametrize("path", ["/api/session", "/api/password-resets"])
def test_a_login_holding_half_a_surrogate_pair_is_counted_and_answered_not_a_500(client, path):
    # JSON may escape half of a UTF-16 pair, which no UTF-8 text holds.
    body = json.dumps({"login": "ada\ud800@example.com", "password": "wrong"})
    answers = {client.post(path, data=body, content_type="application/json").status_code for _ in range(10)}
    assert all(status < 500 for status in answers)
    _assert_too_many(client.post(path, data=body, content_type="application/json"), 60)
