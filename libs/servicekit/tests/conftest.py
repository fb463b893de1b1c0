"""A tiny pair of test services on the real bus: `kit-sender` publishes KitPinged, `kit` handles it."""
import threading
import uuid

import pytest
from marshmallow import Schema, fields
from sqlalchemy import Column, Integer, MetaData, String, Table, func, select

from contracts import REGISTRY, EventContract
from servicekit.bus.consumer import EventConsumer
from servicekit.bus.handlers import EventHandlers
from servicekit.bus.relay import OutboxRelay
from servicekit.bus.tables import create_bus_tables
from servicekit.bus.topology import Topology, queue_counts
from servicekit.migrations import ensure_database
from servicekit.runtime import Runtime
from servicekit.testing import wait_for


class KitPingedV1(Schema):
    """Test-only event: a ping with a number."""

    number = fields.Integer(required=True)
    poison = fields.Boolean(load_default=False)


if ("KitPinged", 1) not in {(c.name, c.version) for c in REGISTRY.all()}:
    REGISTRY.add(EventContract("KitPinged", 1, KitPingedV1, "kit-sender", ("kit",), "test event"))

kit_metadata = MetaData()
pings = Table("pings", kit_metadata, Column("event_id", String(36), primary_key=True), Column("number", Integer))


class PoisonSwitch:
    """Makes poison pings fail until the 'fix' is deployed."""

    fixed = False


def make_handlers(switch: PoisonSwitch) -> EventHandlers:
    handlers = EventHandlers("kit")

    @handlers.on("KitPinged")
    def record_ping(uow, event, envelope):
        if event["poison"] and not switch.fixed:
            raise ValueError("cannot digest poison")
        uow.session.execute(pings.insert().values(event_id=envelope.id, number=event["number"]))

    return handlers


@pytest.fixture(scope="session")
def kit_runtimes(service_config):
    sender = Runtime(service_config("kit-sender", handler_max_attempts=3))
    receiver = Runtime(service_config("kit", handler_max_attempts=3))
    for runtime in (sender, receiver):
        ensure_database(runtime.config.database_url)
        create_bus_tables(runtime.engine)
        kit_metadata.create_all(runtime.engine)
    yield sender, receiver
    sender.dispose()
    receiver.dispose()


@pytest.fixture
def switch():
    return PoisonSwitch()


@pytest.fixture
def running_consumer(kit_runtimes, switch):
    """The kit consumer running in a thread, as in a worker process."""
    _, receiver = kit_runtimes
    consumer = EventConsumer(
        service="kit",
        topology=receiver.topology,
        handlers=make_handlers(switch),
        unit_of_work=receiver.unit_of_work,
        max_attempts=3,
        backoff_seconds=0.05,
    )
    stop = threading.Event()
    thread = threading.Thread(target=consumer.run, args=(stop,), daemon=True)
    thread.start()
    wait_for(lambda: consumers_on(receiver.topology, "kit") >= 1, what="the kit consumer on its queue")
    yield consumer
    stop.set()
    thread.join(30)
    # Gone from the queue before the next test, whose events a consumer left behind would take (the queue is the
    # session's): on a busy machine the last message may take a while to finish.
    wait_for(lambda: consumers_on(receiver.topology, "kit") == 0, what="the kit consumer off its queue", timeout=30)


@pytest.fixture
def relay(kit_runtimes):
    sender, _ = kit_runtimes
    relay = OutboxRelay(sender.engine, sender.topology, "kit-sender")
    yield relay
    relay.close()


def send_ping(runtime: Runtime, number: int, poison: bool = False) -> str:
    with runtime.unit_of_work() as uow:
        envelope = uow.record("KitPinged", {"number": number, "poison": poison})
        uow.commit()
    return envelope.id


def pings_recorded(runtime: Runtime, number: int) -> int:
    with runtime.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(pings).where(pings.c.number == number)).scalar_one()


def consumers_on(topology, service: str) -> int:
    """How many consumers the broker counts on a service's queue (0 before it exists)."""
    with topology.connection() as connection:
        counts = queue_counts(connection, topology.queue_for(service).name)
    return counts.consumers if counts is not None else 0


@pytest.fixture
def own_namespace(infrastructure):
    """Bus namespaces of a test's own (exchanges and queues no other test's consumer is on), removed after."""
    made: list[Topology] = []

    def make(heartbeat: float = 30) -> Topology:
        topology = Topology(infrastructure.rabbitmq_url, f"{infrastructure.bus_namespace}-{uuid.uuid4().hex[:8]}",
                            heartbeat=heartbeat)
        made.append(topology)
        return topology

    yield make
    for topology in made:
        with topology.connection() as connection:
            topology.delete(connection.channel())
