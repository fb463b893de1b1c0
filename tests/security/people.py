"""Reading problem answers the way an attacker would compare them."""
from __future__ import annotations

import uuid
from urllib.parse import urlsplit


def problem_type(response) -> str:
    return response.json()["type"].rsplit(":", 1)[-1]


def comparable(response) -> tuple[int, dict]:
    """Status and body without the parts that differ on every request (request id, instance)."""
    body = {key: value for key, value in response.json().items() if key not in ("instance", "request_id")}
    return response.status_code, body


def unknown_email() -> str:
    return f"nobody-{uuid.uuid4().hex[:10]}@example.com"


def session_token(client) -> str | None:
    """The session cookie the gateway set on this client (the plain-http name used in tests)."""
    return client.http.cookies.get("session", domain=urlsplit(client.base_url).hostname)


def plant_session(client, token: str) -> None:
    """Make the client send `token` as its session cookie, as an attacker planting one would."""
    client.http.cookies.set("session", token, domain=urlsplit(client.base_url).hostname, path="/")
