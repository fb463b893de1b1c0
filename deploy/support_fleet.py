"""Several support worker processes on one queue, and paid orders for them to learn: what the
scale-out tests and the support workers benchmark share.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from kombu import Producer

from contracts import REGISTRY, Envelope
from deploy.layout import ROOT
from servicekit.bus.topology import Topology

# What a support worker logs for each order it learns of: which process did the work.
LEARNED = "support learned of paid order"


def paid_orders(count: int) -> list[Envelope]:
    """OrderPaid events of `count` different orders, one line and one shipment each, as orders sends them."""
    contract = REGISTRY.latest("OrderPaid")
    now = datetime.now(timezone.utc)
    envelopes = []
    for n in range(count):
        order_id, seller_id = str(uuid.uuid4()), str(uuid.uuid4())
        data = {
            "order_id": order_id, "order_number": f"{n:014d}", "customer_id": str(uuid.uuid4()),
            "lines": [{"line_no": 1, "product_id": str(uuid.uuid4()), "seller_id": seller_id,
                       "product_name": "Jeju green tea", "quantity": 1, "unit_price": 12000}],
            "shipments": [{"shipment_id": str(uuid.uuid4()), "seller_id": seller_id, "shipping_fee": 3000,
                           "discount": 0}],
            "items_amount": 12000, "shipping_fee": 3000, "discount": 0, "points_used": 0, "paid_amount": 15000,
            "paid_at": now,
        }
        envelopes.append(Envelope(type=contract.name, version=contract.version, producer=contract.producer,
                                  data=contract.dump(data)))
    return envelopes


def publish(topology: Topology, envelopes: list[Envelope]) -> None:
    """Publish events to the bus as orders' relay does, each confirmed by the broker."""
    with topology.connection() as connection:
        channel = connection.channel()
        topology.declare_for(channel, "orders")
        producer = Producer(channel, exchange=topology.events)
        for envelope in envelopes:
            producer.publish(envelope.to_wire(), routing_key=envelope.routing_key, serializer="json", delivery_mode=2,
                             message_id=envelope.id, retry=False)


class SupportFleet:
    """`python -m support.worker` processes sharing the support queue, each logging to its own file."""

    def __init__(self, env: dict[str, str], topology: Topology, workdir: Path):
        self.env = {**os.environ, "LOG_FORMAT": "text", "LOG_LEVEL": "INFO", **env}
        self.topology = topology
        self.workdir = workdir
        self.processes: dict[int, subprocess.Popen] = {}

    def start(self, count: int) -> None:
        for index in range(len(self.processes), len(self.processes) + count):
            with open(self.log_of(index), "ab") as log:
                self.processes[index] = subprocess.Popen(
                    [sys.executable, "-m", "support.worker"], env=self.env, cwd=ROOT, stdout=log,
                    stderr=subprocess.STDOUT, start_new_session=True,
                )

    def log_of(self, index: int) -> Path:
        return self.workdir / f"support-worker-{index}.log"

    def consumers(self) -> int:
        """How many consumers the support queue has now."""
        with self.topology.connection() as connection:
            channel = connection.channel()
            self.topology.declare_for(channel, "support")
            return channel.queue_declare(queue=self.topology.queue_for("support").name, passive=True).consumer_count

    def wait_until_consuming(self, timeout: float = 30) -> None:
        """Until every running worker consumes the queue, so the events that follow are shared."""
        deadline = time.monotonic() + timeout
        while self.consumers() < len(self.processes):
            if time.monotonic() > deadline:
                raise TimeoutError(f"support workers not all consuming; see {self.workdir}")
            time.sleep(0.1)

    def learned(self, index: int) -> int:
        """How many orders worker `index` learned of, by its log."""
        return self.log_of(index).read_text(errors="replace").count(LEARNED)

    def kill(self, index: int) -> None:
        """SIGKILL: the worker gets no chance to finish or acknowledge what it holds."""
        process = self.processes.pop(index)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def stop(self) -> None:
        for process in self.processes.values():
            os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        self.processes.clear()
