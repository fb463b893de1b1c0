"""Orders per second placed through the gateway at rising concurrency, and the time each took to be paid.

At each level that many threads, each a signed-in customer, loop POST /api/orders (one or two random
products, quantity 1, card tok_ok) for --seconds. Once every order placed has left `pending`, it reports
accepted orders/s (202s over wall seconds), p50/p99 of the POST, p50/p99 of time to paid (paid_at -
created_at in the orders database: catalog reserved the stock and the payment was taken), and orders/s
relative to the first level, which shows how placing scales on the machine (2 cores here).
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
from pathlib import Path

import requests
from sqlalchemy import column, create_engine, select, table, text

from bench.common import local_infrastructure, percentile
from deploy.client import GatewayClient
from deploy.launcher import Platform
from deploy.seed import _sign_up
from gateway.settings import DEFAULT_RATE_LIMITS
from servicekit.db import sqlalchemy_url
from servicekit.identity import generate_keypair

PASSWORD = "Bench-Order-2026!"
ADDRESS = {"recipient_name": "김민지", "phone": "01012345678", "postcode": "06236", "address1": "서울 강남구 테헤란로 152"}
ORDERS = table("orders", column("id"), column("status"), column("created_at"), column("paid_at"))


def signed_in(platform: Platform, path: str, details: dict) -> GatewayClient:
    """Sign up through the API with the mailed code, then log in."""
    _sign_up(platform.gateway_url, path, details, Path(platform.env["NOTIFY_FILE"]))
    client = GatewayClient(platform.gateway_url)
    assert client.login(details["email"], PASSWORD).status_code == 201
    return client


def list_products(platform: Platform, count: int) -> list[dict]:
    """An admin (from the CLI) approves a new seller, who lists `count` products once catalog allows it."""
    created = platform.run_cli("-m", "auth.cli", "create-admin", "--email", "admin@example.com", "--password", PASSWORD)
    assert created.returncode == 0, created.stderr
    admin = GatewayClient(platform.gateway_url)
    assert admin.login("admin@example.com", PASSWORD).status_code == 201
    seller = signed_in(platform, "/api/sellers", {
        "email": "seller@example.com", "phone": "01055550101", "password": PASSWORD, "name": "Park Jisoo",
        "birth_date": "1988-05-17", "seller_type": "individual"})
    seller.enrol_authenticator()
    decided = admin.post(f"/api/sellers/{seller.account['seller_id']}/decision", json={"decision": "approve"})
    assert decided.status_code == 200, decided.text
    products, deadline = [], time.monotonic() + 30
    while len(products) < count:
        response = seller.post("/api/products", json={"name": f"Tea {len(products)}", "price": 10000, "stock": 1_000_000})
        if response.status_code == 403 and time.monotonic() < deadline:
            time.sleep(0.3)  # catalog has not heard of the approval yet: it comes as an event
            continue
        assert response.status_code == 201, response.text
        products.append(response.json())
    return products


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


def settled_orders(engine, order_ids: list[str], timeout: float = 180) -> list:
    """The level's orders from the orders database once none is pending."""
    deadline = time.monotonic() + timeout
    while True:
        with engine.connect() as connection:
            rows = connection.execute(select(ORDERS).where(ORDERS.c.id.in_(order_ids))).all()
        if len(rows) == len(order_ids) and all(row.status != "pending" for row in rows):
            return rows
        if time.monotonic() > deadline:
            raise SystemExit(f"{sum(r.status == 'pending' for r in rows)} orders still pending after {timeout}s")
        time.sleep(0.5)


def measure(customers, products, engine, threads: int, seconds: float) -> dict:
    started = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(lambda n: place_orders(customers[n % len(customers)], products, started + seconds),
                                range(threads)))
    wall = time.monotonic() - started  # until the last POST sent before the deadline was answered
    order_ids = [order_id for result in results for order_id in result[1]]
    rows = settled_orders(engine, order_ids)
    return {"threads": threads, "placed": len(order_ids), "rate": len(order_ids) / wall,
            "errors": sum((result[2] for result in results), Counter()),
            "post": [latency for result in results for latency in result[0]],
            "to_paid": [(r.paid_at - r.created_at).total_seconds() for r in rows if r.status == "paid"],
            "not_paid": Counter(r.status for r in rows if r.status != "paid")}


