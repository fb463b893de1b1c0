"""The outbox relay on real RabbitMQ and PostgreSQL: the message consumers read, and rows marked sent only once
the broker has confirmed them."""
import json
import threading
import uuid
from collections import Counter
from datetime import datetime, timezone

import pytest
from sqlalchemy import cast, select
from sqlalchemy.types import Text

from servicekit.bus import relay as relay_module
from servicekit.bus.consumer import EventConsumer
from servicekit.bus.relay import OutboxRelay
from servicekit.bus.tables import outbox
from servicekit.bus.topology import Topology
from servicekit.testing import TcpProxy, wait_for
from tests.conftest import make_handlers, send_ping


def stored(runtime, event_id: str):
    with runtime.engine.connect() as connection:
        return connection.execute(
            select(cast(outbox.c.payload, Text), outbox.c.published_at).where(outbox.c.event_id == event_id)
        ).one()


def messages_on(topology, service: str) -> dict:
    """Every message waiting on a service's queue, by message id (taken off the queue)."""
    return {message.properties["message_id"]: message for message in taken_off(topology, service)}


def taken_off(topology, service: str) -> list:
    with topology.connection() as connection:
        channel = connection.channel()
        found = []
        while (message := channel.basic_get(topology.queue_for(service).name, no_ack=True)) is not None:
            found.append(message)
        return found


def unsent(runtime) -> int:
    with runtime.engine.connect() as connection:
        return len(connection.execute(select(outbox.c.id).where(outbox.c.published_at.is_(None))).all())


def body_of(message) -> bytes:
    """The bytes on the wire (py-amqp hands a body with a content encoding over decoded)."""
    body = message.body
    return body.encode(message.properties["content_encoding"]) if isinstance(body, str) else body


@pytest.fixture
def own_relay(kit_runtimes, own_namespace):
    """The kit-sender's relay publishing to a namespace of this test's own, where no consumer takes the messages."""
    sender, _ = kit_runtimes
    relay = OutboxRelay(sender.engine, own_namespace(), "kit-sender")
    yield relay
    relay.close()


def test_a_relayed_event_carries_what_consumers_read(kit_runtimes, own_relay, switch):
    sender, receiver = kit_runtimes
    event_id = send_ping(sender, 120)
    own_relay.publish_pending()

    message = messages_on(own_relay.topology, "kit")[event_id]
    body, published_at = stored(sender, event_id)
    assert body_of(message) == body.encode()
    assert message.properties["content_type"] == "application/json"
    assert message.properties["content_encoding"] == "utf-8"
    assert message.properties["delivery_mode"] == 2
    assert message.headers["producer"] == "kit-sender"
    assert message.delivery_info["routing_key"] == "KitPinged.v1"
    assert published_at is not None
    consumer = EventConsumer(service="kit", topology=receiver.topology, handlers=make_handlers(switch),
                             unit_of_work=receiver.unit_of_work)
    properties = message.properties
    read = consumer.read_body(body_of(message), properties["content_type"], properties["content_encoding"])
    assert read == json.loads(body) and read["id"] == event_id


def test_an_event_larger_than_a_frame_arrives_whole(kit_runtimes, own_relay):
    sender, _ = kit_runtimes
    event_id = str(uuid.uuid4())
    payload = {"id": event_id, "type": "KitPinged", "version": 1, "occurred_at": datetime.now(timezone.utc).isoformat(),
               "producer": "kit-sender", "correlation_id": None, "causation_id": None,
               "data": {"number": 121, "note": "é" * 150_000}}
    with sender.engine.begin() as connection:
        connection.execute(outbox.insert().values(event_id=event_id, routing_key="KitPinged.v1", payload=payload,
                                                  created_at=datetime.now(timezone.utc)))
    own_relay.publish_pending()

    message = messages_on(own_relay.topology, "kit")[event_id]
    assert len(body_of(message)) > 2 * 131072
    assert json.loads(body_of(message)) == payload


