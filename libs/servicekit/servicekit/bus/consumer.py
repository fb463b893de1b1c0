"""The consumer: handles each event once, retries failures with back-off, dead-letters the rest."""
from __future__ import annotations

import json
import logging
import socket
import threading
import traceback
from collections import deque
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from kombu import Producer
from marshmallow import ValidationError
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from contracts import ContractError, Envelope
from servicekit.bus.handlers import EventHandlers, Registration
from servicekit.bus.letters import ORIGINAL_ROUTING_KEY, dead_letter_headers
from servicekit.bus.metrics import (
    CONSUMER_RECONNECTS, EVENT_FAILURES, EVENT_RETRIES, EVENTS_DEAD_LETTERED, EVENTS_HANDLED, HANDLER,
    HANDLER_SECONDS, UNKNOWN_EVENT, UNREADABLE,
)
from servicekit.bus.tables import failed_events, inbox
from servicekit.bus.topology import Topology, keep_alive
from servicekit.context import correlated
from servicekit.db import UnitOfWork, is_postgres

log = logging.getLogger(__name__)

RETRYING, DEAD = "retrying", "dead"
JSON_CONTENT_TYPE = "application/json"
# Events are small (an order of a hundred lines is ~20 KB); a body far beyond that is not one of ours.
DEFAULT_MAX_EVENT_BYTES = 1024 * 1024
# AMQP's limit on a routing key; a header naming a longer one names no event.
MAX_ROUTING_KEY_LENGTH = 255
FIRST_RECONNECT_DELAY, LAST_RECONNECT_DELAY = 0.5, 10.0


_EVENT_ID = bindparam("event_id", type_=inbox.c.event_id.type)
_LEAVE_LEDGER = delete(failed_events).where(failed_events.c.event_id == _EVENT_ID)


def _claim_with(insert_into):
    return insert_into(inbox).values(
        event_id=_EVENT_ID, routing_key=bindparam("routing_key"), handled_at=bindparam("handled_at")
    ).on_conflict_do_nothing(index_elements=[inbox.c.event_id]).returning(inbox.c.event_id)


_CLAIM = _claim_with(sqlite.insert)
_CLAIM_ON_POSTGRES = _claim_with(postgresql.insert).add_cte(_LEAVE_LEDGER.cte("left_ledger"))


class Unreadable(Exception):
    """A message no retry can help: not an event this service can read. Dead-lettered at once."""


