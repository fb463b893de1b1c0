"""Which requests count against which rate limit (login, second factor, password reset and recovery,
sign-up), and the request hook that refuses one past its limit."""
from __future__ import annotations

import hashlib
from typing import Callable

from flask import Flask, request

from contracts.logins import login_spelling
from gateway.browser_sessions import current_session
from gateway.extension import extension
from servicekit.languages import _
from servicekit.problems import Problem, problem_response

def _client_ip() -> str | None:
    return request.remote_addr


def _login() -> str | None:
    """The login the body names, read as auth reads it, hashed so the counters' storage holds no email or phone number.

    Every way of writing one login must reach the one counter: an email whatever its case and surrounding
    spaces, a mobile number whatever dashes and spaces it is written with.
    """
    body = request.get_json(silent=True)
    login = body.get("login") if isinstance(body, dict) else None
    if not isinstance(login, str) or not login.strip():
        return None
    read = login_spelling(login)
    # surrogatepass: JSON may carry half a UTF-16 pair, which auth refuses; it still counts, rather than failing here.
    return hashlib.sha256(read.encode("utf-8", "surrogatepass")).hexdigest()


def _session() -> str | None:
    user_session = current_session()
    return user_session.id if user_session else None


def _account() -> str | None:
    user_session = current_session()
    return user_session.account_id if user_session else None


# Each limit a request counts against: its name (its setting and its counter) and what it counts.
Checks = tuple[tuple[str, Callable[[], str | None]], ...]
LOGIN: Checks = (("login_per_ip", _client_ip), ("login_per_login", _login))
SECOND_FACTOR: Checks = (
    ("second_factor_per_session", _session),
    ("second_factor_per_account", _account),
    ("second_factor_per_ip", _client_ip),
)
RECOVERY: Checks = (("recovery_per_ip", _client_ip), ("recovery_per_login", _login))
SIGN_UP: Checks = (("sign_up_per_ip", _client_ip),)
# Requests that share a limit share its counter: asking for a code and sending one are both guesses.
LIMITED: dict[tuple[str, str], Checks] = {
    ("POST", "/api/session"): LOGIN,
    ("POST", "/api/session/2fa"): SECOND_FACTOR,
    ("POST", "/api/session/2fa/challenge"): SECOND_FACTOR,
    ("POST", "/api/password-resets"): RECOVERY,
    ("POST", "/api/password-resets/confirm"): RECOVERY,
    ("POST", "/api/account-recoveries"): RECOVERY,
    ("POST", "/api/account-recoveries/confirm"): RECOVERY,
    # Confirming a sign-up is entering a mailed code too.
    ("POST", "/api/accounts/verification"): RECOVERY,
    ("POST", "/api/accounts"): SIGN_UP,
    ("POST", "/api/sellers"): SIGN_UP,
}


def init_rate_limits(app: Flask) -> None:
    """Register after the session loader: the second-factor limits count per session and account."""

    @app.before_request
    def _limit_attempts():
        # A trailing slash reaches the same endpoint upstream, so it must not reach a fresh counter.
        checks = LIMITED.get((request.method, request.path.rstrip("/")), ())
        for name, counted_by in checks:
            counted = counted_by()
            if counted is None:
                continue
            wait_seconds = extension().rate_limits.hit(name, counted)
            if wait_seconds is not None:
                # The same words for every limit and every login, known or not: the answer tells nothing of accounts.
                problem = Problem(
                    429, "too-many-requests", "Too Many Requests",
                    _("Too many attempts. Wait as long as Retry-After says, then try again."),
                )
                return problem_response(problem, {"Retry-After": str(wait_seconds)})
        return None
