"""Reading dead letters back: every letter gets a name and a reason, whatever its body holds."""
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import pytest

from servicekit.bus.letters import dead_letter_headers, read_letter


@dataclass
class FakeMessage:
    body: bytes
    headers: dict = field(default_factory=dict)
    content_type: str | None = "application/json"
    content_encoding: str | None = "utf-8"


def envelope_body(event_id: str) -> bytes:
    return json.dumps({
        "id": event_id, "type": "OrderPlaced", "version": 1, "occurred_at": "2026-12-06T00:00:00+00:00",
        "producer": "orders", "data": {},
    }).encode()


def test_a_letter_the_consumer_gave_up_on_is_named_by_its_event_and_can_be_replayed():
    event_id = str(uuid.uuid4())
    letter = read_letter(FakeMessage(envelope_body(event_id), dead_letter_headers(
        "OrderPlaced.v1", "Traceback ...\nValueError: the database refused it", attempts=5)))
    assert (letter.name, letter.event_id, letter.routing_key, letter.attempts) == (
        event_id, event_id, "OrderPlaced.v1", 5)
    assert letter.reason == "ValueError: the database refused it"
    assert letter.replayable


def test_a_body_that_is_not_an_event_is_named_by_its_digest_and_cannot_be_replayed():
    body = b"\xff\xfegarbage"
    letter = read_letter(FakeMessage(body, dead_letter_headers("OrderPlaced.v1", "unreadable: not UTF-8", 1),
                                     content_type="application/octet-stream", content_encoding="binary"))
    assert letter.name == "sha256:" + hashlib.sha256(body).hexdigest()[:16]
    assert letter.event_id is None and not letter.replayable
    assert letter.summary()["body"] == "\\xff\\xfegarbage"


def test_a_letter_rabbitmq_dead_lettered_at_its_delivery_limit_says_so():
    event_id = str(uuid.uuid4())
    headers = {
        "x-first-death-reason": "delivery_limit",
        "x-death": [{"reason": "delivery_limit", "queue": "marketplace.catalog", "count": 1,
                     "routing-keys": ["OrderPlaced.v1"], "exchange": "marketplace.events"}],
    }
    letter = read_letter(FakeMessage(envelope_body(event_id), headers))
    assert letter.routing_key == "OrderPlaced.v1"
    assert "too many times" in letter.reason
    assert letter.replayable


def test_a_letter_without_headers_still_reads():
    letter = read_letter(FakeMessage(b"", {}, content_type=None, content_encoding=None))
    assert letter.reason.startswith("unreadable: ")
    assert not letter.replayable


ODD_HEADERS = {
    "attempts and time of other types": {"x-attempts": Decimal("2.5"), "x-dead-lettered-at": datetime(2026, 1, 1)},
    "attempts as a table": {"x-attempts": {"n": 1}, "x-error": b"bytes, not text"},
    "x-death that is not a list of tables": {"x-death": "nonsense"},
    "x-death of other shapes": {"x-death": [1, {"routing-keys": "OrderPlaced.v1"}]},
    "x-death with no routing keys": {"x-death": [{"reason": "expired", "routing-keys": []}]},
}


@pytest.mark.parametrize("shape", list(ODD_HEADERS))
def test_a_letter_with_headers_of_odd_types_is_still_listed(shape):
    # Anyone who may publish to the dead-letter exchange writes what headers they like, and RabbitMQ keeps
    # a message's own headers when it dead-letters it at its delivery limit.
    letter = read_letter(FakeMessage(envelope_body(str(uuid.uuid4())), ODD_HEADERS[shape]))
    listed = json.loads(json.dumps(letter.summary()))
    assert listed["attempts"] is None or isinstance(listed["attempts"], int)
    assert listed["dead_lettered_at"] is None or isinstance(listed["dead_lettered_at"], str)
