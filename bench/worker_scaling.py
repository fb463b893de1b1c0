"""Events handled per second by catalog's and orders' workers with WORKER_PROCESSES=1 and 2 (issue 18).

catalog handles OrderPlaced (reserves stock: products of a seller, listed through catalog's API with stock
enough for every order), orders handles StockReserved (takes the payment with the test provider: pending
orders placed through orders' API). Each run has its own database and bus namespace on the local servers; the
rows are made in-process and the events they recorded marked sent, so the worker's relay carries only what
the handlers record. `python -m <service>.worker` starts, its consumers attach, then the events are
published; the rate is the events over the span of their inbox times, and the CPU seconds per event are the
worker's processes' (the parent and its children, from /proc/<pid>/stat) over the same events.
Target: 2 processes ÷ 1 >= 1.6 when the handlers are the bottleneck; it needs a core per process, and
PostgreSQL's work beside them, so on a 2-core machine the ratio tells less.
With --rounds R each count is measured R times in turn (1, 2, 1, 2, ...) and the medians are compared, which
the noise of a shared machine calls for.
Run: .venv/bin/python -m bench.worker_scaling [--events 600] [--services catalog,orders] [--processes 1,2] [--rounds 3]
"""
from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from flask.testing import FlaskClient
from sqlalchemy import create_engine, func, select, update

from bench.common import local_infrastructure
from contracts import REGISTRY, Envelope
from deploy.layout import ROOT
from deploy.support_fleet import publish
from servicekit.bus.consumer import EventConsumer
from servicekit.bus.tables import inbox, outbox
from servicekit.bus.topology import Topology, queue_counts
from servicekit.config import ServiceConfig
from servicekit.identity import Identity, TokenSigner, generate_keypair
from servicekit.migrations import upgrade
from servicekit.runtime import Runtime
from servicekit.testing.events import deliver
from servicekit.testing.identities import as_customer, as_seller

# Each order reserves one unit of one of these products in turn, so two handlers seldom wait for one row's lock.
PRODUCTS = 50
ADDRESS = {"recipient_name": "김민지", "phone": "01012345678", "postcode": "06236", "address1": "서울 강남구 테헤란로 152"}


def envelope(name: str, data: dict) -> Envelope:
    """The event as its producer sends it (the latest version of its contract)."""
    contract = REGISTRY.latest(name)
    return Envelope(type=contract.name, version=contract.version, producer=contract.producer, data=contract.dump(data))


def now() -> datetime:
    return datetime.now(timezone.utc)


def catalog_orders(config: ServiceConfig, client: FlaskClient, sign, events: int) -> list[Envelope]:
    """A seller approved and PRODUCTS products listed with stock for every order; an OrderPlaced per order."""
    from catalog.events import handlers

    runtime = Runtime(config)
    seller_id = str(uuid.uuid4())
    consumer = EventConsumer(service="catalog", topology=runtime.topology, handlers=handlers,
                             unit_of_work=runtime.unit_of_work)
    deliver(consumer, "SellerApproved", {
        "seller_id": seller_id, "account_id": str(uuid.uuid4()), "display_name": "Jeju Tea House",
        "seller_type": "individual", "approved_by": str(uuid.uuid4()), "approved_at": now(),
    })
    runtime.dispose()
    products = []
    for n in range(PRODUCTS):
        response = client.post("/api/products", json={"name": f"Jeju green tea {n}", "price": 12000, "stock": events},
                               headers=as_seller(sign, seller_id))
        assert response.status_code == 201, response.json
        products.append(response.json)
    placed = []
    for n in range(events):
        product = products[n % PRODUCTS]
        line = {"product_id": product["id"], "seller_id": seller_id, "quantity": 1, "unit_price": product["price"]}
        placed.append(envelope("OrderPlaced", {"order_id": str(uuid.uuid4()), "customer_id": str(uuid.uuid4()),
                                               "lines": [line], "total_amount": line["unit_price"],
                                               "placed_at": now()}))
    return placed


def orders_reserved(config: ServiceConfig, client: FlaskClient, sign, events: int) -> list[Envelope]:
    """Pending orders placed through the API, a line each; catalog's StockReserved for each."""
    seller_id, customer = str(uuid.uuid4()), as_customer(sign)
    reserved = []
    for n in range(events):
        body = {"items": [{"product_id": str(uuid.uuid4()), "seller_id": seller_id, "quantity": 1,
                           "unit_price": 12000}],
                "shipping_address": ADDRESS, "payment": {"method": "card", "token": "tok_ok"}}
        response = client.post("/api/orders", json=body, headers={**customer, "Idempotency-Key": str(uuid.uuid4())})
        assert response.status_code == 202, response.json
        order = response.json
        lines = [{"product_id": line["product_id"], "variant_id": line["variant_id"], "seller_id": line["seller_id"],
                  "product_name": f"Jeju green tea {n}", "category_id": None, "quantity": line["quantity"],
                  "unit_price": line["unit_price"]} for line in order["lines"]]
        reserved.append(envelope("StockReserved", {"order_id": order["id"], "lines": lines, "reserved_at": now()}))
    return reserved


