"""Liveness (/healthz) and readiness (/readyz: database and broker reachable)."""
from __future__ import annotations

from typing import Callable

from flask import Flask, jsonify
from sqlalchemy import text
from sqlalchemy.engine import Engine

from servicekit.bus.topology import Topology

Check = Callable[[], None]


def database_check(engine: Engine) -> Check:
    def check() -> None:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    return check


def broker_check(topology: Topology) -> Check:
    def check() -> None:
        with topology.connection() as connection:
            connection.ensure_connection(max_retries=1, timeout=2)

    return check


def init_health(app: Flask, checks: dict[str, Check]) -> None:
    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        results = {}
        for name, check in checks.items():
            try:
                check()
                results[name] = "ok"
            except Exception as exc:  # noqa: BLE001 - any failure means not ready
                results[name] = f"unavailable: {type(exc).__name__}"
        ready = all(value == "ok" for value in results.values())
        body = {"status": "ready" if ready else "not ready", "checks": results}
        if not ready:
            body.update(type="urn:marketplace:problem:not-ready", title="Not ready", detail="A dependency is unavailable.")
        response = jsonify(body)
        response.status_code = 200 if ready else 503
        if not ready:
            response.mimetype = "application/problem+json"
        return response
