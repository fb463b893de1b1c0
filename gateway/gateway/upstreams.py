"""The pooled HTTP client to the upstream services, and what its failures mean to a client."""
from __future__ import annotations

from http.cookiejar import DefaultCookiePolicy

import requests
from requests.adapters import HTTPAdapter
from requests.cookies import RequestsCookieJar
from urllib3.exceptions import NewConnectionError, ReadTimeoutError

from gateway.settings import GatewaySettings
from servicekit.problems import Problem

POOL_SIZE = 50


class UpstreamClient:
    """One requests.Session shared by all threads of a process, so connections are kept alive."""

    def __init__(self, settings: GatewaySettings):
        self.urls = dict(settings.upstreams)
        self.timeout = (settings.connect_timeout_seconds, settings.upstream_timeout_seconds)
        session = requests.Session()
        # No proxies or .netrc credentials from the environment, and no default headers:
        # the gateway forwards what the client sent, not what requests would add.
        session.trust_env = False
        session.headers.clear()
        # The session is shared by every caller: a cookie one upstream sets must never reach another request.
        session.cookies = RequestsCookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
        adapter = HTTPAdapter(pool_connections=len(self.urls), pool_maxsize=POOL_SIZE)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        self._session = session

    def request(self, service: str, method: str, path: str, **kwargs) -> requests.Response:
        """Call `service`; a failure to get a response becomes the problem a client should see."""
        try:
            return self._session.request(
                method, self.urls[service] + path, timeout=self.timeout, allow_redirects=False, **kwargs
            )
        except requests.RequestException as exc:
            raise failure_problem(service, exc) from None

    def close(self) -> None:
        self._session.close()


def failure_problem(service: str, exc: requests.RequestException) -> Problem:
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)
    if isinstance(exc, requests.ConnectTimeout) or isinstance(reason, NewConnectionError):
        return Problem(
            503,
            "upstream-unavailable",
            "Service Unavailable",
            f"The {service} service cannot be reached; try again soon.",
        )
    if isinstance(exc, requests.Timeout) or isinstance(reason, ReadTimeoutError):
        return Problem(504, "upstream-timeout", "Gateway Timeout", f"The {service} service did not answer in time.")
    return Problem(502, "bad-gateway", "Bad Gateway", f"The {service} service gave an invalid answer.")
