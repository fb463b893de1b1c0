"""Liveness (/healthz) and readiness (/readyz: database and broker reachable), for web and worker processes."""
from __future__ import annotations

from typing import Callable

from flask import Flask, jsonify
from sqlalchemy import text
from sqlalchemy.engine import Engine

from servicekit.bus.topology import Topology

Check = Callable[[], None]


class NotReady(Exception):
    """A check's own verdict, shown as it is in the answer (other failures show only their type,
    which says enough and gives away no addresses)."""


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


def _verdict(checks: dict[str, Check], passed: str, failed: str, problem: dict[str, str]):
    """200 with every check's result, or 503 problem+json naming the checks that failed."""
    results = {}
    for name, check in checks.items():
        try:
            check()
            results[name] = "ok"
        except NotReady as verdict:
            results[name] = str(verdict)
        except Exception as exc:  # noqa: BLE001 - any failure means not ready
            results[name] = f"unavailable: {type(exc).__name__}"
    passing = all(value == "ok" for value in results.values())
    body = {"status": passed if passing else failed, "checks": results}
    if not passing:
        body.update(problem)
    response = jsonify(body)
    response.status_code = 200 if passing else 503
    if not passing:
        response.mimetype = "application/problem+json"
    return response


def init_health(app: Flask, checks: dict[str, Check], liveness: dict[str, Check] | None = None) -> None:
    """/readyz runs `checks`; /healthz answers while the process serves, and runs `liveness` checks
    when given (a worker: each of its threads still running)."""

    @app.get("/healthz")
    def healthz():
        if not liveness:
            return jsonify(status="ok")
        return _verdict(liveness, "ok", "not alive", {
            "type": "urn:marketplace:problem:not-alive", "title": "Not alive",
            "detail": "A part of the process has stopped; restart it.",
        })

    @app.get("/readyz")
    def readyz():
        return _verdict(checks, "ready", "not ready", {
            "type": "urn:marketplace:problem:not-ready", "title": "Not ready",
            "detail": "A dependency is unavailable.",
        })
