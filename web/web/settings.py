"""Every setting the pages read from the environment, in one place."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class WebSettings:
    # The public API, as the pages' server reaches it: the gateway (the same door browsers and apps use).
    api_url: str = "http://127.0.0.1:8000"
    api_timeout_seconds: float = 10.0
    # The cookie that keeps a visitor's language choice (ko or en) before and after signing in.
    language_cookie: str = "lang"
    # Served over https in production: the language cookie is then sent over https alone, like the session's.
    cookies_secure: bool = True
    log_level: str = "INFO"
    log_json: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "WebSettings":
        env = os.environ if env is None else env
        return cls(
            api_url=env.get("WEB_API_URL", cls.api_url).rstrip("/"),
            api_timeout_seconds=float(env.get("WEB_API_TIMEOUT", cls.api_timeout_seconds)),
            cookies_secure=env.get("SESSION_COOKIE_SECURE", "true").lower() not in ("false", "0", "no"),
            log_level=env.get("LOG_LEVEL", cls.log_level),
            log_json=env.get("LOG_FORMAT", "json") == "json",
        )
