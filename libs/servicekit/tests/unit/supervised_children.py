"""Run by a test as the parent of worker processes: `python supervised_children.py <dir> <count> <how>`.

Each child leaves a file <index>-<pid> in <dir> when it starts, and <index>-<pid>.stopped when SIGTERM stops
it. <how>: `serve` runs until SIGTERM; `crash` exits 3 at once; `crash-once` makes child 1's first run exit 3.
The parent's exit code is this process's.
"""
import signal
import sys
import threading
from pathlib import Path

from servicekit.worker_processes import WorkerProcesses

folder, count, how = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]


def run_child(index: int) -> None:
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    marker = folder / f"{index}-{__import__('os').getpid()}"
    first_run = not any(folder.glob(f"{index}-*"))
    marker.touch()
    if how == "crash" or (how == "crash-once" and index == 1 and first_run):
        sys.exit(3)
    stop.wait()
    marker.with_suffix(".stopped").touch()


sys.exit(WorkerProcesses(count, run_child, max_restarts=3, window_seconds=60, stop_timeout=5).run())
