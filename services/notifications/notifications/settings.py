"""What notifications reads from the environment beyond ServiceConfig: the address of the web pages its
mails link to, and how live streams keep time."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Mapping

DEFAULT_WEB_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class NotificationsSettings:
    # Mails and SMS carry absolute links (the inbox keeps paths): the pages as people reach them, the gateway.
    web_url: str = DEFAULT_WEB_URL
    # A live stream's comment line when it was quiet this long: idle connections stay open through proxies, and a
    # stream whose browser left finds out when it writes.
    stream_heartbeat_seconds: float = 15.0
    # A live stream ends after this at the latest (earlier when its identity token expires); the browser reconnects.
    stream_max_seconds: float = 300.0
    # How often the web process looks for new notifications while a stream is open (one query, whatever the streams).
    live_poll_seconds: float = 0.25

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "NotificationsSettings":
        env = os.environ if env is None else env
        return cls(
            web_url=(env.get("NOTIFICATIONS_WEB_URL") or DEFAULT_WEB_URL).rstrip("/"),
            stream_heartbeat_seconds=float(
                env.get("NOTIFICATIONS_STREAM_HEARTBEAT_SECONDS", cls.stream_heartbeat_seconds)
            ),
            stream_max_seconds=float(env.get("NOTIFICATIONS_STREAM_MAX_SECONDS", cls.stream_max_seconds)),
            live_poll_seconds=float(env.get("NOTIFICATIONS_LIVE_POLL_SECONDS", cls.live_poll_seconds)),
        )


@cache
def process_settings() -> NotificationsSettings:
    """This process's settings, read once: the web app attaches them, and the worker's use cases, which have
    no app to reach them through, read them here."""
    return NotificationsSettings.from_env()
