"""The session cookie on the web side: which session a request belongs to, setting and clearing the cookie."""
from __future__ import annotations

from flask import Flask, Response, g, request

from gateway.extension import extension
from gateway.models import UserSession
from gateway.sessions import find_session
from servicekit.app import unit_of_work


def init_browser_sessions(app: Flask) -> None:
    @app.before_request
    def _load_session():
        g.user_session = None
        token = session_cookie_token()
        if not token or not request.path.startswith("/api/"):
            return
        with unit_of_work() as uow:
            g.user_session = find_session(uow.session, token)
            uow.session.commit()
        # Expired, revoked or unknown: the caller is anonymous and the browser should forget the cookie.
        g.forget_session_cookie = g.user_session is None

    @app.after_request
    def _forget_stale_cookie(response: Response) -> Response:
        if g.get("forget_session_cookie"):
            forget_session_cookie(response)
        return response


def current_session() -> UserSession | None:
    return g.get("user_session")


def session_cookie_token() -> str | None:
    return request.cookies.get(extension().settings.session_cookie_name)


def set_session_cookie(response: Response, token: str, user_session: UserSession) -> None:
    settings = extension().settings
    response.set_cookie(
        settings.session_cookie_name,
        token,
        expires=user_session.absolute_expires_at,
        path="/",
        secure=settings.session_cookie_secure,
        httponly=True,
        samesite="Lax",
    )
    g.forget_session_cookie = False


def forget_session_cookie(response: Response) -> None:
    settings = extension().settings
    response.delete_cookie(
        settings.session_cookie_name, path="/", secure=settings.session_cookie_secure, httponly=True, samesite="Lax"
    )
    g.forget_session_cookie = False
