"""`marketplace-ops queues [--json]`: each service's queue and dead-letter queue as the broker counts them
now, for whoever decides how many workers a service needs or goes looking at its dead letters.

Ready messages and consumers come from the broker over AMQP (a passive declare, which creates
nothing). Unacknowledged messages (taken by a worker, not yet done) only RabbitMQ's management API
knows: with RABBITMQ_MANAGEMENT_URL set they are read from it (RabbitMQ refreshes them every few
seconds), without it they are `unknown`. BROKER_URL and BUS_NAMESPACE are the services' own.
"""
from __future__ import annotations

import argparse
import base64
import json
import sys
import urllib.request
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from kombu import Connection

from contracts import REGISTRY
from servicekit.bus.topology import Topology, queue_counts
from servicekit.config import OpsConfig

UNKNOWN = "unknown"


@dataclass(frozen=True)
class QueueState:
    """One queue; a count the broker could not give is None (`declared` False: no such queue yet)."""

    name: str
    declared: bool
    ready: int | None
    consumers: int | None
    unacked: int | None


@dataclass(frozen=True)
class ServiceQueues:
    service: str
    queue: QueueState | None  # None: the service subscribes to no event, so it has no queue
    dead_letter_queue: QueueState


def unacknowledged_by_queue(management_url: str, broker_url: str) -> dict[str, int]:
    """Unacknowledged messages of each queue in the broker URL's virtual host, from the management API.

    Its credentials are those in the management URL, else the broker URL's.
    """
    broker = Connection(broker_url)
    parts = urlsplit(management_url)
    user = unquote(parts.username) if parts.username else broker.userid
    password = unquote(parts.password) if parts.password else broker.password
    origin = f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    url = (f"{origin}{parts.path.rstrip('/')}/api/queues/{quote(broker.virtual_host, safe='')}"
           "?columns=name,messages_unacknowledged")
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    request = urllib.request.Request(url, headers={"Authorization": f"Basic {token}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        queues = json.load(response)
    # A queue declared a moment ago has no statistics yet: its count stays unknown.
    return {queue["name"]: queue["messages_unacknowledged"] for queue in queues if "messages_unacknowledged" in queue}


def service_queues(config: OpsConfig, unacked: dict[str, int] | None = None) -> list[ServiceQueues]:
    """Every service of the contracts, its queue (if it subscribes) and its dead-letter queue, counted now."""
    topology = Topology(config.broker_url, config.bus_namespace)
    unacked = unacked or {}

    def state(connection, name: str) -> QueueState:
        counts = queue_counts(connection, name)
        if counts is None:
            return QueueState(name, False, None, None, None)
        # The embedded transport keeps no count of consumers.
        consumers = counts.consumers if topology.is_amqp else None
        return QueueState(name, True, counts.ready, consumers, unacked.get(name))

    with topology.connection() as connection:
        connection.ensure_connection(max_retries=1)
        return [
            ServiceQueues(
                service=service,
                queue=state(connection, topology.queue_for(service).name) if REGISTRY.subscribed_by(service) else None,
                dead_letter_queue=state(connection, topology.dead_letter_queue_for(service).name),
            )
            for service in sorted(REGISTRY.services())
        ]


def _cell(value: int | None, declared: bool) -> str:
    if not declared:
        return "-"
    return UNKNOWN if value is None else str(value)


def table(rows: list[ServiceQueues]) -> str:
    """One line per service: its queue's ready, unacknowledged and consumers, and its dead letters."""
    lines = [("SERVICE", "QUEUE", "READY", "UNACKED", "CONSUMERS", "DEAD LETTERS")]
    for row in rows:
        queue, dead = row.queue, row.dead_letter_queue
        if queue is None:
            cells = ("(subscribes to nothing)", "-", "-", "-")
        else:
            cells = (queue.name, _cell(queue.ready, queue.declared), _cell(queue.unacked, queue.declared),
                     _cell(queue.consumers, queue.declared))
        lines.append((row.service, *cells, _cell(dead.ready, dead.declared)))
    widths = [max(len(line[column]) for line in lines) for column in range(len(lines[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) if column < 2 else cell.rjust(width)
                  for column, (cell, width) in enumerate(zip(line, widths))).rstrip()
        for line in lines
    )


def as_json(config: OpsConfig, rows: list[ServiceQueues]) -> dict[str, Any]:
    return {"namespace": config.bus_namespace, "services": [asdict(row) for row in rows]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="marketplace-ops", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    queues = commands.add_parser("queues", help="each service's queue depth, consumers, unacked and dead letters")
    queues.add_argument("--json", action="store_true", help="one JSON document, for scripts (unknown counts: null)")
    args = parser.parse_args(argv)

    config = OpsConfig.from_env()
    unacked = None
    if config.management_url:
        try:
            unacked = unacknowledged_by_queue(config.management_url, config.broker_url)
        except Exception as exc:  # noqa: BLE001 - the broker's own counts are still worth printing
            print(f"RabbitMQ's management API did not answer ({exc}); unacked counts are unknown", file=sys.stderr)
    try:
        rows = service_queues(config, unacked)
    except Exception as exc:  # noqa: BLE001 - say why, without a traceback
        print(f"cannot read the queues at {Connection(config.broker_url).as_uri()}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(as_json(config, rows), indent=2))
        return 0
    print(table(rows))
    if config.management_url is None and any(row.queue and row.queue.declared for row in rows):
        print(f"\nUNACKED is {UNKNOWN} without RABBITMQ_MANAGEMENT_URL (RabbitMQ's management API).")
    if any(not queue.declared for row in rows for queue in (row.queue, row.dead_letter_queue) if queue):
        print("-: not declared yet in namespace "
              f"{config.bus_namespace!r} (no process of that service has started on this broker).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
