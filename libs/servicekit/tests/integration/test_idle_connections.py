"""Idle workers keep their broker connections: heartbeats flow both ways, so the broker never cuts a
consumer or a relay that has had nothing to do for a while."""
import logging
import threading
from contextlib import contextmanager

import pytest

from servicekit.bus.consumer import EventConsumer
from servicekit.bus.relay import OutboxRelay
from servicekit.bus.topology import Topology
from servicekit.testing import holds_for, wait_for
from tests.conftest import consumers_on, make_handlers, pings_recorded, send_ping

HEARTBEAT = 2  # seconds: the broker drops a connection silent for about two of them


@pytest.fixture
def quick_heartbeats(own_namespace):
    """A namespace of the test's own, so the broker's consumer count is this consumer's alone."""
    return own_namespace(heartbeat=HEARTBEAT)


@contextmanager
def consuming(topology: Topology, receiver, switch):
    """A kit consumer on `topology`, running in a thread as in a worker."""
    consumer = EventConsumer(service="kit", topology=topology, handlers=make_handlers(switch),
                             unit_of_work=receiver.unit_of_work)
    stop = threading.Event()
    thread = threading.Thread(target=consumer.run, args=(stop,), daemon=True)
    thread.start()
    try:
        wait_for(lambda: consumers_on(topology, "kit") == 1, what="the consumer registered")
        yield consumer
    finally:
        stop.set()
        thread.join(10)


def test_an_idle_consumer_keeps_its_place_on_the_queue_and_handles_the_next_event_at_once(
    kit_runtimes, quick_heartbeats, switch, caplog
):
    sender, receiver = kit_runtimes
    caplog.set_level(logging.INFO, logger="servicekit.bus")
    relay = OutboxRelay(sender.engine, quick_heartbeats, "kit-sender")
    with consuming(quick_heartbeats, receiver, switch):
        # Idle for more than three heartbeat intervals: the consumer stays, without reconnecting.
        holds_for(lambda: consumers_on(quick_heartbeats, "kit") == 1, seconds=3.5 * HEARTBEAT,
                  interval=0.25, what="one consumer on the queue")
        assert "lost its connection" not in caplog.text
        assert caplog.text.count("consumer connected") == 1

        send_ping(sender, 8101)
        relay.publish_pending()
        wait_for(lambda: pings_recorded(receiver, 8101) == 1, timeout=1, what="the event after the idle spell")
    relay.close()


def test_an_idle_relay_publishes_its_next_event_on_its_first_try(kit_runtimes, quick_heartbeats, switch, caplog):
    sender, receiver = kit_runtimes
    caplog.set_level(logging.INFO, logger="servicekit.bus")
    relay = OutboxRelay(sender.engine, quick_heartbeats, "kit-sender")
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop, 0.2), daemon=True)
    with consuming(quick_heartbeats, receiver, switch):
        thread.start()
        try:
            send_ping(sender, 8102)
            wait_for(lambda: pings_recorded(receiver, 8102) == 1, what="the first event relayed")
            connection = relay._connection
            holds_for(lambda: relay._connection is connection and connection.connected, seconds=3.5 * HEARTBEAT,
                      interval=0.25, what="the relay's connection")
            send_ping(sender, 8103)
            wait_for(lambda: pings_recorded(receiver, 8103) == 1, timeout=2, what="the event after the idle spell")
            assert "could not publish" not in caplog.text
            assert "connection dropped" not in caplog.text
        finally:
            stop.set()
            thread.join(10)
