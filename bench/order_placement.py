"""Orders per second placed through the gateway at rising concurrency and at rising arrival rates, the time each
took to be paid, the CPU each order costs every process, and how an overload drains.

At each level that many threads, each a signed-in customer, loop POST /api/orders (one or two random
products, quantity 1, card tok_ok) for --seconds. Once every order placed has its outcome on the bus
(OrderPaid or OrderCancelled, heard on a queue of the bench's own), it reports accepted orders/s (202s over
wall seconds), p50/p99 of the POST, p50/p99 of time to paid (OrderPaid's paid_at - OrderPlaced's
placed_at: catalog reserved the stock and the payment was taken), and orders/s relative to the first level,
which shows how placing scales on the machine (2 cores here).
Target: none stated; the figures are reported. It fails if over 1% of POSTs were not 202 or an order
was not paid. Every gateway rate limit (RATE_LIMIT_*) is raised to 100000/minute: the bench signs up a
seller and up to 16 customers from one address, more than the sign-up limit allows. Web processes run
2 gunicorn workers of 4 threads, as in gateway_throughput.
After each level it prints the CPU milliseconds per order of each platform process (a web's gunicorn master
with its workers, each worker), of PostgreSQL and RabbitMQ (shared with whatever else runs on the machine, so
approximate then) and of the bench itself (its customers' HTTP clients and its bus listener).

With --rates, orders also arrive open-loop at each rate in turn (paced, from --open-loop-threads threads, so a
slow answer does not slow the arrivals), time to paid counted from each order's planned arrival; it stops at the
first rate whose time to paid p99 passes 1 s, and the highest rate before is the sustainable rate. Then, unless
--overload-seconds is 0, orders arrive at twice that rate for that long: it reports the peak depth of every queue
of the namespace (ready messages) and of every outbox (unsent rows), how long after the last arrival everything
was paid or cancelled and drained, and checks in orders' database that each order ended paid or cancelled with
exactly one OrderPaid or OrderCancelled recorded (nothing lost, nothing twice).
Run: .venv/bin/python -m bench.order_placement [--seconds 15 --levels 1,2,4,8,16]
     .venv/bin/python -m bench.order_placement --seconds 20 --levels 1 --rates 20,30,40,50,60 --overload-seconds 60
"""
from __future__ import annotations

import argparse
import random
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from bench.bus_listener import BusListener
from bench.common import local_infrastructure, percentile
from bench.marketplace import PASSWORD, bench_platform, list_products, signed_in
from bench.process_load import (
    DepthWatch, cpu_ms_per_order, cpu_seconds, handler_seconds, print_cpu_table, print_handler_table,
)
from deploy.client import GatewayClient
from gateway.settings import DEFAULT_RATE_LIMITS
from servicekit.db import sqlalchemy_url

ADDRESS = {"recipient_name": "김민지", "phone": "01012345678", "postcode": "06236", "address1": "서울 강남구 테헤란로 152"}
# What the bench hears of each order, from placing to its outcome (paid, or cancelled with a reason).
ORDER_EVENTS = ("OrderPlaced", "StockReserved", "OrderPaid", "OrderCancelled")
OUTCOMES = ("OrderPaid", "OrderCancelled")
# The time to paid an arrival rate must keep at its 99th percentile to count as sustainable.
SUSTAINABLE_P99 = 1.0


def order_body(products: list[dict]) -> dict:
    items = [{"product_id": p["id"], "seller_id": p["seller_id"], "quantity": 1, "unit_price": p["price"]}
             for p in random.sample(products, random.randint(1, 2))]
    return {"items": items, "shipping_address": ADDRESS, "payment": {"method": "card", "token": "tok_ok"}}


def session_of(customer: GatewayClient) -> GatewayClient:
    """A client with a connection pool of its own, in the customer's session."""
    client = GatewayClient(customer.base_url)
    client.http.cookies.update(customer.http.cookies)
    client.csrf_token = customer.csrf_token
    return client


