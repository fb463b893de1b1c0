"""Sessions: signing in and out, the cookie, the identity a session gives, and when it ends."""
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from gateway.domain.session_tokens import session_id_of
from gateway.models import UserSession
from servicekit import clock
from tests.conftest import SELLER


@pytest.fixture(scope="module")
def runtime(gateway_app):
    return gateway_app.extensions["runtime"]


def _cookie(response) -> str:
    return next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("session="))


def test_login_sets_an_httponly_samesite_lax_cookie_and_returns_the_session(client):
    response = client.post("/api/session", json={"login": "grace@example.com", "password": "battery staple"})

    assert response.status_code == 201
    body = response.get_json()
    assert body["account_id"] == SELLER["account_id"]
    assert body["roles"] == ["customer", "seller"]
    assert body["seller_id"] == SELLER["seller_id"]
    assert body["csrf_token"] and body["expires_at"]
    cookie = _cookie(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie


def test_secure_gateway_names_its_cookie_with_the_host_prefix(make_gateway):
    client = make_gateway(session_cookie_secure=True).test_client()

    response = client.post("/api/session", json={"login": "ada@example.com", "password": "correct horse"})

    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=") and "Secure" in cookie and "Domain" not in cookie


def test_cookies_are_secure_over_https_even_where_plain_http_is_allowed(make_gateway):
    client = make_gateway(session_cookie_secure=False).test_client()

    over_http = client.post("/api/session", json={"login": "ada@example.com", "password": "correct horse"})
    over_https = client.post(
        "/api/session", json={"login": "ada@example.com", "password": "correct horse"}, base_url="https://localhost"
    )

    assert all("Secure" not in cookie for cookie in over_http.headers.getlist("Set-Cookie"))
    assert all("Secure" in cookie for cookie in over_https.headers.getlist("Set-Cookie"))


def test_session_is_stored_under_the_hash_of_the_cookie_token(client, sign_in, runtime):
    sign_in()
    token = client.get_cookie("session").value

    with runtime.unit_of_work() as uow:
        assert uow.session.get(UserSession, token) is None
        assert uow.session.get(UserSession, session_id_of(token)) is not None


def test_each_login_gets_a_new_session_and_ends_the_old_one(client, sign_in):
    sign_in()
    first = client.get_cookie("session").value
    old_client_view = client.get("/api/session").get_json()

    sign_in()
    second = client.get_cookie("session").value

    assert first != second
    client.set_cookie("session", first)
    assert client.get("/api/session").status_code == 401
    client.set_cookie("session", second)
    assert client.get("/api/session").get_json()["csrf_token"] != old_client_view["csrf_token"]


@pytest.mark.parametrize(
    ("login", "password"), [("ada@example.com", "wrong"), ("nobody@example.com", "correct horse")]
)
def test_wrong_password_and_unknown_login_get_the_same_401(client, login, password):
    response = client.post("/api/session", json={"login": login, "password": password})

    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"] == "urn:marketplace:problem:login-failed"
    assert problem["detail"] == "아이디 또는 비밀번호가 올바르지 않습니다."
    assert "Set-Cookie" not in response.headers


def test_login_without_a_password_is_a_validation_problem(client):
    response = client.post("/api/session", json={"login": "ada@example.com"})

    assert response.status_code == 422
    assert "password" in response.get_json()["errors"]


def test_current_session_is_returned_to_its_browser(client, sign_in):
    session = sign_in()

    response = client.get("/api/session")

    assert response.status_code == 200
    current = response.get_json()
    assert current == {name: value for name, value in session.items() if name in current}
    assert {"handle", "csrf_token", "second_factor_required", "second_factor_at"} <= set(current)


def test_without_a_session_get_session_is_401(client):
    response = client.get("/api/session")

    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_sign_out_revokes_the_session_and_clears_the_cookie(client, sign_in):
    session = sign_in()
    token = client.get_cookie("session").value

    response = client.delete("/api/session", headers={"X-CSRF-Token": session["csrf_token"]})

    assert response.status_code == 204
    assert client.get_cookie("session") is None
    client.set_cookie("session", token)
    assert client.get("/api/session").status_code == 401


def test_signed_in_call_carries_the_account_in_the_identity_token(client, sign_in, upstreams, verifier):
    sign_in("grace@example.com", "battery staple")

    client.get("/api/orders")

    identity = verifier.verify(upstreams["orders"].last()["headers"]["X-Identity-Token"])
    assert identity.subject == SELLER["account_id"]
    assert identity.roles == frozenset({"customer", "seller"})
    assert identity.seller_id == SELLER["seller_id"]
    assert identity.session_id == session_id_of(client.get_cookie("session").value)


@pytest.mark.parametrize("expiry", ["idle_expires_at", "absolute_expires_at"])
def test_expired_session_is_treated_as_anonymous_and_its_cookie_cleared(
    client, sign_in, runtime, upstreams, verifier, expiry
):
    sign_in()
    session_id = session_id_of(client.get_cookie("session").value)
    with runtime.unit_of_work() as uow:
        uow.session.execute(
            update(UserSession).where(UserSession.id == session_id).values({expiry: clock.now() - timedelta(seconds=1)})
        )
        uow.session.commit()

    response = client.get("/api/products")

    assert response.status_code == 200
    assert verifier.verify(upstreams["catalog"].last()["headers"]["X-Identity-Token"]).is_anonymous
    assert client.get_cookie("session") is None


def test_unknown_cookie_is_treated_as_anonymous(client, upstreams, verifier):
    client.set_cookie("session", "made-up")

    response = client.post("/api/orders", json={})

    assert response.status_code == 201
    assert verifier.verify(upstreams["orders"].last()["headers"]["X-Identity-Token"]).is_anonymous
    assert client.get_cookie("session") is None


def test_use_slides_the_idle_expiry_but_not_past_the_absolute_one(client, sign_in, runtime):
    sign_in()
    session_id = session_id_of(client.get_cookie("session").value)
    an_hour_ago = clock.now() - timedelta(hours=1)
    with runtime.unit_of_work() as uow:
        uow.session.execute(
            update(UserSession)
            .where(UserSession.id == session_id)
            .values(last_seen_at=an_hour_ago, absolute_expires_at=clock.now() + timedelta(minutes=10))
        )
        uow.session.commit()

    client.get("/api/products")

    with runtime.unit_of_work() as uow:
        stored = uow.session.scalars(select(UserSession).where(UserSession.id == session_id)).one()
    assert stored.last_seen_at > an_hour_ago
    assert stored.idle_expires_at == stored.absolute_expires_at
