"""Resident memory of every process `make run` starts, at rest and through a long run of the load mix.

The platform runs as `make run` runs it: `python -m deploy.local`, which migrates, starts supervisord over the
Procfile's processes (deploy.supervision: gunicorn for each web with one worker, WEB_CONCURRENCY=1, gthread of 4
threads or gevent for the gateway and notifications; a worker process per service; supervisord's output listener)
and seeds the demo data. It gets a var folder of its own and eight free ports (MARKETPLACE_BASE_PORT), so it
clashes with nothing. Two things differ from a bare `make run`: every service uses PostgreSQL and RabbitMQ
(databases and a bus namespace of the run's own), which `make run` takes when told, instead of its SQLite files
and filesystem bus; and the gateway's rate limits (RATE_LIMIT_*) are raised, every user coming from one address.

At rest, once seeded, it reports each process's RSS and PSS (/proc/<pid>/smaps_rollup: shared pages split among
the processes sharing them, so PSS adds up; RSS sums count a gunicorn master's pages again in its workers), sums
per service and for the whole platform. Then bench/load_mix.py runs for --minutes (20 users, as bench.load_run,
on a shop stocked the same way by the demo seller), every process's RSS sampled every 10 s. For each process:
RSS at the start, peak, end, the growth from the first minute after warm-up to the last (mean of each), and the
slope of a least-squares line over the samples after warm-up. A process keeps growing when the slope passes
GROWTH_LIMIT_MIB_PER_MINUTE and the growth passes GROWTH_LIMIT_MIB too.
PostgreSQL and RabbitMQ are shared system services: their memory is reported apart, not in the platform's sum.
Target (issue 18): no process keeps growing. It fails if one does, or on a load error or an order not paid.
Run: .venv/bin/python -m bench.memory [--minutes 5]
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import psutil
import pyotp

from bench.bus_listener import BusListener
from bench.common import local_infrastructure
from bench.load_run import (
    RAISED_RATE_LIMITS, finish_locust, judged, orders_outcomes, sign_up_customers, start_locust, stock_the_shop,
    write_shop,
)
from bench.order_placement import ORDER_EVENTS, OrderTimeline
from deploy.client import GatewayClient
from deploy.layout import COMPONENTS, ROOT, WITH_DATABASE
from deploy.seed import SELLER
from servicekit.config import ServiceConfig

SAMPLE_SECONDS = 10
MIB = 1024 * 1024
# A process keeps growing when its RSS rises faster than this after warm-up, and by more than GROWTH_LIMIT_MIB
# from the first minute to the last: 0.5 MiB a minute is 720 MiB a day, a leak that ends any container, while a
# settled Python process moves by less than a MiB as its allocator takes and returns arenas.
GROWTH_LIMIT_MIB_PER_MINUTE = 0.5
GROWTH_LIMIT_MIB = 1.0
READY_LINE = "The marketplace is running"


def free_base_port(count: int = len(COMPONENTS)) -> int:
    """The first of `count` consecutive ports nothing listens on, chosen at random above the usual ones."""
    while True:
        base = random.randrange(20000, 60000)
        try:
            for port in range(base, base + count):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue


def pss_bytes(pid: int) -> int | None:
    """The process's proportional set size, None when the kernel does not give it."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