def place_orders(customer: GatewayClient, products: list[dict], deadline: float) -> tuple[list, list, Counter]:
    """Orders placed one after another until the deadline: POST latencies and ids of the 202s, other outcomes."""
    client = session_of(customer)
    latencies, order_ids, errors = [], [], Counter()
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            response = client.post("/api/orders", json=order_body(products))
        except requests.RequestException as exc:
            errors[type(exc).__name__] += 1
            continue
        if response.status_code == 202:
            latencies.append(time.perf_counter() - started)
            order_ids.append(response.json()["id"])
        else:
            errors[response.status_code] += 1
    return latencies, order_ids, errors


class OrderTimeline:
    """Each order's events as the bench heard them, by order id."""

    def __init__(self, listener: BusListener):
        self.listener = listener

    def by_order(self) -> dict[str, dict[str, tuple[dict, datetime]]]:
        timeline: dict[str, dict[str, tuple[dict, datetime]]] = {}
        for arrival in list(self.listener.arrivals):
            timeline.setdefault(arrival.data["order_id"], {})[arrival.type] = (arrival.data, arrival.arrived_at)
        return timeline

    def settled(self, order_ids: list[str], timeout: float = 180) -> dict[str, dict[str, tuple[dict, datetime]]]:
        """The level's orders once each has an outcome (OrderPaid or OrderCancelled) on the bus."""
        deadline = time.monotonic() + timeout
        while True:
            timeline = self.by_order()
            pending = [i for i in order_ids if not set(OUTCOMES) & timeline.get(i, {}).keys()]
            if not pending:
                return {order_id: timeline[order_id] for order_id in order_ids}
            if time.monotonic() > deadline:
                raise SystemExit(f"{len(pending)} orders still pending after {timeout}s")
            time.sleep(0.5)


def _at(data: dict, field: str) -> datetime:
    return datetime.fromisoformat(data[field])


def measure(customers, products, timeline: OrderTimeline, threads: int, seconds: float) -> dict:
    started = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(lambda n: place_orders(customers[n % len(customers)], products, started + seconds),
                                range(threads)))
    wall = time.monotonic() - started  # until the last POST sent before the deadline was answered
    order_ids = [order_id for result in results for order_id in result[1]]
    orders = timeline.settled(order_ids)
    return {"threads": threads, "placed": len(order_ids), "rate": len(order_ids) / wall,
            "errors": sum((result[2] for result in results), Counter()),
            "post": [latency for result in results for latency in result[0]],
            "to_paid": [(_at(events["OrderPaid"][0], "paid_at") - _at(events["OrderPlaced"][0], "placed_at"))
                        .total_seconds() for events in orders.values() if "OrderPaid" in events],
            "not_paid": Counter(f"cancelled: {events['OrderCancelled'][0]['reason']}" for events in orders.values()
                                if "OrderPaid" not in events)}


class OpenLoop:
    """Orders that arrive at a fixed rate whatever the answers do: a pacer hands each planned arrival to a pool of
    threads, each placing in a customer's session of its own."""

    def __init__(self, customers: list[GatewayClient], products: list[dict], threads: int):
        self.customers, self.products, self.threads = customers, products, threads
        self._local = threading.local()
        self._started = 0
        self._lock = threading.Lock()

    def _client(self) -> GatewayClient:
        if not hasattr(self._local, "client"):
            with self._lock:
                self._started += 1
                number = self._started
            self._local.client = session_of(self.customers[number % len(self.customers)])
        return self._local.client

    def _arrive(self, planned: datetime) -> tuple[datetime, float | None, str | object]:
        started = time.perf_counter()
        try:
            response = self._client().post("/api/orders", json=order_body(self.products))
        except requests.RequestException as exc:
            return planned, None, type(exc).__name__
        if response.status_code != 202:
            return planned, None, response.status_code
        return planned, time.perf_counter() - started, response.json()["id"]

    def place(self, rate: float, seconds: float) -> dict:
        """Place rate x seconds orders, one every 1/rate seconds: each one's planned arrival, POST latency and id."""
        count = max(1, int(rate * seconds))
        with ThreadPoolExecutor(self.threads) as pool:
            started = time.monotonic()
            wall = time.time()
            futures = []
            for n in range(count):
                due = started + n / rate
                time.sleep(max(0.0, due - time.monotonic()))
                planned = datetime.fromtimestamp(wall + n / rate, timezone.utc)
                futures.append(pool.submit(self._arrive, planned))
            arrived = [future.result() for future in futures]
        placed = {outcome: planned for planned, latency, outcome in arrived if latency is not None}
        return {"rate": rate, "placed": placed, "seconds": seconds,
                "post": [latency for _, latency, _ in arrived if latency is not None],
                "errors": Counter(outcome for _, latency, outcome in arrived if latency is None)}


