"""Requests per second on catalog's read path, against a plain Flask + SQLAlchemy Core app (bench.plain_catalog)
serving the same answers from the same tables, measured in the same run.

Only catalog's web process runs, under gunicorn with deploy/gunicorn.conf.py and the platform's bench settings
(2 workers of 4 threads), against a fresh database where catalog's own use cases listed 40 products of an approved,
rated seller: some with variants, some on sale, some rated, each with a primary image. The anchor runs under the
same settings. Before measuring, the bench checks both answer the same JSON (and the same X-Pagination, ETag).
Measured: the storefront's first page of 20 (GET /api/products?page_size=20) and one product's page, each
alternating catalog and anchor for several rounds, as requests per second and as the server's CPU time per request
(its master's and workers'), which another program's load on a shared machine disturbs less than the rate.
Target: catalog/anchor >= 0.8 for both (for CPU: the anchor's CPU per request over catalog's).
Needs `wrk` (apt-get install wrk).
Run: .venv/bin/python -m bench.catalog_reads [--seconds 5 --connections 16 --rounds 3]
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psutil
import requests
from PIL import Image
from werkzeug.datastructures import FileStorage

from bench.common import local_infrastructure
from bench.marketplace import POOL_SETTINGS
from catalog import product_images, products, sale_prices, variants
from catalog.approved_sellers import record_approved_seller
from catalog.product_ratings import apply_rating
from catalog.seller_ratings import apply_seller_rating
from deploy.launcher import free_port
from deploy.layout import ROOT
from servicekit.config import ServiceConfig
from servicekit.files import LocalFileStore
from servicekit.identity import ANONYMOUS, TokenSigner, generate_keypair
from servicekit.migrations import upgrade
from servicekit.runtime import Runtime
from servicekit.testing import wait_for

PRODUCTS = 40
PAGE = "/api/products?page_size=20"


def _png() -> bytes:
    image = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 80)).save(image, format="PNG")
    return image.getvalue()


def seed(env: dict[str, str], image_dir: Path) -> str:
    """An approved, rated seller's products, listed through catalog's own use cases; the id of one to show."""
    runtime = Runtime(ServiceConfig.from_env("catalog", env))
    seller_id = str(uuid.uuid4())
    with runtime.unit_of_work() as uow:
        record_approved_seller(uow, {"seller_id": seller_id, "account_id": str(uuid.uuid4()),
                                     "display_name": "Park Jisoo", "approved_at": datetime.now(timezone.utc)})
        apply_seller_rating(uow, {"seller_id": seller_id, "average_centi": 437, "review_count": 12, "version": 1})
        uow.commit()
    store, png, now = LocalFileStore(image_dir), _png(), datetime.now(timezone.utc)
    listed = []
    for number in range(PRODUCTS):
        product = products.create_product(runtime, seller_id, {
            "name": f"Jeju green tea {number}", "description": "Hand-picked on the slopes of Hallasan. " * 5,
            "price": 10_000 + 500 * number, "stock": 1_000, "category_id": None, "low_stock_threshold": 5,
            "status": "on_sale"})
        if number % 2 == 0:
            variants.replace_variants(runtime, seller_id, product.id, {"options": ["Size"], "variants": [
                {"id": None, "option_values": [size], "price_difference": extra, "stock": 100, "sku": f"T{number}{size}",
                 "active": True} for size, extra in (("50g", 0), ("100g", 4_000), ("200g", 9_000))]})
        if number % 4 == 1:
            sale_prices.set_sale(runtime, seller_id, product.id, {
                "sale_price": 8_000, "starts_at": now - timedelta(days=1), "ends_at": now + timedelta(days=7)})
        if number % 3 == 0:
            with runtime.unit_of_work() as uow:
                apply_rating(uow, {"product_id": product.id, "average_centi": 400 + number, "review_count": 3,
                                   "version": 1})
                uow.commit()
        product_images.upload_image(runtime, store, seller_id, product.id,
                                    FileStorage(io.BytesIO(png), filename="tea.png", content_type="image/png"))
        listed.append(product.id)
    runtime.dispose()
    return listed[-1]


def catalog_web_env(infrastructure, work: Path, database: str) -> dict[str, str]:
    """The environment of a catalog web on its own database `database`, with identity keys made in `work`:
    bench.marketplace's web processes (2 workers of 4 threads), each with its pool as deployed."""
    keys = work / "keys"
    generate_keypair(keys / "identity-private.pem", keys / "identity-public.pem")
    env = {**os.environ, "CATALOG_DATABASE_URL": infrastructure.database(database),
           "BROKER_URL": infrastructure.rabbitmq_url, "BUS_NAMESPACE": infrastructure.bus_namespace,
           "IDENTITY_KEY_DIR": str(keys), "MARKETPLACE_VAR_DIR": str(work / "var"), "LOG_FORMAT": "text",
           "WEB_CONCURRENCY": "2", "WEB_THREADS": "4", "WEB_WORKER_CLASS": "gthread"}
    for name in ("PROMETHEUS_MULTIPROC_DIR", *POOL_SETTINGS):
        env.pop(name, None)
    return env


def serve(app: str, port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    """`app` under gunicorn with the platform's settings, in its own process group."""
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{port}", app],
        env=env, cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
    )


