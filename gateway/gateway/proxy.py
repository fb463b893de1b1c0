"""Forwarding /api requests to the service that owns them, with the caller's identity in a signed token."""
from __future__ import annotations

from typing import NoReturn
from urllib.parse import quote

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import MethodNotAllowed

from gateway.browser_sessions import current_session
from gateway.extension import extension
from gateway.routes import streams_events, takes_uploads, upstream_for
from gateway.session_instructions import INSTRUCTION_HEADERS, follow_session_instructions
from servicekit.app import settings
from servicekit.identity import ANONYMOUS, Identity
from servicekit.identity import HEADER as IDENTITY_HEADER
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.request_ids import HEADER as REQUEST_ID_HEADER

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
     "transfer-encoding", "upgrade"}
)
# Credentials only the gateway reads, and headers the gateway sets itself, so a client cannot forge them.
# Accept-Encoding goes too: urllib3 decodes any compressed answer, and the gateway sends it plain.
DROPPED_REQUEST_HEADERS = HOP_BY_HOP | {
    "host", "content-length", "cookie", "authorization", "accept-encoding", "x-csrf-token", IDENTITY_HEADER.lower(),
    REQUEST_ID_HEADER.lower(), "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
}
# Content-Length and Content-Encoding describe the upstream's bytes, which may have been decoded;
# Date and Server are the gateway's own; a service never sets the browser's cookies; session
# instructions are for the gateway alone.
DROPPED_RESPONSE_HEADERS = (
    HOP_BY_HOP | INSTRUCTION_HEADERS | {"set-cookie", "content-length", "content-encoding", "date", "server"}
)


def init_proxy(app: Flask) -> None:
    app.add_url_rule("/api/<path:_rest>", endpoint="proxy", view_func=forward, methods=METHODS)


def forward(_rest: str) -> Response:
    service = upstream_for(request.path)
    if service is None:
        _refuse_unrouted()
    g.metrics_endpoint = f"proxy:{service}"
    if takes_uploads(request.method, request.path):
        request.max_content_length = settings().upload_max_bytes
    headers = dict(_passable(request.headers.items(), DROPPED_REQUEST_HEADERS, request.headers.get("Connection")))
    headers.update(
        {
            IDENTITY_HEADER: identity_token(),
            REQUEST_ID_HEADER: g.request_id,
            # Only the address the gateway saw (or its trusted proxies vouch for): a client-sent chain is not evidence.
            "X-Forwarded-For": request.remote_addr or "",
            "X-Forwarded-Host": request.host,
            "X-Forwarded-Proto": request.scheme,
        }
    )
    if streams_events(request.method, request.path):
        return _forward_event_stream(service, headers)
    upstream = extension().upstreams.request(
        service, request.method, _target(), headers=headers, data=request.get_data() or None
    )
    response = Response(upstream.content, status=upstream.status_code, headers=_passed_headers(upstream.headers))
    follow_session_instructions(service, upstream.headers, response)
    return response


def _forward_event_stream(service: str, headers: dict[str, str]) -> Response:
    """Each event as the service sends it, for as long as the stream lasts (the service ends it, at the latest when
    the identity token it was opened with expires; the browser then reconnects with the last event's id).

    No proxy on the way may hold events back to fill a buffer or a cache: Cache-Control: no-cache, and nginx's
    X-Accel-Buffering: no. Without a Content-Length the body goes out in chunks as they come. Under the gevent
    worker (deploy/gunicorn.conf.py) a stream costs a greenlet, not one of a handful of threads.
    """
    upstream = extension().upstreams.open(service, request.method, _target(), headers=headers)
    if not upstream.is_event_stream:
        # A refusal (a problem) or any other whole answer.
        return Response(upstream.read(), status=upstream.status_code, headers=_passed_headers(upstream.headers))
    response = Response(upstream.chunks(), status=upstream.status_code, headers=_passed_headers(upstream.headers))
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"
    return response


def _refuse_unrouted() -> NoReturn:
    """404, or 405 for a method the gateway's own endpoint at this path does not have (the proxy caught it)."""
    own_methods = {
        method
        for rule in current_app.url_map.iter_rules()
        if rule.endpoint != "proxy" and rule.rule == request.path
        for method in rule.methods or ()
    }
    if own_methods:
        raise MethodNotAllowed(valid_methods=sorted(own_methods))
    raise Problem(404, "not-found", "Not Found", _("No API answers at this path."))


def _passed_headers(upstream_headers) -> list[tuple[str, str]]:
    return _passable(upstream_headers.items(), DROPPED_RESPONSE_HEADERS, upstream_headers.get("Connection"))


def _passable(headers, dropped: frozenset[str], connection: str | None):
    if connection:
        # Headers named in Connection are hop-by-hop for this message too.
        dropped = dropped | {name.strip().lower() for name in connection.split(",")}
    return [(name, value) for name, value in headers if name.lower() not in dropped]


def identity_token() -> str:
    """The identity token of the browser asking, for what the gateway asks a service on its behalf."""
    tokens = extension().tokens
    user_session = current_session()
    if user_session is None:
        return tokens.shared(ANONYMOUS)
    return tokens.for_session(
        Identity(
            subject=user_session.account_id,
            roles=frozenset(user_session.roles),
            seller_id=user_session.seller_id,
            second_factor_at=int(user_session.second_factor_at.timestamp()) if user_session.second_factor_at else None,
            session_id=user_session.id,
            name=user_session.name,
        )
    )


def _target() -> str:
    """The path as the client sent it (still percent-encoded) and its query string."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or ""
    path = raw.split("?", 1)[0] if raw.startswith("/") else quote(request.path)
    query = request.query_string.decode("latin-1")
    return f"{path}?{query}" if query else path
