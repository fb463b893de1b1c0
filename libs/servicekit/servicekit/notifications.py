"""The outgoing-notification queue: emails and SMS committed with the domain change, sent by the worker."""
from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from sqlalchemy import (
    Column, Index, Integer, MetaData, Select, String, Table, Text, bindparam, delete, insert, select, update,
)
from sqlalchemy.engine import Connection, Row
from sqlalchemy.orm import Session

from servicekit import clock
from servicekit.db import is_postgres
from servicekit.notifiers import Notification
from servicekit.runtime import Runtime
from servicekit.types import UtcDateTime
from servicekit.worker import ScheduledJob

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
BACKOFF_BASE_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 600.0

notification_metadata = MetaData()

outgoing_notifications = Table(
    "outgoing_notifications",
    notification_metadata,
    Column("id", String(36), primary_key=True),
    Column("channel", String(16), nullable=False),
    Column("recipient", String(320), nullable=False),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UtcDateTime(), nullable=False),
    Column("last_error", Text),
    # Set when delivery is given up; the row stays (without its body) for an operator to see.
    Column("failed_at", UtcDateTime()),
    Index(
        "ix_outgoing_notifications_due",
        "next_attempt_at",
        postgresql_where=Column("failed_at").is_(None),
        sqlite_where=Column("failed_at").is_(None),
    ),
)


def create_notification_tables(bind) -> None:
    """Used by the migration of each service that sends notifications."""
    notification_metadata.create_all(bind)


def drop_notification_tables(bind) -> None:
    notification_metadata.drop_all(bind)


# Built once: its columns come with each call's parameters.
_QUEUE = insert(outgoing_notifications)


def queue_notification(session: Session, channel: str, to: str, subject: str, body: str) -> None:
    """Queue a message in the caller's transaction: it is sent only once that transaction commits."""
    notification = Notification(channel, to, subject, body)
    now = clock.now()
    session.execute(_QUEUE, {
        "id": str(uuid.uuid4()), "channel": notification.channel, "recipient": notification.to,
        "subject": notification.subject, "body": notification.body, "created_at": now, "attempts": 0,
        "next_attempt_at": now,
    })


# Rows sent in one transaction: one statement takes them and one deletes those sent, where each row
# alone cost a transaction of its own. A crash before the commit sends at most this many again.
DELIVERY_BATCH = 20


def _due(postgres: bool) -> Select:
    table = outgoing_notifications
    query = (
        select(table)
        .where(table.c.failed_at.is_(None), table.c.next_attempt_at <= bindparam("now", type_=UtcDateTime()))
        .order_by(table.c.next_attempt_at)
        .limit(bindparam("batch", type_=Integer()))
    )
    # Several workers may deliver; the rows stay locked until their transaction ends, so one sends each.
    return query.with_for_update(skip_locked=True) if postgres else query


_DUE = {True: _due(postgres=True), False: _due(postgres=False)}
_SENT = delete(outgoing_notifications).where(outgoing_notifications.c.id.in_(bindparam("ids", expanding=True)))


def _record_failure(connection: Connection, row: Row, error: Exception) -> None:
    attempts = row.attempts + 1
    reason = f"{type(error).__name__}: {error}"[:2000]
    if attempts >= MAX_ATTEMPTS:
        log.error("gave up on %s notification %s after %d attempts: %s", row.channel, row.id, attempts, reason)
        # The body may hold a one-time code: it goes, the rest stays to be looked into.
        values = {"failed_at": clock.now(), "body": ""}
    else:
        delay = min(BACKOFF_BASE_SECONDS * 2 ** (attempts - 1), BACKOFF_CAP_SECONDS)
        log.warning("%s notification %s failed, retrying in %.0f s: %s", row.channel, row.id, delay, reason)
        values = {"next_attempt_at": clock.now() + timedelta(seconds=delay)}
    connection.execute(
        update(outgoing_notifications)
        .where(outgoing_notifications.c.id == row.id)
        .values(attempts=attempts, last_error=reason, **values)
    )


def deliver_notifications(runtime: Runtime, limit: int = 100) -> int:
    """Send the due notifications, up to `limit`, a batch to a transaction; returns how many were sent.

    A sent row is deleted, since its body may hold a one-time code. A failure is recorded on its
    row and retried with back-off, so one bad address does not hold up the others. A crash
    between sending and committing sends that batch again: delivery is at least once.
    """
    sent = taken = 0
    due = _DUE[is_postgres(runtime.engine)]
    while taken < limit:
        with runtime.engine.begin() as connection:
            rows = connection.execute(due, {"now": clock.now(), "batch": min(DELIVERY_BATCH, limit - taken)}).all()
            delivered = []
            for row in rows:
                try:
                    runtime.notifier.send(Notification(row.channel, row.recipient, row.subject, row.body))
                except Exception as error:  # noqa: BLE001 - any failure to send is recorded and retried
                    _record_failure(connection, row, error)
                else:
                    delivered.append(row.id)
            if delivered:
                connection.execute(_SENT, {"ids": delivered})
        sent += len(delivered)
        taken += len(rows)
        if len(rows) < DELIVERY_BATCH:
            break
    return sent


NOTIFICATION_DELIVERY = ScheduledJob("deliver-notifications", every_seconds=1.0, run=deliver_notifications)
