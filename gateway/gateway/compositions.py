"""Answers the gateway composes from several services (the dashboard, the statistics for charts): each service asked
at once, in parallel, on behalf of the browser asking, each for at most GATEWAY_COMPOSITION_TIMEOUT; a service that
does not answer, or answers with a failure of its own, leaves its part unavailable and the rest is still answered."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Mapping

from flask import g

from gateway.extension import extension
from gateway.proxy import identity_token
from servicekit.identity import HEADER as IDENTITY_HEADER
from servicekit.problems import Problem
from servicekit.request_ids import HEADER as REQUEST_ID_HEADER

# Parts asked at once across all requests of a process; a part waits for a free one beyond that.
MAX_PARTS_IN_FLIGHT = 32
_asking = ThreadPoolExecutor(max_workers=MAX_PARTS_IN_FLIGHT, thread_name_prefix="composition")


@dataclass(frozen=True)
class Part:
    """One service's answer to its part of a composition: its status and JSON, or why it is unavailable."""

    service: str
    status: int | None = None
    body: Any = None
    unavailable: str | None = None
    # How long the service took to answer, or to fail.
    seconds: float = 0.0

    @property
    def available(self) -> bool:
        return self.unavailable is None

    @property
    def refused(self) -> bool:
        """The service refused the request itself (4xx): the caller's doing, not the service's failure."""
        return self.status is not None and 400 <= self.status < 500


def ask_services(paths: Mapping[str, str]) -> dict[str, Part]:
    """GET each service's path (with its query string) at once, as the browser asking; each Part by service.

    A service that cannot be reached, does not answer in time, fails (5xx) or answers something other than
    JSON is unavailable, with the reason a client may read.
    """
    upstreams = extension().upstreams
    headers = {IDENTITY_HEADER: identity_token(), REQUEST_ID_HEADER: g.request_id, "Accept": "application/json"}

    def timed(service: str, path: str) -> Part:
        started = time.perf_counter()
        return replace(ask(service, path), seconds=time.perf_counter() - started)

    def ask(service: str, path: str) -> Part:
        try:
            answer = upstreams.request(service, "GET", path, headers=headers, timeout=upstreams.composition_timeout)
        except Problem as failure:
            return Part(service, unavailable=failure.detail)
        if answer.status_code >= 500:
            return Part(service, answer.status_code, unavailable=f"The {service} service failed to answer.")
        try:
            return Part(service, answer.status_code, answer.json())
        except ValueError:
            return Part(service, answer.status_code, unavailable=f"The {service} service gave an invalid answer.")

    asked = {service: _asking.submit(timed, service, path) for service, path in paths.items()}
    return {service: answer.result() for service, answer in asked.items()}


def refusal(part: Part) -> Problem:
    """The problem a service refused its part with, to answer the browser with as it is."""
    body = part.body if isinstance(part.body, dict) else {}
    slug = str(body.get("type", "")).rsplit(":", 1)[-1] or "forbidden"
    extra = {key: value for key, value in body.items() if key not in ("type", "title", "status", "detail")}
    return Problem(part.status, slug, body.get("title", "Refused"), body.get("detail", "Refused."), **extra)
