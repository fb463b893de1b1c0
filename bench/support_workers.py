"""Events handled per second by 1, 2 and 4 support worker processes sharing the support queue (S13).

Each run has its own database and bus namespace on the local servers. The workers attach to the
queue, then paid orders are published; the rate is the events over the span of their inbox times.
Run: .venv/bin/python -m bench.support_workers [--events 1000]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select

from bench.common import local_infrastructure
from deploy.layout import ROOT
from deploy.support_fleet import SupportFleet, paid_orders, publish
from servicekit.bus.tables import inbox
from servicekit.bus.topology import Topology
from servicekit.migrations import upgrade

WORKER_COUNTS = (1, 2, 4)


def handled_per_second(infrastructure, workers: int, events: int, workdir: Path) -> float:
    workdir.mkdir(parents=True)
    database_url = infrastructure.database(f"bench_support_{workers}")
    upgrade(ROOT / "services" / "support", database_url)
    topology = Topology(infrastructure.rabbitmq_url, f"{infrastructure.bus_namespace}-support-{workers}")
    fleet = SupportFleet(
        {"SUPPORT_DATABASE_URL": database_url, "BROKER_URL": infrastructure.rabbitmq_url,
         "BUS_NAMESPACE": topology.namespace, "MARKETPLACE_VAR_DIR": str(workdir / "var")},
        topology,
        workdir,
    )
    engine = create_engine(database_url)
    try:
        fleet.start(workers)
        fleet.wait_until_consuming()
        publish(topology, paid_orders(events))
        deadline = time.monotonic() + 300
        while True:
            with engine.connect() as connection:
                count, first, last = connection.execute(
                    select(func.count(), func.min(inbox.c.handled_at), func.max(inbox.c.handled_at))
                ).one()
            if count >= events:
                return events / (last - first).total_seconds()
            if time.monotonic() > deadline:
                raise TimeoutError(f"{workers} workers handled {count} of {events} events; see {workdir}")
            time.sleep(0.2)
    finally:
        fleet.stop()
        engine.dispose()
        with topology.connection() as connection:
            topology.delete(connection.channel())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()
    rates = {}
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as workdir:
        for workers in WORKER_COUNTS:
            rates[workers] = handled_per_second(infrastructure, workers, args.events, Path(workdir) / str(workers))
    for workers, rate in rates.items():
        print(f"support, {workers} worker{'s' if workers > 1 else ''}: {rate:.0f} paid orders learned/s "
              f"({rate / rates[1]:.2f}x one worker)")


if __name__ == "__main__":
    main()
