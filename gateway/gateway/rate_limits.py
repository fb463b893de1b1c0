"""Rate limits on guessing: login, second factor, password reset and recovery, sign-up (moving windows)."""
from __future__ import annotations

import hashlib
import logging
import math
import time
from typing import Callable

from flask import Flask, request
from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from gateway.browser_sessions import current_session
from gateway.extension import extension
from gateway.settings import DEFAULT_RATE_LIMITS, GatewaySettings
from servicekit.problems import Problem, problem_response

log = logging.getLogger(__name__)


class RateLimits:
    """Counters of attempts per limit and per what it counts (an address, a login, a session)."""

    def __init__(self, settings: GatewaySettings):
        limits = DEFAULT_RATE_LIMITS | dict(settings.rate_limits)
        # A limit string the library cannot read fails here, when the gateway starts, not on a request.
        self._items: dict[str, RateLimitItem] = {name: parse(limit) for name, limit in limits.items()}
        storage = storage_from_string(settings.rate_limit_storage_url, wrap_exceptions=True)
        self._limiter = MovingWindowRateLimiter(storage)
        self._prefix = settings.rate_limit_prefix

    def hit(self, name: str, counted: str) -> int | None:
        """Count one attempt; None if it is within the limit, else the seconds until one is allowed again."""
        item = self._items[name]
        try:
            if self._limiter.hit(item, self._prefix, name, counted):
                return None
            reset_at = self._limiter.get_window_stats(item, self._prefix, name, counted).reset_time
        except StorageError as exc:
            # Auth locks accounts after repeated failures anyway; a storage outage must not stop every login.
            log.warning("rate limit %s not checked, its storage failed: %s", name, exc.storage_error)
            return None
        return max(1, math.ceil(reset_at - time.time()))


def _client_ip() -> str | None:
    return request.remote_addr


def _login() -> str | None:
    """The login the body names, normalised, hashed so the counters' storage holds no email or phone number."""
    body = request.get_json(silent=True)
    login = body.get("login") if isinstance(body, dict) else None
    if not isinstance(login, str) or not login.strip():
        return None
    # surrogatepass: JSON may carry half a UTF-16 pair, which auth refuses; it still counts, rather than failing here.
    return hashlib.sha256(login.strip().lower().encode("utf-8", "surrogatepass")).hexdigest()


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
                    "Too many attempts. Wait as long as Retry-After says, then try again.",
                )
                return problem_response(problem, {"Retry-After": str(wait_seconds)})
        return None