def test_a_batch_the_broker_refuses_stays_unsent_and_goes_out_once_it_takes_it(kit_runtimes, own_relay):
    sender, _ = kit_runtimes
    topology = own_relay.topology
    with topology.connection() as connection:
        channel = connection.channel()
        topology.events(channel).declare()
        # A full queue that rejects publishes: the broker nacks every KitPinged routed to it.
        channel.queue_declare(f"{topology.namespace}.full", durable=False, auto_delete=False,
                              arguments={"x-max-length": 0, "x-overflow": "reject-publish"})
        channel.queue_bind(f"{topology.namespace}.full", topology.events.name, "KitPinged.v1")
        first, second = send_ping(sender, 122), send_ping(sender, 123)

        with pytest.raises(RuntimeError, match="nacked"):
            own_relay.publish_pending()
        assert stored(sender, first).published_at is None
        assert stored(sender, second).published_at is None
        assert own_relay._connection is None

        channel.queue_delete(f"{topology.namespace}.full")
    assert own_relay.publish_pending() >= 2
    assert stored(sender, first).published_at is not None
    assert stored(sender, second).published_at is not None
    assert {first, second} <= set(messages_on(topology, "kit"))


def test_a_backlog_goes_out_batch_after_batch_in_order_and_all_marked_sent(kit_runtimes, own_namespace):
    sender, _ = kit_runtimes
    relay = OutboxRelay(sender.engine, own_namespace(), "kit-sender", batch_size=7)
    sent = [send_ping(sender, 130 + number) for number in range(50)]
    try:
        assert relay.publish_pending() >= 50
    finally:
        relay.close()

    assert unsent(sender) == 0
    received = [message.properties["message_id"] for message in taken_off(relay.topology, "kit")]
    assert [event_id for event_id in received if event_id in sent] == sent


def test_two_relays_of_a_service_publish_each_event_once(kit_runtimes, own_namespace):
    sender, _ = kit_runtimes
    topology = own_namespace()
    relays = [OutboxRelay(sender.engine, topology, "kit-sender", batch_size=10) for _ in range(2)]
    sent = [send_ping(sender, 200 + number) for number in range(300)]
    threads = [threading.Thread(target=relay.publish_pending) for relay in relays]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for relay in relays:
        relay.close()

    assert unsent(sender) == 0
    received = Counter(message.properties["message_id"] for message in taken_off(topology, "kit"))
    assert all(received[event_id] == 1 for event_id in sent)


def test_a_batch_whose_confirms_the_lost_broker_never_sent_stays_unsent(
    kit_runtimes, own_namespace, infrastructure, monkeypatch
):
    sender, _ = kit_runtimes
    topology = own_namespace()
    proxy = TcpProxy("127.0.0.1", 5672).start()
    url = infrastructure.rabbitmq_url.replace("127.0.0.1:5672", f"127.0.0.1:{proxy.port}")
    relay = OutboxRelay(sender.engine, Topology(url, topology.namespace), "kit-sender", batch_size=2)
    sent = [send_ping(sender, 300 + number) for number in range(5)]
    counted = relay_module._BatchConfirms.sent

    def broker_lost_once_the_batch_is_written(confirms, count):
        proxy.cut()
        return counted(confirms, count)

    monkeypatch.setattr(relay_module._BatchConfirms, "sent", broker_lost_once_the_batch_is_written)
    try:
        with pytest.raises(Exception):
            relay.publish_pending()
        assert relay._connection is None
        assert all(stored(sender, event_id).published_at is None for event_id in sent)

        monkeypatch.undo()
        proxy.restore()
        assert relay.publish_pending() >= 5
    finally:
        relay.close()
        proxy.stop()
    assert all(stored(sender, event_id).published_at is not None for event_id in sent)
    assert set(sent) <= set(messages_on(topology, "kit"))


def test_a_running_relay_publishes_each_commit_at_once_however_the_commits_fall_between_its_reads(
    kit_runtimes, own_namespace
):
    """The relay sleeps until a commit notifies it (here for up to a minute): an event committed while it reads
    or sends another, or between two reads, must still wake it, so no event waits for the idle timeout."""
    sender, _ = kit_runtimes
    relay = OutboxRelay(sender.engine, own_namespace(), "kit-sender")
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop, 60.0), daemon=True)
    thread.start()
    try:
        sent = []
        for burst in range(20):
            committing = [threading.Thread(target=lambda n=n: sent.append(send_ping(sender, 400 + n)))
                          for n in range(burst % 4 + 1)]
            for committing_thread in committing:
                committing_thread.start()
            for committing_thread in committing:
                committing_thread.join()
            wait_for(lambda: unsent(sender) == 0, timeout=5, what=f"burst {burst} published without the idle wait")
    finally:
        stop.set()
        send_ping(sender, 499)  # wakes it to see the stop
        thread.join(10)
    received = Counter(message.properties["message_id"] for message in taken_off(relay.topology, "kit"))
    assert all(received[event_id] == 1 for event_id in sent)
