"""Storefront search time on 100,000 products through catalog's web: p50/p95/p99 of GET /api/products?q=, against
the unfiltered first page (no keyword) timed the same way in the same run.

The products are the labelled sample's (services/catalog/tests/data/search_sample.json, or --sample), repeated with
a colour and a model number after each name until there are --products of them, each given its terms by catalog's
own catalog.search.index_for_search (about a millisecond each: a minute or two for 100,000), in a PostgreSQL database
migrated as catalog's is. catalog's web runs under gunicorn with the platform's settings (2 workers of 4 threads).
At each level of --threads, that many clients ask, one request after another each, the sample's queries in turn (20
a page) for --seconds; then the first page without a keyword for as long. Target (issue 19): search p95 under 50 ms.
Run: .venv/bin/python -m bench.search_latency [--products 100000 --seconds 20 --threads 1,4]
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

import requests
from sqlalchemy import create_engine, insert

from bench.catalog_reads import answers, catalog_web_env, serve
from bench.common import local_infrastructure, percentile
from bench.search_quality import SAMPLE
from catalog.models import Product
from catalog.search import index_for_search
from deploy.launcher import free_port
from deploy.layout import ROOT
from servicekit.db import sqlalchemy_url
from servicekit.identity import ANONYMOUS, TokenSigner
from servicekit.migrations import upgrade
from servicekit.testing import wait_for

COLOURS = ("화이트", "블랙", "네이비", "그레이", "베이지", "Red", "Blue", "Green", "Ivory", "Pink")
BATCH = 2000


def listed(url: str, sample: list[dict], count: int) -> None:
    """`count` products made of the sample's, each indexed for search as catalog indexes a listed product."""
    upgrade(ROOT / "services" / "catalog", url)
    engine = create_engine(sqlalchemy_url(url))
    start, seller_id, started, rows = datetime(2026, 1, 1, tzinfo=timezone.utc), str(uuid.uuid4()), time.monotonic(), []
    for number in range(count):
        base = sample[number % len(sample)]
        product = Product(name=f"{base['name']} {COLOURS[number // len(sample) % len(COLOURS)]} M{number:06d}",
                          description=base.get("description", ""))
        index_for_search(product)
        at = start + timedelta(seconds=number)
        rows.append({"id": str(uuid.uuid4()), "seller_id": seller_id, "name": product.name,
                     "description": product.description, "search_terms": product.search_terms,
                     "search_name": product.search_name, "price": 1000 + number % 50_000, "stock": 10,
                     "status": "on_sale", "option_names": [], "low_stock_threshold": 0, "low_stock_alerted": False,
                     "units_sold": 0, "rating_count": 0, "rating_version": 0, "version": 1, "created_at": at,
                     "updated_at": at})
        if len(rows) == BATCH or number == count - 1:
            with engine.begin() as connection:
                connection.execute(insert(Product.__table__), rows)
            rows = []
            print(f"\r  listed {number + 1:,} of {count:,} ({time.monotonic() - started:.0f} s)", end="", flush=True)
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE products")
    engine.dispose()
    print()


def timed(urls: list[str], headers: dict[str, str], seconds: float, threads: int) -> list[float]:
    """Seconds each answer took, `threads` clients asking the urls in turn, one request after another each."""
    taken, lock, deadline = [], threading.Lock(), time.monotonic() + seconds
    turns = itertools.cycle(urls)

    def client() -> None:
        session = requests.Session()
        while time.monotonic() < deadline:
            with lock:
                url = next(turns)
            began = time.perf_counter()
            response = session.get(url, headers=headers, timeout=30)
            elapsed = time.perf_counter() - began
            if response.status_code != 200:
                raise SystemExit(f"{url}: {response.status_code} {response.text[:200]}")
            with lock:
                taken.append(elapsed)

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return taken


def summary(label: str, taken: list[float]) -> str:
    return (f"{label}: p50 {percentile(taken, 0.5) * 1000:.1f} ms, p95 {percentile(taken, 0.95) * 1000:.1f} ms, "
            f"p99 {percentile(taken, 0.99) * 1000:.1f} ms over {len(taken):,} requests")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--threads", default="1,4", help="clients at once, one level after another")
    args = parser.parse_args()
    sample = json.loads(args.sample.read_text(encoding="utf-8"))
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        env = catalog_web_env(infrastructure, work, "bench_search_latency")
        keys = Path(env["IDENTITY_KEY_DIR"])
        print(f"Listing {args.products:,} products made of {len(sample['products'])} sample products")
        listed(env["CATALOG_DATABASE_URL"], sample["products"], args.products)
        port = free_port()
        server = serve("catalog.wsgi:app", port, env, work / "catalog-web.log")
        try:
            base = f"http://127.0.0.1:{port}/api/products?page_size=20"
            headers = {"X-Identity-Token": TokenSigner((keys / "identity-private.pem").read_bytes(),
                                                       ttl_seconds=3600).sign(ANONYMOUS)}
            wait_for(lambda: answers(base, headers), timeout=60)
            searches = {language: [f"{base}&q={quote(query['text'])}" for query in sample["queries"]
                                   if query["language"] == language] for language in ("ko", "en")}
            levels = [int(level) for level in args.threads.split(",")]
            timed(searches["ko"] + searches["en"], headers, 3, max(levels))  # warm up: pools, the analyser
            measured = []
            for threads in levels:
                results = {language: timed(urls, headers, args.seconds / 2, threads)
                           for language, urls in searches.items()}
                measured.append((threads, results, timed([base], headers, args.seconds, threads)))
        finally:
            os.killpg(server.pid, 15)
            server.wait(30)
    for threads, results, unfiltered in measured:
        everything = results["ko"] + results["en"]
        print(f"{threads} client(s) at once:")
        print(summary("  search, Korean queries", results["ko"]))
        print(summary("  search, English queries", results["en"]))
        print(summary("  search, all", everything))
        print(summary("  the first page, no keyword (anchor)", unfiltered))
        p95 = percentile(everything, 0.95) * 1000
        print(f"  search p95 {p95:.1f} ms (target < 50 ms: {'met' if p95 < 50 else 'NOT met'}); "
              f"{p95 / (percentile(unfiltered, 0.95) * 1000):.2f} x the anchor's p95")


if __name__ == "__main__":
    main()