def settle_open_loop(level: dict, timeline: OrderTimeline, timeout: float = 180) -> dict:
    """The level with each order's time to paid counted from its planned arrival, once every order has its outcome."""
    orders = timeline.settled(list(level["placed"]), timeout)
    return {**level, "to_paid": [(_at(events["OrderPaid"][0], "paid_at") - level["placed"][order_id]).total_seconds()
                                 for order_id, events in orders.items() if "OrderPaid" in events],
            "not_paid": Counter(f"cancelled: {events['OrderCancelled'][0]['reason']}" for events in orders.values()
                                if "OrderPaid" not in events)}


def is_sustained(level: dict) -> bool:
    total = len(level["placed"]) + sum(level["errors"].values())
    return (bool(level["to_paid"]) and percentile(level["to_paid"], 0.99) < SUSTAINABLE_P99
            and sum(level["errors"].values()) <= 0.01 * total)


def print_open_loop_table(levels: list[dict]) -> None:
    def ms(values: list[float], fraction: float) -> str:
        return f"{percentile(values, fraction) * 1000:.0f}" if values else "-"

    print("Open loop: orders arriving at a fixed rate (time to paid from each order's planned arrival)")
    print("orders/s  placed  errors  POST p50  p99 ms  paid p50  p99 ms  not paid")
    for r in levels:
        print(f"{r['rate']:>8.1f} {len(r['placed']):>7} {sum(r['errors'].values()):>7} {ms(r['post'], 0.5):>9}"
              f" {ms(r['post'], 0.99):>7} {ms(r['to_paid'], 0.5):>9} {ms(r['to_paid'], 0.99):>7}"
              f"  {dict(r['not_paid']) or '-'}")


def print_sustainable(sustainable: float | None) -> None:
    if sustainable is None:
        print(f"sustainable rate: none of these rates kept time to paid p99 under {SUSTAINABLE_P99:.0f} s")
    else:
        print(f"sustainable rate: {sustainable:.1f} orders/s (the highest whose time to paid p99 stayed under"
              f" {SUSTAINABLE_P99:.0f} s)")


def outcomes_recorded(platform, order_ids: list[str]) -> Counter:
    """How the orders ended in orders' own database: by status and by how many outcome events each recorded
    (exactly one OrderPaid or OrderCancelled is right)."""
    engine = create_engine(sqlalchemy_url(platform.database_url("orders")))
    try:
        with engine.connect() as connection:
            statuses = dict(connection.execute(
                text("SELECT id, status FROM orders WHERE id = ANY(:ids)"), {"ids": order_ids}).all())
            recorded = Counter(dict(connection.execute(text(
                "SELECT payload->'data'->>'order_id', count(*) FROM outbox"
                " WHERE routing_key IN ('OrderPaid.v1', 'OrderCancelled.v1')"
                " AND payload->'data'->>'order_id' = ANY(:ids) GROUP BY 1"), {"ids": order_ids}).all()))
    finally:
        engine.dispose()
    return Counter(f"{statuses.get(order_id, 'missing')}, {recorded[order_id]} outcome event(s)"
                   for order_id in order_ids)


