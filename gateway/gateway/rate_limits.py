"""Rate limits on guessing: the counters of attempts in moving windows, one per limit the settings name."""
from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from gateway.settings import DEFAULT_RATE_LIMITS, GatewaySettings

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
