"""A message no service can read goes straight to the dead-letter queue with its reason, and the
consumer handles the next message at once, on the same connection."""
import json
import logging
import uuid
from datetime import datetime, timezone

import pytest
from kombu import Producer

from servicekit.bus.deadletter import list_dead_letters
from servicekit.testing import wait_for
from tests.conftest import pings_recorded, send_ping


def envelope(**overrides) -> dict:
    wire = {
        "id": str(uuid.uuid4()),
        "type": "KitPinged",
        "version": 1,
        "occurred_at": datetime.now(timezone.utc).isoformat(),
        "producer": "kit-sender",
        "data": {"number": 1},
    }
    wire.update(overrides)
    return wire


def as_json(value) -> bytes:
    return json.dumps(value).encode()


BAD_MESSAGES = {
    "not JSON": dict(body=b"this is {not json"),
    "not UTF-8": dict(body=b'{"id": "\xff\xfe"}'),
    "wrong content type": dict(body=as_json(envelope()), content_type="text/plain"),
    "wrong encoding": dict(body=as_json(envelope()), content_encoding="latin-1"),
    "a JSON list, not an envelope": dict(body=b"[1, 2, 3]"),
    "an object that is no envelope": dict(body=as_json({"hello": "world"})),
    "an envelope of another type on this key": dict(body=as_json(envelope(type="KitPonged"))),
    "an unknown version": dict(body=as_json(envelope(version=7)), routing_key="KitPinged.v7"),
    "data its contract refuses": dict(body=as_json(envelope(data={"number": "many"}))),
    "oversized": dict(body=as_json(envelope(data={"number": 1, "padding": "x" * (1024 * 1024)}))),
    # Small, but deeper than Python's JSON decoder can go (it raises RecursionError, not ValueError).
    "nested too deeply": dict(body=b"[" * 100_000 + b"]" * 100_000),
}


def publish_raw(topology, body: bytes, *, routing_key="KitPinged.v1", content_type="application/json",
                content_encoding="utf-8", headers=None):
    with topology.connection() as connection:
        producer = Producer(connection.channel())
        if routing_key == "KitPinged.v1":
            producer.publish(body, exchange=topology.events, routing_key=routing_key, content_type=content_type,
                             content_encoding=content_encoding, delivery_mode=2, headers=headers)
        else:
            # No queue is bound to an unknown key: a replayed letter reaches the queue directly, named by header.
            producer.publish(body, exchange="", routing_key=topology.queue_for("kit").name,
                             content_type=content_type, content_encoding=content_encoding, delivery_mode=2,
                             headers={"x-original-routing-key": routing_key})


@pytest.mark.parametrize("shape", list(BAD_MESSAGES))
def test_an_unreadable_message_is_dead_lettered_at_once_and_the_next_event_is_handled(
    shape, kit_runtimes, relay, running_consumer, caplog
):
    sender, receiver = kit_runtimes
    bad = BAD_MESSAGES[shape]
    marker = 7000 + list(BAD_MESSAGES).index(shape)
    caplog.set_level(logging.INFO, logger="servicekit.bus.consumer")

    publish_raw(receiver.topology, **bad)
    send_ping(sender, marker)
    relay.publish_pending()

    # Handled within a couple of seconds: the bad message did not cost a reconnect or a retry cycle.
    wait_for(lambda: pings_recorded(receiver, marker) == 1, timeout=3, what="the event after the bad message")
    letter = wait_for(
        lambda: [l for l in list_dead_letters(receiver.topology, "kit") if l.body == bad["body"]],
        what="the bad message in the dead-letter queue",
    )[0]
    assert letter.reason.startswith("unreadable: ")
    assert letter.attempts == 1
    assert "lost its connection" not in caplog.text
    # One line in the log says which message failed and why.
    assert any("unreadable" in record.getMessage() and record.levelno == logging.WARNING for record in caplog.records)