class EventConsumer:
    """Consumes a service's queue with manual acknowledgement after the handler's commit.

    The event id goes into the inbox in the handler's own transaction, so a redelivered event
    (a worker killed before its ack) is recognised and skipped. A failing handler is recorded in
    the failed_events ledger and the message acked, so the queue keeps flowing; the ledger is
    retried with exponential back-off, and after `max_attempts` the event goes to the service's
    dead-letter queue with its error. A message that cannot be read at all (not JSON, not an
    envelope, an event this service does not handle, data its contract refuses, too big) goes to
    the dead-letter queue at once with the reason: retrying cannot make it readable.
    """

    def __init__(
        self,
        *,
        service: str,
        topology: Topology,
        handlers: EventHandlers,
        unit_of_work: Callable[[], UnitOfWork],
        max_attempts: int = 5,
        backoff_seconds: float = 2.0,
        prefetch: int = 20,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
    ):
        handlers.check_complete()
        self.service = service
        self.topology = topology
        self.handlers = handlers
        self.unit_of_work = unit_of_work
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.prefetch = prefetch
        self.max_event_bytes = max_event_bytes
        self._reconnect_delay = FIRST_RECONNECT_DELAY
        # True while a consumer is attached to the service's queue: the worker's readiness asks.
        self.attached = False

    # -- reading --------------------------------------------------------------------------

    def read_body(self, body: bytes, content_type: str | None, content_encoding: str | None) -> dict[str, Any]:
        """The JSON object a message carries, or Unreadable saying why there is none."""
        if len(body) > self.max_event_bytes:
            raise Unreadable(f"oversized: {len(body)} bytes, the limit is {self.max_event_bytes}")
        if (content_type or "").split(";")[0].strip().lower() != JSON_CONTENT_TYPE:
            raise Unreadable(f"content type {content_type!r} is not {JSON_CONTENT_TYPE}")
        if (content_encoding or "utf-8").lower() not in ("utf-8", "utf8"):
            raise Unreadable(f"content encoding {content_encoding!r} is not utf-8")
        try:
            payload = json.loads(body.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise Unreadable(f"not UTF-8: {exc}") from None
        except ValueError as exc:
            raise Unreadable(f"not JSON: {exc}") from None
        except RecursionError:
            raise Unreadable("not JSON this service can read: nested too deeply") from None
        if not isinstance(payload, dict):
            raise Unreadable(f"not an envelope: a JSON {type(payload).__name__}, not an object")
        return payload

    @staticmethod
    def replayed_routing_key(headers: dict[str, Any] | None) -> str | None:
        """The event a replayed dead letter names in its header (it comes straight to the queue), or None
        for a message without one; Unreadable for a header that is no routing key.

        The header is bounded here because it goes on into the dead-letter headers and the log line,
        where an unbounded one would overflow the broker's frame and drop the connection.
        """
        named = (headers or {}).get(ORIGINAL_ROUTING_KEY)
        if named is None or named == "":
            return None
        if not isinstance(named, str):
            raise Unreadable(f"the {ORIGINAL_ROUTING_KEY} header is not a routing key but a {type(named).__name__}")
        if len(named) > MAX_ROUTING_KEY_LENGTH:
            raise Unreadable(
                f"the {ORIGINAL_ROUTING_KEY} header is {len(named)} characters long, "
                f"longer than any routing key ({MAX_ROUTING_KEY_LENGTH})"
            )
        return named

    def read_envelope(self, payload: dict[str, Any]) -> Envelope:
        try:
            return Envelope.from_wire(payload)
        except (ValidationError, TypeError, ValueError) as exc:
            raise Unreadable(f"not an envelope: {exc}") from None

    def _reads_in_another_version(self, envelope: Envelope, routing_key: str) -> bool:
        """An edition of an event this service reads in another version. While a service moves to a new
        version, its queue is bound to both and its workers of two releases share it; the producer
        publishes every version still read, under one event id (UnitOfWork.record), so the edition a
        worker reads comes too, and the inbox takes the event once. A version the contracts do not know
        stays unreadable."""
        return routing_key == envelope.routing_key and self.handlers.reads_in_another_version(
            envelope.type, envelope.version
        )

    def _handler_and_data(self, envelope: Envelope, routing_key: str) -> tuple[Registration, dict[str, Any]]:
        if routing_key != envelope.routing_key:
            raise Unreadable(f"routed as {routing_key!r} but the envelope says {envelope.routing_key!r}")
        registration = self.handlers.for_routing_key(routing_key)
        if registration is None:
            raise Unreadable(f"{self.service} handles no event {routing_key!r} (unknown type or version)")
        try:
            return registration, registration.contract.load(envelope.data)
        except ContractError as exc:
            raise Unreadable(f"data refused by its contract: {exc}") from None

    # -- handling -------------------------------------------------------------------------

    def handle(self, envelope: Envelope, routing_key: str) -> bool:
        """Apply one event once. Returns False when it had already taken effect here, or is an edition
        this service leaves alone.

        Raises Unreadable, before anything is done, for an event this service cannot read.
        """
        if self._reads_in_another_version(envelope, routing_key):
            log.debug("event %s %s left alone: %s reads %s in another version, published beside it",
                      envelope.id, routing_key, self.service, envelope.type)
            return False
        registration, data = self._handler_and_data(envelope, routing_key)
        with (
            HANDLER_SECONDS.labels(self.service, routing_key).time(),
            correlated(envelope.correlation_id or envelope.id, envelope.id),
            self.unit_of_work() as uow,
        ):
            first_time = self._claim(uow, envelope.id, routing_key)
            if first_time:
                registration.handler(uow, data, envelope)
            uow.commit()
        if first_time:
            EVENTS_HANDLED.labels(self.service, routing_key).inc()
        return first_time

    @staticmethod
    def _claim(uow: UnitOfWork, event_id: str, routing_key: str) -> bool:
        """Put the event in the inbox, first thing in the handler's transaction; False when it is there already.

        An event another worker is handling (redelivered to this one) makes the insert wait for that
        transaction: its commit leaves this one nothing to do, its rollback leaves the event to this one. A
        retried event that takes effect now, or took effect before, leaves the retry ledger in the same
        transaction. On PostgreSQL both are one statement, one round trip.
        """
        # Core statements built once, on the session's connection: the ORM has nothing to add to them.
        connection = uow.session.connection()
        params = {"event_id": event_id, "routing_key": routing_key, "handled_at": datetime.now(timezone.utc)}
        if is_postgres(connection):
            return connection.execute(_CLAIM_ON_POSTGRES, params).first() is not None
        connection.execute(_LEAVE_LEDGER, params)
        return connection.execute(_CLAIM, params).first() is not None

    def _event_label(self, routing_key: str) -> str:
        return routing_key if self.handlers.for_routing_key(routing_key) is not None else UNKNOWN_EVENT

    def _record_failure(self, event_id: str, payload: dict[str, Any], routing_key: str, error: str) -> tuple[str, int]:
        now = datetime.now(timezone.utc)
        with self.unit_of_work() as uow:
            row = uow.session.execute(
                select(failed_events.c.attempts, failed_events.c.status)
                .where(failed_events.c.event_id == event_id)
                .with_for_update()
            ).first()
            attempts = 1 if row is None or row.status == DEAD else row.attempts + 1
            status = DEAD if attempts >= self.max_attempts else RETRYING
            values = dict(
                routing_key=routing_key,
                payload=payload,
                attempts=attempts,
                # PostgreSQL text holds no NUL; an error quoting an event's text may, and must not stop the consumer.
                last_error=error[-4000:].replace("\x00", "\\x00"),
                status=status,
                next_attempt_at=now + timedelta(seconds=self.backoff_seconds * 2 ** (attempts - 1)),
                updated_at=now,
            )
            if row is None:
                uow.session.execute(insert(failed_events).values(event_id=event_id, **values))
            else:
                uow.session.execute(
                    update(failed_events).where(failed_events.c.event_id == event_id).values(**values)
                )
            uow.session.commit()
        return status, attempts

    def process(self, payload: dict[str, Any], routing_key: str, producer: Producer, body: bytes | None = None) -> None:
        """Handle a decoded message (`body`: the bytes it came as); a handler failure is retried
        later, an unreadable message dead-lettered now."""
        try:
            envelope = self.read_envelope(payload)
            self.handle(envelope, routing_key)
        except Unreadable as unreadable:
            self._dead_letter_unreadable(producer, body or json.dumps(payload).encode(), JSON_CONTENT_TYPE, "utf-8",
                                         routing_key, str(unreadable), event_id=payload.get("id"))
        except Exception as exc:  # noqa: BLE001 - any handler failure is retried, then dead-lettered
            error = traceback.format_exc()
            status, attempts = self._record_failure(envelope.id, payload, routing_key, error)
            log.warning(
                "event %s %s failed (attempt %d of %d, %s): %s: %s",
                envelope.id, routing_key, attempts, self.max_attempts,
                "dead-lettered" if status == DEAD else "will retry", type(exc).__name__, exc,
            )
            EVENT_FAILURES.labels(self.service, routing_key, HANDLER).inc()
            if status == DEAD:
                EVENTS_DEAD_LETTERED.labels(self.service, routing_key, HANDLER).inc()
                producer.publish(
                    payload,
                    exchange=self.topology.dead_letters,
                    routing_key=self.service,
                    serializer="json",
                    delivery_mode=2,
                    headers=dead_letter_headers(routing_key, error, attempts),
                    retry=False,
                )

    def receive(self, message, producer: Producer) -> None:
        """One message as it comes off the queue: read it, handle it, and acknowledge it in every case
        but a lost connection (then the broker redelivers it)."""
        routing_key = message.delivery_info.get("routing_key", "")
        body = message.body if isinstance(message.body, bytes) else str(message.body).encode("utf-8", "replace")
        try:
            routing_key = self.replayed_routing_key(message.headers) or routing_key
            payload = self.read_body(body, message.content_type, message.content_encoding)
        except Unreadable as unreadable:
            self._dead_letter_unreadable(
                producer, body, message.content_type, message.content_encoding, routing_key, str(unreadable)
            )
        else:
            self.process(payload, routing_key, producer, body)
        message.ack()

    def _dead_letter_unreadable(self, producer, body: bytes, content_type, content_encoding, routing_key: str,
                                reason: str, event_id: str | None = None) -> None:
        # The id is whatever the body held: only its start goes in the log line.
        log.warning(
            "event %.64s %s unreadable (attempt 1, dead-lettered): %s", event_id or "-", routing_key or "-", reason
        )
        event = self._event_label(routing_key)
        EVENT_FAILURES.labels(self.service, event, UNREADABLE).inc()
        EVENTS_DEAD_LETTERED.labels(self.service, event, UNREADABLE).inc()
        producer.publish(
            body,
            exchange=self.topology.dead_letters,
            routing_key=self.service,
            content_type=content_type or "application/octet-stream",
            content_encoding=content_encoding or "binary",
            delivery_mode=2,
            headers=dead_letter_headers(routing_key, f"unreadable: {reason}", attempts=1),
            retry=False,
        )

    def retry_due(self, producer: Producer, limit: int = 100) -> int:
        """Run the handlers of failed events whose back-off has passed."""
        now = datetime.now(timezone.utc)
        with self.unit_of_work() as uow:
            due = uow.session.execute(
                select(failed_events.c.payload, failed_events.c.routing_key)
                .where(failed_events.c.status == RETRYING, failed_events.c.next_attempt_at <= now)
                .order_by(failed_events.c.next_attempt_at)
                .limit(limit)
            ).all()
        for row in due:
            EVENT_RETRIES.labels(self.service, row.routing_key).inc()
            self.process(row.payload, row.routing_key, producer)
        return len(due)

    # -- the consuming loop ---------------------------------------------------------------

    def run(self, stop: threading.Event) -> None:
        """Consume until stopped, reconnecting with back-off when the broker or database goes away.

        The back-off starts again from its first step once a connection is up, so a worker that
        was connected for hours reconnects quickly after a broker restart.
        """
        self._reconnect_delay = FIRST_RECONNECT_DELAY
        while not stop.is_set():
            try:
                self._consume(stop)
            except Exception as exc:  # noqa: BLE001 - unacked messages are redelivered after reconnect
                CONSUMER_RECONNECTS.labels(self.service).inc()
                log.warning(
                    "%s consumer lost its connection (%s: %s); reconnecting in %.1fs",
                    self.service, type(exc).__name__, exc, self._reconnect_delay,
                )
                stop.wait(self._reconnect_delay)
                self._reconnect_delay = min(self._reconnect_delay * 2, LAST_RECONNECT_DELAY)

    def _consume(self, stop: threading.Event) -> None:
        queue = self.topology.queue_for(self.service)
        with self.topology.connection() as connection:
            connection.ensure_connection(max_retries=1)
            channel = connection.channel()
            self.topology.declare_for(channel, self.service)
            producer = Producer(connection.channel())
            # Due retries first, which also proves the database answers before the consumer attaches:
            # with it away, every message taken would go back to the queue, and each return counts
            # toward the broker's delivery limit. Failing here, the reconnect back-off keeps growing.
            self.retry_due(producer)
            # on_message gets the raw message: kombu's own decoding would raise out of the loop
            # (and drop the connection) on a body that is not JSON. It only takes the message in: see _drain.
            delivered: deque = deque()
            with connection.Consumer(
                queue, channel=channel, on_message=delivered.append, prefetch_count=self.prefetch,
            ):
                self._reconnect_delay = FIRST_RECONNECT_DELAY
                self.attached = True
                log.info("%s consumer connected to %s", self.service, queue.name)
                try:
                    self._drain(connection, producer, delivered, stop)
                finally:
                    self.attached = False

    def _drain(self, connection, producer: Producer, delivered: deque, stop: threading.Event) -> None:
        """Read from the broker and handle what it delivered, one message after another, until stopped.

        Messages are handled here, never inside the read that delivers them: a dead letter's publish waits for its
        confirm by reading the same connection, which delivers the next messages meanwhile. Handled inside that
        wait, the next one's confirm wait would take the confirm the broker sends for both publishes at once
        (multiple=true), and the outer wait would wait for ever.
        """
        last_retry_sweep = datetime.now(timezone.utc).timestamp()
        while not stop.is_set():
            try:
                connection.drain_events(timeout=0.5)
            except socket.timeout:
                pass
            # Those taken are handled even when stopping: each is acked once its effect has committed.
            while delivered:
                self.receive(delivered.popleft(), producer)
            keep_alive(connection)
            now = datetime.now(timezone.utc).timestamp()
            if now - last_retry_sweep >= min(self.backoff_seconds, 1.0):
                last_retry_sweep = now
                self.retry_due(producer)
