"""The bus on real RabbitMQ and PostgreSQL: outbox relay, once-only handling, retries, dead letters."""
import os
import subprocess
import sys
import threading
from pathlib import Path

import psycopg
import pytest
from kombu import Producer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import registry

from contracts import Envelope
from servicekit.bus.consumer import EventConsumer
from servicekit.bus.handlers import EventHandlers

from servicekit.bus.deadletter import list_dead_letters
from servicekit.bus.deadletter import main as dead_letters_command
from servicekit.bus.relay import OutboxRelay
from servicekit.bus.tables import failed_events, inbox, outbox
from servicekit.bus.topology import Topology
from servicekit.db import OUTBOX_CHANNEL
from servicekit.testing import TcpProxy, wait_for
from tests.conftest import make_handlers, pings, pings_recorded, send_ping

HERE = Path(__file__).parent


def unpublished(runtime) -> int:
    with runtime.engine.connect() as connection:
        return len(connection.execute(select(outbox.c.id).where(outbox.c.published_at.is_(None))).all())


def test_committed_event_is_published_and_handled_once(kit_runtimes, relay, running_consumer):
    sender, receiver = kit_runtimes
    send_ping(sender, 101)
    assert relay.publish_pending() >= 1

    wait_for(lambda: pings_recorded(receiver, 101) == 1, what="ping 101 handled")
    assert unpublished(sender) == 0


def test_event_published_twice_takes_effect_once(kit_runtimes, relay, running_consumer):
    sender, receiver = kit_runtimes
    send_ping(sender, 102)
    with sender.engine.begin() as connection:
        payload = connection.execute(select(outbox.c.payload).order_by(outbox.c.id.desc())).scalars().first()
    relay.publish_pending()
    # A relay that crashed after publishing but before marking publishes the same event again.
    with sender.engine.begin() as connection:
        connection.execute(outbox.update().where(outbox.c.event_id == payload["id"]).values(published_at=None))
    relay.publish_pending()

    # One consumer reads the queue in order: once a later marker is handled, so is the duplicate.
    send_ping(sender, 1102)
    relay.publish_pending()
    wait_for(lambda: pings_recorded(receiver, 1102) == 1, what="marker ping handled")
    assert pings_recorded(receiver, 102) == 1


def test_events_committed_while_broker_is_down_are_published_after_it_returns(kit_runtimes, running_consumer, infrastructure):
    sender, receiver = kit_runtimes
    proxy = TcpProxy("127.0.0.1", 5672).start()
    url = infrastructure.rabbitmq_url.replace("127.0.0.1:5672", f"127.0.0.1:{proxy.port}")
    relay = OutboxRelay(sender.engine, Topology(url, infrastructure.bus_namespace), "kit-sender")
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop, 0.2), daemon=True)
    try:
        proxy.cut()
        thread.start()
        send_ping(sender, 103)
        send_ping(sender, 103)
        wait_for(lambda: unpublished(sender) == 2, what="events kept in the outbox")

        proxy.restore()
        wait_for(lambda: pings_recorded(receiver, 103) == 2, timeout=30, what="both pings handled after the outage")
        # The relay marks a batch published after the broker confirms it, which can be after a consumer handled it.
        wait_for(lambda: unpublished(sender) == 0, what="the outbox to mark both published")
    finally:
        stop.set()
        thread.join(10)
        proxy.stop()


