"""Refusing cross-site forgeries: the CSRF token on unsafe requests, and only JSON, multipart or CSV bodies."""
from __future__ import annotations

import hmac

from flask import Flask, request

from gateway.browser_sessions import current_session
from servicekit.languages import _
from servicekit.problems import Problem

HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# A cross-site HTML form can send only urlencoded, multipart or text bodies, and a script on
# another site cannot send JSON or CSV (a seller's dispatch sheet) without a CORS preflight the
# gateway never grants. Multipart still needs the session's CSRF token.
ACCEPTED_BODY_TYPES = frozenset({"application/json", "multipart/form-data", "text/csv"})
# Signing in proves itself with the password, and a browser with a stale tab may no longer
# know the old session's token; the old session is revoked by the login anyway.
EXEMPT = frozenset({("POST", "/api/session")})


def init_csrf(app: Flask) -> None:
    """Register after the session loader: the check needs the request's session."""

    @app.before_request
    def _refuse_forgeries():
        if request.method not in UNSAFE_METHODS or not request.path.startswith("/api/"):
            return
        user_session = current_session()
        if user_session is not None and (request.method, request.path) not in EXEMPT:
            sent = request.headers.get(HEADER, "")
            if not hmac.compare_digest(sent.encode(), user_session.csrf_token.encode()):
                raise Problem(
                    403,
                    "csrf-token-invalid",
                    "Forbidden",
                    _("The %(header)s header is missing or does not match this session's token.", header=HEADER),
                )
        if _has_body() and request.mimetype not in ACCEPTED_BODY_TYPES:
            raise Problem(
                415,
                "unsupported-media-type",
                "Unsupported Media Type",
                _("Send a request body as application/json, multipart/form-data or text/csv."),
            )


def _has_body() -> bool:
    return bool(request.content_length) or "chunked" in request.headers.get("Transfer-Encoding", "").lower()
