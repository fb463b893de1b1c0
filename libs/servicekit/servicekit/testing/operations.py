"""Checks every service's tests make of its operational endpoints and its refusal of unidentified calls."""
from __future__ import annotations


def assert_operational(client, title: str) -> None:
    """Alive, ready (database and broker reachable), documented, and closed to calls without identity."""
    assert client.get("/healthz").json == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.json
    assert ready.json["checks"] == {"database": "ok", "broker": "ok"}
    document = client.get("/openapi.json")
    assert document.status_code == 200
    assert document.json["info"]["title"] == title
    refused = client.get("/api/anything")
    assert refused.status_code == 401
    assert refused.mimetype == "application/problem+json"
    assert refused.json["type"] == "urn:marketplace:problem:unauthenticated"
    assert b"# TYPE http_requests_total counter" in client.get("/metrics").data
