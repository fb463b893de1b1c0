"""A worker with WORKER_HTTP_PORT is observable like a web process: /healthz while its threads run,
/readyz while broker, queue, database and relay are fine, and /metrics counting what its consumer does."""
import logging
import sys
from urllib.parse import urlsplit

import pytest
import requests
from sqlalchemy import select, text

from servicekit.bus.tables import outbox
from servicekit.bus.topology import queue_counts
from servicekit.runtime import Runtime
from servicekit.testing import TcpProxy, holds_for, wait_for
from servicekit.testing.operations import metric_value
from servicekit.worker import ScheduledJob, Worker
from tests.conftest import consumers_on, make_handlers, pings_recorded, send_ping
from tests.integration.test_unreadable_messages import publish_raw

KIT_EVENT = "KitPinged.v1"


@pytest.fixture
def start_worker(kit_runtimes, service_config):
    """Starts a kit or kit-sender worker serving HTTP on a free port, with settings of the test's own."""
    started: list[Worker] = []

    def start(service: str, handlers=None, jobs=(), **settings) -> Worker:
        config = service_config(service, worker_http_port=0, handler_max_attempts=3, retry_backoff_seconds=0.05,
                                **settings)
        worker = Worker(Runtime(config), handlers, jobs)
        worker.start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.shutdown()
        worker.runtime.dispose()


def get(worker: Worker, path: str) -> requests.Response:
    return requests.get(f"http://127.0.0.1:{worker.http_port}{path}", timeout=10)


def metric(worker: Worker, name: str, **labels: str) -> float:
    return metric_value(get(worker, "/metrics").text, name, **labels)


def answer_of(worker: Worker, path: str, status: int) -> requests.Response:
    """Waits until `path` answers with `status`, and returns that answer."""
    answers = []

    def answered() -> bool:
        answers.append(get(worker, path))
        return answers[-1].status_code == status

    wait_for(answered, what=f"{path} answering {status}")
    return answers[-1]


def ready(worker: Worker) -> bool:
    return get(worker, "/readyz").status_code == 200


def through(proxy: TcpProxy, url: str) -> str:
    """The same URL with its host and port replaced by the proxy's."""
    parts = urlsplit(url)
    credentials = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
    return parts._replace(netloc=f"{credentials}127.0.0.1:{proxy.port}").geturl()


@pytest.fixture
def proxy_to():
    proxies: list[TcpProxy] = []

    def make(url: str) -> TcpProxy:
        parts = urlsplit(url)
        proxies.append(TcpProxy(parts.hostname, parts.port).start())
        return proxies[-1]

    yield make
    for proxy in proxies:
        proxy.stop()


def test_a_worker_is_alive_and_ready_with_every_check_named(start_worker, switch):
    worker = start_worker("kit", make_handlers(switch))

    wait_for(lambda: ready(worker), what="the worker ready")
    readiness = get(worker, "/readyz").json()
    assert readiness == {
        "status": "ready", "checks": {"database": "ok", "broker": "ok", "consumer": "ok", "relay": "ok"},
    }
    alive = get(worker, "/healthz")
    assert alive.status_code == 200
    assert alive.json() == {"status": "ok", "checks": {"relay": "ok", "consumer": "ok"}}
    assert metric(worker, "bus_consumer_connected", service="kit") == 1
    assert metric(worker, "bus_outbox_unsent", service="kit") == 0


def test_the_metrics_count_handled_events_handler_failures_retries_and_unreadable_messages(
    start_worker, kit_runtimes, relay, switch
):
    sender, receiver = kit_runtimes
    worker = start_worker("kit", make_handlers(switch))
    wait_for(lambda: ready(worker), what="the worker ready")

    def count(name: str, **labels: str) -> float:
        return metric(worker, name, service="kit", **labels)

    handled = count("bus_events_handled_total", event=KIT_EVENT)
    timed = count("bus_handler_seconds_count", event=KIT_EVENT)
    send_ping(sender, 9201)
    relay.publish_pending()
    wait_for(lambda: pings_recorded(receiver, 9201) == 1, what="the ping handled")
    wait_for(lambda: count("bus_events_handled_total", event=KIT_EVENT) == handled + 1, what="handled counted")
    assert count("bus_handler_seconds_count", event=KIT_EVENT) >= timed + 1

    failed = count("bus_event_failures_total", event=KIT_EVENT, reason="handler")
    retried = count("bus_event_retries_total", event=KIT_EVENT)
    dead = count("bus_events_dead_lettered_total", event=KIT_EVENT, reason="handler")
    send_ping(sender, 9202, poison=True)
    relay.publish_pending()
    # Three attempts (the first and two retries), then the dead-letter queue.
    wait_for(lambda: count("bus_events_dead_lettered_total", event=KIT_EVENT, reason="handler") == dead + 1,
             what="the poison ping dead-lettered")
    assert count("bus_event_failures_total", event=KIT_EVENT, reason="handler") == failed + 3
    assert count("bus_event_retries_total", event=KIT_EVENT) == retried + 2

    unreadable = count("bus_event_failures_total", event=KIT_EVENT, reason="unreadable")
    publish_raw(receiver.topology, b"not an event at all")
    wait_for(lambda: count("bus_event_failures_total", event=KIT_EVENT, reason="unreadable") == unreadable + 1,
             what="the unreadable message counted")
    assert count("bus_events_dead_lettered_total", event=KIT_EVENT, reason="unreadable") >= 1

    def waiting_dead_letters() -> int:
        with receiver.topology.connection() as connection:
            return queue_counts(connection, receiver.topology.dead_letter_queue_for("kit").name).ready

    assert count("bus_dead_letter_queue_messages") == waiting_dead_letters() >= 2


