"""Checks every service's tests make of its operational endpoints and its refusal of unidentified calls,
and a reader of what /metrics says."""
from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families


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


def metric_value(exposition: str, name: str, **labels: str) -> float:
    """The value of the first sample of a /metrics text with this name and these labels (0 when none has)."""
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(key) == value for key, value in labels.items()):
                return sample.value
    return 0.0
