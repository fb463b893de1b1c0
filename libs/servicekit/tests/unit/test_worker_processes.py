"""WORKER_PROCESSES: a parent starts that many worker processes, stops them all on SIGTERM or SIGINT, replaces
one that dies, and exits non-zero when they keep dying so that its own supervisor restarts it."""
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from servicekit.config import ServiceConfig
from servicekit.runtime import Runtime
from servicekit.testing import wait_for
from servicekit.worker import Worker
from servicekit.worker_processes import ProcessTable, passes
from tests.conftest import PoisonSwitch, make_handlers

SCRIPT = Path(__file__).with_name("supervised_children.py")
PACKAGE = Path(__file__).parents[2]


def start_parent(folder: Path, count: int, how: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(PACKAGE)}
    return subprocess.Popen([sys.executable, str(SCRIPT), str(folder), str(count), how], env=env, cwd=PACKAGE)


def started(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if not path.suffix)


def stopped(folder: Path) -> list[str]:
    return sorted(path.stem for path in folder.glob("*.stopped"))


def running(name: str) -> bool:
    return Path(f"/proc/{name.split('-')[1]}").exists()


@pytest.fixture
def parents():
    made: list[subprocess.Popen] = []

    def make(folder: Path, count: int, how: str) -> subprocess.Popen:
        made.append(start_parent(folder, count, how))
        return made[-1]

    yield make
    for parent in made:
        if parent.poll() is None:
            parent.kill()
            parent.wait(10)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_the_parent_starts_each_process_and_stops_them_all_on_a_signal(tmp_path, parents, stop_signal):
    parent = parents(tmp_path, 3, "serve")
    wait_for(lambda: len(started(tmp_path)) == 3, what="three worker processes")
    assert sorted(name.split("-")[0] for name in started(tmp_path)) == ["0", "1", "2"]

    parent.send_signal(stop_signal)

    assert parent.wait(20) == 0
    assert stopped(tmp_path) == started(tmp_path), "each process was stopped with SIGTERM, none killed"
    assert not any(running(name) for name in started(tmp_path))


def test_a_process_that_dies_is_replaced(tmp_path, parents):
    parent = parents(tmp_path, 2, "crash-once")
    wait_for(lambda: len(started(tmp_path)) == 3, what="process 1 started again")
    assert sorted(name.split("-")[0] for name in started(tmp_path)) == ["0", "1", "1"]
    assert parent.poll() is None
    parent.terminate()
    assert parent.wait(20) == 0


def test_processes_that_keep_dying_make_the_parent_exit_non_zero(tmp_path, parents):
    parent = parents(tmp_path, 2, "crash")
    assert parent.wait(30) == 1
    assert len(started(tmp_path)) == 2 + 3, "replaced three times (max_restarts), given up at the fourth death"


def test_a_process_reports_to_the_others_whether_it_lives_and_is_ready():
    table = ProcessTable(3)
    table.started(1)
    table.report(2, alive=True, ready=True)
    liveness, readiness = table.liveness_of_others(0), table.readiness_of_others(0)
    assert set(liveness) == set(readiness) == {"process-1", "process-2"}
    assert passes(liveness)
    assert not passes(readiness), "process 1 has not said it is ready yet"
    table.report(1, alive=True, ready=True)
    assert passes(readiness)
    table.report(2, alive=False, ready=True)
    assert not passes(liveness)


def test_the_prefetch_setting_reaches_the_consumer(tmp_path):
    config = ServiceConfig.from_env("kit", {"MARKETPLACE_VAR_DIR": str(tmp_path), "WORKER_PREFETCH": "7"})
    runtime = Runtime(config)
    try:
        assert Worker(runtime, make_handlers(PoisonSwitch())).consumer.prefetch == 7
    finally:
        runtime.dispose()
