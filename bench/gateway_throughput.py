"""Requests per second on GET /api/products through the gateway and straight to catalog, same run.

A seller lists 20 products through the gateway first, then every process but the two web processes measured
stops, so the machine runs only what is measured.
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
from pathlib import Path

from bench.common import local_infrastructure
from bench.marketplace import bench_platform, list_products
from servicekit.identity import ANONYMOUS, TokenSigner

MEASURED = ("catalog-web", "gateway-web")


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
        platform = bench_platform(infrastructure, Path(workdir))
        try:
            platform.start()
            list_products(platform, 20)
            for key in set(platform.processes) - set(MEASURED):
                platform.kill(key)
            keys = Path(platform.env["IDENTITY_KEY_DIR"])
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
