"""What the gateway reads from the environment beyond ServiceConfig: upstreams, timeouts, cookies, rate limits."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

from servicekit.config import ServiceConfig

DEFAULT_UPSTREAMS = {
    "auth": "http://127.0.0.1:8001",
    "catalog": "http://127.0.0.1:8002",
    "orders": "http://127.0.0.1:8003",
    "support": "http://127.0.0.1:8004",
    "reviews": "http://127.0.0.1:8005",
    "notifications": "http://127.0.0.1:8006",
    "settlements": "http://127.0.0.1:8007",
}
# Each is overridable as RATE_LIMIT_<NAME> (RATE_LIMIT_LOGIN_PER_IP=20/minute), in the `limits` notation.
DEFAULT_RATE_LIMITS = {
    "login_per_ip": "20/minute",
    "login_per_login": "10/minute",
    "second_factor_per_session": "10/minute",
    "second_factor_per_account": "20/hour",
    "second_factor_per_ip": "30/minute",
    "recovery_per_ip": "10/minute",
    "recovery_per_login": "5/15 minutes",
    "sign_up_per_ip": "10/hour",
}


@dataclass(frozen=True)
class GatewaySettings:
    upstreams: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_UPSTREAMS))
    # The pages (web/): every path outside /api goes there.
    pages_url: str = "http://127.0.0.1:8008"
    connect_timeout_seconds: float = 2.0
    upstream_timeout_seconds: float = 10.0
    # How long an event stream (Server-Sent Events) may stay silent before the gateway takes its service
    # for gone: a few of the heartbeats the service sends every 15 s.
    stream_idle_timeout_seconds: float = 45.0
    # How long an answer composed from several services (the dashboard, the statistics) waits for each of them,
    # connecting included, before it leaves that service's part out as unavailable.
    composition_timeout_seconds: float = 2.0
    # A 10 MiB document plus the multipart framing around it.
    upload_max_bytes: int = 10 * 1024 * 1024 + 64 * 1024
    session_cookie_secure: bool = True
    # Proxies in front of the gateway (ingress, load balancer) whose X-Forwarded-For is trusted.
    trusted_proxy_hops: int = 0
    # memory:// counts per process; redis://host:6379 makes every gateway process share the counts.
    rate_limit_storage_url: str = "memory://"
    # Keeps counters of gateways (or test runs) sharing one Redis apart.
    rate_limit_prefix: str = "gateway"
    rate_limits: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_RATE_LIMITS))

    @classmethod
    def from_env(cls, config: ServiceConfig, env: Mapping[str, str] | None = None) -> "GatewaySettings":
        env = os.environ if env is None else env
        return cls(
            upstreams={
                name: env.get(f"{name.upper()}_URL", default).rstrip("/") for name, default in DEFAULT_UPSTREAMS.items()
            },
            pages_url=env.get("WEB_URL", cls.pages_url).rstrip("/"),
            upstream_timeout_seconds=float(env.get("GATEWAY_UPSTREAM_TIMEOUT", 10.0)),
            stream_idle_timeout_seconds=float(env.get("GATEWAY_STREAM_IDLE_TIMEOUT", cls.stream_idle_timeout_seconds)),
            composition_timeout_seconds=float(
                env.get("GATEWAY_COMPOSITION_TIMEOUT", cls.composition_timeout_seconds)
            ),
            upload_max_bytes=int(env.get("GATEWAY_UPLOAD_MAX_BYTES", cls.upload_max_bytes)),
            session_cookie_secure=env.get("SESSION_COOKIE_SECURE", "true").lower() not in ("false", "0", "no"),
            trusted_proxy_hops=int(env.get("GATEWAY_TRUSTED_PROXIES", 0)),
            rate_limit_storage_url=env.get("RATE_LIMIT_STORAGE_URL", "memory://"),
            rate_limit_prefix=env.get("RATE_LIMIT_PREFIX", "gateway"),
            rate_limits={
                name: env.get(f"RATE_LIMIT_{name.upper()}", default) for name, default in DEFAULT_RATE_LIMITS.items()
            },
        )

    @property
    def session_cookie_name(self) -> str:
        # Browsers accept a __Host- cookie only when it is Secure, host-only and on Path=/.
        return "__Host-session" if self.session_cookie_secure else "session"

    @property
    def device_cookie_name(self) -> str:
        return "__Host-device" if self.session_cookie_secure else "device"
