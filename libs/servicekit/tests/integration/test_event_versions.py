"""Two versions of one event on the real bus: the producer publishes the old one beside the new while a service
still reads it, each service gets the version it reads, and one that reads both takes the event once."""
import threading

import pytest
from marshmallow import Schema, fields
from sqlalchemy import Column, Integer, MetaData, String, Table, select

from contracts import REGISTRY, Envelope, EventContract
from servicekit.bus.consumer import EventConsumer, Unreadable
from servicekit.bus.handlers import EventHandlers
from servicekit.bus.tables import create_bus_tables, outbox
from servicekit.migrations import ensure_database
from servicekit.runtime import Runtime
from servicekit.testing import wait_for
from tests.conftest import consumers_on


class KitWavedV1(Schema):
    """Test-only event: a wave of one hand."""

    hand = fields.String(required=True)


class KitWavedV2(Schema):
    """Test-only event, breaking change: the hands that waved."""

    hands = fields.List(fields.String(), required=True)


def v2_as_v1(data):
    return {"hand": data["hands"][0]}


# kit-old reads v1 only, kit-new v2 only, kit-both (a service moving from one to the other) reads both.
if ("KitWaved", 1) not in {(c.name, c.version) for c in REGISTRY.all()}:
    REGISTRY.add(EventContract("KitWaved", 1, KitWavedV1, "kit-sender", ("kit-old", "kit-both"), "test event"))
    REGISTRY.add(EventContract("KitWaved", 2, KitWavedV2, "kit-sender", ("kit-new", "kit-both"), "test event",
                               to_previous=v2_as_v1))
READERS = {"kit-old": (1,), "kit-new": (2,), "kit-both": (1, 2)}

wave_metadata = MetaData()
waves = Table(
    "waves",
    wave_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False),
    Column("routing_key", String(120), nullable=False),
    Column("hands", String(120), nullable=False),
)


def wave_handlers(service: str) -> EventHandlers:
    handlers = EventHandlers(service)
    for version in READERS[service]:
        @handlers.on("KitWaved", version)
        def record_wave(uow, event, envelope):
            hands = event["hands"] if "hands" in event else [event["hand"]]
            uow.session.execute(waves.insert().values(
                event_id=envelope.id, routing_key=envelope.routing_key, hands=",".join(hands)
            ))
    return handlers


@pytest.fixture(scope="module")
def readers(service_config):
    """A runtime with its own database for each reading service, as each service has its own."""
    runtimes = {}
    for service in READERS:
        runtime = Runtime(service_config(service, handler_max_attempts=3))
        ensure_database(runtime.config.database_url)
        create_bus_tables(runtime.engine)
        wave_metadata.create_all(runtime.engine)
        runtimes[service] = runtime
    yield runtimes
    for runtime in runtimes.values():
        runtime.dispose()


def consumer_of(service: str, runtime: Runtime) -> EventConsumer:
    return EventConsumer(service=service, topology=runtime.topology, handlers=wave_handlers(service),
                         unit_of_work=runtime.unit_of_work, max_attempts=3, backoff_seconds=0.05)


@pytest.fixture
def running_readers(readers):
    stop = threading.Event()
    threads = []
    for service, runtime in readers.items():
        thread = threading.Thread(target=consumer_of(service, runtime).run, args=(stop,), daemon=True)
        thread.start()
        threads.append(thread)
    for service, runtime in readers.items():
        wait_for(lambda: consumers_on(runtime.topology, service) >= 1, what=f"the {service} consumer on its queue")
    yield readers
    stop.set()
    for thread in threads:
        thread.join(10)


def wave(sender: Runtime, *hands: str) -> Envelope:
    with sender.unit_of_work() as uow:
        envelope = uow.record("KitWaved", {"hands": list(hands)})
        uow.commit()
    return envelope


def waves_seen(runtime: Runtime, event_id: str) -> list[tuple[str, str]]:
    with runtime.engine.connect() as connection:
        rows = connection.execute(select(waves.c.routing_key, waves.c.hands).where(waves.c.event_id == event_id))
        return [tuple(row) for row in rows]


def test_while_a_service_reads_the_old_version_the_producer_records_both_under_one_event_id(kit_runtimes):
    sender, _ = kit_runtimes

    envelope = wave(sender, "left", "right")

    with sender.engine.connect() as connection:
        payloads = [row.payload for row in connection.execute(select(outbox.c.payload).order_by(outbox.c.id))]
    editions = [(p["type"], p["version"], p["data"]) for p in payloads if p["id"] == envelope.id]
    assert editions == [("KitWaved", 2, {"hands": ["left", "right"]}), ("KitWaved", 1, {"hand": "left"})]
    assert envelope.version == 2


def test_each_service_gets_the_version_it_reads_and_one_reading_both_takes_the_event_once(
    kit_runtimes, relay, running_readers
):
    sender, _ = kit_runtimes
    first = wave(sender, "left", "right")
    # The marker comes after the first wave in every queue: once it is handled, so is everything before it.
    marker = wave(sender, "marker")
    relay.publish_pending()

    for service, runtime in running_readers.items():
        wait_for(lambda: waves_seen(runtime, marker.id), what=f"{service} to handle the marker wave")
    assert waves_seen(running_readers["kit-old"], first.id) == [("KitWaved.v1", "left")]
    assert waves_seen(running_readers["kit-new"], first.id) == [("KitWaved.v2", "left,right")]
    assert len(waves_seen(running_readers["kit-both"], first.id)) == 1


def test_a_worker_leaves_alone_an_edition_of_an_event_it_reads_in_another_version(readers):
    # As when workers of two releases share a queue bound to both versions while the service moves.
    consumer = consumer_of("kit-old", readers["kit-old"])
    edition = Envelope("KitWaved", 2, "kit-sender", {"hands": ["left"]})

    assert consumer.handle(edition, edition.routing_key) is False
    assert waves_seen(readers["kit-old"], edition.id) == []


def test_an_event_a_worker_reads_in_no_version_is_still_unreadable(readers):
    consumer = consumer_of("kit-new", readers["kit-new"])
    stranger = Envelope("KitPinged", 1, "kit-sender", {"number": 1})

    with pytest.raises(Unreadable, match="handles no event"):
        consumer.handle(stranger, stranger.routing_key)
