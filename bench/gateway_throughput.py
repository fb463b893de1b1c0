"""Requests per second on GET /api/products through the gateway and straight to catalog, same run.

Target: gateway/direct >= 0.7. Needs `wrk` (apt-get install wrk).
Run: .venv/bin/python -m bench.gateway_throughput [--seconds 10 --connections 16]
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import tempfile
import uuid
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, insert

from bench.common import local_infrastructure
from deploy.launcher import Platform
from servicekit.db import sqlalchemy_url
from servicekit.identity import ANONYMOUS, TokenSigner, generate_keypair


def add_products(database_url: str, count: int = 20) -> None:
    from catalog.models import Product

    now = datetime.now(timezone.utc)
    engine = create_engine(sqlalchemy_url(database_url))
    with engine.begin() as connection:
        connection.execute(insert(Product), [
            {"id": str(uuid.uuid4()), "seller_id": str(uuid.uuid4()), "name": f"Product {n}", "description": "",
             "price": 1000 + n, "stock": 10, "status": "on_sale", "created_at": now, "updated_at": now}
            for n in range(count)
        ])
    engine.dispose()


def wrk(url: str, seconds: int, connections: int, headers: dict[str, str]) -> float:
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        argv += ["-H", f"{name}: {value}"]
    output = subprocess.run(argv + [url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"errors while measuring {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; medians are reported")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as workdir:
        keys = Path(workdir) / "keys"
        generate_keypair(keys / "identity-private.pem", keys / "identity-public.pem")
        platform = Platform(infrastructure, keys, Path(workdir))
        platform.env.update({"WEB_CONCURRENCY": "2", "WEB_THREADS": "4"})
        try:
            platform.migrate()
            add_products(platform.database_url("catalog"))
            for name in ("catalog", "gateway"):
                platform.start_web(name)
            platform.wait_until_ready(names=("catalog", "gateway"))
            token = TokenSigner((keys / "identity-private.pem").read_bytes(), ttl_seconds=3600).sign(ANONYMOUS)
            direct_url = f"http://127.0.0.1:{platform.ports['catalog']}/api/products"
            gateway_url = f"{platform.gateway_url}/api/products"
            wrk(gateway_url, 2, args.connections, {})  # warm up both paths
            wrk(direct_url, 2, args.connections, {"X-Identity-Token": token})
            # Alternate the two, so a burst of load from elsewhere on the machine hits both alike.
            direct_rates, gateway_rates = [], []
            for _ in range(args.rounds):
                direct_rates.append(wrk(direct_url, args.seconds, args.connections, {"X-Identity-Token": token}))
                gateway_rates.append(wrk(gateway_url, args.seconds, args.connections, {}))
            direct, through_gateway = statistics.median(direct_rates), statistics.median(gateway_rates)
        finally:
            platform.stop()
    print(f"GET /api/products straight to catalog: {direct:,.0f} req/s (median of {direct_rates})")
    print(f"GET /api/products through the gateway: {through_gateway:,.0f} req/s (median of {gateway_rates})")
    print(f"ratio gateway/direct: {through_gateway / direct:.2f} (target >= 0.7)")


if __name__ == "__main__":
    main()
