"""Orders per second placed through the gateway at rising concurrency, and the time each took to be paid.

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
Run: .venv/bin/python -m bench.order_placement [--seconds 15 --levels 1,2,4,8,16]
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import requests

from bench.bus_listener import BusListener
from bench.common import local_infrastructure, percentile
from bench.marketplace import PASSWORD, bench_platform, list_products, signed_in
from deploy.client import GatewayClient
from gateway.settings import DEFAULT_RATE_LIMITS

ADDRESS = {"recipient_name": "김민지", "phone": "01012345678", "postcode": "06236", "address1": "서울 강남구 테헤란로 152"}
# What the bench hears of each order, from placing to its outcome (paid, or cancelled with a reason).
ORDER_EVENTS = ("OrderPlaced", "StockReserved", "OrderPaid", "OrderCancelled")


def order_body(products: list[dict]) -> dict:
    items = [{"product_id": p["id"], "seller_id": p["seller_id"], "quantity": 1, "unit_price": p["price"]}
             for p in random.sample(products, random.randint(1, 2))]
    return {"items": items, "shipping_address": ADDRESS, "payment": {"method": "card", "token": "tok_ok"}}


def place_orders(customer: GatewayClient, products: list[dict], deadline: float) -> tuple[list, list, Counter]:
    """Orders placed one after another until the deadline: POST latencies and ids of the 202s, other outcomes."""
    client = GatewayClient(customer.base_url)  # a connection pool of its own, the customer's session
    client.http.cookies.update(customer.http.cookies)
    client.csrf_token = customer.csrf_token
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
            pending = [i for i in order_ids if not {"OrderPaid", "OrderCancelled"} & timeline.get(i, {}).keys()]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--levels", default="1,2,4,8,16", help="threads placing orders, one level after another")
    args = parser.parse_args()
    levels = [int(level) for level in args.levels.split(",")]
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as workdir:
        platform = bench_platform(infrastructure, Path(workdir), {
            f"RATE_LIMIT_{name.upper()}": "100000/minute" for name in DEFAULT_RATE_LIMITS})
        try:
            platform.start()
            products = list_products(platform, 20)
            with ThreadPoolExecutor(4) as pool:
                customers = list(pool.map(lambda n: signed_in(platform, "/api/accounts", {
                    "email": f"buyer-{n}@example.com", "name": "Kim Minji", "password": PASSWORD}),
                    range(min(max(levels), 16))))
            with BusListener(platform.env["BROKER_URL"], platform.env["BUS_NAMESPACE"], ORDER_EVENTS) as listener:
                timeline = OrderTimeline(listener)
                warm_up = measure(customers, products, timeline, 1, 2)  # connections and caches; not reported
                if not warm_up["placed"]:
                    raise SystemExit(f"no order placed while warming up: {dict(warm_up['errors'])}")
                results = [measure(customers, products, timeline, threads, args.seconds) for threads in levels]
                print("Where the time to paid goes, over every level:")
                stage_table(timeline)
        finally:
            platform.stop()
    print_table(results)
    errors = sum((r["errors"] for r in results), Counter())
    if errors:
        print(f"errors: {dict(errors)}")
    if sum(errors.values()) > 0.01 * (sum(r["placed"] for r in results) + sum(errors.values())) or any(
            r["not_paid"] for r in results):
        raise SystemExit("FAILED: over 1% of POSTs were not answered 202, or some orders were not paid")


if __name__ == "__main__":
    main()
