"""Devices: an account's signed-in browsers, listed for their owner; one ends at once, or all of them do."""
import pytest


@pytest.fixture
def other_browser(gateway_app):
    """A second browser signed in to the same account as the test's own."""
    browser = gateway_app.test_client()
    response = browser.post(
        "/api/session", json={"login": "ada@example.com", "password": "correct horse"},
        headers={"User-Agent": "Other/1.0"}, environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )
    assert response.status_code == 201
    return browser


def _sign_out_everywhere(client):
    """End whatever earlier tests left signed in to the account, so the list holds only this test's browsers."""
    session = client.post("/api/session", json={"login": "ada@example.com", "password": "correct horse"}).get_json()
    client.delete("/api/session/devices", headers={"X-CSRF-Token": session["csrf_token"]})


@pytest.fixture
def ada(client, gateway_app):
    """The test's browser, for an account with none of the earlier tests' sessions left."""
    _sign_out_everywhere(gateway_app.test_client())
    return client


def test_devices_are_the_accounts_active_sessions_newest_first_by_handle(ada, other_browser, sign_in):
    session = sign_in()
    other = other_browser.get("/api/session").get_json()

    response = ada.get("/api/session/devices")

    assert response.status_code == 200
    devices = response.get_json()
    assert [device["id"] for device in devices] == [session["handle"], other["handle"]]
    assert [device["current"] for device in devices] == [True, False]
    assert devices[1]["user_agent"] == "Other/1.0" and devices[1]["ip"] == "203.0.113.9"
    assert devices[1]["second_factor_pending"] is False
    assert set(devices[1]) == {"id", "user_agent", "ip", "created_at", "last_seen_at", "current",
                               "second_factor_pending"}


def test_devices_of_another_account_are_not_listed(ada, sign_in, gateway_app):
    gateway_app.test_client().post("/api/session", json={"login": "grace@example.com", "password": "battery staple"})
    sign_in()

    devices = ada.get("/api/session/devices").get_json()

    assert [device["current"] for device in devices] == [True]


def test_a_revoked_device_is_refused_at_once(ada, other_browser, sign_in):
    session = sign_in()
    other = other_browser.get("/api/session").get_json()

    response = ada.delete(f"/api/session/devices/{other['handle']}", headers={"X-CSRF-Token": session["csrf_token"]})

    assert response.status_code == 204
    assert other_browser.get("/api/session").status_code == 401
    assert ada.get("/api/session").status_code == 200
    assert [device["id"] for device in ada.get("/api/session/devices").get_json()] == [session["handle"]]


def test_revoking_the_current_device_signs_this_browser_out(ada, sign_in):
    session = sign_in()

    response = ada.delete(f"/api/session/devices/{session['handle']}", headers={"X-CSRF-Token": session["csrf_token"]})

    assert response.status_code == 204
    assert ada.get_cookie("session") is None
    assert ada.get("/api/session").status_code == 401


@pytest.mark.parametrize("whose", ["unknown", "another account's"])
def test_revoking_a_device_that_is_not_the_callers_is_404(ada, sign_in, gateway_app, whose):
    stranger = gateway_app.test_client()
    strangers = stranger.post("/api/session", json={"login": "grace@example.com", "password": "battery staple"})
    handle = strangers.get_json()["handle"] if whose == "another account's" else "8d8e4a43-0000-4000-8000-000000000000"
    session = sign_in()

    response = ada.delete(f"/api/session/devices/{handle}", headers={"X-CSRF-Token": session["csrf_token"]})

    assert response.status_code == 404
    assert response.get_json()["type"] == "urn:marketplace:problem:device-not-found"
    assert stranger.get("/api/session").status_code == 200


def test_logout_everywhere_ends_every_session_of_the_account_this_one_too(ada, other_browser, sign_in, gateway_app):
    grace = gateway_app.test_client()
    grace.post("/api/session", json={"login": "grace@example.com", "password": "battery staple"})
    session = sign_in()

    response = ada.delete("/api/session/devices", headers={"X-CSRF-Token": session["csrf_token"]})

    assert response.status_code == 204
    assert ada.get_cookie("session") is None
    assert ada.get("/api/session").status_code == 401
    assert other_browser.get("/api/session").status_code == 401
    assert grace.get("/api/session").status_code == 200


@pytest.mark.parametrize("path", ["/api/session/devices", "/api/session/devices/8d8e4a43-0000-4000-8000-000000000000"])
def test_revoking_devices_needs_the_csrf_token(ada, sign_in, path):
    sign_in()

    response = ada.delete(path)

    assert response.status_code == 403
    assert ada.get("/api/session").status_code == 200


def test_devices_without_a_session_are_401(client):
    assert client.get("/api/session/devices").status_code == 401