def test_the_reasons_say_what_is_wrong(kit_runtimes, running_consumer):
    _, receiver = kit_runtimes
    consumer = running_consumer
    reasons = {}
    for shape, bad in BAD_MESSAGES.items():
        try:
            payload = consumer.read_body(bad["body"], bad.get("content_type", "application/json"),
                                         bad.get("content_encoding", "utf-8"))
            consumer.handle(consumer.read_envelope(payload), bad.get("routing_key", "KitPinged.v1"))
        except Exception as exc:  # noqa: BLE001
            reasons[shape] = str(exc)
    assert reasons["not JSON"].startswith("not JSON")
    assert reasons["not UTF-8"].startswith("not UTF-8")
    assert "text/plain" in reasons["wrong content type"]
    assert "latin-1" in reasons["wrong encoding"]
    assert reasons["a JSON list, not an envelope"].startswith("not an envelope")
    assert reasons["an object that is no envelope"].startswith("not an envelope")
    assert "KitPonged.v1" in reasons["an envelope of another type on this key"]
    assert "unknown type or version" in reasons["an unknown version"]
    assert "number" in reasons["data its contract refuses"]
    assert reasons["oversized"].startswith("oversized")
    assert reasons["nested too deeply"].startswith("not JSON")


# The header a replayed dead letter names its event in, as only a stranger would write it. RabbitMQ takes
# a header frame up to its frame_max (128 KiB): the long one fits, but not with the dead-letter headers added.
ODD_REPLAY_HEADERS = {
    "a list": ["KitPinged.v1"],
    "a table": {"routing_key": "KitPinged.v1"},
    "a number": 5,
    "a string longer than any routing key": "K" * 129_000,
}


@pytest.mark.parametrize("shape", list(ODD_REPLAY_HEADERS))
def test_a_message_naming_its_event_in_an_odd_header_is_dead_lettered_at_once_and_the_next_event_is_handled(
    shape, kit_runtimes, relay, running_consumer, caplog
):
    sender, receiver = kit_runtimes
    body = as_json(envelope())
    marker = 7100 + list(ODD_REPLAY_HEADERS).index(shape)
    caplog.set_level(logging.INFO, logger="servicekit.bus.consumer")

    publish_raw(receiver.topology, body, headers={"x-original-routing-key": ODD_REPLAY_HEADERS[shape]})
    send_ping(sender, marker)
    relay.publish_pending()

    wait_for(lambda: pings_recorded(receiver, marker) == 1, timeout=3, what="the event after the odd message")
    letter = wait_for(
        lambda: [l for l in list_dead_letters(receiver.topology, "kit") if l.body == body],
        what="the odd message in the dead-letter queue",
    )[0]
    assert letter.reason.startswith("unreadable: the x-original-routing-key header")
    # The letter names the key the message came by, so the operator may replay it as that event.
    assert letter.routing_key == "KitPinged.v1"
    assert "lost its connection" not in caplog.text
    assert all(len(record.getMessage()) < 1000 for record in caplog.records)


def test_a_burst_of_unreadable_messages_is_dead_lettered_whole_while_more_keep_arriving(
    kit_runtimes, relay, running_consumer
):
    """Each dead letter waits for the broker's confirm while the next messages are delivered on the same
    connection; the broker may confirm two publishes in one frame. Every letter arrives and the consumer goes on
    (it once handled a delivery inside that wait, and waited for ever on a confirm already counted)."""
    sender, receiver = kit_runtimes
    bodies = [as_json(envelope(data={"number": f"burst {n}"})) for n in range(300)]
    with receiver.topology.connection() as connection:
        producer = Producer(connection.channel())
        for body in bodies:
            producer.publish(body, exchange=receiver.topology.events, routing_key="KitPinged.v1",
                             content_type="application/json", content_encoding="utf-8", delivery_mode=2)
    send_ping(sender, 7990)
    relay.publish_pending()

    wait_for(lambda: pings_recorded(receiver, 7990) == 1, timeout=30, what="the event after the burst")
    wanted = set(bodies)
    wait_for(lambda: wanted <= {letter.body for letter in list_dead_letters(receiver.topology, "kit")},
             timeout=30, what="every message of the burst in the dead-letter queue")
