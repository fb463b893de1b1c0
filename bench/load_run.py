"""The load mix (bench/load_mix.py) against a whole platform for a minute: p50/p99 per endpoint, errors, orders/s.

It starts the platform as the HTTP benchmarks do (bench.marketplace: every service on the local servers, web
processes with 2 gunicorn workers of 4 threads), with every gateway rate limit (RATE_LIMIT_*) raised to
100000/minute since every user comes from one address, as in bench.order_placement. An approved seller lists
--products products (Korean names, English descriptions) and --customers customers sign up with their mailed
codes and sign in, one after another (the mix measures shopping, not a burst of password checks). Then locust
runs headless in a process of its own, on loopback only (no web UI, no master or worker port: the bench checks
that it listens on nothing), --users users spawned --spawn-rate a second for --seconds:
three shoppers (pages of products in each sort, searches in Korean and English, product pages) to one
signed-in customer who also places orders. Every order accepted must then be paid, as the bench hears on the
bus (OrderPaid, not OrderCancelled).
Target (issue 18): zero errors at 20 users. Orders/s are accepted orders (202) over locust's run; the figures
are reported, and the bench fails on any error or any order not paid. The anchor, measured first in the same
run: one signed-in customer alone (locust's Customer, one user, --anchor-seconds) asks every endpoint of the mix,
one request at a time; each endpoint's p50 under the mix is also given as a multiple of its p50 alone.
Run: .venv/bin/python -m bench.load_run [--seconds 60 --users 20]
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from bench.bus_listener import BusListener
from bench.common import local_infrastructure
from bench.marketplace import PASSWORD, approved_seller, bench_platform
from bench.order_placement import ORDER_EVENTS, OrderTimeline
from deploy.client import GatewayClient
from deploy.layout import ROOT
from deploy.seed import sign_up
from gateway.settings import DEFAULT_RATE_LIMITS

# One user comes from one address here; each limit is far above what the mix asks.
RAISED_RATE_LIMITS = {f"RATE_LIMIT_{name.upper()}": "100000/minute" for name in DEFAULT_RATE_LIMITS}
# (name, description): the words bench/load_mix.py searches for are in one or the other.
TEAS = (
    ("제주 녹차", "Jeju green tea, first flush from Seogwipo."),
    ("보성 홍차", "Boseong black tea, full leaf."),
    ("한라봉 마멀레이드", "Hallabong marmalade made with Jeju citrus."),
    ("청자 찻잔", "Celadon tea cup, hand-thrown."),
    ("유자차", "Yuja tea with honey, a jar."),
    ("녹차 라떼 분말", "Green tea latte powder."),
    ("백자 찻잔 세트", "White porcelain cup set for two."),
    ("제주 감귤 말랭이", "Dried Jeju tangerine slices."),
)
ORDERS = "POST /api/orders"


def stock_the_shop(seller: GatewayClient, count: int) -> list[dict]:
    """`count` products the seller lists, cycling through TEAS, with stock no load runs out of."""
    products, deadline = [], time.monotonic() + 30
    while len(products) < count:
        name, description = TEAS[len(products) % len(TEAS)]
        response = seller.post("/api/products", json={
            "name": f"{name} {len(products) // len(TEAS) + 1}", "description": description,
            "price": 5000 + 500 * len(products), "stock": 1_000_000})
        if response.status_code == 403 and time.monotonic() < deadline:
            time.sleep(0.3)  # catalog has not heard of the seller's approval yet: it comes as an event
            continue
        assert response.status_code == 201, response.text
        products.append(response.json())
    return products


def sign_up_customers(gateway_url: str, mail_file: Path, count: int) -> list[dict]:
    """`count` customers signed up with the codes mailed to `mail_file`: their logins."""
    customers = [{"email": f"load-{n}@example.com", "password": PASSWORD} for n in range(count)]
    # Two at a time: auth hashes each password, and more at once can pass the gateway's upstream timeout on two
    # busy cores (make run's auth has a single worker).
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda c: sign_up(gateway_url, "/api/accounts", {**c, "name": "Kim Minji"}, mail_file),
                      customers))
    return customers


def write_shop(path: Path, gateway_url: str, products: list[dict], customers: list[dict]) -> Path:
    """The --shop file bench/load_mix.py reads: the products, and a session of each customer, signed in one after
    another."""
    sessions = []
    for customer in customers:
        client = GatewayClient(gateway_url)
        signed_in = client.login(customer["email"], customer["password"])
        assert signed_in.status_code == 201, signed_in.text
        sessions.append({"cookies": client.http.cookies.get_dict(), "csrf_token": client.csrf_token})
    path.write_text(json.dumps({
        "products": [{key: p[key] for key in ("id", "seller_id", "price")} for p in products],
        "sessions": sessions}, ensure_ascii=False))
    return path


def start_locust(gateway_url: str, shop: Path, csv_prefix: Path, users: int, spawn_rate: float, seconds: float,
                 user_classes: tuple[str, ...] = ()) -> subprocess.Popen:
    """locust headless on the mix (its users of `user_classes` alone, if named), in a process of its own (gevent
    patches everything it imports)."""
    return subprocess.Popen(
        [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "load_mix.py"), "--headless",
         "-u", str(users), "-r", str(spawn_rate), "-t", f"{seconds:.0f}s", "--stop-timeout", "15",
         "--host", gateway_url, "--shop", str(shop), "--only-summary", "--csv", str(csv_prefix),
         "--loglevel", "WARNING", *user_classes],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(f"{csv_prefix}.log", "wb"))


def listening_sockets(pid: int) -> list[str]:
    """The addresses the process and its children listen on (TCP) or are bound to (UDP)."""
    processes = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    return sorted({f"{c.laddr.ip}:{c.laddr.port}" for process in processes for c in process.net_connections("inet")
                   if c.status == psutil.CONN_LISTEN or (c.type == 2 and c.laddr)})


@dataclass
class LoadResult:
    """locust's figures per endpoint (its CSV, times in ms) and what failed."""

    endpoints: list[dict]
    failures: Counter = field(default_factory=Counter)
    exceptions: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(self.failures.values()) + len(self.exceptions)

    @property
    def orders_accepted(self) -> int:
        row = next((r for r in self.endpoints if r["Name"] == ORDERS), None)
        return int(row["Request Count"]) - int(row["Failure Count"]) if row else 0

    def print_table(self, anchor: "LoadResult | None" = None) -> None:
        """The figures per endpoint; with an anchor, its p50 beside them and how many times that the p50 here is."""
        alone = {row["Name"]: float(row["50%"]) for row in anchor.endpoints if row["Type"]} if anchor else {}
        print(f"{'endpoint':<32} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7}"
              + (f" {'alone p50':>9} {'x alone':>7}" if anchor else ""))
        for row in self.endpoints:
            compared = (f" {alone[row['Name']]:>9.0f} {float(row['50%']) / alone[row['Name']]:>7.1f}"
                        if row["Name"] in alone else "")
            print(f"{row['Name'] if row['Type'] else 'all':<32} {row['Request Count']:>8} {row['Failure Count']:>6}"
                  f" {float(row['Requests/s']):>7.1f} {row['50%']:>7} {row['99%']:>7}"
                  f" {float(row['Max Response Time']):>7.0f}{compared}")
        orders = next((r for r in self.endpoints if r["Name"] == ORDERS), None)
        print(f"orders/s accepted: {float(orders['Requests/s']) - float(orders['Failures/s']) if orders else 0:.2f}")
        for failure, times in self.failures.items():
            print(f"  error x{times}: {failure}")
        for exception in self.exceptions:
            print(f"  exception: {exception}")