def overload(platform, open_loop: OpenLoop, timeline: OrderTimeline, rate: float, seconds: float) -> bool:
    """Orders at `rate` for `seconds`; then how deep the queues and outboxes grew, how long they took to drain,
    and whether every order ended paid or cancelled exactly once. True when nothing was lost or repeated."""
    print(f"Overload: {rate:.1f} orders/s for {seconds:.0f} s")
    with DepthWatch(platform) as watch:
        level = open_loop.place(rate, seconds)
        arrivals_ended = time.monotonic()
        level = settle_open_loop(level, timeline, timeout=max(600.0, 10 * seconds))
        while not watch.is_empty() and time.monotonic() - arrivals_ended < 600:
            time.sleep(0.2)
        drained = time.monotonic() - arrivals_ended
        peaks, left = dict(watch.peaks), dict(watch.last)
    print_open_loop_table([level])
    print(f"drained {drained:.1f} s after the last arrival (every order settled, queues and outboxes empty)")
    print("peak depth (ready messages in a queue, unsent rows in an outbox); what was left at the end:")
    for key in sorted(peaks):
        print(f"  {key:<32} {peaks[key]:>7} {left.get(key, 0):>7}")
    endings = outcomes_recorded(platform, list(level["placed"]))
    print(f"orders placed: {len(level['placed'])}; in orders' database: {dict(endings)}")
    heard = Counter(sum(1 for arrival in timeline.listener.arrivals if arrival.type in OUTCOMES
                        and arrival.data["order_id"] == order_id) for order_id in level["placed"])
    print(f"outcomes heard on the bus per order: {dict(heard)} (at least once: a republish may repeat one)")
    return all(key.endswith(", 1 outcome event(s)") and not key.startswith(("pending", "missing")) for key in endings)


def find_sustainable_rate(open_loop: OpenLoop, timeline: OrderTimeline, platform, rates: list[float],
                          seconds: float) -> tuple[float | None, list[dict], list]:
    """Each rate in turn until one fails to keep time to paid p99 under a second: the levels, their CPU per order."""
    levels, cpu, sustainable = [], [], None
    for rate in rates:
        before = cpu_seconds(platform)
        level = settle_open_loop(open_loop.place(rate, seconds), timeline)
        cpu.append((f"{rate:g}/s", cpu_ms_per_order(before, cpu_seconds(platform), len(level["placed"]))))
        levels.append(level)
        if not is_sustained(level):
            break
        sustainable = rate
    return sustainable, levels, cpu


def stage_table(timeline: OrderTimeline) -> None:
    """Where the time to paid goes, hop by hop, from each event's own time and when it reached the bus
    (median, ms): a subscriber hears an event as soon as any other does."""
    hops = {"orders relay publishes OrderPlaced": [], "catalog reserves (queue + handler)": [],
            "catalog relay publishes StockReserved": [], "orders pays (queue + handler)": []}
    for events in timeline.by_order().values():
        if not {"OrderPlaced", "StockReserved", "OrderPaid"} <= events.keys():
            continue
        (placed, placed_heard), (reserved, reserved_heard) = events["OrderPlaced"], events["StockReserved"]
        for name, (start, end) in zip(hops, ((_at(placed, "placed_at"), placed_heard),
                                             (placed_heard, _at(reserved, "reserved_at")),
                                             (_at(reserved, "reserved_at"), reserved_heard),
                                             (reserved_heard, _at(events["OrderPaid"][0], "paid_at")))):
            hops[name].append((end - start).total_seconds())
    for name, values in hops.items():
        if values:
            print(f"  {name:<40} p50 {percentile(values, 0.5) * 1000:7.0f} ms  p99 {percentile(values, 0.99) * 1000:7.0f} ms")


def print_table(results: list[dict]) -> None:
    def ms(values: list[float], fraction: float) -> str:
        return f"{percentile(values, fraction) * 1000:.0f}" if values else "-"

    print("threads  placed  errors  orders/s  vs first  POST p50  p99 ms  paid p50  p99 ms  not paid")
    for r in results:
        print(f"{r['threads']:>7} {r['placed']:>7} {sum(r['errors'].values()):>7} {r['rate']:>9.1f}"
              f" {r['rate'] / results[0]['rate']:>9.2f} {ms(r['post'], 0.5):>9} {ms(r['post'], 0.99):>7}"
              f" {ms(r['to_paid'], 0.5):>9} {ms(r['to_paid'], 0.99):>7}  {dict(r['not_paid']) or '-'}")


