"""CSRF: a signed-in browser's unsafe requests need the session's token, or never reach a service."""
import pytest


@pytest.mark.parametrize("sent", [None, "not-the-token"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_unsafe_request_without_the_session_token_is_refused_before_the_upstream(
    client, sign_in, upstreams, method, sent
):
    sign_in()
    calls = len(upstreams["orders"].received)
    headers = {"X-CSRF-Token": sent} if sent else {}

    response = getattr(client, method)("/api/orders/1", json={"status": "cancelled"}, headers=headers)

    assert response.status_code == 403
    assert response.get_json()["type"] == "urn:marketplace:problem:csrf-token-invalid"
    assert len(upstreams["orders"].received) == calls


def test_unsafe_request_with_the_session_token_is_forwarded(client, sign_in, upstreams):
    session = sign_in()

    response = client.patch(
        "/api/orders/1", json={"status": "cancelled"}, headers={"X-CSRF-Token": session["csrf_token"]}
    )

    assert response.status_code == 200
    assert upstreams["orders"].last()["method"] == "PATCH"


def test_safe_request_needs_no_token(client, sign_in):
    sign_in()

    assert client.get("/api/orders").status_code == 200


def test_anonymous_unsafe_request_needs_no_token(client):
    assert client.post("/api/inquiries", json={"subject": "Hello"}).status_code == 201


def test_sign_out_needs_the_token(client, sign_in):
    sign_in()

    response = client.delete("/api/session")

    assert response.status_code == 403
    assert client.get("/api/session").status_code == 200
