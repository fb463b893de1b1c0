"""`make run`'s processes under supervisord, configured from the Procfile at each start.

supervisord restarts a process that dies and says so in its output ("exited: ... not expected", then
"spawned: ..."); a process that keeps dying as it starts is retried with a growing pause and finally
given up ("gave up: ... FATAL"). Ctrl-C or SIGTERM stops every process with its children (gunicorn's
workers too). Each process's output reaches the terminal through deploy.process_output, line by line
under the process's name, as supervisord itself does not label it.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from string import Template
from typing import Mapping

from deploy.layout import PROCFILE, ROOT

# A process must stay up this long to count as started; one that dies sooner is tried again after 1 s,
# then 2 s, 3 s ..., and given up after this many tries in a row.
START_SECONDS = 10
START_RETRIES = 10
# deploy/gunicorn.conf.py's graceful_timeout and a little more, before a process is killed.
STOP_WAIT_SECONDS = 25
# Lines of output waiting for the printer while it is busy; beyond that supervisord drops the oldest.
OUTPUT_BUFFER_EVENTS = 10_000


def procfile_processes(procfile: Path = PROCFILE) -> dict[str, str]:
    """The Procfile's `name: command` lines, in order."""
    processes = {}
    for line in procfile.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, command = line.split(":", 1)
            processes[name.strip()] = command.strip()
    return processes


def write_supervisord_config(env: Mapping[str, str], run_dir: Path, procfile: Path = PROCFILE) -> Path:
    """supervisord.conf in `run_dir` for every Procfile process, its $VARIABLES taken from `env`."""
    run_dir.mkdir(parents=True, exist_ok=True)
    processes = procfile_processes(procfile)
    sections = {
        "supervisord": {
            "nodaemon": "true",
            "logfile": run_dir / "supervisord.log",
            "pidfile": run_dir / "supervisord.pid",
            # supervisord runs as whoever ran `make run`; naming them keeps it from warning when that is root.
            "user": os.getuid(),
        },
        # One group, so that stopping stops them all at once rather than one after another.
        "group:marketplace": {"programs": ",".join(processes)},
        "eventlistener:output": {
            "command": f"{sys.executable} -m deploy.process_output {max(map(len, processes))}",
            "directory": ROOT,
            "events": "PROCESS_LOG",
            "buffer_size": OUTPUT_BUFFER_EVENTS,
            "autorestart": "true",
            "stdout_logfile": "NONE",
            "stderr_logfile": "/dev/stdout",
            "stderr_logfile_maxbytes": 0,
        },
    }
    for name, command in processes.items():
        sections[f"program:{name}"] = {
            "command": _expanded(name, command, env),
            "directory": ROOT,
            "autorestart": "true",
            "startsecs": START_SECONDS,
            "startretries": START_RETRIES,
            "stopwaitsecs": STOP_WAIT_SECONDS,
            "stopasgroup": "true",
            "killasgroup": "true",
            "redirect_stderr": "true",
            "stdout_logfile": "NONE",
            "stdout_events_enabled": "true",
        }
    config = run_dir / "supervisord.conf"
    config.write_text(
        "\n".join(
            f"[{title}]\n" + "".join(f"{key}={_literal(value)}\n" for key, value in options.items())
            for title, options in sections.items()
        )
    )
    return config


def _expanded(name: str, command: str, env: Mapping[str, str]) -> str:
    try:
        return Template(command).substitute(env)
    except KeyError as missing:
        raise SystemExit(f"Procfile: {name} uses ${missing.args[0]}, which is not set") from None


def _literal(value: object) -> str:
    # supervisord reads %(name)s in its values as its own expansions.
    return str(value).replace("%", "%%")
