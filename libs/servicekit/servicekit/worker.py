"""The worker process of a service: outbox relay, event consumer and scheduled jobs, in threads, and with
WORKER_HTTP_PORT its health, readiness and metrics over HTTP (servicekit.worker_http).

With WORKER_PROCESSES above 1 a parent runs that many of them on the service's queue
(servicekit.worker_processes). Process 0 alone runs the scheduled jobs, which were written for one worker,
and serves HTTP: /healthz and /readyz include what the other processes report, /metrics counts process 0's
own consumer and relay (the gauges read the database and broker, so they cover the whole service).
"""
from __future__ import annotations

import logging
import os
import signal
import threading
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Callable
from wsgiref.simple_server import WSGIServer

from servicekit.batch_jobs import checks_within
from servicekit.bus.consumer import EventConsumer
from servicekit.bus.handlers import EventHandlers
from servicekit.bus.relay import OutboxRelay
from servicekit.config import ServiceConfig
from servicekit.logs import configure_logging
from servicekit.runtime import Runtime
from servicekit.worker_http import liveness_checks, readiness_checks, serve, worker_app
from servicekit.worker_processes import REPORT_EVERY_SECONDS, ProcessTable, WorkerProcesses, passes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    every_seconds: float
    run: Callable[[Runtime], None]

    @classmethod
    def for_deadline(
        cls, name: str, deadline: timedelta, run: Callable[[Runtime, timedelta], object]
    ) -> "ScheduledJob":
        """A job that acts on what waited past `deadline`, `run(runtime, deadline)`, looked for often enough that
        nothing waits much longer (batch_jobs.checks_within)."""
        return cls(name, every_seconds=checks_within(deadline), run=lambda runtime: run(runtime, deadline))


@dataclass(frozen=True)
class Place:
    """Where a process stands among a service's WORKER_PROCESSES: its index and the table they report to."""

    index: int
    table: ProcessTable


class Worker:
    def __init__(self, runtime: Runtime, handlers: EventHandlers | None = None, jobs: tuple[ScheduledJob, ...] = (),
                 place: Place | None = None):
        self.runtime = runtime
        self.place = place
        self.stop = threading.Event()
        config = runtime.config
        self.relay = OutboxRelay(runtime.engine, runtime.topology, config.service)
        self.relay.wake = runtime.events_committed
        self.consumer = (
            EventConsumer(
                service=config.service,
                topology=runtime.topology,
                handlers=handlers,
                unit_of_work=runtime.unit_of_work,
                max_attempts=config.handler_max_attempts,
                backoff_seconds=config.retry_backoff_seconds,
                max_event_bytes=config.max_event_bytes,
                prefetch=config.worker_prefetch,
            )
            if handlers is not None
            else None
        )
        self.jobs = jobs
        self.threads: dict[str, threading.Thread] = {}
        self._http: WSGIServer | None = None

    def _run_jobs(self) -> None:
        last_run = {job.name: 0.0 for job in self.jobs}
        clock = 0.0
        interval = self.runtime.config.scheduler_interval_seconds
        while not self.stop.wait(interval):
            clock += interval
            for job in self.jobs:
                if clock - last_run[job.name] >= job.every_seconds:
                    last_run[job.name] = clock
                    try:
                        job.run(self.runtime)
                    except Exception:  # noqa: BLE001 - a failing job runs again next time
                        log.exception("scheduled job %s failed", job.name)

    def _report(self) -> None:
        """Tells the other processes whether this one lives and is ready; stops it when its parent is gone."""
        parent = os.getppid()
        liveness, readiness = liveness_checks(self), readiness_checks(self)
        while not self.stop.is_set():
            if os.getppid() != parent:
                log.error("the worker's parent process is gone; stopping")
                self.stop.set()
                break
            self.place.table.report(self.place.index, passes(liveness), passes(readiness))
            self.stop.wait(REPORT_EVERY_SECONDS)

    def start(self) -> None:
        targets = [("relay", lambda: self.relay.run(self.stop))]
        if self.consumer is not None:
            targets.append(("consumer", lambda: self.consumer.run(self.stop)))
        if self.jobs:
            targets.append(("jobs", self._run_jobs))
        if self.place is not None:
            targets.append(("report", self._report))
        service = self.runtime.config.service
        for name, target in targets:
            # Registered before it starts: the reporting thread checks every thread, itself included.
            self.threads[name] = threading.Thread(target=target, name=f"{service}-{name}", daemon=True)
            self.threads[name].start()
        port = self.runtime.config.worker_http_port
        if port is not None:
            self._http = serve(worker_app(self), port, name=f"{service}-http")
            log.info("%s worker serves /healthz, /readyz and /metrics on port %d", service, self.http_port)

    @property
    def http_port(self) -> int | None:
        """The port /healthz, /readyz and /metrics answer on (the one chosen, when configured as 0)."""
        return self._http.server_port if self._http is not None else None

    def shutdown(self, timeout: float = 10) -> None:
        self.stop.set()
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
        for thread in self.threads.values():
            thread.join(timeout)


def run_worker(config: ServiceConfig, handlers: EventHandlers | None = None, jobs: tuple[ScheduledJob, ...] = ()) -> None:
    """Entry point of `python -m <service>.worker`: runs until SIGTERM or SIGINT; WORKER_PROCESSES of them
    under one parent that exits non-zero when they keep dying."""
    configure_logging(config.service, config.log_level, config.log_json)
    if config.worker_processes == 1:
        _run_process(config, handlers, jobs)
        return
    table = ProcessTable(config.worker_processes)
    processes = WorkerProcesses(
        config.worker_processes, lambda index: _run_process(config, handlers, jobs, Place(index, table)), table
    )
    log.info("%s worker starts %d processes", config.service, config.worker_processes)
    code = processes.run()
    log.info("%s worker processes stopped", config.service)
    if code:
        raise SystemExit(code)


def _run_process(config: ServiceConfig, handlers: EventHandlers | None, jobs: tuple[ScheduledJob, ...],
                 place: Place | None = None) -> None:
    if place is not None and place.index > 0:
        config = replace(config, worker_http_port=None)
        jobs = ()
    worker = Worker(Runtime(config), handlers, jobs, place)
    signal.signal(signal.SIGTERM, lambda *_: worker.stop.set())
    # Under a parent, a terminal's Ctrl-C reaches it too and it stops each process with SIGTERM: a process
    # gone before the parent heard would be taken for one that died.
    signal.signal(signal.SIGINT, signal.SIG_IGN if place is not None else lambda *_: worker.stop.set())
    worker.start()
    log.info("%s worker started", config.service)
    worker.stop.wait()
    worker.shutdown()
    worker.runtime.dispose()
    log.info("%s worker stopped", config.service)
