"""Outbox relay throughput with publisher confirms, against raw pika at the broker's limit.

The anchor is raw pika (SelectConnection) publishing the same messages to the same exchange with
pipelined publisher confirms: up to 500 unconfirmed messages in flight, the window refilled as the
broker's (cumulative) acks arrive. Relay and anchor run alternately for a few rounds in one run, the
queue they fill emptied between runs; each round's ratio is printed, then the median and minimum.
Raw pika waiting for each confirm in turn is printed as a second, informative line.

Target: relay >= 0.5 of the pipelined anchor (median ratio, same run).
Run: .venv/bin/python -m bench.outbox_relay [--events 20000] [--rounds 3]
"""
from __future__ import annotations

import argparse
import statistics
import time

import pika
from sqlalchemy import cast, select
from sqlalchemy.types import Text

from bench.common import create_bus_tables, local_infrastructure, register_bench_event
from servicekit.bus.relay import OutboxRelay
from servicekit.bus.tables import outbox
from servicekit.bus.topology import Topology
from servicekit.config import ServiceConfig
from servicekit.migrations import ensure_database
from servicekit.runtime import Runtime

LINES = [{"product_id": "7a1c4f0e-0000-4000-8000-000000000001", "quantity": 2, "unit_price": 12000}] * 3
ROUTING_KEY = "BenchPing.v1"
CONFIRM_WINDOW = 500
TARGET_RATIO = 0.5


def fill_outbox(runtime: Runtime, count: int, relay: OutboxRelay) -> None:
    for start in range(0, count, 1000):
        with runtime.unit_of_work() as uow:
            for sequence in range(start, min(count, start + 1000)):
                uow.record("BenchPing", {"order_id": f"o-{sequence}", "sequence": sequence, "lines": LINES})
            uow.commit()
        # As the worker does between bursts: heartbeats keep the relay's idle connection open.
        relay.keep_alive()


def wire_message(runtime: Runtime) -> tuple[bytes, pika.BasicProperties]:
    """A body and properties as the relay sends them, so the anchor moves the same bytes."""
    with runtime.engine.connect() as connection:
        event_id, body = connection.execute(
            select(outbox.c.event_id, cast(outbox.c.payload, Text)).order_by(outbox.c.id.desc()).limit(1)
        ).one()
    properties = pika.BasicProperties(content_type="application/json", content_encoding="utf-8", delivery_mode=2,
                                      priority=0, message_id=event_id, headers={"producer": "bench-sender"})
    return body.encode(), properties


def purge(topology: Topology) -> None:
    """Empty the subscriber's queue, so every run meets the broker in the same state."""
    with topology.connection() as connection:
        connection.channel().queue_purge(topology.queue_for("bench-receiver").name)


def relay_rate(runtime: Runtime, relay: OutboxRelay, count: int) -> float:
    fill_outbox(runtime, count, relay)
    started = time.perf_counter()
    published = 0
    while published < count:
        published += relay.publish_pending()
    return count / (time.perf_counter() - started)


def pipelined_pika_rate(broker_url: str, exchange: str, message: tuple[bytes, pika.BasicProperties],
                        count: int) -> float:
    """Raw pika with up to CONFIRM_WINDOW unconfirmed publishes in flight: the broker's limit for one channel."""
    body, properties = message
    state = {"published": 0, "confirmed": 0, "started": 0.0, "finished": 0.0}
    acked_alone: set[int] = set()
    connection: pika.SelectConnection

    def publish_window(channel) -> None:
        while state["published"] < count and state["published"] - state["confirmed"] < CONFIRM_WINDOW:
            channel.basic_publish(exchange, ROUTING_KEY, body, properties)
            state["published"] += 1

    def on_confirm(frame, channel) -> None:
        method = frame.method
        if isinstance(method, pika.spec.Basic.Nack):
            raise RuntimeError("the broker nacked a publish")
        if method.multiple:
            state["confirmed"] = max(state["confirmed"], method.delivery_tag)
        else:
            acked_alone.add(method.delivery_tag)
        while state["confirmed"] + 1 in acked_alone:
            state["confirmed"] += 1
            acked_alone.discard(state["confirmed"])
        if state["confirmed"] >= count:
            state["finished"] = time.perf_counter()
            connection.close()
        else:
            publish_window(channel)

    def on_confirm_select(_frame, channel) -> None:
        state["started"] = time.perf_counter()
        publish_window(channel)

    def on_channel(channel) -> None:
        channel.confirm_delivery(lambda frame: on_confirm(frame, channel),
                                 callback=lambda frame: on_confirm_select(frame, channel))

    def on_failure(_connection, error) -> None:
        _connection.ioloop.stop()
        raise RuntimeError(f"pika: {error}")

    connection = pika.SelectConnection(
        pika.URLParameters(broker_url.rstrip("/") + "/%2F"),
        on_open_callback=lambda opened: opened.channel(on_open_callback=on_channel),
        on_open_error_callback=on_failure,
        on_close_callback=lambda closed, _reason: closed.ioloop.stop(),
    )
    connection.ioloop.start()
    if state["confirmed"] < count:
        raise RuntimeError(f"pika stopped after {state['confirmed']} of {count} confirms")
    return count / (state["finished"] - state["started"])


def confirm_each_pika_rate(broker_url: str, exchange: str, message: tuple[bytes, pika.BasicProperties],
                           count: int) -> float:
    """Raw pika waiting for each publish's confirm before the next: a round trip per event."""
    body, properties = message
    connection = pika.BlockingConnection(pika.URLParameters(broker_url.rstrip("/") + "/%2F"))
    channel = connection.channel()
    channel.confirm_delivery()
    started = time.perf_counter()
    for _ in range(count):
        channel.basic_publish(exchange, ROUTING_KEY, body, properties)
    elapsed = time.perf_counter() - started
    connection.close()
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=20000, help="events per run of each side")
    parser.add_argument("--rounds", type=int, default=3)
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
        topology, url = runtime.topology, infrastructure.rabbitmq_url
        relay = OutboxRelay(runtime.engine, topology, "bench-sender")
        fill_outbox(runtime, 1, relay)
        relay.publish_pending()  # connect and declare before any clock starts
        message = wire_message(runtime)
        ratios = []
        for number in range(1, args.rounds + 1):
            purge(topology)
            relayed = relay_rate(runtime, relay, args.events)
            purge(topology)
            pipelined = pipelined_pika_rate(url, topology.events.name, message, args.events)
            relay.keep_alive()
            ratios.append(relayed / pipelined)
            print(f"round {number}: relay {relayed:,.0f} events/s, pika pipelined {pipelined:,.0f} events/s, "
                  f"ratio {ratios[-1]:.2f}", flush=True)
        purge(topology)
        one_at_a_time = confirm_each_pika_rate(url, topology.events.name, message, max(args.events // 10, 500))
        purge(topology)
        relay.close()
        runtime.dispose()
    print(f"ratio relay/pika pipelined: median {statistics.median(ratios):.2f}, minimum {min(ratios):.2f} "
          f"(target >= {TARGET_RATIO})")
    print(f"raw pika confirming each publish in turn: {one_at_a_time:,.0f} events/s (informative)")


if __name__ == "__main__":
    main()
