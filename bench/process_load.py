"""What a bench run costs each process of the platform in CPU, and what waits in its queues and outboxes."""
from __future__ import annotations

import os
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

import psutil
import requests
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import create_engine, text

from contracts import REGISTRY
from deploy.launcher import Platform
from deploy.layout import WITH_DATABASE
from servicekit.bus.topology import Topology, queue_counts
from servicekit.db import sqlalchemy_url

# Shared with whatever else runs on the machine (other benches, tests): their share is in these figures.
SHARED = ("postgresql", "rabbitmq")


def _cpu_of(process: psutil.Process) -> float:
    """User and system seconds of a process and of the children it reaped; 0 for one that has ended."""
    try:
        times = process.cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    return times.user + times.system + times.children_user + times.children_system


def _tree_cpu_seconds(process: psutil.Process) -> float:
    """CPU seconds of a process and its live descendants (a gunicorn master and its workers)."""
    return sum(_cpu_of(member) for member in (process, *process.children(recursive=True)))


def _cpu_of_matching(matches: Callable[[dict], bool]) -> float:
    return sum(_cpu_of(process) for process in psutil.process_iter(["username", "name"]) if matches(process.info))


def cpu_seconds(platform: Platform) -> dict[str, float]:
    """CPU seconds so far of each platform process (a gunicorn master with its workers), of PostgreSQL (every
    process of the postgres user: the postmaster counts its ended backends), of RabbitMQ (beam.smp), and of
    this process (the bench's clients and listener)."""
    seconds = {}
    for key, popen in platform.processes.items():
        try:
            seconds[key] = _tree_cpu_seconds(psutil.Process(popen.pid))
        except psutil.NoSuchProcess:
            seconds[key] = 0.0
    seconds["postgresql"] = _cpu_of_matching(lambda info: info["username"] == "postgres")
    seconds["rabbitmq"] = _cpu_of_matching(lambda info: info["name"] == "beam.smp")
    own = psutil.Process(os.getpid()).cpu_times()
    seconds["bench"] = own.user + own.system
    return seconds


def cpu_ms_per_order(before: dict[str, float], after: dict[str, float], orders: int) -> dict[str, float]:
    return {key: (after[key] - before.get(key, 0.0)) * 1000 / max(orders, 1) for key in after}


def print_cpu_table(levels: list[tuple[str, dict[str, float]]]) -> None:
    """CPU ms per order of each process (rows) at each level (columns), and the platform's sum without the
    shared servers and with them."""
    if not levels:
        return
    keys = list(levels[0][1])
    print(f"CPU ms per order {'':<24}" + "".join(f"{label:>10}" for label, _ in levels))
    for key in keys:
        print(f"  {key:<39}" + "".join(f"{figures.get(key, 0.0):>10.1f}" for _, figures in levels))
    for label, included in (("platform processes", lambda k: k not in SHARED and not k.startswith("bench")),
                            ("all, with PostgreSQL and RabbitMQ", lambda k: not k.startswith("bench"))):
        print(f"  {'sum: ' + label:<39}" + "".join(
            f"{sum(v for k, v in figures.items() if included(k)):>10.1f}" for _, figures in levels))
    print("  (PostgreSQL and RabbitMQ serve every other run on the machine too: their rows are approximate"
          " while others run)")


def outbox_backlogs(engines: dict) -> dict[str, int]:
    counts = {}
    for name, engine in engines.items():
        with engine.connect() as connection:
            counts[name] = connection.execute(text("SELECT count(*) FROM outbox WHERE published_at IS NULL")).scalar()
    return counts


@dataclass
class DepthWatch:
    """Polls, once a second while it runs, the ready messages of every queue of the platform's namespace and the
    unsent rows of every service's outbox; keeps each one's peak and the last reading."""

    platform: Platform
    interval: float = 1.0
    peaks: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    last: dict[str, int] = field(default_factory=dict)

    def __post_init__(self):
        self.topology = Topology(self.platform.env["BROKER_URL"], self.platform.env["BUS_NAMESPACE"])
        self.engines = {c.name: create_engine(sqlalchemy_url(self.platform.database_url(c.name)), pool_size=1)
                        for c in WITH_DATABASE}
        self.queues = [f"{self.topology.namespace}.{s}" for s in sorted(REGISTRY.services()) if REGISTRY.subscribed_by(s)]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, name="bench-depth-watch", daemon=True)

    def read(self) -> dict[str, int]:
        depths = {}
        with self.topology.connection() as connection:
            for name in self.queues:
                counts = queue_counts(connection, name)
                depths[f"queue {name.split('.', 1)[1]}"] = counts.ready if counts else 0
        depths.update({f"outbox {name}": count for name, count in outbox_backlogs(self.engines).items()})
        return depths

    def _poll(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            self.last = self.read()
            for key, depth in self.last.items():
                self.peaks[key] = max(self.peaks[key], depth)
            self._stop.wait(max(0.0, self.interval - (time.monotonic() - started)))

    def is_empty(self) -> bool:
        return bool(self.last) and not any(self.last.values())

    def __enter__(self) -> "DepthWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join(10)
        for engine in self.engines.values():
            engine.dispose()


def handler_seconds(platform: Platform) -> dict[tuple[str, str], tuple[float, float]]:
    """Each worker's handlers so far, from its /metrics: (service, event) -> (seconds in all, events handled)."""
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for name in platform.worker_ports:
        if f"{name}-worker" not in platform.processes:
            continue
        exposition = requests.get(f"{platform.worker_url(name)}/metrics", timeout=5).text
        for family in text_string_to_metric_families(exposition):
            if family.name != "bus_handler_seconds":
                continue
            for sample in family.samples:
                key = (sample.labels["service"], sample.labels["event"])
                if sample.name.endswith("_sum"):
                    totals[key][0] += sample.value
                elif sample.name.endswith("_count"):
                    totals[key][1] += sample.value
    return {key: (seconds, count) for key, (seconds, count) in totals.items()}


def print_handler_table(before: dict, after: dict) -> None:
    """Mean time of each handler (its transaction included) between two readings: the rest of a hop is queueing."""
    print("Handlers, mean ms per event (the handler and its transaction):")
    for key in sorted(after):
        seconds = after[key][0] - before.get(key, (0.0, 0.0))[0]
        count = after[key][1] - before.get(key, (0.0, 0.0))[1]
        if count:
            print(f"  {key[0] + ' ' + key[1]:<48} {seconds * 1000 / count:7.1f} ms over {count:.0f}")
