"""A worker with WORKER_PROCESSES=2: two consumers on the service's queue sharing its events, one HTTP port
whose /readyz speaks for both and whose /metrics, given a folder for them, counts both, and all of it gone
after SIGTERM."""
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from servicekit.bus.relay import OutboxRelay
from servicekit.testing import wait_for
from servicekit.testing.operations import metric_value
from tests.conftest import consumers_on, pings_recorded, send_ping

HERE = Path(__file__).parent
KIT_EVENT = "KitPinged.v1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def bus(kit_runtimes, own_namespace):
    """A bus namespace of the test's own, which no consumer of another test (the kit queue is the session's) shares,
    and a relay publishing the sender's events into it."""
    sender, _ = kit_runtimes
    topology = own_namespace()
    relay = OutboxRelay(sender.engine, topology, "kit-sender")
    yield topology, relay
    relay.close()


@pytest.fixture
def two_process_worker(kit_runtimes, bus):
    """Starts the kit's worker with WORKER_PROCESSES=2 and a port of its own on the test's bus, with any further
    settings given."""
    _, receiver = kit_runtimes
    config = receiver.config
    started: list[subprocess.Popen] = []

    def start(**settings: str) -> tuple[subprocess.Popen, int]:
        port = free_port()
        env = {
            **os.environ,
            "KIT_DATABASE_URL": config.database_url,
            "BROKER_URL": config.broker_url,
            "BUS_NAMESPACE": bus[0].namespace,
            "MARKETPLACE_VAR_DIR": str(config.var_dir),
            "IDENTITY_KEY_DIR": str(config.identity_public_key_file.parent),
            "PYTHONPATH": str(HERE.parents[1]),
            "LOG_FORMAT": "text",
            "WORKER_PROCESSES": "2",
            "WORKER_HTTP_PORT": str(port),
            **settings,
        }
        started.append(subprocess.Popen([sys.executable, str(HERE / "kit_worker.py")], env=env, cwd=HERE.parents[1],
                                        start_new_session=True))
        return started[-1], port

    yield start
    # Stopped with its processes: one left behind would take the next test's events.
    for parent in started:
        if parent.poll() is None:
            parent.terminate()
            try:
                parent.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(parent.pid, signal.SIGKILL)
                parent.wait(10)


def readiness(port: int) -> dict:
    try:
        return requests.get(f"http://127.0.0.1:{port}/readyz", timeout=10).json()
    except requests.ConnectionError:
        return {}


def handled(port: int) -> float:
    exposition = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
    return metric_value(exposition, "bus_events_handled_total", service="kit", event=KIT_EVENT)


def test_two_processes_consume_the_queue_and_process_0_answers_for_both(kit_runtimes, bus, two_process_worker):
    sender, receiver = kit_runtimes
    topology, relay = bus
    parent, port = two_process_worker()
    wait_for(lambda: consumers_on(topology, "kit") == 2, what="two consumers on the kit queue", timeout=60)
    wait_for(lambda: readiness(port).get("status") == "ready", what="/readyz ready", timeout=60)
    assert readiness(port)["checks"]["process-1"] == "ok"
    health = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).json()
    assert health["checks"]["process-1"] == "ok"

    for number in range(601, 611):
        send_ping(sender, number)
    relay.publish_pending()
    wait_for(lambda: all(pings_recorded(receiver, number) == 1 for number in range(601, 611)),
             what="every ping handled once")

    parent.send_signal(signal.SIGTERM)
    assert parent.wait(30) == 0
    wait_for(lambda: consumers_on(topology, "kit") == 0, what="the consumers gone")


def test_with_a_metrics_folder_process_0_counts_the_events_of_both(kit_runtimes, bus, two_process_worker, tmp_path):
    sender, receiver = kit_runtimes
    _, relay = bus
    parent, port = two_process_worker(PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"))
    wait_for(lambda: readiness(port).get("status") == "ready", what="both processes ready", timeout=60)
    before = handled(port)
    for number in range(621, 661):
        send_ping(sender, number)
    relay.publish_pending()
    wait_for(lambda: all(pings_recorded(receiver, number) == 1 for number in range(621, 661)),
             what="every ping handled once")

    wait_for(lambda: handled(port) - before == 40, what="40 events counted on /metrics")
    processes = {path.name.split("_")[1] for path in (tmp_path / "metrics").glob("counter_*.db")}
    assert len(processes) == 2, "both processes handled some of the events"
