"""Events in a service's tests: one handed to its consumer as it comes off the wire, and those it recorded for others."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from contracts import REGISTRY, EventContract, Envelope
from servicekit.bus.consumer import EventConsumer
from servicekit.bus.tables import outbox
from servicekit.runtime import Runtime

_ABSENT = object()


def deliver(consumer: EventConsumer, name: str, data: dict[str, Any], *, event_id: str | None = None,
            occurred_at: datetime | None = None) -> bool:
    """Hand `consumer` the event `name` as its producer publishes it and the broker delivers it: from the producer
    the contracts name, in the version the consumer's service reads, through JSON (datetimes become ISO text).
    `occurred_at` dates the envelope (default now): an event from a backlog, or the past resent.

    Returns True when it took effect, False when it had already: give the same `event_id` to deliver it again.
    """
    contract = _contract_read_by(consumer, name)
    envelope = Envelope(type=name, version=contract.version, producer=contract.producer, data=data)
    if event_id is not None:
        envelope = replace(envelope, id=event_id)
    if occurred_at is not None:
        envelope = replace(envelope, occurred_at=occurred_at)
    off_the_wire = json.loads(json.dumps(envelope.to_wire(), default=_json_value))
    return consumer.handle(Envelope.from_wire(off_the_wire), contract.routing_key)


def recorded_envelopes(runtime: Runtime, name: str | None = None, **matching: Any) -> list[dict[str, Any]]:
    """The events `runtime`'s service recorded in its outbox, oldest first, as they go on the wire: of type `name`
    (any type when None) whose data holds each of `matching`.

    An event recorded in several versions for its subscribers is listed once, in the version recorded first
    (the latest, UnitOfWork.record).
    """
    with runtime.engine.connect() as connection:
        rows = connection.execute(select(outbox.c.event_id, outbox.c.payload).order_by(outbox.c.id)).all()
    return [
        row.payload
        for row in rows
        if row.event_id == row.payload["id"]
        and name in (None, row.payload["type"])
        and all(row.payload["data"].get(field, _ABSENT) == value for field, value in matching.items())
    ]


def recorded(runtime: Runtime, name: str, **matching: Any) -> list[dict[str, Any]]:
    """The data of each `name` event `runtime`'s service recorded, oldest first, whose fields equal `matching`."""
    return [envelope["data"] for envelope in recorded_envelopes(runtime, name, **matching)]


def _contract_read_by(consumer: EventConsumer, name: str) -> EventContract:
    read = [c for c in REGISTRY.all() if c.name == name and consumer.handlers.for_routing_key(c.routing_key)]
    if not read:
        raise LookupError(f"{consumer.service} handles no {name} event")
    # While a service moves to a new version it reads both; the newer is the one it moves to.
    return read[-1]


def _json_value(value: Any) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} does not go into an event")
