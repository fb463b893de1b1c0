"""`dead-letters list|replay SERVICE`: inspect a service's dead-letter queue and send messages back."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Iterator

from kombu import Producer

from servicekit.bus.topology import Topology
from servicekit.config import ServiceConfig


def _drain(topology: Topology, service: str, channel) -> Iterator:
    """Every message now in the dead-letter queue, unacknowledged: closing the channel puts back
    whatever was not acknowledged, so listing changes nothing."""
    queue = topology.dead_letter_queue_for(service)(channel)
    queue.declare()
    while True:
        message = queue.get(no_ack=False, accept=["json"])
        if message is None:
            return
        yield message


def describe(message) -> dict:
    headers = message.headers or {}
    payload = message.payload
    return {
        "event_id": payload.get("id") if isinstance(payload, dict) else None,
        "routing_key": headers.get("x-original-routing-key"),
        "attempts": headers.get("x-attempts"),
        "dead_lettered_at": headers.get("x-dead-lettered-at"),
        "error": (headers.get("x-error") or "").strip().splitlines()[-1:] or [""],
    }


def list_dead_letters(topology: Topology, service: str) -> list[dict]:
    with topology.connection() as connection:
        channel = connection.channel()
        found = [describe(message) for message in _drain(topology, service, channel)]
        channel.close()
    return found


def replay_dead_letters(topology: Topology, service: str, event_ids: set[str] | None = None) -> list[str]:
    """Send dead letters (all, or those with the given event ids) back to the service's queue."""
    replayed = []
    with topology.connection() as connection:
        channel = connection.channel()
        producer = Producer(connection.channel())
        queue_name = topology.queue_for(service).name
        for message in _drain(topology, service, channel):
            payload = message.payload
            event_id = payload.get("id") if isinstance(payload, dict) else None
            if event_ids is not None and event_id not in event_ids:
                continue
            producer.publish(
                payload,
                exchange="",
                routing_key=queue_name,
                serializer="json",
                delivery_mode=2,
                headers={"x-original-routing-key": (message.headers or {}).get("x-original-routing-key", "")},
                retry=False,
            )
            message.ack()
            replayed.append(event_id)
        channel.close()
    return replayed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dead-letters", description=__doc__)
    parser.add_argument("command", choices=["list", "replay"])
    parser.add_argument("service")
    parser.add_argument("--event-id", action="append", help="replay only this event (repeatable)")
    args = parser.parse_args(argv)
    config = ServiceConfig.from_env(args.service)
    topology = Topology(config.broker_url, config.bus_namespace)
    if args.command == "list":
        for entry in list_dead_letters(topology, args.service):
            print(json.dumps(entry, ensure_ascii=False))
        return 0
    replayed = replay_dead_letters(topology, args.service, set(args.event_id) if args.event_id else None)
    print(f"replayed {len(replayed)} message(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