def scale_out(platform, names: tuple[str, ...], processes: int) -> None:
    """Start these services' workers again with WORKER_PROCESSES consumer processes each."""
    for name in names:
        platform.kill(f"{name}-worker")
        platform.start_worker(name, WORKER_PROCESSES=str(processes))
    platform.wait_until_ready(names=names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--levels", default="1,2,4,8,16", help="threads placing orders, one level after another")
    parser.add_argument("--rates", default="", help="open loop: orders/s arriving, one rate after another")
    parser.add_argument("--open-loop-threads", type=int, default=64, help="threads the open-loop arrivals use")
    parser.add_argument("--overload-seconds", type=float, default=60,
                        help="after the rates, twice the sustainable rate for this long (0: no overload)")
    parser.add_argument("--overload-rate", type=float, help="orders/s of the overload, instead of twice the sustainable")
    parser.add_argument("--worker-processes", type=int, default=1,
                        help="WORKER_PROCESSES of catalog's and orders' workers, the two on every order's way to paid")
    args = parser.parse_args()
    levels = [int(level) for level in args.levels.split(",") if level]
    rates = [float(rate) for rate in args.rates.split(",") if rate]
    results, open_levels, cpu_levels, sustainable, nothing_lost = [], [], [], None, True
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as workdir:
        platform = bench_platform(infrastructure, Path(workdir), {
            f"RATE_LIMIT_{name.upper()}": "100000/minute" for name in DEFAULT_RATE_LIMITS})
        try:
            platform.start()
            if args.worker_processes > 1:
                scale_out(platform, ("catalog", "orders"), args.worker_processes)
            products = list_products(platform, 20)
            with ThreadPoolExecutor(4) as pool:
                customers = list(pool.map(lambda n: signed_in(platform, "/api/accounts", {
                    "email": f"buyer-{n}@example.com", "name": "Kim Minji", "password": PASSWORD}),
                    range(min(max(levels + [4 if rates else 1]), 16))))
            with BusListener(platform.env["BROKER_URL"], platform.env["BUS_NAMESPACE"], ORDER_EVENTS) as listener:
                timeline = OrderTimeline(listener)
                warm_up = measure(customers, products, timeline, 1, 2)  # connections and caches; not reported
                if not warm_up["placed"]:
                    raise SystemExit(f"no order placed while warming up: {dict(warm_up['errors'])}")
                handled_before = handler_seconds(platform)
                for threads in levels:
                    before = cpu_seconds(platform)
                    results.append(measure(customers, products, timeline, threads, args.seconds))
                    cpu_levels.append((f"{threads} thr", cpu_ms_per_order(
                        before, cpu_seconds(platform), results[-1]["placed"])))
                if rates:
                    open_loop = OpenLoop(customers, products, args.open_loop_threads)
                    sustainable, open_levels, open_cpu = find_sustainable_rate(
                        open_loop, timeline, platform, rates, args.seconds)
                    cpu_levels += open_cpu
                print("Where the time to paid goes, over every level:")
                stage_table(timeline)
                print_handler_table(handled_before, handler_seconds(platform))
                print_cpu_table(cpu_levels)
                if results:
                    print_table(results)
                if rates:
                    print_open_loop_table(open_levels)
                    print_sustainable(sustainable)
                overload_rate = args.overload_rate or 2 * (sustainable or 0)
                if rates and overload_rate and args.overload_seconds > 0:
                    nothing_lost = overload(platform, open_loop, timeline, overload_rate, args.overload_seconds)
        finally:
            platform.stop()
    everything = results + open_levels
    errors = sum((r["errors"] for r in everything), Counter())
    if errors:
        print(f"errors: {dict(errors)}")
    placed = sum(r["placed"] if isinstance(r["placed"], int) else len(r["placed"]) for r in everything)
    if sum(errors.values()) > 0.01 * (placed + sum(errors.values())) or any(r["not_paid"] for r in everything):
        raise SystemExit("FAILED: over 1% of POSTs were not answered 202, or some orders were not paid")
    if not nothing_lost:
        raise SystemExit("FAILED: after the overload some order did not end paid or cancelled exactly once")


if __name__ == "__main__":
    main()
