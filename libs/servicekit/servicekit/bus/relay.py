"""The outbox relay: publishes committed events with publisher confirms, then marks them sent."""
from __future__ import annotations

import logging
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone

import psycopg
from amqp import Message
from kombu import Producer
from sqlalchemy import BigInteger, Text, any_, bindparam, cast, func, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Connection, Engine

from servicekit.bus.consumer import JSON_CONTENT_TYPE
from servicekit.bus.metrics import EVENTS_PUBLISHED
from servicekit.bus.tables import outbox
from servicekit.bus.topology import Topology, keep_alive
from servicekit.db import OUTBOX_CHANNEL, is_postgres

log = logging.getLogger(__name__)


@dataclass
class _SentBatch:
    """A batch published and not yet marked: its rows stay locked by the open transaction on `database`."""

    database: Connection
    ids: list[int]
    routing_keys: Counter
    # The broker confirms the batch once it has confirmed this publish (0 without publisher confirms).
    last_delivery_tag: int

    @property
    def size(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Backlog:
    """The outbox's unsent events: how many, and how long the oldest has waited."""

    unsent: int
    oldest_seconds: float


class OutboxRelay:
    """Moves events from a service's outbox to the broker, oldest first, at least once.

    A crash after publishing but before marking leaves the rows unsent, so they are published
    again; subscribers' inboxes make that harmless.
    """

    def __init__(self, engine: Engine, topology: Topology, service: str, batch_size: int = 500,
                 batches_per_call: int = 20):
        self.engine = engine
        self.topology = topology
        self.service = service
        self.batch_size = batch_size
        self.batches_per_call = batches_per_call
        # Batches sent and awaiting confirms while the next one is fetched: SQLite would hand the next
        # batch the same rows, and without confirms there is nothing to wait for.
        self._overlap = 1 if is_postgres(engine) and topology.is_amqp else 0
        self.wake = threading.Event()
        self._connection = None
        self._producer = None
        self._confirms: _BatchConfirms | None = None
        self._frames: _PublishFrames | None = None
        oldest_unsent = (
            select(outbox.c.id).where(outbox.c.published_at.is_(None)).order_by(outbox.c.id).limit(batch_size)
        )
        if is_postgres(engine):
            # Several relays of one service may run; each row goes to one of them.
            oldest_unsent = oldest_unsent.with_for_update(skip_locked=True)
        # The payload is read as the JSON text it was stored as and sent as it is: no decode and encode again.
        # The rows are chosen first, so the database reads the message ids out of those rows alone.
        self._unsent = select(
            outbox.c.id, outbox.c.routing_key, outbox.c.payload["id"].as_string(), cast(outbox.c.payload, Text)
        ).where(outbox.c.id.in_(oldest_unsent.scalar_subquery())).order_by(outbox.c.id)
        if is_postgres(engine):
            ids = outbox.c.id == any_(bindparam("ids", type_=ARRAY(BigInteger)))
        else:
            ids = outbox.c.id.in_(bindparam("ids", expanding=True))
        self._mark_sent = update(outbox).where(ids).values(published_at=bindparam("now"))

    def _ensure_producer(self) -> None:
        if self._connection is None:
            connection = self.topology.connection(confirm_each_publish=False)
            connection.ensure_connection(max_retries=1)
            channel = connection.channel()
            self.topology.declare_for(channel, self.service)
            if self.topology.is_amqp:
                self._confirms = _BatchConfirms(connection, channel)
                self._frames = _PublishFrames(channel.channel_id, connection.connection.frame_max,
                                              self.topology.events.name, self.service)
            else:
                self._producer = Producer(channel, exchange=self.topology.events)
            self._connection = connection

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.release()
            except Exception:  # noqa: BLE001 - a broken connection is being thrown away anyway
                pass
        self._connection = self._producer = self._confirms = self._frames = None

    def keep_alive(self) -> None:
        """Between bursts: read the broker's heartbeats and send ours, so an idle relay keeps its
        connection and its next publish does not meet a connection the broker already closed."""
        if self._connection is None:
            return
        try:
            keep_alive(self._connection)
        except Exception as exc:  # noqa: BLE001 - the next publish connects again
            log.info("outbox relay's idle broker connection dropped (%s); the next publish reconnects", exc)
            self.close()

    def publish_pending(self) -> int:
        """Publish unsent events, a batch at a time, until a batch comes out short (the outbox is
        drained for now) or `batches_per_call` batches went; returns how many were published.

        Each batch's rows stay locked in a transaction of its own until the broker has confirmed the
        batch and they are marked sent. On PostgreSQL with a broker that confirms, the next batch is
        fetched and sent while the previous one waits for its confirms (its locked rows are skipped),
        so neither the database nor the broker waits for the other.
        """
        return self._publish()[0]

    def _publish(self) -> tuple[int, bool]:
        """publish_pending: how many went, and whether more may wait (the last batch was full)."""
        published = 0
        in_flight: list[_SentBatch] = []
        more = False
        try:
            for _ in range(self.batches_per_call):
                batch = self._send_batch()
                if batch is not None:
                    in_flight.append(batch)
                while in_flight and (batch is None or len(in_flight) > self._overlap):
                    published += self._mark_confirmed(in_flight[0])
                    del in_flight[0]
                more = batch is not None and batch.size == self.batch_size
                if not more:
                    break
            while in_flight:
                published += self._mark_confirmed(in_flight[0])
                del in_flight[0]
        except Exception:
            # Unconfirmed rows stay unsent (their transactions roll back) and go out again later.
            for batch in in_flight:
                batch.database.close()
            self.close()
            raise
        return published, more

    def _send_batch(self) -> _SentBatch | None:
        """Lock the oldest unsent rows in a transaction of their own and publish them, or None when none wait."""
        database = self.engine.connect()
        try:
            database.begin()
            rows = database.execute(self._unsent).all()
            if not rows:
                database.close()
                return None
            self._ensure_producer()
            last_delivery_tag = 0
            if self._frames is not None:
                # One write for the whole batch: a write per event costs a system call each.
                self._connection.connection.transport.write(b"".join(
                    self._frames.publish(routing_key, message_id, body) for _, routing_key, message_id, body in rows
                ))
                last_delivery_tag = self._confirms.sent(len(rows))
            else:
                for _, routing_key, message_id, body in rows:
                    self._producer.publish(
                        body.encode(), routing_key=routing_key, content_type=JSON_CONTENT_TYPE,
                        content_encoding="utf-8", delivery_mode=2, message_id=message_id,
                        headers={"producer": self.service}, retry=False,
                    )
            return _SentBatch(database, [row[0] for row in rows], Counter(row[1] for row in rows), last_delivery_tag)
        except Exception:
            database.close()
            raise

    def _mark_confirmed(self, batch: _SentBatch) -> int:
        """Once the broker has confirmed every event of the batch, mark its rows sent and commit."""
        if batch.last_delivery_tag:
            self._confirms.wait_until(batch.last_delivery_tag)
        with batch.database:
            batch.database.execute(self._mark_sent, {"ids": batch.ids, "now": datetime.now(timezone.utc)})
            batch.database.commit()
        for routing_key, count in batch.routing_keys.items():
            EVENTS_PUBLISHED.labels(self.service, routing_key).inc(count)
        return batch.size

    def backlog(self) -> Backlog:
        """What waits in the outbox now, whichever relay of the service will publish it."""
        query = select(func.count(), func.min(outbox.c.created_at)).where(outbox.c.published_at.is_(None))
        with self.engine.connect() as connection:
            unsent, oldest = connection.execute(query).one()
        waited = (datetime.now(timezone.utc) - oldest).total_seconds() if oldest is not None else 0.0
        return Backlog(unsent, max(waited, 0.0))

    def run(self, stop: threading.Event, idle_wait: float = 1.0) -> None:
        """Publish until stopped; sleep between bursts until a commit notifies or idle_wait passes."""
        listener = _CommitListener(self.engine) if is_postgres(self.engine) else None
        backoff = 0.5
        try:
            while not stop.is_set():
                if listener is not None:
                    # A commit notified before this is seen by the reads below; one after it ends the wait.
                    listener.drain()
                try:
                    published, more = self._publish()
                    backoff = 0.5
                except Exception as exc:  # noqa: BLE001 - broker or database away: wait and retry
                    log.warning("outbox relay could not publish: %s", exc)
                    stop.wait(backoff)
                    backoff = min(backoff * 2, 10)
                    continue
                # With a listener, a short batch means the outbox is drained: no read again to find it empty.
                if more or (published and listener is None):
                    continue
                self.keep_alive()
                if listener is not None:
                    listener.wait(idle_wait, stop)
                else:
                    # SQLite: the web process cannot signal us, so poll briskly.
                    self.wake.wait(min(idle_wait, 0.05))
                    self.wake.clear()
        finally:
            self.close()
            if listener is not None:
                listener.close()


class _CommitListener:
    """LISTENs on the outbox channel: a unit of work's NOTIFY arrives when it commits."""

    def __init__(self, engine: Engine):
        self._dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._connection: psycopg.Connection | None = None

    def _connect(self) -> psycopg.Connection:
        if self._connection is None or self._connection.closed:
            self._connection = psycopg.connect(self._dsn, autocommit=True)
            self._connection.execute(f"LISTEN {OUTBOX_CHANNEL}")
        return self._connection

    def wait(self, timeout: float, stop: threading.Event) -> None:
        try:
            connection = self._connect()
            for _ in connection.notifies(timeout=timeout, stop_after=1):
                pass
        except psycopg.Error as exc:
            log.warning("outbox listener lost its connection: %s", exc)
            self.close()
            stop.wait(min(timeout, 1.0))

    def drain(self) -> None:
        """Take the notifications that have come, without waiting: the commits they tell of are already visible."""
        try:
            for _ in self._connect().notifies(timeout=0):
                pass
        except psycopg.Error as exc:
            # The read that follows meets the same database and says so; wait() reconnects and warns.
            log.debug("outbox listener could not be read: %s", exc)
            self.close()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class _BatchConfirms:
    """Publisher confirms for a whole batch: publish them all, then wait for the broker's acks.

    Waiting for each message in turn costs a round trip per event; RabbitMQ acknowledges
    delivery tags cumulatively, so a batch costs about one.
    """

    def __init__(self, connection, channel, timeout: float = 10.0):
        self._connection = connection
        self._timeout = timeout
        self._published = 0
        self._confirmed = set()
        self._confirmed_upto = 0
        self._nacked = False
        channel.confirm_select()
        channel.events["basic_ack"].add(self._on_ack)
        channel.events["basic_nack"].add(self._on_nack)

    def _on_ack(self, delivery_tag: int, multiple: bool) -> None:
        if multiple:
            self._confirmed_upto = max(self._confirmed_upto, delivery_tag)
        else:
            self._confirmed.add(delivery_tag)
        while self._confirmed_upto + 1 in self._confirmed:
            self._confirmed_upto += 1
            self._confirmed.discard(self._confirmed_upto)

    def _on_nack(self, delivery_tag: int, multiple: bool) -> None:
        self._nacked = True

    def sent(self, count: int) -> int:
        """Count `count` messages just published; returns the delivery tag of the last of them."""
        self._published += count
        return self._published

    def wait_until(self, delivery_tag: int) -> None:
        """Wait until the broker has confirmed every message up to this delivery tag; raise on a nack or timeout."""
        deadline = time.monotonic() + self._timeout
        while self._confirmed_upto < delivery_tag and not self._nacked:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the broker did not confirm the batch in time")
            self._connection.drain_events(timeout=remaining)
        if self._nacked:
            raise RuntimeError("the broker refused (nacked) part of the batch")


class _PublishFrames:
    """The AMQP frames of a basic.publish to the events exchange, built from prebuilt parts.

    py-amqp builds a message's properties anew and writes each message with a system call of its
    own; most of them are the same for every event, and a batch can go out in one write.
    The message is the one kombu's Producer sent: the JSON body as stored, content type
    application/json in utf-8, persistent (delivery mode 2), the event id as message id and the
    producing service in a header.
    """

    _BASIC_PUBLISH = struct.pack(">HH", 60, 40)
    _FRAME_END = b"\xce"

    def __init__(self, channel_id: int, frame_max: int, exchange: str, service: str):
        self._channel_id = channel_id
        self._body_frame_max = frame_max - 8  # a frame's type, channel, size and end octet
        self._exchange = _short_string(exchange)
        self._methods: dict[str, bytes] = {}
        properties = Message(
            b"", content_type=JSON_CONTENT_TYPE, content_encoding="utf-8", application_headers={"producer": service},
            delivery_mode=2, priority=0, message_id="",
        )._serialize_properties()
        # The message id is the last property in AMQP's order; here it is empty, one zero octet to cut off.
        self._properties = properties[:-1]

    def _frame(self, kind: int, payload: bytes) -> bytes:
        return struct.pack(">BHI", kind, self._channel_id, len(payload)) + payload + self._FRAME_END

    def publish(self, routing_key: str, message_id: str, body: str) -> bytes:
        method = self._methods.get(routing_key)
        if method is None:
            # reserved short, exchange, routing key, and mandatory and immediate both off
            arguments = b"\x00\x00" + self._exchange + _short_string(routing_key) + b"\x00"
            method = self._methods[routing_key] = self._frame(1, self._BASIC_PUBLISH + arguments)
        content = body.encode()
        header = self._frame(2, struct.pack(">HHQ", 60, 0, len(content)) + self._properties + _short_string(message_id))
        if len(content) <= self._body_frame_max:
            return method + header + self._frame(3, content)
        step = self._body_frame_max
        return method + header + b"".join(self._frame(3, content[at:at + step]) for at in range(0, len(content), step))


def _short_string(text: str) -> bytes:
    encoded = text.encode()
    if len(encoded) > 255:
        raise ValueError(f"{text[:40]!r}... is longer than an AMQP short string's 255 bytes")
    return bytes((len(encoded),)) + encoded
