"""`past-events resend SOURCE --to SERVICE`: a service deployed after the others learns what they published
before it existed, or before it subscribed to an event, from the source service's outbox.

The outbox keeps every event a service published (the relay only marks a row sent). Resending takes the
published ones the receiving service subscribes to (all of them, or those named with `--event`, from `--since`
on), oldest first, and puts each straight on the receiver's queue as the relay sent it, with the routing key in
the header a replayed dead letter carries: the same envelope, the same event id. The receiver's inbox skips an
event it has handled, so resending again, or resending what it also received live, changes nothing. Only the
receiver's queue gets them: every other subscriber is left alone. A batch goes only while fewer than
`--max-waiting` messages wait on that queue, so live events never queue behind the whole past.

Run it with the source service's settings (its DATABASE_URL), as `dead-letters` runs with the service's own.
Events still unsent are left to the relay, which sends them to every subscriber anyway.
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable

from kombu import Producer
from sqlalchemy import Text, cast, select
from sqlalchemy.engine import Engine

from contracts import REGISTRY
from servicekit.bus.consumer import JSON_CONTENT_TYPE
from servicekit.bus.letters import ORIGINAL_ROUTING_KEY
from servicekit.bus.tables import outbox
from servicekit.bus.topology import Topology, queue_counts
from servicekit.config import ServiceConfig
from servicekit.korean_calendar import korean_midnight
from servicekit.runtime import Runtime

Say = Callable[[str], None]


class NothingToResend(ValueError):
    """The receiver subscribes to none of the events asked for (or to none the source publishes)."""


@dataclass
class Resent:
    by_routing_key: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_routing_key.values())


def routing_keys_to_resend(source: str, receiver: str, events: set[str] | None = None) -> list[str]:
    """The routing keys of the source's events the receiver subscribes to: all of them, or the named ones.

    Raises NothingToResend naming what does not fit, rather than resending nothing without a word.
    """
    subscribed = {c.routing_key: c for c in REGISTRY.subscribed_by(receiver) if c.producer == source}
    if not subscribed:
        raise NothingToResend(f"{receiver} subscribes to no event {source} publishes")
    if events is None:
        return sorted(subscribed)
    known = {c.name for c in subscribed.values()}
    unknown = sorted(events - known)
    if unknown:
        raise NothingToResend(
            f"{receiver} does not subscribe to {', '.join(unknown)} from {source}; "
            f"it subscribes to: {', '.join(sorted(known))}"
        )
    return sorted(key for key, contract in subscribed.items() if contract.name in events)


def resend_past_events(
    engine: Engine,
    topology: Topology,
    receiver: str,
    routing_keys: list[str],
    since: datetime | None = None,
    batch_size: int = 500,
    max_waiting: int = 5000,
    say: Say | None = None,
    pause: Callable[[], None] = lambda: time.sleep(1),
) -> Resent:
    """Put the published outbox events with these routing keys (created at `since` or later) on the receiver's
    queue, oldest first, each confirmed by the broker before the next batch is read, and each batch only once
    fewer than `max_waiting` messages wait there (the receiver's workers keep up). Returns what was sent."""
    resent = Resent()
    query = (
        select(outbox.c.id, outbox.c.routing_key, outbox.c.payload["id"].as_string(), cast(outbox.c.payload, Text))
        .where(outbox.c.published_at.is_not(None), outbox.c.routing_key.in_(routing_keys))
        .order_by(outbox.c.id)
        .limit(batch_size)
    )
    if since is not None:
        query = query.where(outbox.c.created_at >= since)
    queue = topology.queue_for(receiver)
    after = 0
    with topology.connection() as connection:
        channel = connection.channel()
        # The receiver's queue exists from now on even if its workers never started: nothing sent is dropped.
        topology.declare(channel, {receiver})
        producer = Producer(channel)
        while True:
            waiting = queue_counts(connection, queue.name)
            if waiting is not None and waiting.ready >= max_waiting and say is not None:
                say(f"{waiting.ready} message(s) wait on {queue.name}: pausing until its workers catch up")
            while waiting is not None and waiting.ready >= max_waiting:
                pause()
                waiting = queue_counts(connection, queue.name)
            with engine.connect() as database:
                rows = database.execute(query.where(outbox.c.id > after)).all()
            for row_id, routing_key, message_id, body in rows:
                producer.publish(
                    body.encode(), exchange="", routing_key=queue.name, content_type=JSON_CONTENT_TYPE,
                    content_encoding="utf-8", delivery_mode=2, message_id=message_id,
                    headers={ORIGINAL_ROUTING_KEY: routing_key, "resent": True}, retry=False,
                )
                resent.by_routing_key[routing_key] = resent.by_routing_key.get(routing_key, 0) + 1
                after = row_id
            if rows and say is not None:
                say(f"resent {resent.total} event(s) so far")
            if len(rows) < batch_size:
                return resent


def _instant(text: str) -> datetime:
    """An ISO time with its offset, or a day (from midnight in Korea, as the platform counts days)."""
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is no ISO date or time") from None
    if len(text) == 10:
        return korean_midnight(date.fromisoformat(text))
    if at.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no offset: give one, such as +09:00")
    return at


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="past-events", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    resend = commands.add_parser("resend", help="send a service the events another published before, from its outbox")
    resend.add_argument("source", help="the service that published the events (its settings are the ones in use)")
    resend.add_argument("--to", dest="receiver", required=True, help="the service that should learn them")
    resend.add_argument("--event", dest="events", action="append",
                        help="only this event, by name (repeatable); default: every one the receiver subscribes to")
    resend.add_argument("--since", type=_instant,
                        help="only events recorded at or after this ISO time (a date: midnight in Korea)")
    resend.add_argument("--max-waiting", type=int, default=5000,
                        help="send the next batch only while fewer messages than this wait on the receiver's queue")
    args = parser.parse_args(argv)

    try:
        keys = routing_keys_to_resend(args.source, args.receiver, set(args.events) if args.events else None)
    except NothingToResend as refused:
        print(refused, file=sys.stderr)
        return 2
    runtime = Runtime(ServiceConfig.from_env(args.source))
    try:
        resent = resend_past_events(runtime.engine, runtime.topology, args.receiver, keys, args.since,
                                    max_waiting=max(args.max_waiting, 1), say=lambda line: print(line, flush=True))
    finally:
        runtime.dispose()
    for routing_key in keys:
        print(f"{routing_key}: {resent.by_routing_key.get(routing_key, 0)}")
    print(f"resent {resent.total} event(s) from {args.source}'s outbox to {args.receiver}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