STAGES = text("""
SELECT o.created_at AS placed, placed.published_at AS placed_published, placed.event_id AS placed_event,
       o.paid_at AS paid
FROM orders o JOIN outbox placed ON placed.payload -> 'data' ->> 'order_id' = o.id
  AND placed.routing_key = 'OrderPlaced.v1'
WHERE o.status = 'paid'
""")
CATALOG_STAGES = text("""
SELECT handled.event_id AS placed_event, handled.handled_at AS reserved,
       reserved.published_at AS reserved_published, reserved.event_id AS reserved_event
FROM inbox handled JOIN outbox reserved ON reserved.payload ->> 'causation_id' = handled.event_id
WHERE handled.routing_key = 'OrderPlaced.v1'
""")


def stage_table(platform: Platform) -> None:
    """Where the time to paid goes, hop by hop, from both services' outbox and inbox (median, ms)."""
    engines = {name: create_engine(sqlalchemy_url(platform.database_url(name))) for name in ("orders", "catalog")}
    try:
        with engines["orders"].connect() as connection:
            orders = connection.execute(STAGES).all()
        with engines["catalog"].connect() as connection:
            catalog = {row.placed_event: row for row in connection.execute(CATALOG_STAGES)}
    finally:
        for engine in engines.values():
            engine.dispose()
    hops = {"orders relay publishes OrderPlaced": [], "catalog reserves (queue + handler)": [],
            "catalog relay publishes StockReserved": [], "orders pays (queue + handler)": []}
    for order in orders:
        reserved = catalog.get(order.placed_event)
        if reserved is None or order.placed_published is None or reserved.reserved_published is None:
            continue
        for name, (start, end) in zip(hops, ((order.placed, order.placed_published),
                                             (order.placed_published, reserved.reserved),
                                             (reserved.reserved, reserved.reserved_published),
                                             (reserved.reserved_published, order.paid))):
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
        keys = Path(workdir) / "keys"
        generate_keypair(keys / "identity-private.pem", keys / "identity-public.pem")
        platform = Platform(infrastructure, keys, Path(workdir), extra_env={
            "NOTIFY_FILE": str(Path(workdir) / "notifications.jsonl"), "WEB_CONCURRENCY": "2", "WEB_THREADS": "4",
            **{f"RATE_LIMIT_{name.upper()}": "100000/minute" for name in DEFAULT_RATE_LIMITS}})
        engine = create_engine(sqlalchemy_url(platform.database_url("orders")))
        try:
            platform.start()
            products = list_products(platform, 20)
            with ThreadPoolExecutor(4) as pool:
                customers = list(pool.map(lambda n: signed_in(platform, "/api/accounts", {
                    "email": f"buyer-{n}@example.com", "name": "Kim Minji", "password": PASSWORD}),
                    range(min(max(levels), 16))))
            warm_up = measure(customers, products, engine, 1, 2)  # connections and caches; not reported
            if not warm_up["placed"]:
                raise SystemExit(f"no order placed while warming up: {dict(warm_up['errors'])}")
            results = [measure(customers, products, engine, threads, args.seconds) for threads in levels]
            print("Where the time to paid goes, over every level:")
            stage_table(platform)
        finally:
            platform.stop()
            engine.dispose()
    print_table(results)
    errors = sum((r["errors"] for r in results), Counter())
    if errors:
        print(f"errors: {dict(errors)}")
    if sum(errors.values()) > 0.01 * (sum(r["placed"] for r in results) + sum(errors.values())) or any(
            r["not_paid"] for r in results):
        raise SystemExit("FAILED: over 1% of POSTs were not answered 202, or some orders were not paid")


if __name__ == "__main__":
    main()
