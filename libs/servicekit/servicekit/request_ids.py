"""Request ids: taken from the gateway's header (or made), logged, returned, passed to events."""
from __future__ import annotations

import re

from flask import Flask, g, request

from servicekit import context

HEADER = "X-Request-Id"
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def incoming_request_id() -> str:
    candidate = request.headers.get(HEADER, "")
    return candidate if _VALID.match(candidate) else context.new_request_id()


def init_request_ids(app: Flask) -> None:
    @app.before_request
    def _bind_request_id():
        g.request_id = incoming_request_id()
        g.correlation = context.correlated(g.request_id)
        g.correlation.__enter__()

    @app.teardown_request
    def _unbind_request_id(_exc):
        correlation = g.pop("correlation", None)
        if correlation is not None:
            correlation.__exit__(None, None, None)

    @app.after_request
    def _return_request_id(response):
        if "request_id" in g:
            response.headers[HEADER] = g.request_id
        return response
