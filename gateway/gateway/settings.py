"""What the gateway reads from the environment beyond ServiceConfig: upstreams, timeouts, cookies."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

DEFAULT_UPSTREAMS = {
    "auth": "http://127.0.0.1:8001",
    "catalog": "http://127.0.0.1:8002",
    "orders": "http://127.0.0.1:8003",
    "support": "http://127.0.0.1:8004",
    "reviews": "http://127.0.0.1:8005",
}


@dataclass(frozen=True)
class GatewaySettings:
    upstreams: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_UPSTREAMS))
    connect_timeout_seconds: float = 2.0
    upstream_timeout_seconds: float = 10.0
    session_cookie_secure: bool = True
    # Proxies in front of the gateway (ingress, load balancer) whose X-Forwarded-For is trusted.
    trusted_proxy_hops: int = 0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "GatewaySettings":
        env = os.environ if env is None else env
        return cls(
            upstreams={
                name: env.get(f"{name.upper()}_URL", default).rstrip("/") for name, default in DEFAULT_UPSTREAMS.items()
            },
            upstream_timeout_seconds=float(env.get("GATEWAY_UPSTREAM_TIMEOUT", 10.0)),
            session_cookie_secure=env.get("SESSION_COOKIE_SECURE", "true").lower() not in ("false", "0", "no"),
            trusted_proxy_hops=int(env.get("GATEWAY_TRUSTED_PROXIES", 0)),
        )

    @property
    def session_cookie_name(self) -> str:
        # Browsers accept a __Host- cookie only when it is Secure, host-only and on Path=/.
        return "__Host-session" if self.session_cookie_secure else "session"
