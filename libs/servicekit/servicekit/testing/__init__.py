"""Test helpers: real PostgreSQL and RabbitMQ per test run, waiting with deadlines, a TCP proxy, mailboxes,
a software security key; events handed to a service and recorded by it (events), who calls it (identities), a reader
of Server-Sent Events streams (event_streams)."""
from servicekit.testing.event_streams import EventStreamReader
from servicekit.testing.waiting import holds_for, wait_for
from servicekit.testing.proxy import TcpProxy
from servicekit.testing.mailbox import SmsInbox, SmtpMailbox, read_notification_file
from servicekit.testing.webauthn import SoftAuthenticator

__all__ = [
    "EventStreamReader", "wait_for", "holds_for", "TcpProxy", "SmtpMailbox", "SmsInbox", "read_notification_file",
    "SoftAuthenticator",
]
