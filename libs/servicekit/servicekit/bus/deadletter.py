"""`dead-letters list|replay|discard|discarded SERVICE`: see what a service could not handle, send it back
after a fix, or throw it away on purpose, with a record of what was thrown away."""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterator

from kombu import Producer
from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from servicekit.bus.letters import ORIGINAL_ROUTING_KEY, Letter, read_letter
from servicekit.bus.tables import discarded_letters
from servicekit.bus.topology import Topology
from servicekit.config import ServiceConfig
from servicekit.runtime import Runtime

Say = Callable[[str], None]


@contextmanager
def _dead_letter_queue(topology: Topology, service: str) -> Iterator[tuple[Iterator, Producer]]:
    """The letters now in the queue, each taken unacknowledged with a way to acknowledge it, and a
    producer whose publishes the broker confirms. Closing puts back whatever was not acknowledged.

    Only as many as were waiting at the start are taken: a replayed letter the worker dead-letters
    again comes in behind them, and reading on would replay it again and again.
    """
    with topology.connection() as connection:
        channel = connection.channel()
        queue = topology.dead_letter_queue_for(service)(channel)
        queue.declare()
        waiting = queue.queue_declare(passive=True).message_count

        def letters():
            for _ in range(waiting):
                message = queue.get(no_ack=False)
                if message is None:
                    return
                yield message, read_letter(message)

        try:
            yield letters(), Producer(connection.channel())
        finally:
            channel.close()


def list_dead_letters(topology: Topology, service: str) -> Iterator[Letter]:
    """Every letter in the service's dead-letter queue, as it is read; the queue is left as it was."""
    with _dead_letter_queue(topology, service) as (letters, _):
        for _, letter in letters:
            yield letter


def _named(letter: Letter, names: set[str] | None) -> bool:
    return names is None or letter.name in names or letter.event_id in names


@dataclass
class Outcome:
    done: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)

    @property
    def complete(self) -> bool:
        return not self.refused and not self.missing


def replay_dead_letters(topology: Topology, service: str, names: set[str] | None = None, say: Say = print) -> Outcome:
    """Send letters (all, or those named) back to the service's queue, saying each one as it goes.

    A letter is acknowledged only after the broker confirmed its copy, so an interrupted replay has
    replayed exactly the letters it said. An unreadable letter is never replayed: named, it is
    refused; otherwise it is kept and counted. It can only be discarded.
    """
    outcome = Outcome(missing=set(names or ()))
    queue_name = topology.queue_for(service).name
    with _dead_letter_queue(topology, service) as (letters, producer):
        for message, letter in letters:
            if not _named(letter, names):
                continue
            outcome.missing -= {letter.name, letter.event_id}
            if not letter.replayable:
                # Named, it is refused; in a replay of everything, it is kept and counted.
                (outcome.refused if names else outcome.kept).append(letter.name)
                if names:
                    say(
                        f"refused {letter.name}: it is not an event {service} can read ({letter.reason}); "
                        f"it stays in the queue; throw it away with: "
                        f"dead-letters discard {service} --letter {letter.name} --reason ..."
                    )
                continue
            producer.publish(
                letter.body,
                exchange="",
                routing_key=queue_name,
                content_type=letter.content_type,
                content_encoding=letter.content_encoding,
                delivery_mode=2,
                headers={ORIGINAL_ROUTING_KEY: letter.routing_key},
                retry=False,
            )
            message.ack()
            outcome.done.append(letter.name)
            say(f"replayed {letter.name} {letter.routing_key}")
    return outcome