def test_a_message_naming_no_event_of_the_service_counts_as_unknown(start_worker, kit_runtimes, switch):
    _, receiver = kit_runtimes
    worker = start_worker("kit", make_handlers(switch))
    wait_for(lambda: ready(worker), what="the worker ready")
    before = metric(worker, "bus_event_failures_total", service="kit", event="unknown", reason="unreadable")

    publish_raw(receiver.topology, b'{"id": "x"}', routing_key="SomethingElse.v9")

    wait_for(lambda: metric(worker, "bus_event_failures_total", service="kit", event="unknown",
                            reason="unreadable") == before + 1, what="the stranger counted as unknown")
    assert "SomethingElse" not in get(worker, "/metrics").text


def test_readiness_fails_while_the_broker_is_cut_and_returns_after(start_worker, switch, infrastructure, proxy_to):
    broker = proxy_to(infrastructure.rabbitmq_url)
    worker = start_worker("kit", make_handlers(switch), broker_url=through(broker, infrastructure.rabbitmq_url))
    wait_for(lambda: ready(worker), what="the worker ready")
    reconnects = metric(worker, "bus_consumer_reconnects_total", service="kit")

    broker.cut()
    answer = answer_of(worker, "/readyz", 503)
    assert answer.headers["Content-Type"] == "application/problem+json"
    body = answer.json()
    assert body["type"] == "urn:marketplace:problem:not-ready"
    assert body["checks"]["broker"].startswith("unavailable")
    assert body["checks"]["consumer"] == "not attached to its queue"
    assert body["checks"]["database"] == "ok"
    assert get(worker, "/healthz").status_code == 200, "a broker outage is no reason to restart the worker"
    assert metric(worker, "bus_consumer_connected", service="kit") == 0

    broker.restore()
    wait_for(lambda: ready(worker), what="ready again after the broker returned")
    assert metric(worker, "bus_consumer_reconnects_total", service="kit") > reconnects
    assert metric(worker, "bus_consumer_connected", service="kit") == 1


def test_a_worker_whose_database_is_away_reports_not_ready_and_stays_off_its_queue_until_it_returns(
    start_worker, switch, kit_runtimes, proxy_to, own_namespace, caplog
):
    caplog.set_level(logging.INFO, logger="servicekit.bus.consumer")
    database_url = kit_runtimes[1].config.database_url
    database = proxy_to(database_url)
    database.cut()
    # A queue of its own: the broker's consumer count is this worker's alone.
    worker = start_worker("kit", make_handlers(switch), database_url=through(database, database_url),
                          bus_namespace=own_namespace().namespace)

    answer = answer_of(worker, "/readyz", 503)
    assert answer.json()["checks"]["database"].startswith("unavailable")
    assert answer.json()["checks"]["consumer"] == "not attached to its queue"
    assert get(worker, "/healthz").status_code == 200
    # It waits longer each time rather than taking messages it could only hand back, which the
    # broker would count toward their delivery limit.
    wait_for(lambda: "reconnecting in 2.0s" in caplog.text, what="the reconnect back-off growing")
    holds_for(lambda: consumers_on(worker.runtime.topology, "kit") == 0, seconds=1, what="off the queue")

    database.restore()
    wait_for(lambda: ready(worker), timeout=30, what="ready once the database is back")


def test_events_left_unsent_past_the_limit_make_the_worker_not_ready_until_they_go_out(
    start_worker, kit_runtimes
):
    sender, _ = kit_runtimes
    event_id = send_ping(sender, 9203)
    # Another relay that hung while holding the row: this worker's relay passes it by (SKIP LOCKED).
    with sender.engine.connect() as hung_relay:
        hung_relay.execute(select(outbox.c.id).where(outbox.c.event_id == event_id).with_for_update())
        worker = start_worker("kit-sender", outbox_stuck_seconds=1)

        answer = answer_of(worker, "/readyz", 503)
        assert answer.json()["checks"]["relay"].startswith("stuck: ")
        assert answer.json()["checks"]["broker"] == "ok"
        assert metric(worker, "bus_outbox_unsent", service="kit-sender") >= 1
        assert metric(worker, "bus_outbox_oldest_unsent_seconds", service="kit-sender") > 1
        hung_relay.rollback()

    wait_for(lambda: ready(worker), what="ready once the events went out")
    assert metric(worker, "bus_outbox_unsent", service="kit-sender") == 0
    assert metric(worker, "bus_events_published_total", service="kit-sender", event=KIT_EVENT) >= 1
    with sender.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM outbox WHERE published_at IS NULL")).scalar_one() == 0


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_worker_whose_thread_died_is_not_alive(start_worker):
    worker = start_worker(
        "kit-sender", jobs=(ScheduledJob("quits", every_seconds=0, run=lambda runtime: sys.exit(3)),),
        scheduler_interval_seconds=0.05,
    )

    answer = answer_of(worker, "/healthz", 503)
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json()["checks"] == {"relay": "ok", "jobs": "stopped"}
    assert answer.json()["type"] == "urn:marketplace:problem:not-alive"


def test_a_worker_serves_nothing_without_a_port(kit_runtimes, service_config, switch):
    worker = Worker(Runtime(service_config("kit")), make_handlers(switch))
    worker.start()
    try:
        assert worker.http_port is None
    finally:
        worker.shutdown()
        worker.runtime.dispose()
