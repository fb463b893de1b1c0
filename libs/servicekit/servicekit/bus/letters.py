"""Dead letters as the operator sees them: the headers the consumer writes on a letter, and any
letter read back, readable or not, under a name the operator can give to replay or discard it."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from contracts import Envelope

UNREADABLE_PREFIX = "unreadable: "
# The event a dead letter was: written by the consumer, and read by it again on a replayed letter.
ORIGINAL_ROUTING_KEY = "x-original-routing-key"


def dead_letter_headers(routing_key: str, error: str, attempts: int) -> dict[str, Any]:
    """What the consumer tells the operator about a letter: the event it was, why, after how many tries."""
    return {
        ORIGINAL_ROUTING_KEY: routing_key,
        "x-error": error[-4000:],
        "x-attempts": attempts,
        "x-dead-lettered-at": datetime.now(timezone.utc).isoformat(),
    }


@dataclass(frozen=True)
class Letter:
    """One message of a dead-letter queue.

    `name` is the event id when the body is a readable envelope, otherwise `sha256:` and the first
    16 hex digits of the body's digest: the operator names a letter by it to replay or discard it.
    """

    name: str
    event_id: str | None
    routing_key: str
    attempts: int | None
    dead_lettered_at: str | None
    reason: str
    error: str
    replayable: bool
    body: bytes
    content_type: str | None
    content_encoding: str | None

    def summary(self) -> dict[str, Any]:
        """One line of `dead-letters list`: unreadable bodies are shown as their raw bytes."""
        entry: dict[str, Any] = {
            "letter": self.name,
            "event_id": self.event_id,
            "routing_key": self.routing_key,
            "attempts": self.attempts,
            "dead_lettered_at": self.dead_lettered_at,
            "reason": self.reason,
            "replayable": self.replayable,
        }
        if not self.replayable:
            entry["body"] = self.body[:1000].decode("utf-8", "backslashreplace")
            entry["body_bytes"] = len(self.body)
            entry["content_type"] = self.content_type
        return entry


def _readable_event_id(body: bytes, content_type: str | None) -> str | None:
    """The event id of a body that is a JSON envelope; None for anything else."""
    if (content_type or "").split(";")[0].strip().lower() != "application/json":
        return None
    try:
        payload = json.loads(body.decode("utf-8"))
        return Envelope.from_wire(payload).id if isinstance(payload, dict) else None
    except Exception:  # noqa: BLE001 - any failure to read means not a readable envelope
        return None


def _broker_death(headers: dict[str, Any]) -> tuple[str, str] | None:
    """Routing key and reason of a letter RabbitMQ dead-lettered itself (its delivery limit)."""
    deaths = headers.get("x-death")
    # RabbitMQ writes a list of tables; a publisher may have written anything under the name.
    if not isinstance(deaths, list) or not deaths or not isinstance(deaths[0], dict):
        return None
    first = deaths[0]
    keys = first.get("routing-keys")
    routing_key = str(keys[0]) if isinstance(keys, list) and keys else ""
    reason = headers.get("x-first-death-reason") or first.get("reason") or "unknown"
    reason = {
        "delivery_limit": "delivered too many times without an acknowledgement (the consumer kept failing on it)",
    }.get(str(reason), f"dead-lettered by the broker: {reason}")
    return routing_key, reason


def read_letter(message) -> Letter:
    """Describe a dead-letter queue message whatever its body and headers hold; never raises on them."""
    headers = message.headers or {}
    body = message.body if isinstance(message.body, bytes) else str(message.body).encode("utf-8", "replace")
    error = str(headers.get("x-error") or "")
    routing_key = str(headers.get(ORIGINAL_ROUTING_KEY) or "")
    died = _broker_death(headers)
    if died is not None and not routing_key:
        routing_key, error = died[0], died[1]
    event_id = _readable_event_id(body, message.content_type)
    # The consumer writes a number and a time in text; a stranger's letter may hold other types there.
    attempts, dead_lettered_at = headers.get("x-attempts"), headers.get("x-dead-lettered-at")
    lines = error.strip().splitlines()
    reason = lines[-1] if lines else "no reason recorded"
    if event_id is None and not reason.startswith(UNREADABLE_PREFIX):
        reason = f"{UNREADABLE_PREFIX}not a JSON event envelope ({reason})"
    return Letter(
        name=event_id or f"sha256:{hashlib.sha256(body).hexdigest()[:16]}",
        event_id=event_id,
        routing_key=routing_key,
        attempts=attempts if isinstance(attempts, int) and not isinstance(attempts, bool) else None,
        dead_lettered_at=None if dead_lettered_at is None else str(dead_lettered_at),
        reason=reason,
        error=error,
        replayable=event_id is not None and bool(routing_key),
        body=body,
        content_type=message.content_type,
        content_encoding=message.content_encoding,
    )
