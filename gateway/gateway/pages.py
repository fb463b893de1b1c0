"""Forwarding every path outside /api to the pages (web/), with the browser's cookies: the pages call the public
API back through this gateway as that browser, like any other client, and never reach a service themselves."""
from __future__ import annotations

from http.cookies import SimpleCookie

import urllib3
from flask import Flask, Response, current_app, g, request
from urllib3.exceptions import HTTPError

from gateway.proxy import HOP_BY_HOP, _passable, _refuse_unrouted, _target
from gateway.upstreams import failure_problem
from servicekit.app import settings
from servicekit.identity import HEADER as IDENTITY_HEADER
from servicekit.request_ids import HEADER as REQUEST_ID_HEADER

PAGES = "web"
METHODS = ["GET", "HEAD", "POST"]
DROPPED_REQUEST_HEADERS = HOP_BY_HOP | {
    "host", "content-length", "accept-encoding", IDENTITY_HEADER.lower(), REQUEST_ID_HEADER.lower(),
    "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
}
DROPPED_RESPONSE_HEADERS = HOP_BY_HOP | {"content-length", "content-encoding", "date", "server"}


class PagesClient:
    """A kept-alive pool to the pages' web process."""

    def __init__(self, url: str, connect_seconds: float, read_seconds: float):
        self.url = url
        self._pool = urllib3.PoolManager(num_pools=1, maxsize=50, block=False,
                                         timeout=urllib3.Timeout(connect=connect_seconds, read=read_seconds))

    def forward(self, method: str, target: str, headers: dict[str, str], body: bytes | None):
        try:
            return self._pool.request(method, self.url + target, body=body, headers=headers, retries=False,
                                      redirect=False)
        except HTTPError as exc:
            raise failure_problem(PAGES, exc) from None


def init_pages(app: Flask) -> None:
    # Outside any request: the settings create_app attached, not servicekit.app.settings() (the current app's).
    gateway_settings = app.extensions["settings"]
    app.extensions["pages"] = PagesClient(
        gateway_settings.pages_url, gateway_settings.connect_timeout_seconds, gateway_settings.upstream_timeout_seconds
    )
    app.add_url_rule("/", endpoint="pages", view_func=forward_page, methods=METHODS, defaults={"_page": ""})
    app.add_url_rule("/<path:_page>", endpoint="pages", view_func=forward_page, methods=METHODS)


def forward_page(_page: str) -> Response:
    g.metrics_endpoint = "pages"
    if _page == "api" or _page.startswith("api/"):
        # /api itself (and /api/ with nothing after it), which the proxy's rule does not match: the API's, not a page.
        _refuse_unrouted()
    headers = dict(_passable(request.headers.items(), DROPPED_REQUEST_HEADERS, request.headers.get("Connection")))
    headers.update({
        REQUEST_ID_HEADER: g.request_id,
        "X-Forwarded-For": request.remote_addr or "",
        "X-Forwarded-Host": request.host,
        "X-Forwarded-Proto": request.scheme,
    })
    upstream = current_app.extensions["pages"].forward(request.method, _target(), headers, request.get_data() or None)
    passed = [(name, value) for name, value in _passable(upstream.headers.items(), DROPPED_RESPONSE_HEADERS,
                                                          upstream.headers.get("Connection"))
              if name.lower() != "set-cookie" or not _sets_gateway_cookie(value)]
    return Response(upstream.data, status=upstream.status, headers=passed)


def _sets_gateway_cookie(set_cookie: str) -> bool:
    """The session and device cookies are the gateway's alone: the pages may not set or clear them."""
    names = set(SimpleCookie(set_cookie).keys()) or {set_cookie.split("=", 1)[0].strip()}
    own = {settings().session_cookie_name, settings().device_cookie_name}
    return bool(names & own)