def answers(url: str, headers: dict[str, str]) -> bool:
    try:
        return requests.get(url, headers=headers, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def same_answer(path: str, catalog: str, anchor: str, headers: dict[str, str]) -> None:
    """Both answer `path` with equal JSON (keys in any order) and equal paging and version headers."""
    ours, plain = requests.get(catalog + path, headers=headers), requests.get(anchor + path)
    assert ours.status_code == plain.status_code == 200, (ours.text, plain.text)
    assert ours.json() == plain.json(), f"{path}: the answers differ\n{ours.text}\n{plain.text}"
    for header in ("X-Pagination", "ETag"):
        mine, theirs = ours.headers.get(header), plain.headers.get(header)
        if header == "X-Pagination" and mine is not None and theirs is not None:
            mine, theirs = json.loads(mine), json.loads(theirs)
        assert mine == theirs, f"{path}: {header} differs: {mine!r} and {theirs!r}"


def cpu_seconds(master_pid: int) -> float:
    """CPU time the gunicorn master and its workers have used so far."""
    master = psutil.Process(master_pid)
    times = [process.cpu_times() for process in (master, *master.children(recursive=True))]
    return sum(each.user + each.system for each in times)


def wrk(url: str, seconds: int, connections: int, headers: dict[str, str]) -> tuple[float, int]:
    """Requests per second wrk measured and the requests answered; any answer but 2xx stops the bench. A slow
    answer (the machine is shared) is waited for up to 10 s rather than counted as an error."""
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    for name, value in headers.items():
        argv += ["-H", f"{name}: {value}"]
    output = subprocess.run(argv + [url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"errors while measuring {url}:\n{output}")
    answered = int(re.search(r"(\d+) requests in", output).group(1))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), answered


def measured(url: str, master_pid: int, args, headers: dict[str, str]) -> tuple[float, float]:
    """Requests per second, and the server's CPU milliseconds per request: steadier than the rate on a shared
    machine, as another program's load slows the rate but not the work each request costs."""
    before = cpu_seconds(master_pid)
    rate, answered = wrk(url, args.seconds, args.connections, headers)
    return rate, (cpu_seconds(master_pid) - before) * 1000 / answered


def measure(path: str, catalog: str, anchor: str, pids: dict[str, int], token: str, args) -> None:
    ratios, cpu_ratios, catalog_rates, anchor_rates, catalog_costs, anchor_costs = [], [], [], [], [], []
    wrk(catalog + path, 2, args.connections, {"X-Identity-Token": token})  # warm up both
    wrk(anchor + path, 2, args.connections, {})
    for round_ in range(1, args.rounds + 1):
        # Alternating, so a burst of load from elsewhere on the machine hits both alike.
        direct, direct_cost = measured(catalog + path, pids["catalog"], args, {"X-Identity-Token": token})
        plain, plain_cost = measured(anchor + path, pids["anchor"], args, {})
        catalog_rates.append(direct)
        anchor_rates.append(plain)
        catalog_costs.append(direct_cost)
        anchor_costs.append(plain_cost)
        ratios.append(direct / plain)
        cpu_ratios.append(plain_cost / direct_cost)
        print(f"  round {round_}: catalog {direct:,.0f} req/s {direct_cost:.2f} CPU ms/req, anchor {plain:,.0f} req/s "
              f"{plain_cost:.2f} CPU ms/req; ratio {direct / plain:.2f} by rate, {plain_cost / direct_cost:.2f} by CPU",
              flush=True)
    print(f"GET {path}: catalog median {statistics.median(catalog_rates):,.0f} req/s "
          f"{statistics.median(catalog_costs):.2f} CPU ms/req, anchor median {statistics.median(anchor_rates):,.0f} "
          f"req/s {statistics.median(anchor_costs):.2f} CPU ms/req; ratio by rate min {min(ratios):.2f} median "
          f"{statistics.median(ratios):.2f}, by CPU per request median {statistics.median(cpu_ratios):.2f} "
          "(target >= 0.8)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        env = catalog_web_env(infrastructure, work, "bench_catalog_reads")
        keys = Path(env["IDENTITY_KEY_DIR"])
        upgrade(ROOT / "services" / "catalog", env["CATALOG_DATABASE_URL"])
        product_id = seed(env, work / "var" / "catalog" / "images")
        token = TokenSigner((keys / "identity-private.pem").read_bytes(), ttl_seconds=3600).sign(ANONYMOUS)
        ports = {"catalog": free_port(), "anchor": free_port()}
        servers = [serve("catalog.wsgi:app", ports["catalog"], env, work / "catalog-web.log"),
                   serve("bench.plain_catalog:create_app()", ports["anchor"], env, work / "anchor-web.log")]
        catalog, anchor = (f"http://127.0.0.1:{ports[name]}" for name in ("catalog", "anchor"))
        try:
            wait_for(lambda: answers(catalog + PAGE, {"X-Identity-Token": token}), timeout=60, interval=0.2,
                     what="catalog answering")
            wait_for(lambda: answers(anchor + PAGE, {}), timeout=60, interval=0.2, what="the anchor answering")
            pages = (PAGE, f"/api/products/{product_id}")
            for path in pages:
                same_answer(path, catalog, anchor, {"X-Identity-Token": token})
            print(f"catalog web pids: master {servers[0].pid}; the answers of both are equal JSON", flush=True)
            for path in pages:
                measure(path, catalog, anchor, {"catalog": servers[0].pid, "anchor": servers[1].pid}, token, args)
        finally:
            for server in servers:
                os.killpg(server.pid, signal.SIGTERM)
            for server in servers:
                server.wait(20)


if __name__ == "__main__":
    main()
