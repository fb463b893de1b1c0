"""The consumer: handles each event once, retries failures with back-off, dead-letters the rest."""
from __future__ import annotations

import logging
import socket
import threading
import traceback
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from kombu import Producer
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from contracts import Envelope
from servicekit.bus.handlers import EventHandlers
from servicekit.bus.tables import failed_events, inbox
from servicekit.bus.topology import Topology
from servicekit.context import correlated
from servicekit.db import UnitOfWork

log = logging.getLogger(__name__)

RETRYING, DEAD = "retrying", "dead"


class EventConsumer:
    """Consumes a service's queue with manual acknowledgement after the handler's commit.

    The event id goes into the inbox in the handler's own transaction, so a redelivered event
    (a worker killed before its ack) is recognised and skipped. A failing handler is recorded in
    the failed_events ledger and the message acked, so the queue keeps flowing; the ledger is
    retried with exponential back-off, and after `max_attempts` the event goes to the service's
    dead-letter queue with its error.
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
    ):
        handlers.check_complete()
        self.service = service
        self.topology = topology
        self.handlers = handlers
        self.unit_of_work = unit_of_work
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.prefetch = prefetch

    # -- handling -------------------------------------------------------------------------

    def handle(self, envelope: Envelope, routing_key: str) -> bool:
        """Apply one event once. Returns False when it had already taken effect here."""
        registration = self.handlers.for_routing_key(routing_key)
        if registration is None:
            raise LookupError(f"{self.service} has no handler for {routing_key}")
        with correlated(envelope.correlation_id or envelope.id, envelope.id), self.unit_of_work() as uow:
            seen = uow.session.execute(select(inbox.c.event_id).where(inbox.c.event_id == envelope.id)).first()
            if seen:
                return False
            registration.handler(uow, registration.contract.load(envelope.data), envelope)
            uow.session.execute(
                insert(inbox).values(
                    event_id=envelope.id, routing_key=routing_key, handled_at=datetime.now(timezone.utc)
                )
            )
            uow.session.execute(delete(failed_events).where(failed_events.c.event_id == envelope.id))
            try:
                uow.commit()
            except IntegrityError:
                # Another worker committed the same event id first: it has taken effect once.
                return False
        return True

    def _record_failure(self, payload: dict[str, Any], routing_key: str, error: str) -> tuple[str, int]:
        now = datetime.now(timezone.utc)
        with self.unit_of_work() as uow:
            row = uow.session.execute(
                select(failed_events.c.attempts, failed_events.c.status)
                .where(failed_events.c.event_id == payload["id"])
                .with_for_update()
            ).first()
            attempts = 1 if row is None or row.status == DEAD else row.attempts + 1
            status = DEAD if attempts >= self.max_attempts else RETRYING
            values = dict(
                routing_key=routing_key,
                payload=payload,
                attempts=attempts,
                last_error=error[-4000:],
                status=status,
                next_attempt_at=now + timedelta(seconds=self.backoff_seconds * 2 ** (attempts - 1)),
                updated_at=now,
            )
            if row is None:
                uow.session.execute(insert(failed_events).values(event_id=payload["id"], **values))
            else:
                uow.session.execute(
                    update(failed_events).where(failed_events.c.event_id == payload["id"]).values(**values)
                )
            uow.session.commit()
        return status, attempts

    def _process(self, payload: dict[str, Any], routing_key: str, producer: Producer) -> None:
        try:
            envelope = Envelope.from_wire(payload)
        except Exception as exc:  # noqa: BLE001 - not an event at all: no retry can help
            self._dead_letter(producer, payload, routing_key, f"unreadable envelope: {exc}", attempts=0)
            return
        try:
            self.handle(envelope, routing_key)
        except Exception:  # noqa: BLE001 - any handler failure is retried, then dead-lettered
            error = traceback.format_exc()
            log.warning("handler for %s %s failed", routing_key, envelope.id, exc_info=True)
            status, attempts = self._record_failure(payload, routing_key, error)
            if status == DEAD:
                self._dead_letter(producer, payload, routing_key, error, attempts)

    def _dead_letter(self, producer: Producer, payload: Any, routing_key: str, error: str, attempts: int) -> None:
        log.error("dead-lettering %s after %s attempts", routing_key, attempts)
        producer.publish(
            payload,
            exchange=self.topology.dead_letters,
            routing_key=self.service,
            serializer="json",
            delivery_mode=2,
            headers={
                "x-original-routing-key": routing_key,
                "x-error": error[-4000:],
                "x-attempts": attempts,
                "x-dead-lettered-at": datetime.now(timezone.utc).isoformat(),
            },
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
            self._process(row.payload, row.routing_key, producer)
        return len(due)

    # -- the consuming loop ---------------------------------------------------------------

    def run(self, stop: threading.Event) -> None:
        """Consume until stopped, reconnecting with back-off when the broker or database goes away."""
        backoff = 0.5
        while not stop.is_set():
            try:
                self._consume(stop)
                backoff = 0.5
            except Exception as exc:  # noqa: BLE001 - unacked messages are redelivered after reconnect
                log.warning("%s consumer lost its connection: %s", self.service, exc)
                stop.wait(backoff)
                backoff = min(backoff * 2, 10)

    def _consume(self, stop: threading.Event) -> None:
        queue = self.topology.queue_for(self.service)
        with self.topology.connection() as connection:
            connection.ensure_connection(max_retries=1)
            channel = connection.channel()
            self.topology.declare_for(channel, self.service)
            producer = Producer(connection.channel())

            def on_message(body, message):
                # A replayed dead letter comes straight to the queue and names its event here.
                routing_key = (message.headers or {}).get("x-original-routing-key") or message.delivery_info.get(
                    "routing_key", ""
                )
                self._process(body, routing_key, producer)
                message.ack()

            with connection.Consumer(
                queue, channel=channel, callbacks=[on_message], accept=["json"], prefetch_count=self.prefetch
            ):
                last_retry_sweep = 0.0
                while not stop.is_set():
                    try:
                        connection.drain_events(timeout=0.5)
                    except socket.timeout:
                        pass
                    now = datetime.now(timezone.utc).timestamp()
                    if now - last_retry_sweep >= min(self.backoff_seconds, 1.0):
                        last_retry_sweep = now
                        self.retry_due(producer)
