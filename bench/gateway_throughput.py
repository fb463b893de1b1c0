"""Requests per second on GET /api/products through the gateway and straight to catalog, round by round.

A seller lists 20 products through the gateway first, then every process but the two web processes measured
stops, so the machine runs only what is measured. Both web processes run the same gunicorn settings (2 workers;
catalog's 4 threads each, the gateway's gevent worker as deploy.layout names it, as in production), every process
straight to RabbitMQ (bench.marketplace: no test proxy between).

Each round measures the direct path then the gateway, back to back, so a burst of load from elsewhere on the machine
hits both alike; its ratio is gateway/direct. The target holds on every round: the lowest ratio >= 0.75. Each round
also says how much CPU the gateway and catalog spent per request through the gateway: on two cores the gateway's
share of it is what the ratio loses.
--customer measures a signed-in customer's GET too (the session cookie through the gateway; the token the gateway
would sign for that session straight to catalog).
Needs `wrk` (apt-get install wrk).
Run: .venv/bin/python -m bench.gateway_throughput [--seconds 10 --connections 16 --rounds 3 --customer]
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from bench.common import local_infrastructure
from bench.marketplace import PASSWORD, bench_platform, list_products, signed_in
from servicekit.identity import ANONYMOUS, Identity, TokenSigner

MEASURED = ("catalog-web", "gateway-web")
TARGET = 0.75


def wrk(url: str, headers: dict[str, str], seconds: int, connections: int) -> tuple[float, int]:
    """Requests per second, and how many requests wrk completed."""
    # A request slower than wrk's usual 2 s on a busy machine is counted late, not dropped as a timeout.
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    for name, value in headers.items():
        argv += ["-H", f"{name}: {value}"]
    output = subprocess.run(argv + [url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"errors while measuring {url}:\n{output}")
    completed = int(re.search(r"(\d+) requests in", output).group(1))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), completed


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) of a gunicorn master and its workers so far, from /proc."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    total = 0
    for process in (pid, *map(int, children)):
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # a worker gunicorn just replaced
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


class CpuPerRequest:
    """Milliseconds of CPU each measured process spent per request of a wrk run: less noisy than the rates on a busy
    machine, and it says which process the time went to."""

    def __init__(self, platform):
        self.pids = {key: platform.processes[key].pid for key in MEASURED}

    def measure(self, run) -> tuple[float, dict[str, float]]:
        before = {key: cpu_seconds(pid) for key, pid in self.pids.items()}
        rate, completed = run()
        return rate, {key: 1000 * (cpu_seconds(pid) - before[key]) / max(completed, 1) for key, pid in self.pids.items()}


def rounds(label: str, direct: tuple[str, dict], gateway: tuple[str, dict], cpu: CpuPerRequest, args) -> float:
    """Alternating rounds of one caller; prints each round's rates and ratio, returns the lowest ratio."""
    wrk(*gateway, 2, args.connections)  # warm up both paths: pools, connections, imports on first use
    wrk(*direct, 2, args.connections)
    ratios = []
    print(f"GET /api/products, {label}: {args.rounds} rounds of {args.seconds} s, {args.connections} connections")
    for number in range(1, args.rounds + 1):
        straight, _ = cpu.measure(lambda: wrk(*direct, args.seconds, args.connections))
        through, spent = cpu.measure(lambda: wrk(*gateway, args.seconds, args.connections))
        ratios.append(through / straight)
        print(f"  round {number}: direct {straight:,.0f} req/s, gateway {through:,.0f} req/s, ratio {ratios[-1]:.2f}; "
              f"CPU per request through the gateway: gateway {spent['gateway-web']:.2f} ms, "
              f"catalog {spent['catalog-web']:.2f} ms", flush=True)
    lowest = min(ratios)
    verdict = "met" if lowest >= TARGET else "NOT met"
    print(f"  ratio gateway/direct: min {lowest:.2f}, median {statistics.median(ratios):.2f}, "
          f"max {max(ratios):.2f} (target: every round >= {TARGET}: {verdict})")
    return lowest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="each round: direct then the gateway")
    parser.add_argument("--customer", action="store_true", help="a signed-in customer's GET as well")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as workdir:
        platform = bench_platform(infrastructure, Path(workdir))
        try:
            platform.start()
            list_products(platform, 20)
            customer = signed_in(platform, "/api/accounts", {"email": "buyer@example.com", "name": "Buyer",
                                                             "password": PASSWORD}) if args.customer else None
            for key in set(platform.processes) - set(MEASURED):
                platform.kill(key)
            signer = TokenSigner((Path(platform.env["IDENTITY_KEY_DIR"]) / "identity-private.pem").read_bytes(),
                                 ttl_seconds=3600)
            direct_url = f"http://127.0.0.1:{platform.ports['catalog']}/api/products"
            gateway_url = f"{platform.gateway_url}/api/products"
            cpu = CpuPerRequest(platform)
            lowest = [rounds("anonymous", (direct_url, {"X-Identity-Token": signer.sign(ANONYMOUS)}),
                             (gateway_url, {}), cpu, args)]
            if customer is not None:
                account = customer.account
                identity = Identity(account["account_id"], frozenset(account.get("roles") or ("customer",)),
                                    name=account.get("name"))
                cookies = "; ".join(f"{name}={value}" for name, value in customer.http.cookies.items())
                lowest.append(rounds("signed-in customer", (direct_url, {"X-Identity-Token": signer.sign(identity)}),
                                     (gateway_url, {"Cookie": cookies}), cpu, args))
        finally:
            platform.stop()
    print(f"lowest ratio of any round: {min(lowest):.2f} (target >= {TARGET})")


if __name__ == "__main__":
    main()
