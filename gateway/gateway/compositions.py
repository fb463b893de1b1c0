"""Answers the gateway composes from several services (the dashboard, the statistics for charts): each service asked
at once, in parallel, on behalf of the browser asking; the answer comes at most GATEWAY_COMPOSITION_TIMEOUT after it
was asked, and a service that has not answered by then, or answers with a failure of its own, leaves its part
unavailable and the rest is still answered.

Each composition asks with workers of its own, one a part, so a burst of compositions never queues a part behind
another request's: under gunicorn's gevent worker (the gateway's web, WEB_WORKER_CLASS=gevent) gevent's monkey
patching has made them greenlets, cheap; under gthread they are threads, a few per request thread."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from typing import Any, Mapping

import urllib3
from flask import g

from gateway.extension import extension
from gateway.proxy import identity_token
from servicekit.identity import HEADER as IDENTITY_HEADER
from servicekit.languages import request_language
from servicekit.problems import Problem
from servicekit.request_ids import HEADER as REQUEST_ID_HEADER


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

    A service that cannot be reached, has not answered within the composition timeout from now (connecting, reading
    and any wait for a worker included), fails (5xx) or answers something other than JSON is unavailable, with the
    reason a client may read; its `seconds` count from now.
    """
    upstreams = extension().upstreams
    headers = {IDENTITY_HEADER: identity_token(), REQUEST_ID_HEADER: g.request_id, "Accept": "application/json",
               "Accept-Language": request_language()}
    deadline = upstreams.composition_timeout.read_timeout
    asked_at = time.perf_counter()

    def late(service: str) -> Part:
        return Part(service, unavailable=f"The {service} service did not answer in time.", seconds=deadline)

    def timed(service: str, path: str) -> Part:
        left = deadline - (time.perf_counter() - asked_at)
        if left <= 0:
            return late(service)
        return replace(ask(service, path, left), seconds=time.perf_counter() - asked_at)

    def ask(service: str, path: str, left: float) -> Part:
        # At most what is left of the deadline to connect and for the headers (urllib3's total); a body trickling
        # past it is not waited for (below).
        timeout = urllib3.Timeout(total=left, connect=min(upstreams.composition_timeout.connect_timeout, left))
        try:
            answer = upstreams.request(service, "GET", path, headers=headers, timeout=timeout)
        except Problem as failure:
            return Part(service, unavailable=str(failure.detail))
        if answer.status_code >= 500:
            return Part(service, answer.status_code, unavailable=f"The {service} service failed to answer.")
        try:
            return Part(service, answer.status_code, answer.json())
        except ValueError:
            return Part(service, answer.status_code, unavailable=f"The {service} service gave an invalid answer.")

    workers = ThreadPoolExecutor(max_workers=max(len(paths), 1), thread_name_prefix="composition")
    try:
        asked = {service: workers.submit(timed, service, path) for service, path in paths.items()}
        wait(asked.values(), timeout=deadline)
    finally:
        # The answer does not wait for a worker still reading: it ends on its own, its part already unavailable.
        workers.shutdown(wait=False, cancel_futures=True)
    return {service: answer.result() if answer.done() and not answer.cancelled() else late(service)
            for service, answer in asked.items()}


def refusal(part: Part) -> Problem:
    """The problem a service refused its part with, to answer the browser with as it is."""
    body = part.body if isinstance(part.body, dict) else {}
    slug = str(body.get("type", "")).rsplit(":", 1)[-1] or "forbidden"
    extra = {key: value for key, value in body.items() if key not in ("type", "title", "status", "detail")}
    return Problem(part.status, slug, body.get("title", "Refused"), body.get("detail", "Refused."), **extra)
