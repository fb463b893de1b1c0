"""The platform's events as a subscriber of the bench's own sees them: each one's data and when it arrived."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from kombu import Consumer, Queue, binding

from contracts import REGISTRY
from servicekit.bus.topology import Topology


@dataclass(frozen=True)
class Arrival:
    type: str
    data: dict[str, Any]
    arrived_at: datetime


class BusListener:
    """A queue of the bench's own, bound to the named events on the platform's exchange and drained by a
    thread for as long as the `with` block runs; what it saw is in `arrivals`, in the order it came."""

    def __init__(self, broker_url: str, namespace: str, event_names: tuple[str, ...]):
        self.topology = Topology(broker_url, namespace)
        self.routing_keys = [REGISTRY.latest(name).routing_key for name in event_names]
        self.arrivals: list[Arrival] = []
        self._listening = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="bench-bus-listener", daemon=True)

    def __enter__(self) -> "BusListener":
        self._thread.start()
        if not self._listening.wait(30):
            raise RuntimeError("the bench's queue was not bound to the platform's exchange within 30 s")
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join(10)

    def _listen(self) -> None:
        # Exclusive and auto-deleted: it lives as long as this connection, and no service ever reads it.
        queue = Queue(
            f"{self.topology.namespace}.bench-listener",
            bindings=[binding(self.topology.events, routing_key=key) for key in self.routing_keys],
            exclusive=True,
            auto_delete=True,
        )
        with self.topology.connection() as connection, Consumer(
            connection, queues=[queue], callbacks=[self._arrived], accept=["json"], no_ack=True
        ):
            self._listening.set()
            while not self._stop.is_set():
                connection.heartbeat_check()
                try:
                    connection.drain_events(timeout=0.5)
                except TimeoutError:
                    continue

    def _arrived(self, body: dict[str, Any], message) -> None:
        self.arrivals.append(Arrival(body["type"], body["data"], datetime.now(timezone.utc)))
