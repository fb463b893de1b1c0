"""Where a test's emails and SMS arrive: a real SMTP server, a fake SMS provider, the notification file."""
from __future__ import annotations

import json
import socket
import threading
from abc import ABC, abstractmethod
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Generic, Self, TypeVar

from servicekit.testing.waiting import wait_for

T = TypeVar("T")


class _StandIn(ABC, Generic[T]):
    """What both stand-in servers share: the messages they took, by recipient, and waiting for one."""

    kind = "message"

    def __init__(self) -> None:
        self._received: list[tuple[list[str], T]] = []
        self._lock = threading.Lock()

    @abstractmethod
    def start(self) -> Self: ...

    @abstractmethod
    def stop(self) -> None: ...

    @staticmethod
    @abstractmethod
    def _text_of(message: T) -> str:
        """What `contains` is looked for in."""

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _receive(self, recipients: list[str], message: T) -> None:
        with self._lock:
            self._received.append(([recipient.lower() for recipient in recipients], message))

    @property
    def messages(self) -> list[T]:
        with self._lock:
            return [message for _, message in self._received]

    def messages_to(self, to: str) -> list[T]:
        with self._lock:
            return [message for recipients, message in self._received if to.lower() in recipients]

    def wait_for_message(self, to: str, contains: str | None = None, timeout: float = 10) -> T:
        """The newest message to `to` whose text has `contains`, once one has arrived."""
        found = wait_for(
            lambda: [m for m in self.messages_to(to) if contains is None or contains in self._text_of(m)],
            timeout=timeout,
            what=f"{self.kind} to {to}" + (f" containing {contains!r}" if contains else ""),
        )
        return found[-1]


def _free_port() -> int:
    # aiosmtpd checks it is up by connecting to its port, so it cannot be handed port 0.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Collector:
    """The aiosmtpd handler: keeps each accepted message with the recipients of its envelope."""

    def __init__(self, mailbox: SmtpMailbox):
        self._mailbox = mailbox

    async def handle_DATA(self, server, session, envelope) -> str:
        if self._mailbox.requires_login and not session.authenticated:
            # Checked here, not with aiosmtpd's auth_required, which warns on every connection without TLS.
            return "530 5.7.0 Authentication required"
        self._mailbox._receive(envelope.rcpt_tos, message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted for delivery"


class SmtpMailbox(_StandIn[EmailMessage]):
    """A real SMTP server on loopback that keeps every message it is sent.

    With `login=(user, password)` it requires that login (over plain SMTP, as tests have no TLS).
    """

    kind = "an email"

    def __init__(self, login: tuple[str, str] | None = None):
        super().__init__()
        self._login = login
        self._controller = None

    @property
    def requires_login(self) -> bool:
        return self._login is not None

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        given = (auth_data.login.decode(), auth_data.password.decode())
        return AuthResult(success=given == self._login)

    def start(self) -> SmtpMailbox:
        # Imported here: every suite loads servicekit.testing, and only those with a mailbox need aiosmtpd.
        from aiosmtpd.controller import Controller

        options: dict[str, Any] = {}
        if self._login is not None:
            options = {"authenticator": self._authenticate, "auth_require_tls": False}
        # A fixed server name: otherwise aiosmtpd asks DNS for this host's, which can hang.
        self._controller = Controller(
            _Collector(self), hostname="127.0.0.1", port=_free_port(), server_hostname="mailbox.test", **options
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def url(self) -> str:
        credentials = f"{self._login[0]}:{self._login[1]}@" if self._login else ""
        return f"smtp://{credentials}127.0.0.1:{self._controller.port}"

    @staticmethod
    def _text_of(message: EmailMessage) -> str:
        body = message.get_body(preferencelist=("plain", "html"))
        return f"{message['Subject']}\n{body.get_content() if body is not None else ''}"


class SmsInbox(_StandIn[dict[str, str]]):
    """A stand-in SMS provider on loopback: records each POSTed `{"to", "text"}`.

    With a token, a request without `Authorization: Bearer <token>` is refused with 401.
    """

    kind = "an SMS"

    def __init__(self, token: str | None = None):
        super().__init__()
        self.token = token
        self._server: ThreadingHTTPServer | None = None

    def _endpoint(self) -> type[BaseHTTPRequestHandler]:
        inbox = self

        class ProviderEndpoint(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                if inbox.token and self.headers.get("Authorization") != f"Bearer {inbox.token}":
                    self._answer(401, {"error": "bad token"})
                    return
                try:
                    sms = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                    message = {"to": str(sms["to"]), "text": str(sms["text"])}
                except (ValueError, KeyError, TypeError):
                    self._answer(400, {"error": "expected JSON with to and text"})
                    return
                inbox._receive([message["to"]], message)
                self._answer(202, {"status": "queued"})

            def _answer(self, status: int, document: dict) -> None:
                payload = json.dumps(document).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format, *args) -> None:
                pass  # a request line per SMS would bury the test's own output

        return ProviderEndpoint

    def start(self) -> SmsInbox:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._endpoint())
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="sms-inbox", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/sms"

    @staticmethod
    def _text_of(message: dict[str, str]) -> str:
        return message["text"]


def read_notification_file(path: Path) -> list[dict[str, str]]:
    """The messages a FileNotifier has written, oldest first; none while the file does not exist."""
    path = Path(path)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
