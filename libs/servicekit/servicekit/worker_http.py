"""The worker's HTTP side, on WORKER_HTTP_PORT: /healthz (its threads still run), /readyz (broker, queue,
database and relay, in the web processes' shape) and /metrics (Prometheus). Under WORKER_PROCESSES above 1,
process 0 serves them, /healthz and /readyz include each other process's report (servicekit.worker), and
/metrics counts every process's events when PROMETHEUS_MULTIPROC_DIR names a folder for them, process 0's alone
otherwise.

A small Flask app for the same answers as the web processes give, served by the standard library's
wsgiref server with a thread per request, in a thread of its own.
"""
from __future__ import annotations

import logging
import os
import threading
from typing import TYPE_CHECKING, Iterator
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from flask import Flask, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import ThreadingWSGIServer
from prometheus_client.registry import Collector

from servicekit.bus.topology import queue_counts
from servicekit.health import Check, NotReady, broker_check, database_check, init_health

if TYPE_CHECKING:
    from servicekit.worker import Worker

log = logging.getLogger(__name__)


def liveness_checks(worker: Worker) -> dict[str, Check]:
    """One check per thread of the worker: it fails once the thread has ended while the worker runs on."""

    def running(thread: threading.Thread) -> Check:
        def check() -> None:
            if not thread.is_alive() and not worker.stop.is_set():
                raise NotReady("stopped")

        return check

    return {name: running(thread) for name, thread in worker.threads.items()}


def readiness_checks(worker: Worker) -> dict[str, Check]:
    """The broker answers, the consumer is on its queue, the database answers, the relay keeps up."""
    runtime = worker.runtime
    checks = {"database": database_check(runtime.engine), "broker": broker_check(runtime.topology)}
    consumer = worker.consumer
    if consumer is not None:

        def attached() -> None:
            if not consumer.attached:
                raise NotReady("not attached to its queue")

        checks["consumer"] = attached
    stuck_after = runtime.config.outbox_stuck_seconds

    def relay_keeps_up() -> None:
        backlog = worker.relay.backlog()
        if backlog.oldest_seconds > stuck_after:
            raise NotReady(
                f"stuck: {backlog.unsent} unsent event(s), the oldest {backlog.oldest_seconds:.0f}s old "
                f"(limit {stuck_after:g}s)"
            )

    checks["relay"] = relay_keeps_up
    return checks


class WorkerState(Collector):
    """Gauges read when /metrics is asked: consumer attached, outbox backlog, dead letters waiting.

    A gauge whose source does not answer (the database or the broker away) is left out of that scrape;
    /readyz says which source is away.
    """

    def __init__(self, worker: Worker):
        self.worker = worker

    def collect(self) -> Iterator[GaugeMetricFamily]:
        service = self.worker.runtime.config.service
        if self.worker.consumer is not None:
            yield _gauge("bus_consumer_connected", "1 while the consumer is attached to the service's queue",
                         service, 1 if self.worker.consumer.attached else 0)
        try:
            backlog = self.worker.relay.backlog()
        except Exception as exc:  # noqa: BLE001 - left out of this scrape
            log.debug("outbox backlog not read for /metrics: %s", exc)
        else:
            yield _gauge("bus_outbox_unsent", "Events in the outbox not yet published", service, backlog.unsent)
            yield _gauge("bus_outbox_oldest_unsent_seconds", "How long the oldest unsent outbox event has waited",
                         service, backlog.oldest_seconds)
        topology = self.worker.runtime.topology
        try:
            with topology.connection() as connection:
                counts = queue_counts(connection, topology.dead_letter_queue_for(service).name)
        except Exception as exc:  # noqa: BLE001 - left out of this scrape
            log.debug("dead-letter queue not read for /metrics: %s", exc)
        else:
            yield _gauge("bus_dead_letter_queue_messages", "Messages waiting in the service's dead-letter queue",
                         service, counts.ready if counts is not None else 0)


def _gauge(name: str, documentation: str, service: str, value: float) -> GaugeMetricFamily:
    gauge = GaugeMetricFamily(name, documentation, labels=["service"])
    gauge.add_metric([service], value)
    return gauge


def _counters() -> CollectorRegistry:
    """This process's own, or with PROMETHEUS_MULTIPROC_DIR the sum over every process of the worker
    (WORKER_PROCESSES), which write their counters there."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def worker_app(worker: Worker) -> Flask:
    app = Flask(__name__)
    readiness, liveness = readiness_checks(worker), liveness_checks(worker)
    if worker.place is not None:
        readiness.update(worker.place.table.readiness_of_others(worker.place.index))
        liveness.update(worker.place.table.liveness_of_others(worker.place.index))
    init_health(app, readiness, liveness=liveness)
    state = CollectorRegistry()
    state.register(WorkerState(worker))

    @app.get("/metrics")
    def metrics():
        # The counters (servicekit.bus.metrics), then this worker's gauges.
        return Response(generate_latest(_counters()) + generate_latest(state), mimetype=CONTENT_TYPE_LATEST)

    return app


class _QuietHandler(WSGIRequestHandler):
    """Probes come every few seconds; the worker's log is kept for its events."""

    def log_message(self, format, *args) -> None:  # noqa: A002 - the standard library's signature
        pass


def serve(app: Flask, port: int, name: str) -> WSGIServer:
    """Serve `app` on every interface at `port` (0: any free port, see server_port) until shutdown()."""
    server = make_server("0.0.0.0", port, app, server_class=ThreadingWSGIServer, handler_class=_QuietHandler)
    threading.Thread(target=server.serve_forever, name=name, daemon=True).start()
    return server
