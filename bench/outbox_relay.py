"""Outbox relay throughput with publisher confirms, against raw pika publishing with confirms.

Targets: >= 2,000 events/s and >= 0.6 of raw pika, same broker, same run.
Run: .venv/bin/python -m bench.outbox_relay [--events 20000]
"""
from __future__ import annotations

import argparse
import json
import time

import pika

from bench.common import create_bus_tables, local_infrastructure, register_bench_event
from servicekit.bus.relay import OutboxRelay
from servicekit.bus.topology import Topology
from servicekit.config import ServiceConfig
from servicekit.migrations import ensure_database
from servicekit.runtime import Runtime

LINES = [{"product_id": "7a1c4f0e-0000-4000-8000-000000000001", "quantity": 2, "unit_price": 12000}] * 3


def fill_outbox(runtime: Runtime, count: int) -> None:
    for start in range(0, count, 1000):
        with runtime.unit_of_work() as uow:
            for sequence in range(start, min(count, start + 1000)):
                uow.record("BenchPing", {"order_id": f"o-{sequence}", "sequence": sequence, "lines": LINES})
            uow.commit()


def relay_rate(runtime: Runtime, count: int) -> float:
    relay = OutboxRelay(runtime.engine, runtime.topology, "bench-sender")
    relay.publish_pending()  # connect and declare before the clock starts
    fill_outbox(runtime, count)
    started = time.perf_counter()
    published = 0
    while published < count:
        published += relay.publish_pending()
    elapsed = time.perf_counter() - started
    relay.close()
    return count / elapsed


def pika_rate(broker_url: str, topology: Topology, count: int) -> float:
    body = json.dumps({"type": "BenchPing", "data": {"order_id": "o-1", "sequence": 1, "lines": LINES}}).encode()
    connection = pika.BlockingConnection(pika.URLParameters(broker_url.rstrip("/") + "/%2F"))
    channel = connection.channel()
    channel.confirm_delivery()
    started = time.perf_counter()
    for _ in range(count):
        channel.basic_publish(topology.events.name, "BenchPing.v1", body,
                              pika.BasicProperties(delivery_mode=2, content_type="application/json"))
    elapsed = time.perf_counter() - started
    connection.close()
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=20000)
    args = parser.parse_args()
    register_bench_event()
    with local_infrastructure() as infrastructure:
        config = ServiceConfig.from_env("bench-sender", {
            "BENCH-SENDER_DATABASE_URL": infrastructure.database("bench_sender"),
            "BROKER_URL": infrastructure.rabbitmq_url,
            "BUS_NAMESPACE": infrastructure.bus_namespace,
        })
        ensure_database(config.database_url)
        runtime = Runtime(config)
        create_bus_tables(runtime.engine)
        relay = relay_rate(runtime, args.events)
        raw = pika_rate(infrastructure.rabbitmq_url, runtime.topology, args.events)
        runtime.dispose()
    print(f"outbox relay: {relay:,.0f} events/s (target >= 2,000)")
    print(f"raw pika:     {raw:,.0f} events/s")
    print(f"ratio relay/pika: {relay / raw:.2f} (target >= 0.6)")


if __name__ == "__main__":
    main()
