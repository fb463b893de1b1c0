"""The worker process of a service: outbox relay, event consumer and scheduled jobs, in threads."""
from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass
from typing import Callable

from servicekit.bus.consumer import EventConsumer
from servicekit.bus.handlers import EventHandlers
from servicekit.bus.relay import OutboxRelay
from servicekit.config import ServiceConfig
from servicekit.logs import configure_logging
from servicekit.runtime import Runtime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    every_seconds: float
    run: Callable[[Runtime], None]


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
        self._threads: list[threading.Thread] = []

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
        for name, target in targets:
            thread = threading.Thread(target=target, name=f"{self.runtime.config.service}-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def shutdown(self, timeout: float = 10) -> None:
        self.stop.set()
        for thread in self._threads:
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