def test_poison_message_is_dead_lettered_and_later_messages_still_flow(
    kit_runtimes, relay, running_consumer, switch, monkeypatch, capsys
):
    sender, receiver = kit_runtimes
    poison_id = send_ping(sender, 104, poison=True)
    send_ping(sender, 105)
    relay.publish_pending()

    wait_for(lambda: pings_recorded(receiver, 105) == 1, what="the healthy ping after the poison one")
    dead = wait_for(
        lambda: [l for l in list_dead_letters(receiver.topology, "kit") if l.event_id == poison_id],
        what="poison ping in the dead-letter queue",
    )
    assert dead[0].attempts == 3
    assert "cannot digest poison" in dead[0].reason
    with receiver.engine.connect() as connection:
        status = connection.execute(
            select(failed_events.c.status).where(failed_events.c.event_id == poison_id)
        ).scalar_one()
    assert status == "dead"
    assert pings_recorded(receiver, 104) == 0

    # The operator's command lists it with its error, and replays it once the handler is fixed.
    monkeypatch.setenv("BROKER_URL", receiver.config.broker_url)
    monkeypatch.setenv("BUS_NAMESPACE", receiver.config.bus_namespace)
    dead_letters_command(["list", "kit"])
    listed = capsys.readouterr().out
    assert poison_id in listed and "cannot digest poison" in listed
    switch.fixed = True
    dead_letters_command(["replay", "kit", "--event-id", poison_id])
    assert f"replayed {poison_id} KitPinged.v1" in capsys.readouterr().out
    wait_for(lambda: pings_recorded(receiver, 104) == 1, what="replayed ping handled")
    assert not [l for l in list_dead_letters(receiver.topology, "kit") if l.event_id == poison_id]


def test_worker_killed_after_commit_before_ack_gets_the_event_again_and_applies_it_once(
    kit_runtimes, relay, service_config, switch
):
    sender, receiver = kit_runtimes
    send_ping(sender, 106)
    relay.publish_pending()
    config = receiver.config
    env = {
        **os.environ,
        "KIT_DATABASE_URL": config.database_url,
        "BROKER_URL": config.broker_url,
        "BUS_NAMESPACE": config.bus_namespace,
        "IDENTITY_KEY_DIR": str(config.identity_public_key_file.parent),
        "PYTHONPATH": str(HERE.parents[1]),
    }
    # The child handles the event, commits, and dies before it can acknowledge.
    crashed = subprocess.run(
        [sys.executable, str(HERE / "crashing_consumer.py")], env=env, timeout=60, cwd=HERE.parents[1]
    )
    assert crashed.returncode == 17
    assert pings_recorded(receiver, 106) == 1

    consumer_thread_stop = threading.Event()

    consumer = EventConsumer(
        service="kit", topology=receiver.topology, handlers=make_handlers(switch), unit_of_work=receiver.unit_of_work
    )
    redelivered = []
    original_handle = consumer.handle

    def counting_handle(envelope, routing_key):
        result = original_handle(envelope, routing_key)
        redelivered.append(result)
        return result

    consumer.handle = counting_handle
    thread = threading.Thread(target=consumer.run, args=(consumer_thread_stop,), daemon=True)
    thread.start()
    try:
        wait_for(lambda: False in redelivered, what="the redelivered event recognised as already handled")
    finally:
        consumer_thread_stop.set()
        thread.join(10)
    assert pings_recorded(receiver, 106) == 1


class Ping:
    """The pings table mapped for the ORM, for a handler whose write is flushed only at the end."""


registry().map_imperatively(Ping, pings)


def test_a_handler_whose_own_write_conflicts_at_the_end_fails_and_is_not_taken_as_handled(kit_runtimes):
    _, receiver = kit_runtimes
    with receiver.engine.begin() as connection:
        connection.execute(pings.insert().values(event_id="taken-ping", number=110))
    handlers = EventHandlers("kit")

    @handlers.on("KitPinged")
    def add_ping(uow, event, envelope):
        ping = Ping()
        ping.event_id, ping.number = "taken-ping", event["number"]
        uow.session.add(ping)

    consumer = EventConsumer(service="kit", topology=receiver.topology, handlers=handlers,
                             unit_of_work=receiver.unit_of_work)
    envelope = Envelope(type="KitPinged", version=1, producer="kit-sender", data={"number": 110})
    # Retried like any handler failure, rather than acknowledged as if another worker had handled it.
    with pytest.raises(IntegrityError):
        consumer.handle(envelope, "KitPinged.v1")
    with receiver.engine.connect() as connection:
        assert connection.execute(select(inbox.c.event_id).where(inbox.c.event_id == envelope.id)).first() is None


