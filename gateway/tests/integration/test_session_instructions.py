"""Auth's instructions about sessions in its answers' headers: followed from auth only, never shown to the client."""
import json
from datetime import datetime

import pytest

from contracts.session_instructions import rename_sessions
from tests.conftest import CUSTOMER
from tests.fakes import ANSWER_HEADERS

ADA = CUSTOMER["account_id"]


def _answered_with(client, session, path, headers):
    """A request to `path` whose service answers with `headers`."""
    return client.post(
        path, json={}, headers={"X-CSRF-Token": session["csrf_token"], ANSWER_HEADERS: json.dumps(headers)}
    )


@pytest.fixture
def other_browser(gateway_app):
    browser = gateway_app.test_client()
    response = browser.post("/api/session", json={"login": "ada@example.com", "password": "correct horse"})
    assert response.status_code == 201
    return browser


def test_a_second_factor_auth_confirms_is_recorded_on_the_session(client, sign_in, upstreams, verifier):
    session = sign_in()

    response = _answered_with(client, session, "/api/second-factors/totp/confirmation",
                              {"X-Session-Second-Factor": "verified"})

    assert response.status_code == 201
    assert "X-Session-Second-Factor" not in response.headers
    recorded = client.get("/api/session").get_json()["second_factor_at"]
    assert recorded is not None
    client.get("/api/orders")
    identity = verifier.verify(upstreams["orders"].last()["headers"]["X-Identity-Token"])
    assert identity.second_factor_at == int(datetime.fromisoformat(recorded).timestamp())


def test_auth_ending_every_session_of_the_callers_account_signs_this_browser_out_too(client, sign_in, other_browser):
    session = sign_in()

    response = _answered_with(client, session, "/api/accounts/me/deactivation", {"X-Revoke-Sessions": ADA})

    assert response.status_code == 201
    assert "X-Revoke-Sessions" not in response.headers
    assert client.get_cookie("session") is None
    assert client.get("/api/session").status_code == 401
    assert other_browser.get("/api/session").status_code == 401


def test_auth_ending_the_other_sessions_keeps_the_callers(client, sign_in, other_browser):
    session = sign_in()

    response = _answered_with(
        client, session, "/api/accounts/me/password", {"X-Revoke-Sessions": f"{ADA}; keep-current"}
    )

    assert response.status_code == 201
    assert not [value for value in response.headers.getlist("Set-Cookie") if value.startswith("session=")]
    assert client.get("/api/session").status_code == 200
    assert other_browser.get("/api/session").status_code == 401


def test_auth_ending_another_accounts_sessions_leaves_the_caller_signed_in(client, sign_in, gateway_app, other_browser):
    admin = gateway_app.test_client()
    admin_session = admin.post("/api/session", json={"login": "grace@example.com", "password": "battery staple"})

    _answered_with(admin, admin_session.get_json(), "/api/accounts/x/deactivation", {"X-Revoke-Sessions": ADA})

    assert other_browser.get("/api/session").status_code == 401
    assert admin.get("/api/session").status_code == 200


def test_a_name_auth_changed_reaches_every_session_of_the_account_and_its_tokens(
    client, sign_in, other_browser, upstreams, verifier
):
    session = sign_in()
    renamed = {"X-Session-Account-Name": rename_sessions(ADA, "김민지")}

    response = _answered_with(client, session, "/api/accounts/me", renamed)

    assert "X-Session-Account-Name" not in response.headers
    for browser in (client, other_browser):
        assert browser.get("/api/session").get_json()["name"] == "김민지"
        browser.get("/api/reviews")
        assert verifier.verify(upstreams["reviews"].last()["headers"]["X-Identity-Token"]).name == "김민지"


@pytest.mark.parametrize(
    "instruction",
    [{"X-Revoke-Sessions": ADA}, {"X-Session-Second-Factor": "verified"},
     {"X-Session-Account-Name": rename_sessions(ADA, "Mallory")}],
)
def test_the_same_headers_from_another_service_are_ignored_and_removed(client, sign_in, other_browser, instruction):
    session = sign_in()

    response = _answered_with(client, session, "/api/orders", instruction)

    assert response.status_code == 201
    assert not set(instruction) & set(response.headers.keys())
    current = client.get("/api/session").get_json()
    assert current["second_factor_at"] is None
    assert current["name"] == CUSTOMER["name"]
    assert other_browser.get("/api/session").status_code == 200


def test_an_instruction_auth_words_wrongly_is_ignored_and_removed(client, sign_in, other_browser):
    session = sign_in()

    response = _answered_with(client, session, "/api/accounts/me", {"X-Revoke-Sessions": f"{ADA}; everything"})

    assert "X-Revoke-Sessions" not in response.headers
    assert other_browser.get("/api/session").status_code == 200
