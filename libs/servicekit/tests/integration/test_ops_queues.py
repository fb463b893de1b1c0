"""`marketplace-ops queues` prints what the broker counts now for each service's queue and dead-letter queue:
ready messages, unacknowledged ones (from the management API, when it is named), consumers, dead letters."""
import json
import os
import subprocess
import sys
import uuid

import pytest
import requests
from kombu import Producer

from servicekit import ops
from servicekit.bus.topology import Topology
from servicekit.testing import wait_for


@pytest.fixture
def topology(infrastructure):
    """Every service's queues declared in a namespace of this test's own, empty."""
    topology = Topology(infrastructure.rabbitmq_url, f"{infrastructure.bus_namespace}-ops-{uuid.uuid4().hex[:6]}")
    with topology.connection() as connection:
        topology.declare(connection.channel())
    yield topology
    with topology.connection() as connection:
        topology.delete(connection.channel())


@pytest.fixture
def management_url(infrastructure):
    url = infrastructure.rabbitmq_management_url
    try:
        requests.get(f"{url}/api/overview", auth=("guest", "guest"), timeout=5).raise_for_status()
    except requests.RequestException as exc:
        message = (f"RabbitMQ's management API does not answer at {url} ({exc}); "
                   "enable it: rabbitmq-plugins enable rabbitmq_management (.ci/run does)")
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return url


def publish(topology: Topology, count: int, **route) -> None:
    with topology.connection() as connection:
        producer = Producer(connection.channel())
        for number in range(count):
            producer.publish({"number": number}, serializer="json", delivery_mode=2, **route)


def queues_as_json(monkeypatch, capsys, topology: Topology, management_url: str) -> dict:
    monkeypatch.setenv("BROKER_URL", topology.broker_url)
    monkeypatch.setenv("BUS_NAMESPACE", topology.namespace)
    monkeypatch.setenv("RABBITMQ_MANAGEMENT_URL", management_url)
    assert ops.main(["queues", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    return {row["service"]: row for row in document["services"]}


def test_the_queues_command_counts_ready_unacknowledged_consumers_and_dead_letters(
    topology, management_url, monkeypatch, capsys
):
    support = topology.queue_for("support").name
    publish(topology, 5, exchange="", routing_key=support)
    publish(topology, 4, exchange=topology.dead_letters, routing_key="support")
    with topology.connection() as holder:
        # Two workers that took three messages between them and have not finished them.
        for prefetch in (2, 1):
            channel = holder.channel()
            channel.basic_qos(0, prefetch, False)
            channel.basic_consume(support, callback=lambda message: None)

        def counted() -> dict:
            rows = queues_as_json(monkeypatch, capsys, topology, management_url)
            return rows if rows["support"]["queue"]["unacked"] == 3 else {}

        # RabbitMQ refreshes the management API's counts every few seconds.
        rows = wait_for(counted, timeout=30, interval=0.5, what="the management API counting the taken messages")
        assert rows["support"]["queue"] == {
            "name": support, "declared": True, "ready": 2, "consumers": 2, "unacked": 3,
        }
        assert rows["support"]["dead_letter_queue"]["ready"] == 4
        assert rows["catalog"]["queue"]["ready"] == 0
        assert rows["catalog"]["queue"]["consumers"] == 0
        assert rows["catalog"]["dead_letter_queue"]["ready"] == 0

        printed = subprocess.run(
            [sys.executable, "-m", "servicekit.ops", "queues"],
            env={**{k: v for k, v in os.environ.items() if k != "RABBITMQ_MANAGEMENT_URL"},
                 "BROKER_URL": topology.broker_url, "BUS_NAMESPACE": topology.namespace},
            capture_output=True, text=True, timeout=60,
        )
    assert printed.returncode == 0, printed.stderr
    lines = printed.stdout.splitlines()
    assert lines[0].split() == ["SERVICE", "QUEUE", "READY", "UNACKED", "CONSUMERS", "DEAD", "LETTERS"]
    rows = {line.split()[0]: line.split() for line in lines[1:] if line.strip()}
    assert rows["support"] == ["support", support, "2", "unknown", "2", "4"]
    assert rows["catalog"] == ["catalog", topology.queue_for("catalog").name, "0", "unknown", "0", "0"]
    assert "UNACKED is unknown without RABBITMQ_MANAGEMENT_URL" in printed.stdout


def test_queues_of_a_namespace_nobody_started_are_shown_as_not_declared(infrastructure, monkeypatch, capsys):
    monkeypatch.setenv("BROKER_URL", infrastructure.rabbitmq_url)
    monkeypatch.setenv("BUS_NAMESPACE", f"never-started-{uuid.uuid4().hex[:6]}")
    monkeypatch.delenv("RABBITMQ_MANAGEMENT_URL", raising=False)

    assert ops.main(["queues"]) == 0

    printed = capsys.readouterr().out
    support_row = next(line for line in printed.splitlines() if line.startswith("support"))
    assert support_row.split()[2:] == ["-", "-", "-", "-"]
    assert "-: not declared yet" in printed


def test_the_queues_command_says_when_it_cannot_reach_the_broker(monkeypatch, capsys):
    monkeypatch.setenv("BROKER_URL", "amqp://guest:secret@127.0.0.1:1//")

    assert ops.main(["queues"]) == 1

    said = capsys.readouterr().err
    assert "cannot read the queues at amqp://guest:**@127.0.0.1:1//" in said
    assert "secret" not in said