# The service, the event its worker is measured on, and how the rows and events for it are made.
SERVICES: dict[str, tuple[str, Callable]] = {
    "catalog": ("OrderPlaced", catalog_orders),
    "orders": ("StockReserved", orders_reserved),
}


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a process and of its children, live (utime, stime) and reaped (cutime, cstime)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            total += cpu_seconds(int(child))
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return total + sum(int(value) for value in fields[11:15]) / ticks


def consumers(topology: Topology, service: str) -> int:
    with topology.connection() as connection:
        counts = queue_counts(connection, topology.queue_for(service).name)
    return counts.consumers if counts is not None else 0


def measure(infrastructure, service: str, processes: int, events: int, workdir: Path) -> tuple[float, float]:
    """Events handled per second and CPU seconds per event of `service`'s worker running `processes` processes."""
    event_name, seed = SERVICES[service]
    workdir.mkdir(parents=True)
    run = workdir.name.replace("-", "_")
    generate_keypair(workdir / "keys" / "identity-private.pem", workdir / "keys" / "identity-public.pem")
    database_url = infrastructure.database(f"bench_scaling_{run}")
    upgrade(ROOT / "services" / service, database_url)
    topology = Topology(infrastructure.rabbitmq_url, f"{infrastructure.bus_namespace}-scaling-{workdir.name}")
    env = {
        f"{service.upper()}_DATABASE_URL": database_url, "BROKER_URL": infrastructure.rabbitmq_url,
        "BUS_NAMESPACE": topology.namespace, "MARKETPLACE_VAR_DIR": str(workdir / "var"),
        "IDENTITY_KEY_DIR": str(workdir / "keys"), "LOG_FORMAT": "text", "WORKER_PROCESSES": str(processes),
    }
    config = ServiceConfig.from_env(service, env)
    signer = TokenSigner((workdir / "keys" / "identity-private.pem").read_bytes())

    def sign(subject=None, roles=(), seller_id=None, second_factor_at=None, name=None) -> dict[str, str]:
        identity = Identity(subject=subject, roles=frozenset(roles), seller_id=seller_id,
                            second_factor_at=second_factor_at, name=name)
        return {"X-Identity-Token": signer.sign(identity)}

    app_module = __import__(f"{service}.app", fromlist=["create_app"])
    envelopes = seed(config, app_module.create_app(config).test_client(), sign, events)
    engine = create_engine(database_url)
    with engine.begin() as connection:
        # What the seeding recorded is not the worker's to publish during the measurement.
        connection.execute(update(outbox).where(outbox.c.published_at.is_(None)).values(published_at=now()))
    with open(workdir / "worker.log", "wb") as log:
        worker = subprocess.Popen([sys.executable, "-m", f"{service}.worker"], env={**os.environ, **env}, cwd=ROOT,
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while consumers(topology, service) < processes:
            if time.monotonic() > deadline or worker.poll() is not None:
                raise TimeoutError(f"{service} worker not consuming with {processes} processes; see {workdir}")
            time.sleep(0.1)
        cpu_before = cpu_seconds(worker.pid)
        publish(topology, envelopes)
        deadline = time.monotonic() + 600
        while True:
            with engine.connect() as connection:
                count, first, last = connection.execute(
                    select(func.count(), func.min(inbox.c.handled_at), func.max(inbox.c.handled_at))
                    .where(inbox.c.routing_key.startswith(f"{event_name}."))
                ).one()
            if count >= events:
                return events / (last - first).total_seconds(), (cpu_seconds(worker.pid) - cpu_before) / events
            if time.monotonic() > deadline:
                raise TimeoutError(f"{service} handled {count} of {events} {event_name}; see {workdir}")
            time.sleep(0.2)
    finally:
        # As an orchestrator stops it: SIGTERM to the worker alone, which stops its processes.
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)
        engine.dispose()
        with topology.connection() as connection:
            topology.delete(connection.channel())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=600)
    parser.add_argument("--services", default="catalog,orders")
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--rounds", type=int, default=1, help="measure each count this often, in turn; the median counts")
    args = parser.parse_args()
    counts = [int(count) for count in args.processes.split(",")]
    results: dict[str, dict[int, list[tuple[float, float]]]] = {}
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as workdir:
        for service in args.services.split(","):
            results[service] = {count: [] for count in counts}
            for round_no in range(args.rounds):
                for count in counts:
                    folder = Path(workdir) / f"{service}-{count}-{round_no}"
                    results[service][count].append(measure(infrastructure, service, count, args.events, folder))
    for service, by_count in results.items():
        medians = {count: tuple(statistics.median(values) for values in zip(*runs)) for count, runs in by_count.items()}
        anchor = medians[counts[0]][0]
        for count, (rate, cpu) in medians.items():
            each = ", ".join(f"{rate:.0f}" for rate, _ in by_count[count])
            print(f"{service}, WORKER_PROCESSES={count}: {rate:.0f} {SERVICES[service][0]}/s handled "
                  f"({rate / anchor:.2f}x {counts[0]}; rounds {each}), {cpu * 1000:.1f} CPU ms/event")

if __name__ == "__main__":
    main()
