"""Exchanges, queues and bindings, declared from the contracts so every process agrees on them."""
from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kombu import Connection, Exchange, Queue, binding

from contracts import REGISTRY
from servicekit.bus import filesystem

# A message that kills its consumer again and again (so never reaches our retry ledger)
# is dead-lettered by RabbitMQ itself after this many deliveries.
BROKER_DELIVERY_LIMIT = 20
# Seconds between AMQP heartbeats. The broker drops a connection that stays silent for two of them,
# so every loop holding a connection calls keep_alive() far more often than that.
DEFAULT_HEARTBEAT_SECONDS = 30


def keep_alive(connection: Connection) -> None:
    """Read what the broker sent (its heartbeats, publisher confirms) without waiting, and send our
    heartbeat when one is due; raises when the broker has gone silent for two heartbeats.

    Heartbeats rather than a heartbeat of 0 with TCP keepalive: they notice a broker that stopped
    answering behind a connection the network keeps open (a proxy, a NAT, a paused VM) within a
    minute on both sides, so the broker hands an absent worker's unacknowledged messages to another
    worker. The price is this call, made about every second by each loop that holds a connection
    (kombu does not send heartbeats on its own).
    """
    if not connection.supports_heartbeats or not connection.connected:
        return
    try:
        connection.drain_events(timeout=0)
    except socket.timeout:
        pass
    connection.heartbeat_check()


@dataclass(frozen=True)
class QueueCounts:
    """A queue as the broker counts it now: messages ready for a consumer, and consumers attached."""

    ready: int
    consumers: int


def queue_counts(connection: Connection, name: str) -> QueueCounts | None:
    """Counts of a queue by passive declare (which creates nothing), or None when it does not exist."""
    channel = connection.channel()
    try:
        _, ready, consumers = channel.queue_declare(name, passive=True)
    except connection.channel_errors as exc:
        # AMQP says 404; the embedded transport's error has no code. Anything else is a real failure.
        if getattr(exc, "code", 404) != 404:
            raise
        return None
    finally:
        try:
            channel.close()
        except Exception:  # noqa: BLE001 - the broker closes a channel itself after a 404
            pass
    return QueueCounts(ready, consumers)


class Topology:
    """Names and declarations for one bus namespace (one per deployment, one per test run)."""

    def __init__(self, broker_url: str, namespace: str, heartbeat: float = DEFAULT_HEARTBEAT_SECONDS):
        self.broker_url = broker_url
        self.namespace = namespace
        self.heartbeat = heartbeat
        self.is_amqp = urlsplit(broker_url).scheme in ("amqp", "amqps", "pyamqp")
        self.events = Exchange(f"{namespace}.events", type="topic", durable=True)
        self.dead_letters = Exchange(f"{namespace}.dead-letter", type="direct", durable=True)

    def connection(self, confirm_each_publish: bool = True) -> Connection:
        """A broker connection; with AMQP each publish waits for its confirm unless told otherwise
        (the outbox relay confirms whole batches itself)."""
        if self.is_amqp:
            return Connection(
                self.broker_url,
                transport_options={"confirm_publish": confirm_each_publish},
                heartbeat=self.heartbeat,
                connect_timeout=5,
            )
        folder = Path(urlsplit(self.broker_url).path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "control").mkdir(exist_ok=True)
        return Connection(
            "filesystem://",
            transport=filesystem.Transport,
            transport_options={
                "data_folder_in": str(folder),
                "data_folder_out": str(folder),
                "control_folder": str(folder / "control"),
                "polling_interval": 0.02,
            },
        )

    def _queue_arguments(self, service: str) -> dict:
        if not self.is_amqp:
            return {}
        return {
            "x-queue-type": "quorum",
            "x-delivery-limit": BROKER_DELIVERY_LIMIT,
            "x-dead-letter-exchange": self.dead_letters.name,
            "x-dead-letter-routing-key": service,
        }

    def queue_for(self, service: str) -> Queue:
        """The one durable queue a subscribing service's workers share (competing consumers)."""
        bindings = [contract.routing_key for contract in REGISTRY.subscribed_by(service)]
        return Queue(
            f"{self.namespace}.{service}",
            bindings=[binding(self.events, routing_key=key) for key in bindings],
            durable=True,
            queue_arguments=self._queue_arguments(service),
        )

    def dead_letter_queue_for(self, service: str) -> Queue:
        arguments = {"x-queue-type": "quorum"} if self.is_amqp else {}
        return Queue(
            f"{self.namespace}.{service}.dead-letter",
            exchange=self.dead_letters,
            routing_key=service,
            durable=True,
            queue_arguments=arguments,
        )

    def declare(self, channel, services: set[str] | None = None) -> None:
        """Declare the exchanges and, for each subscribing service, its queue and dead-letter queue.

        Publishers declare their subscribers' queues too, so an event published before a
        subscriber first started is kept for it rather than dropped as unroutable.
        """
        self.events(channel).declare()
        self.dead_letters(channel).declare()
        for service in sorted(services if services is not None else REGISTRY.services()):
            if REGISTRY.subscribed_by(service):
                self.queue_for(service)(channel).declare()
            self.dead_letter_queue_for(service)(channel).declare()

    def declare_for(self, channel, service: str) -> None:
        """What one service's processes need: its own queues and those of everyone it publishes to."""
        names = {service}
        for contract in REGISTRY.published_by(service):
            names.update(contract.subscribers)
        self.declare(channel, names)

    def delete(self, channel) -> None:
        """Remove everything this namespace declared (test runs clean up after themselves)."""
        for service in REGISTRY.services():
            for queue in (self.queue_for(service), self.dead_letter_queue_for(service)):
                try:
                    queue(channel).delete()
                except Exception:  # noqa: BLE001 - a queue never declared is fine to skip
                    pass
        for exchange in (self.events, self.dead_letters):
            try:
                exchange(channel).delete()
            except Exception:  # noqa: BLE001
                pass

