"""Support scales out (S13): several worker processes share its queue over real RabbitMQ, each event is
handled exactly once, and a worker killed mid-stream loses nothing.
"""
import uuid

import pytest
from sqlalchemy import create_engine, func, select

from deploy.layout import ROOT
from deploy.support_fleet import SupportFleet, paid_orders, publish
from servicekit.bus.tables import inbox
from servicekit.bus.topology import Topology
from servicekit.migrations import upgrade
from servicekit.testing import wait_for
from support.models.analytics import PaidOrdersDay
from support.models.order_view import KnownOrder, KnownOrderLine


@pytest.fixture
def support_database(infrastructure):
    """A support database of this test's own, migrated."""
    database_url = infrastructure.database(f"scale_support_{uuid.uuid4().hex[:8]}")
    upgrade(ROOT / "services" / "support", database_url)
    engine = create_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def fleet(infrastructure, support_database, tmp_path):
    """Support workers on a bus namespace of their own, so no other process takes their events."""
    topology = Topology(infrastructure.rabbitmq_url, f"{infrastructure.bus_namespace}-scale-{uuid.uuid4().hex[:6]}")
    env = {
        "SUPPORT_DATABASE_URL": support_database.url.render_as_string(hide_password=False),
        "BROKER_URL": infrastructure.rabbitmq_url,
        "BUS_NAMESPACE": topology.namespace,
        "MARKETPLACE_VAR_DIR": str(tmp_path / "var"),
        "RETRY_BACKOFF_SECONDS": "0.2",
    }
    running = SupportFleet(env, topology, tmp_path)
    try:
        yield running
    finally:
        running.stop()
        with topology.connection() as connection:
            topology.delete(connection.channel())


def counted(engine, statement) -> int:
    with engine.connect() as connection:
        return connection.execute(statement).scalar_one()


def handled(engine) -> int:
    return counted(engine, select(func.count()).select_from(inbox))


def assert_each_learned_once(engine, orders) -> None:
    wait_for(lambda: handled(engine) >= len(orders), timeout=40, what=f"{len(orders)} events handled")
    order_ids = [envelope.data["order_id"] for envelope in orders]
    assert handled(engine) == len(orders)
    assert counted(engine, select(func.count()).select_from(KnownOrder).where(
        KnownOrder.order_id.in_(order_ids))) == len(orders)
    assert counted(engine, select(func.count()).select_from(KnownOrderLine)) == len(orders)
    assert counted(engine, select(func.sum(PaidOrdersDay.orders))) == len(orders), "each paid order counted once"


def test_three_support_workers_share_the_queue_and_learn_each_paid_order_once(fleet, support_database):
    fleet.start(3)
    fleet.wait_until_consuming()
    orders = paid_orders(300)

    publish(fleet.topology, orders)

    assert_each_learned_once(support_database, orders)
    shares = [fleet.learned(index) for index in range(3)]
    assert sum(shares) == len(orders), shares
    assert all(share > 0 for share in shares), f"every worker did part of the work: {shares}"


def test_a_worker_killed_mid_stream_loses_no_event_and_repeats_none(fleet, support_database):
    orders = paid_orders(600)
    publish(fleet.topology, orders)

    fleet.start(3)
    wait_for(lambda: fleet.learned(0) > 0, timeout=20, what="the first worker at work")
    fleet.kill(0)
    handled_at_kill = handled(support_database)

    assert handled_at_kill < len(orders), "the worker was killed while events were still waiting"
    assert_each_learned_once(support_database, orders)
