"""What notifications reads from the environment beyond ServiceConfig: the address of the web pages its
mails link to."""
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

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "NotificationsSettings":
        env = os.environ if env is None else env
        return cls(web_url=(env.get("NOTIFICATIONS_WEB_URL") or DEFAULT_WEB_URL).rstrip("/"))


@cache
def process_settings() -> NotificationsSettings:
    """This process's settings, read once: the web app attaches them, and the worker's use cases, which have
    no app to reach them through, read them here."""
    return NotificationsSettings.from_env()
