"""The worker process of a service: outbox relay, event consumer and scheduled jobs, in threads, and with
WORKER_HTTP_PORT its health, readiness and metrics over HTTP (servicekit.worker_http)."""
from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass
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
from servicekit.worker_http import serve, worker_app

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


class Worker:
    def __init__(self, runtime: Runtime, handlers: EventHandlers | None = None, jobs: tuple[ScheduledJob, ...] = ()):
        self.runtime = runtime
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

    def start(self) -> None:
        targets = [("relay", lambda: self.relay.run(self.stop))]
        if self.consumer is not None:
            targets.append(("consumer", lambda: self.consumer.run(self.stop)))
        if self.jobs:
            targets.append(("jobs", self._run_jobs))
        service = self.runtime.config.service
        for name, target in targets:
            thread = threading.Thread(target=target, name=f"{service}-{name}", daemon=True)
            thread.start()
            self.threads[name] = thread
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
    """Entry point of `python -m <service>.worker`: runs until SIGTERM or SIGINT."""
    configure_logging(config.service, config.log_level, config.log_json)
    worker = Worker(Runtime(config), handlers, jobs)
    signal.signal(signal.SIGTERM, lambda *_: worker.stop.set())
    signal.signal(signal.SIGINT, lambda *_: worker.stop.set())
    worker.start()
    log.info("%s worker started", config.service)
    worker.stop.wait()
    worker.shutdown()
    log.info("%s worker stopped", config.service)
