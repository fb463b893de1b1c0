"""Commit-to-handler latency of an event between two services, over the real broker.

One process commits events (as a web process does), a second relays the outbox (woken by the
commit's NOTIFY), a third consumes and handles them. Targets: p50 < 20 ms, p99 < 100 ms.
Run: .venv/bin/python -m bench.event_latency [--events 1000 --rate 100]
"""
from __future__ import annotations

import argparse
import multiprocessing
import threading
import time
from datetime import datetime, timezone

from sqlalchemy import Column, Float, MetaData, String, Table, func, select

from bench.common import create_bus_tables, local_infrastructure, register_bench_event, summary_ms
from servicekit.bus.consumer import EventConsumer
from servicekit.bus.handlers import EventHandlers
from servicekit.bus.relay import OutboxRelay
from servicekit.config import ServiceConfig
from servicekit.migrations import ensure_database
from servicekit.runtime import Runtime

register_bench_event()
latency_metadata = MetaData()
latencies = Table("latencies", latency_metadata, Column("event_id", String(36), primary_key=True),
                  Column("seconds", Float))


def config_for(service: str, env: dict) -> ServiceConfig:
    return ServiceConfig.from_env(service, env)


def run_relay(env: dict, stop) -> None:
    runtime = Runtime(config_for("bench-sender", env))
    OutboxRelay(runtime.engine, runtime.topology, "bench-sender").run(stop)


def run_consumer(env: dict, stop) -> None:
    runtime = Runtime(config_for("bench-receiver", env))
    handlers = EventHandlers("bench-receiver")

    @handlers.on("BenchPing")
    def record_latency(uow, event, envelope):
        seconds = (datetime.now(timezone.utc) - envelope.occurred_at).total_seconds()
        if event["sequence"] < 0:
            seconds = -1.0  # the warm-up event, not measured
        uow.session.execute(latencies.insert().values(event_id=envelope.id, seconds=seconds))

    EventConsumer(service="bench-receiver", topology=runtime.topology, handlers=handlers,
                  unit_of_work=runtime.unit_of_work).run(stop)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=100, help="events committed per second")
    args = parser.parse_args()
    with local_infrastructure() as infrastructure:
        env = {
            "BENCH-SENDER_DATABASE_URL": infrastructure.database("bench_sender"),
            "BENCH-RECEIVER_DATABASE_URL": infrastructure.database("bench_receiver"),
            "BROKER_URL": infrastructure.rabbitmq_url,
            "BUS_NAMESPACE": infrastructure.bus_namespace,
            "LOG_FORMAT": "text",
        }
        sender, receiver = Runtime(config_for("bench-sender", env)), Runtime(config_for("bench-receiver", env))
        for runtime in (sender, receiver):
            ensure_database(runtime.config.database_url)
            create_bus_tables(runtime.engine)
        latency_metadata.create_all(receiver.engine)

        context = multiprocessing.get_context("spawn")
        stop = context.Event()
        processes = [context.Process(target=target, args=(env, stop)) for target in (run_relay, run_consumer)]
        for process in processes:
            process.start()
        # Warm up: the first event waits for connections and queue declarations.
        with sender.unit_of_work() as uow:
            uow.record("BenchPing", {"order_id": "warm-up", "sequence": -1, "lines": []})
            uow.commit()
        def count() -> int:
            with receiver.engine.connect() as connection:
                return connection.execute(select(func.count()).select_from(latencies)).scalar_one()

        deadline = time.monotonic() + 60
        while count() < 1 and time.monotonic() < deadline:
            time.sleep(0.1)

        interval = 1 / args.rate
        started = time.perf_counter()
        for sequence in range(args.events):
            with sender.unit_of_work() as uow:
                uow.record("BenchPing", {"order_id": f"o-{sequence}", "sequence": sequence, "lines": []})
                uow.commit()
            time.sleep(max(0.0, started + (sequence + 1) * interval - time.perf_counter()))
        deadline = time.monotonic() + 60
        while count() < args.events + 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        stop.set()
        for process in processes:
            process.join(15)
        with receiver.engine.connect() as connection:
            values = list(connection.execute(select(latencies.c.seconds).where(latencies.c.seconds >= 0)).scalars())
        sender.dispose()
        receiver.dispose()
    print(f"commit-to-handler latency at {args.rate:.0f} events/s: {summary_ms(values)} "
          f"(targets p50 < 20 ms, p99 < 100 ms)")


if __name__ == "__main__":
    main()
