"""Who is asking: the session a browser's cookie names, loaded once per request, which every request hook and
endpoint of the gateway reads through current_session() and required_session(); and the session and device cookies.

The gateway reads no identity token (it signs them), so it has no api/viewers.py: the browser's session is who asks.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import Flask, Response, g, make_response, request

from gateway.active_sessions import session_named_by
from gateway.domain.session_tokens import is_token, new_token
from gateway.models import UserSession
from servicekit.app import runtime, settings
from servicekit.languages import _
from servicekit.problems import Problem

DEVICE_COOKIE_LIFETIME = timedelta(days=365)


def init_browser_sessions(app: Flask) -> None:
    @app.before_request
    def _load_session():
        g.user_session = None
        # Most requests of anonymous callers carry no cookie at all: nothing to parse then.
        if "HTTP_COOKIE" not in request.environ or not request.path.startswith("/api/"):
            return
        token = session_cookie_token()
        if not token:
            return
        g.user_session = session_named_by(runtime(), token)
        # Expired, revoked or unknown: the caller is anonymous and the browser should forget the cookie.
        g.forget_session_cookie = g.user_session is None

    @app.after_request
    def _forget_stale_cookie(response: Response) -> Response:
        if g.get("forget_session_cookie"):
            forget_session_cookie(response)
        return response


def current_session() -> UserSession | None:
    return g.get("user_session")


# Who may read a shop's figures (figures_reader), signed in with a second factor.
FIGURES_READERS = ("seller", "admin")


def required_session() -> UserSession:
    """The request's session (pending or not); without one the request is refused."""
    user_session = current_session()
    if user_session is None:
        raise Problem(401, "unauthenticated", "Unauthorized", "Sign in first.")
    return user_session


def figures_reader(figures: str) -> UserSession:
    """The session of a seller or admin signed in with a second factor, who may see `figures` (the dashboard, the
    statistics: a shop's sales); anyone else is refused, as the services refuse them their parts."""
    user_session = required_session()
    if not set(user_session.roles) & set(FIGURES_READERS):
        raise Problem(403, "forbidden", "Forbidden", _("Only sellers and admins see %(figures)s.", figures=figures))
    if user_session.second_factor_at is None:
        raise Problem(
            403, "second-factor-required", "Two-factor authentication required",
            _("Enrol two-factor authentication and sign in with it to see %(figures)s (a shop's sales).", figures=figures),
        )
    return user_session


def session_cookie_token() -> str | None:
    return request.cookies.get(settings().session_cookie_name)


def set_session_cookie(response: Response, token: str, user_session: UserSession) -> None:
    _set_cookie(response, settings().session_cookie_name, token, expires=user_session.absolute_expires_at)
    g.forget_session_cookie = False


def forget_session_cookie(response: Response) -> None:
    response.delete_cookie(
        settings().session_cookie_name, path="/", secure=_cookies_secure(), httponly=True, samesite="Lax"
    )
    g.forget_session_cookie = False


def signed_out() -> Response:
    """The answer to a request that ended the browser's own session: no content, and no cookie from now on."""
    response = make_response("", 204)
    forget_session_cookie(response)
    return response


def device_token() -> str:
    """The browser's device token, or a new one when it has none: auth tells a new device's logins to the owner."""
    sent = request.cookies.get(settings().device_cookie_name, "")
    # Anything but a token the gateway made is replaced, not passed on to auth.
    return sent if is_token(sent) else new_token()


def set_device_cookie(response: Response, token: str) -> None:
    """(Re)set on every login, so a browser in use keeps being recognised a year on."""
    _set_cookie(response, settings().device_cookie_name, token, max_age=DEVICE_COOKIE_LIFETIME)


def _set_cookie(
    response: Response, name: str, value: str, *, expires: datetime | None = None, max_age: timedelta | None = None
) -> None:
    response.set_cookie(
        name,
        value,
        expires=expires,
        max_age=max_age,
        path="/",
        secure=_cookies_secure(),
        httponly=True,
        samesite="Lax",
    )


def _cookies_secure() -> bool:
    """Secure unless turned off for plain http on a developer's machine; a request over https always gets it."""
    return settings().session_cookie_secure or request.is_secure