def test_a_retried_event_another_worker_already_handled_leaves_the_retry_ledger(kit_runtimes, switch):
    _, receiver = kit_runtimes
    consumer = EventConsumer(service="kit", topology=receiver.topology, handlers=make_handlers(switch),
                             unit_of_work=receiver.unit_of_work)
    envelope = Envelope(type="KitPinged", version=1, producer="kit-sender", data={"number": 111})
    assert consumer.handle(envelope, "KitPinged.v1")
    # This worker's first try lost the race and was recorded as a failure to retry.
    consumer._record_failure(envelope.id, envelope.to_wire(), "KitPinged.v1", "IntegrityError: inbox_pkey")

    assert consumer.handle(envelope, "KitPinged.v1") is False
    with receiver.engine.connect() as connection:
        assert connection.execute(
            select(failed_events.c.event_id).where(failed_events.c.event_id == envelope.id)
        ).first() is None
    assert pings_recorded(receiver, 111) == 1


def test_an_event_another_worker_is_handling_is_not_handled_again_once_that_one_commits(kit_runtimes):
    _, receiver = kit_runtimes
    handling, may_commit, calls = threading.Event(), threading.Event(), []
    handlers = EventHandlers("kit")

    @handlers.on("KitPinged")
    def slow_ping(uow, event, envelope):
        calls.append(threading.current_thread().name)
        uow.session.execute(pings.insert().values(event_id=envelope.id, number=event["number"]))
        handling.set()
        may_commit.wait(10)

    consumer = EventConsumer(service="kit", topology=receiver.topology, handlers=handlers,
                             unit_of_work=receiver.unit_of_work)
    envelope = Envelope(type="KitPinged", version=1, producer="kit-sender", data={"number": 113})
    first = threading.Thread(target=consumer.handle, args=(envelope, "KitPinged.v1"), name="first")
    first.start()
    assert handling.wait(10)
    # The broker hands the same event to a second worker (the first one's connection dropped, say).
    second = []
    other = threading.Thread(target=lambda: second.append(consumer.handle(envelope, "KitPinged.v1")), name="second")
    other.start()
    other.join(0.5)
    may_commit.set()
    first.join(10)
    other.join(10)

    assert second == [False]
    assert calls == ["first"]
    assert pings_recorded(receiver, 113) == 1


def test_a_unit_of_work_that_recorded_events_wakes_the_relay_when_it_commits_and_only_then(kit_runtimes):
    sender, _ = kit_runtimes
    dsn = sender.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as listener:
        listener.execute(f"LISTEN {OUTBOX_CHANNEL}")
        with sender.unit_of_work() as uow:
            uow.record("KitPinged", {"number": 114, "poison": False})
            uow.record("KitPinged", {"number": 115, "poison": False})
        assert list(listener.notifies(timeout=0.3)) == []  # rolled back: nothing to publish
        with sender.unit_of_work() as uow:
            uow.record("KitPinged", {"number": 116, "poison": False})
            uow.record("KitPinged", {"number": 117, "poison": False})
            uow.session.flush()
            assert list(listener.notifies(timeout=0.3)) == []
            uow.commit()
        assert [notice.channel for notice in listener.notifies(timeout=5, stop_after=1)] == [OUTBOX_CHANNEL]
        assert list(listener.notifies(timeout=0.3)) == []  # one wake-up per transaction


def test_a_handler_failure_whose_message_holds_a_nul_character_is_retried_like_any_other(kit_runtimes):
    _, receiver = kit_runtimes
    handlers = EventHandlers("kit")

    @handlers.on("KitPinged")
    def refuse_ping(uow, event, envelope):
        # Text from an event quoted in an error: PostgreSQL's text columns cannot hold the NUL.
        raise ValueError(f"no such note: 'a\x00b' in ping {event['number']}")

    consumer = EventConsumer(service="kit", topology=receiver.topology, handlers=handlers,
                             unit_of_work=receiver.unit_of_work)
    envelope = Envelope(type="KitPinged", version=1, producer="kit-sender", data={"number": 112})
    with receiver.topology.connection() as connection:
        consumer.process(envelope.to_wire(), "KitPinged.v1", Producer(connection.channel()))

    with receiver.engine.connect() as connection:
        ledger = connection.execute(
            select(failed_events.c.status, failed_events.c.last_error).where(failed_events.c.event_id == envelope.id)
        ).one()
    assert ledger.status == "retrying"
    assert "no such note: 'a\\x00b'" in ledger.last_error