def finish_locust(process: subprocess.Popen, csv_prefix: Path, timeout: float) -> LoadResult:
    """Wait for locust to end and read its CSV files; it exits 1 when a request failed, anything else is its own
    failure."""
    code = process.wait(timeout)
    if code not in (0, 1):
        log = Path(f"{csv_prefix}.log").read_text()
        raise SystemExit(f"locust exited {code}; the end of its log:\n{log[-3000:]}")

    def rows(kind: str) -> list[dict]:
        with open(f"{csv_prefix}_{kind}.csv", encoding="utf-8") as lines:
            return list(csv.DictReader(lines))

    return LoadResult(
        rows("stats"),
        Counter({f"{r['Method']} {r['Name']}: {r['Error']}": int(r["Occurrences"]) for r in rows("failures")}),
        [f"x{r['Count']} {r['Message']}" for r in rows("exceptions")],
    )


def run_mix(gateway_url: str, shop: Path, csv_prefix: Path, users: int, spawn_rate: float, seconds: float,
            user_classes: tuple[str, ...] = ()) -> LoadResult:
    """The mix for `seconds`, checking once the users are spawned that locust listens on no port."""
    process = start_locust(gateway_url, shop, csv_prefix, users, spawn_rate, seconds, user_classes)
    time.sleep(min(seconds / 2, users / spawn_rate + 2))
    if process.poll() is None and (sockets := listening_sockets(process.pid)):
        process.kill()
        raise SystemExit(f"locust listens on {sockets}; it must open no port")
    print("locust listens on no port (checked while its users ran)")
    return finish_locust(process, csv_prefix, seconds + 60)


