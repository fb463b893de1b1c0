"""A service's worker as several consumer processes on its queue (WORKER_PROCESSES): the parent that starts
them and watches over them, and the table in shared memory where each says whether it lives and is ready.

The parent holds no engine, connection or thread when it forks, so each child builds its own. It forwards
SIGTERM and SIGINT to the children and waits for them; it replaces a child that dies, and when children keep
dying it stops the others and exits non-zero, so that supervisord, Compose or Kubernetes restarts the whole
worker and shows the failure. A child that finds its parent gone stops too. With PROMETHEUS_MULTIPROC_DIR the
children write their counters to that folder, which process 0's /metrics sums (servicekit.worker_http).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable

from prometheus_client import multiprocess

from servicekit.health import Check, NotReady

log = logging.getLogger(__name__)

# A child reports this often; one silent for STALE_AFTER is taken for hung or gone.
REPORT_EVERY_SECONDS = 5.0
STALE_AFTER_SECONDS = 30.0

_REPORTED_AT, _ALIVE, _READY = range(3)


class ProcessTable:
    """Per child: when it last reported (time.monotonic, one clock for every process of the machine),
    whether all its threads run, and whether it is ready (broker, queue, database, relay)."""

    def __init__(self, count: int):
        self.count = count
        self._cells = multiprocessing.get_context("fork").Array("d", count * 3)

    def report(self, index: int, alive: bool, ready: bool) -> None:
        with self._cells.get_lock():
            self._cells[index * 3:index * 3 + 3] = [time.monotonic(), float(alive), float(ready)]

    def started(self, index: int) -> None:
        """A new child has until its first report before it counts as silent."""
        self.report(index, alive=True, ready=False)

    def _row(self, index: int) -> list[float]:
        with self._cells.get_lock():
            return self._cells[index * 3:index * 3 + 3]

    def liveness_of_others(self, own: int) -> dict[str, Check]:
        """A check per other child: it fails when the child's threads stopped or it stopped reporting."""

        def alive(index: int) -> Check:
            def check() -> None:
                row = self._row(index)
                silent = time.monotonic() - row[_REPORTED_AT]
                if silent > STALE_AFTER_SECONDS:
                    raise NotReady(f"silent for {silent:.0f}s")
                if not row[_ALIVE]:
                    raise NotReady("a thread stopped")

            return check

        return {f"process-{index}": alive(index) for index in range(self.count) if index != own}

    def readiness_of_others(self, own: int) -> dict[str, Check]:
        def ready(index: int) -> Check:
            def check() -> None:
                if not self._row(index)[_READY]:
                    raise NotReady("not ready")

            return check

        return {f"process-{index}": ready(index) for index in range(self.count) if index != own}


def _empty_metrics_folder() -> None:
    """The processes write their counters to PROMETHEUS_MULTIPROC_DIR, if set: start it empty, as files an earlier
    run left (a container restarted in its pod) would be added in."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    # Emptied rather than removed: it may be a mounted volume.
    for entry in Path(folder).iterdir():
        entry.unlink()


def passes(checks: dict[str, Check]) -> bool:
    try:
        for check in checks.values():
            check()
    except Exception:  # noqa: BLE001 - any failure is a no
        return False
    return True


class WorkerProcesses:
    """Runs `run_child(index)` in `count` forked processes until SIGTERM or SIGINT.

    A child that dies is replaced; `max_restarts` deaths within `window_seconds` stop the rest, and run()
    answers 1. After a signal it answers 0 once every child has stopped (SIGKILL after `stop_timeout`).
    """

    def __init__(self, count: int, run_child: Callable[[int], None], table: ProcessTable | None = None,
                 max_restarts: int = 5, window_seconds: float = 60.0, stop_timeout: float = 20.0):
        self.count = count
        self.run_child = run_child
        self.table = table
        self.max_restarts = max_restarts
        self.window_seconds = window_seconds
        self.stop_timeout = stop_timeout
        self.stopping = threading.Event()
        self.children: dict[int, multiprocessing.Process] = {}
        self._context = multiprocessing.get_context("fork")
        self._deaths: deque[float] = deque()

    def _start(self, index: int) -> None:
        if self.table is not None:
            self.table.started(index)
        child = self._context.Process(target=self.run_child, args=(index,), name=f"worker-{index}")
        child.start()
        self.children[index] = child
        log.info("worker process %d started (pid %d)", index, child.pid)

    def _keep_dying(self) -> bool:
        now = time.monotonic()
        self._deaths.append(now)
        while self._deaths and now - self._deaths[0] > self.window_seconds:
            self._deaths.popleft()
        return len(self._deaths) > self.max_restarts

    def run(self) -> int:
        _empty_metrics_folder()
        signal.signal(signal.SIGTERM, lambda *_: self.stopping.set())
        signal.signal(signal.SIGINT, lambda *_: self.stopping.set())
        for index in range(self.count):
            self._start(index)
        code = 0
        while not self.stopping.is_set():
            wait([child.sentinel for child in self.children.values()], timeout=0.5)
            for index, child in list(self.children.items()):
                if child.is_alive() or self.stopping.is_set():
                    continue
                child.join()
                log.error("worker process %d (pid %d) exited with %s", index, child.pid, child.exitcode)
                if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
                    # Its counters stay in the sum; only its live gauges go.
                    multiprocess.mark_process_dead(child.pid)
                if self._keep_dying():
                    log.error("worker processes died %d times within %gs; stopping", len(self._deaths),
                              self.window_seconds)
                    self.stopping.set()
                    code = 1
                    break
                self._start(index)
        self._stop_children()
        return code

    def _stop_children(self) -> None:
        for child in self.children.values():
            if child.is_alive():
                os.kill(child.pid, signal.SIGTERM)
        deadline = time.monotonic() + self.stop_timeout
        for index, child in self.children.items():
            child.join(max(0.0, deadline - time.monotonic()))
            if child.is_alive():
                log.error("worker process %d did not stop within %gs; killing it", index, self.stop_timeout)
                child.kill()
                child.join()
