"""Keeping a half-signed-in browser (password passed, second factor not yet) to the steps that finish or leave."""
from __future__ import annotations

from flask import Flask, request

from gateway.browser_sessions import current_session
from servicekit.languages import _
from servicekit.problems import Problem

# Signing in again is open too: it replaces the pending session and uses nothing of it.
OPEN_WHILE_PENDING = frozenset(
    {
        ("GET", "/api/session"),
        ("POST", "/api/session"),
        ("DELETE", "/api/session"),
        ("POST", "/api/session/2fa"),
        ("POST", "/api/session/2fa/challenge"),
    }
)


def init_pending_sessions(app: Flask) -> None:
    """Register after the session loader; before the proxy, which must never sign a pending session's identity."""

    @app.before_request
    def _hold_pending_sessions():
        user_session = current_session()
        if user_session is None or not user_session.second_factor_pending:
            return
        if (request.method, request.path) not in OPEN_WHILE_PENDING:
            raise Problem(
                401, "second-factor-required", "Unauthorized", _("Finish signing in with your second factor first.")
            )
