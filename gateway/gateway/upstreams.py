"""The pooled HTTP client to the upstream services, and what its failures mean to a client."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import urllib3
from urllib3.exceptions import ConnectTimeoutError, HTTPError, NewConnectionError, ProtocolError, ReadTimeoutError

from gateway.settings import GatewaySettings
from servicekit.problems import Problem

POOL_SIZE = 50
# Safe to send twice: a retry cannot do anything the first attempt might already have done.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@dataclass(frozen=True)
class UpstreamResponse:
    status_code: int
    headers: urllib3.HTTPHeaderDict
    content: bytes

    def json(self) -> Any:
        return json.loads(self.content)


class UpstreamClient:
    """One urllib3 pool per service, shared by all threads of a process, so connections are kept alive.

    urllib3 rather than requests: the proxy is on every request's path, and requests' session
    machinery (cookies, environment, hooks) costs more than the forwarding itself while adding
    nothing a proxy wants.
    """

    def __init__(self, settings: GatewaySettings):
        self.urls = dict(settings.upstreams)
        self.timeout = urllib3.Timeout(connect=settings.connect_timeout_seconds, read=settings.upstream_timeout_seconds)
        self._pools = urllib3.PoolManager(num_pools=max(len(self.urls), 1), maxsize=POOL_SIZE, block=False)

    def request(self, service: str, method: str, path: str, *, headers: dict[str, str] | None = None,
                data: bytes | None = None, json: Any = None) -> UpstreamResponse:
        """Call `service`; a failure to get a response becomes the problem a client should see."""
        url = self.urls[service] + path

        def send():
            return self._pools.request(method, url, body=data, json=json, headers=headers or {},
                                       timeout=self.timeout, retries=False, redirect=False)

        try:
            try:
                response = send()
            except ProtocolError:
                if method not in IDEMPOTENT_METHODS:
                    raise
                # Kept-alive connections the service dropped (it restarted): forget them, try once afresh.
                # (A closed pool cannot be reused, so the manager drops its pools and makes new ones.)
                self._pools.clear()
                response = send()
        except HTTPError as exc:
            raise failure_problem(service, exc) from None
        return UpstreamResponse(response.status, response.headers, response.data)

    def close(self) -> None:
        self._pools.clear()


def failure_problem(service: str, exc: HTTPError) -> Problem:
    if isinstance(exc, (NewConnectionError, ConnectTimeoutError)):
        return Problem(
            503,
            "upstream-unavailable",
            "Service Unavailable",
            f"The {service} service cannot be reached; try again soon.",
        )
    if isinstance(exc, ReadTimeoutError):
        return Problem(504, "upstream-timeout", "Gateway Timeout", f"The {service} service did not answer in time.")
    return Problem(502, "bad-gateway", "Bad Gateway", f"The {service} service gave an invalid answer.")