def orders_outcomes(timeline: OrderTimeline, accepted: int, timeout: float = 180) -> Counter:
    """Once the bus has carried OrderPlaced for each of the `accepted` orders and then each one's outcome: how many
    were paid, and how many cancelled for each reason."""
    deadline = time.monotonic() + timeout
    while len(placed := [i for i, events in timeline.by_order().items() if "OrderPlaced" in events]) < accepted:
        if time.monotonic() > deadline:
            raise SystemExit(f"only {len(placed)} of {accepted} accepted orders reached the bus in {timeout}s")
        time.sleep(0.5)
    return Counter("paid" if "OrderPaid" in events else f"cancelled: {events['OrderCancelled'][0]['reason']}"
                   for events in timeline.settled(placed, timeout).values())


def judged(result: LoadResult, outcomes: Counter, anchor: LoadResult | None = None) -> None:
    """Print the figures; fail on any error or any order not paid. The bus may carry an order or two more than
    locust counted: one sent as its time ran out, whose answer it no longer recorded; those must be paid too."""
    result.print_table(anchor)
    accepted = result.orders_accepted + (anchor.orders_accepted if anchor else 0)
    print(f"orders: {accepted} accepted as locust counted, outcomes on the bus {dict(outcomes)}")
    if result.errors or (anchor and anchor.errors) or set(outcomes) - {"paid"} or outcomes["paid"] < accepted:
        raise SystemExit("FAILED: errors under load, or an accepted order was not paid")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--products", type=int, default=40)
    # As many as the customers among 20 users (one in four): a session each.
    parser.add_argument("--customers", type=int, default=5)
    parser.add_argument("--anchor-seconds", type=float, default=20)
    args = parser.parse_args()
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as workdir:
        platform = bench_platform(infrastructure, Path(workdir), RAISED_RATE_LIMITS)
        try:
            platform.start()
            products = stock_the_shop(approved_seller(platform), args.products)
            customers = sign_up_customers(platform.gateway_url, Path(platform.env["NOTIFY_FILE"]), args.customers)
            shop = write_shop(Path(workdir) / "shop.json", platform.gateway_url, products, customers)
            with BusListener(platform.env["BROKER_URL"], platform.env["BUS_NAMESPACE"], ORDER_EVENTS) as listener:
                # The anchor: one customer alone asks every endpoint of the mix, one request at a time.
                anchor = run_mix(platform.gateway_url, shop, Path(workdir) / "alone", 1, 1, args.anchor_seconds,
                                 ("Customer",))
                result = run_mix(platform.gateway_url, shop, Path(workdir) / "mix", args.users, args.spawn_rate,
                                 args.seconds)
                outcomes = orders_outcomes(OrderTimeline(listener), result.orders_accepted + anchor.orders_accepted)
        finally:
            platform.stop()
    judged(result, outcomes, anchor)


if __name__ == "__main__":
    main()