class MakeRun:
    """`python -m deploy.local` with a var folder, ports, databases and bus namespace of its own."""

    def __init__(self, infrastructure, workdir: Path):
        self.workdir = workdir
        self.env = {
            **os.environ, **RAISED_RATE_LIMITS,
            "MARKETPLACE_VAR_DIR": str(workdir / "var"), "MARKETPLACE_BASE_PORT": str(free_base_port()),
            "BROKER_URL": infrastructure.rabbitmq_url, "BUS_NAMESPACE": infrastructure.bus_namespace,
            **{f"{c.name.upper()}_DATABASE_URL": infrastructure.database(f"mem_{c.name}") for c in WITH_DATABASE},
        }
        self.gateway_url = f"http://127.0.0.1:{self.env['MARKETPLACE_BASE_PORT']}"
        self.log = workdir / "make-run.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 600) -> None:
        """Start it and wait for its last words, the demo accounts: every process ready and the data seeded."""
        self.process = subprocess.Popen([sys.executable, "-m", "deploy.local"], env=self.env, cwd=ROOT,
                                        stdout=open(self.log, "wb"), stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while READY_LINE not in self.log.read_text(errors="replace"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"make run did not come up; its output:\n{self.log.read_text()[-3000:]}")
            time.sleep(1)

    def stop(self) -> None:
        """SIGTERM, as deploy.local takes it (supervisord stops every process); SIGKILL to what is left."""
        if not self.process or self.process.poll() is not None:
            return
        tree = [self.process, *psutil.Process(self.process.pid).children(recursive=True)]
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            pass
        for process in tree:
            try:
                process.kill()
            except psutil.NoSuchProcess:
                pass

    def processes(self) -> dict[str, psutil.Process]:
        """Every process of the platform by a name that says what it is (gunicorn's workers under their web)."""
        ports = {int(self.env["MARKETPLACE_BASE_PORT"]) + n: c.name for n, c in enumerate(COMPONENTS)}
        named: dict[str, psutil.Process] = {"make run (deploy.local)": psutil.Process(self.process.pid)}
        for process in psutil.Process(self.process.pid).children(recursive=True):
            try:
                named[self._name(process, ports)] = process
            except psutil.NoSuchProcess:
                continue
        return named

    @staticmethod
    def _name(process: psutil.Process, ports: dict[int, str]) -> str:
        argv = process.cmdline()
        if "supervisor.supervisord" in argv:
            return "supervisord"
        if "deploy.process_output" in argv:
            return "supervisord output listener"
        if "--bind" in argv:
            web = f"{ports[int(argv[argv.index('--bind') + 1].rsplit(':', 1)[1])]}-web"
            return f"{web} worker {process.pid}" if "--bind" in process.parent().cmdline() else f"{web} master"
        if "-m" in argv and argv[argv.index("-m") + 1].endswith(".worker"):
            return f"{argv[argv.index('-m') + 1].split('.')[0]}-worker"
        return " ".join(argv)[:60]

    def demo_seller(self) -> GatewayClient:
        """The demo seller `make run` seeded, signed in with the authenticator it enrolled."""
        seller = GatewayClient(self.gateway_url)
        assert seller.login(SELLER["email"], SELLER["password"]).status_code == 201
        secret = (Path(self.env["MARKETPLACE_VAR_DIR"]) / "demo" / "seller-authenticator-secret").read_text().strip()
        # One step ahead: inside the accepted window, and not the code the seeding used a moment ago (a replay).
        assert seller.second_factor("totp", pyotp.TOTP(secret).at(time.time() + 30)).status_code == 200
        return seller


def service_of(name: str) -> str:
    """The component a process belongs to (its name's first word before -), or the supervision itself."""
    first = name.split(" ")[0].split("-")[0]
    return first if first in {c.name for c in COMPONENTS} else "supervision"


def print_memory(processes: dict[str, psutil.Process], each: bool = True) -> None:
    """Each process's RSS and PSS (unless not `each`), their sums per service and for the whole platform."""
    if each:
        print(f"{'process':<32} {'pid':>7} {'RSS MiB':>8} {'PSS MiB':>8}")
    per_service: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for name, process in sorted(processes.items(), key=lambda item: (service_of(item[0]), item[0])):
        rss, pss = process.memory_info().rss / MIB, (pss_bytes(process.pid) or 0) / MIB
        per_service[service_of(name)][0] += rss
        per_service[service_of(name)][1] += pss
        if each:
            print(f"{name:<32} {process.pid:>7} {rss:>8.1f} {pss:>8.1f}")
    print(f"{'per service (sum)':<32} {'':>7} {'RSS MiB':>8} {'PSS MiB':>8}")
    for service, (rss, pss) in per_service.items():
        print(f"{service:<32} {'':>7} {rss:>8.1f} {pss:>8.1f}")
    total_rss, total_pss = (sum(values[i] for values in per_service.values()) for i in (0, 1))
    print(f"{'whole platform':<32} {len(processes):>7} {total_rss:>8.1f} {total_pss:>8.1f}"
          "   (RSS counts shared pages again in each process; PSS splits them)")


def shared_services() -> dict[str, tuple[int, float, float]]:
    """PostgreSQL's and RabbitMQ's processes: how many, their RSS and PSS in MiB (for every user of the machine's
    servers, not this platform alone)."""
    found: dict[str, list[psutil.Process]] = {"PostgreSQL (every postgres process)": [],
                                              "RabbitMQ (beam.smp and its helpers)": []}
    for process in psutil.process_iter(["name", "username"]):
        try:
            if process.info["username"] == "postgres" or process.info["name"] == "postgres":
                found["PostgreSQL (every postgres process)"].append(process)
            elif process.info["username"] == "rabbitmq" or process.info["name"] in ("beam.smp", "epmd"):
                found["RabbitMQ (beam.smp and its helpers)"].append(process)
        except psutil.NoSuchProcess:
            continue
    figures = {}
    for service, processes in found.items():
        rss = pss = 0
        for process in processes:
            try:
                rss += process.memory_info().rss
                pss += pss_bytes(process.pid) or 0
            except psutil.NoSuchProcess:
                continue
        figures[service] = (len(processes), rss / MIB, pss / MIB)
    return figures


def print_shared(before: dict, after: dict) -> None:
    print(f"{'shared service':<40} {'processes':>9} {'RSS MiB':>8} {'PSS MiB':>8}"
          "   after the load: processes, RSS, PSS")
    for service, (count, rss, pss) in before.items():
        count_after, rss_after, pss_after = after[service]
        print(f"{service:<40} {count:>9} {rss:>8.1f} {pss:>8.1f}"
              f"   {count_after:>3} {rss_after:>8.1f} {pss_after:>8.1f}")


def sample(processes: dict[str, psutil.Process], samples: dict[str, list[tuple[float, float]]], started: float) -> None:
    for name, process in processes.items():
        try:
            samples[name].append((time.monotonic() - started, process.memory_info().rss / MIB))
        except psutil.NoSuchProcess:
            continue  # restarted or gone: the next listing names its successor, and the report says so


def slope_per_minute(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of RSS (MiB) against time, per minute."""
    n = len(points)
    mean_t, mean_y = sum(t for t, _ in points) / n, sum(y for _, y in points) / n
    spread = sum((t - mean_t) ** 2 for t, _ in points)
    return 60 * sum((t - mean_t) * (y - mean_y) for t, y in points) / spread if spread else 0.0


def growth_table(samples: dict[str, list[tuple[float, float]]], seconds: float) -> list[str]:
    """Print each process's RSS through the load; the names of those that keep growing."""
    warm_up = min(60.0, seconds / 3)
    window = min(60.0, (seconds - warm_up) / 2)
    print(f"RSS MiB under load; warm-up {warm_up:.0f} s, then the first and last {window:.0f} s compared, slope over"
          f" every sample after warm-up (keeps growing: > {GROWTH_LIMIT_MIB_PER_MINUTE} MiB/min and"
          f" > {GROWTH_LIMIT_MIB} MiB)")
    print(f"{'process':<32} {'start':>7} {'peak':>7} {'end':>7} {'first':>7} {'last':>7} {'growth':>7}"
          f" {'MiB/min':>8}")
    growing = []
    for name, points in sorted(samples.items(), key=lambda item: (service_of(item[0]), item[0])):
        settled = [(t, rss) for t, rss in points if t >= warm_up]
        first = [rss for t, rss in settled if t < warm_up + window]
        last = [rss for t, rss in settled if t >= seconds - window]
        if len(settled) < 2 or not first or not last:
            print(f"{name:<32} only {len(points)} samples (restarted during the load?)")
            growing.append(name)
            continue
        growth = sum(last) / len(last) - sum(first) / len(first)
        slope = slope_per_minute(settled)
        keeps_growing = slope > GROWTH_LIMIT_MIB_PER_MINUTE and growth > GROWTH_LIMIT_MIB
        if keeps_growing:
            growing.append(name)
        print(f"{name:<32} {points[0][1]:>7.1f} {max(rss for _, rss in points):>7.1f} {points[-1][1]:>7.1f}"
              f" {sum(first) / len(first):>7.1f} {sum(last) / len(last):>7.1f} {growth:>+7.1f} {slope:>+8.2f}"
              f"{'  KEEPS GROWING' if keeps_growing else ''}")
    return growing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--spawn-rate", type=float, default=5)
    args = parser.parse_args()
    seconds = args.minutes * 60
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as workdir:
        platform = MakeRun(infrastructure, Path(workdir))
        try:
            platform.start()
            products = stock_the_shop(platform.demo_seller(), 40)
            mail_file = ServiceConfig.from_env("auth", platform.env).notify_file
            customers = sign_up_customers(platform.gateway_url, mail_file, 5)
            shop = write_shop(Path(workdir) / "shop.json", platform.gateway_url, products, customers)
            print("At rest, seeded (demo data and the load's shop):")
            print_memory(platform.processes())
            shared_at_rest = shared_services()
            samples: dict[str, list[tuple[float, float]]] = defaultdict(list)
            with BusListener(infrastructure.rabbitmq_url, infrastructure.bus_namespace, ORDER_EVENTS) as listener:
                started = time.monotonic()
                locust = start_locust(platform.gateway_url, shop, Path(workdir) / "locust", args.users,
                                      args.spawn_rate, seconds)
                while locust.poll() is None:
                    sample(platform.processes(), samples, started)
                    time.sleep(SAMPLE_SECONDS - (time.monotonic() - started) % SAMPLE_SECONDS)
                result = finish_locust(locust, Path(workdir) / "locust", 60)
                outcomes = orders_outcomes(OrderTimeline(listener), result.orders_accepted)
            shared_after = shared_services()
            print("After the load:")
            print_memory(platform.processes(), each=False)
        finally:
            platform.stop()
    print_shared(shared_at_rest, shared_after)
    growing = growth_table(samples, seconds)
    judged(result, outcomes)
    if growing:
        raise SystemExit(f"FAILED: memory keeps growing in {', '.join(growing)}")


if __name__ == "__main__":
    main()
