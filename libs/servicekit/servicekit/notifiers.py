"""Adapters that send one email or SMS: SMTP, an HTTP SMS provider, or a file for local runs."""
from __future__ import annotations

import json
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

import urllib3

from servicekit.config import ServiceConfig

EMAIL, SMS = "email", "sms"
CHANNELS = (EMAIL, SMS)


@dataclass(frozen=True)
class Notification:
    channel: str
    to: str
    subject: str
    body: str

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise ValueError(f"unknown notification channel {self.channel!r}; expected one of {CHANNELS}")


class DeliveryRefused(RuntimeError):
    """The provider answered, and did not take the message."""


class Sender(Protocol):
    def send(self, notification: Notification) -> None: ...


def _require_channel(notification: Notification, channel: str, adapter: object) -> None:
    if notification.channel != channel:
        raise ValueError(f"{type(adapter).__name__} sends {channel}, not {notification.channel}")


class SmtpNotifier:
    """Sends email through an SMTP server named by a URL.

    `smtp://user:pass@host:port` (plain, or `?starttls=true` to upgrade) or `smtps://...` (TLS
    from the first byte). One connection per message: a worker sends a few a second at most,
    and a fresh connection never trips over a server that dropped an idle one.
    """

    def __init__(self, url: str, sender: str, timeout: float = 10.0):
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(f"not an smtp:// or smtps:// URL: {url!r}")
        self._implicit_tls = parts.scheme == "smtps"
        self._host = parts.hostname
        self._port = parts.port or (465 if self._implicit_tls else 25)
        self._username = unquote(parts.username) if parts.username else None
        self._password = unquote(parts.password or "")
        self._starttls = parse_qs(parts.query).get("starttls", ["false"])[0].lower() == "true"
        self._sender = sender
        # Without it make_msgid asks DNS for this host's name, which can hang for seconds.
        self._domain = parseaddr(sender)[1].rpartition("@")[2] or "marketplace.local"
        self._timeout = timeout

    def _compose(self, notification: Notification) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = notification.to
        message["Subject"] = notification.subject
        message["Date"] = format_datetime(datetime.now(timezone.utc))
        message["Message-ID"] = make_msgid(domain=self._domain)
        message.set_content(notification.body)
        return message

    def _connect(self) -> smtplib.SMTP:
        if self._implicit_tls:
            return smtplib.SMTP_SSL(
                self._host, self._port, timeout=self._timeout, context=ssl.create_default_context()
            )
        return smtplib.SMTP(self._host, self._port, timeout=self._timeout)

    def send(self, notification: Notification) -> None:
        _require_channel(notification, EMAIL, self)
        message = self._compose(notification)
        with self._connect() as smtp:
            if self._starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self._username:
                smtp.login(self._username, self._password)
            smtp.send_message(message)


class HttpSmsNotifier:
    """Sends SMS by POSTing `{"to", "text"}` as JSON to a provider's URL."""

    def __init__(self, url: str, token: str | None = None, timeout: float = 5.0):
        self._url = url
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}
        # No transport retries: the notification queue retries, and a retried POST could send an SMS twice.
        self._http = urllib3.PoolManager(timeout=urllib3.Timeout(total=timeout), retries=False)

    def send(self, notification: Notification) -> None:
        _require_channel(notification, SMS, self)
        # An SMS has no subject line: the body is the whole text.
        response = self._http.request(
            "POST", self._url, json={"to": notification.to, "text": notification.body}, headers=self._headers
        )
        if not 200 <= response.status < 300:
            raise DeliveryRefused(f"SMS provider answered {response.status}: {response.data[:200]!r}")


class FileNotifier:
    """Appends each message as a JSON line to a file: the embedded default, read by people and tests."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def send(self, notification: Notification) -> None:
        line = json.dumps(
            {
                "channel": notification.channel,
                "to": notification.to,
                "subject": notification.subject,
                "body": notification.body,
                "sent_at": datetime.now(timezone.utc).isoformat(),
            }
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One write in append mode per line, so the web and worker processes never interleave lines.
        with self.path.open("ab") as file:
            file.write((line + "\n").encode())


class Notifier:
    """Sends each notification through the adapter configured for its channel."""

    def __init__(self, email: Sender, sms: Sender):
        self._adapters = {EMAIL: email, SMS: sms}

    def send(self, notification: Notification) -> None:
        self._adapters[notification.channel].send(notification)


def notifier_from_config(config: ServiceConfig) -> Notifier:
    """SMTP and the SMS provider where their URLs are configured; the notification file otherwise."""
    file = FileNotifier(config.notify_file)
    email = SmtpNotifier(config.notify_email_url, config.notify_email_from) if config.notify_email_url else file
    sms = HttpSmsNotifier(config.notify_sms_url, config.notify_sms_token) if config.notify_sms_url else file
    return Notifier(email=email, sms=sms)