def discard_dead_letters(
    topology: Topology, engine: Engine, service: str, names: set[str], reason: str, by: str, say: Say = print
) -> Outcome:
    """Throw the named letters away: each is recorded in the service's discarded_letters table (with its
    body) before it leaves the queue, so nothing is lost without a trace."""
    outcome = Outcome(missing=set(names))
    with _dead_letter_queue(topology, service) as (letters, _):
        for message, letter in letters:
            if not _named(letter, names):
                continue
            outcome.missing -= {letter.name, letter.event_id}
            with engine.begin() as connection:
                connection.execute(
                    insert(discarded_letters).values(
                        letter=letter.name,
                        event_id=letter.event_id,
                        routing_key=letter.routing_key,
                        dead_letter_reason=letter.error or letter.reason,
                        discard_reason=reason,
                        body=letter.body,
                        content_type=letter.content_type,
                        discarded_by=by,
                        discarded_at=datetime.now(timezone.utc),
                    )
                )
            message.ack()
            outcome.done.append(letter.name)
            say(f"discarded {letter.name} {letter.routing_key or '-'} (recorded in {service}'s discarded_letters)")
    return outcome


def discarded(engine: Engine) -> Iterator[dict]:
    """The record of letters discarded on purpose, newest first."""
    with engine.connect() as connection:
        rows = connection.execute(select(discarded_letters).order_by(discarded_letters.c.id.desc()))
        for row in rows:
            yield {
                "letter": row.letter,
                "event_id": row.event_id,
                "routing_key": row.routing_key,
                "discarded_at": row.discarded_at.isoformat(),
                "discarded_by": row.discarded_by,
                "discard_reason": row.discard_reason,
                "dead_letter_reason": row.dead_letter_reason.strip().splitlines()[-1:] or [""],
                "body_bytes": len(row.body),
            }


def _say(line: str) -> None:
    print(line, flush=True)


def _report(outcome: Outcome, verb: str) -> int:
    _say(f"{verb} {len(outcome.done)} letter(s)")
    if outcome.refused:
        _say(f"refused {len(outcome.refused)} unreadable letter(s): {', '.join(outcome.refused)}")
    if outcome.kept:
        _say(f"kept {len(outcome.kept)} unreadable letter(s) that no replay can help; see `dead-letters list`, "
             f"then `dead-letters discard`: {', '.join(outcome.kept)}")
    if outcome.missing:
        _say(f"not in the dead-letter queue: {', '.join(sorted(outcome.missing))}")
    return 0 if outcome.complete else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dead-letters", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="print every letter (one JSON line each) as it is read")
    listing.add_argument("service")
    replay = commands.add_parser("replay", help="send letters back to the service's queue")
    replay.add_argument("service")
    replay.add_argument("--letter", "--event-id", dest="letters", action="append",
                        help="replay only this letter (its event id or sha256: name from list; repeatable)")
    discard = commands.add_parser("discard", help="throw letters away, recorded in the service's database")
    discard.add_argument("service")
    discard.add_argument("--letter", "--event-id", dest="letters", action="append", required=True,
                         help="the letter to throw away (its event id or sha256: name from list; repeatable)")
    discard.add_argument("--reason", required=True, help="why it is thrown away, kept with the record")
    discard.add_argument("--by", default=None, help="who throws it away (default: the login name)")
    record = commands.add_parser("discarded", help="print the record of discarded letters")
    record.add_argument("service")
    args = parser.parse_args(argv)

    runtime = Runtime(ServiceConfig.from_env(args.service))
    try:
        if args.command == "list":
            count = 0
            for letter in list_dead_letters(runtime.topology, args.service):
                count += 1
                _say(json.dumps(letter.summary(), ensure_ascii=False))
            print(f"{count} letter(s) in {args.service}'s dead-letter queue", file=sys.stderr)
            return 0
        if args.command == "replay":
            names = set(args.letters) if args.letters else None
            return _report(replay_dead_letters(runtime.topology, args.service, names, _say), "replayed")
        if args.command == "discard":
            if not args.reason.strip():
                parser.error("--reason must say why the letter is thrown away")
            outcome = discard_dead_letters(
                runtime.topology, runtime.engine, args.service, set(args.letters), args.reason.strip(),
                args.by or getpass.getuser(), _say,
            )
            return _report(outcome, "discarded")
        for entry in discarded(runtime.engine):
            _say(json.dumps(entry, ensure_ascii=False))
        return 0
    finally:
        runtime.dispose()


if __name__ == "__main__":
    sys.exit(main())
