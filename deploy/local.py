"""`make run`: migrate every database, start every process under supervisord, seed demo data.

Embedded defaults (SQLite files and kombu's filesystem transport under var/) unless DATABASE_URL
and BROKER_URL are set, in which case the same processes use PostgreSQL and RabbitMQ. A process
that dies is started again (deploy.supervision); Ctrl-C or SIGTERM stops them all.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from typing import TextIO

import requests

from deploy.layout import COMPONENTS, ROOT, WITH_DATABASE, local_ports, upstream_env
from deploy.seed import seed
from deploy.supervision import START_SECONDS, write_supervisord_config
from servicekit.config import ServiceConfig
from servicekit.identity_keys import ensure_keypair
from servicekit.migrations import upgrade


def prepare_environment() -> dict[str, str]:
    env = dict(os.environ)
    # The Procfile's `gunicorn` and `python` are the virtualenv's.
    env["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "")])
    env.setdefault("MARKETPLACE_VAR_DIR", str(ROOT / "var"))
    env.setdefault("SESSION_COOKIE_SECURE", "false")  # plain http on 127.0.0.1
    env.setdefault("LOG_FORMAT", "text")
    env.setdefault("WEB_CONCURRENCY", "1")
    # One line per request from every web process drowns what a person wants to see here.
    env.setdefault("WEB_ACCESS_LOG", "false")
    # Eight workers cannot share one port: here they serve no HTTP (containers give each its own 9000).
    env.pop("WORKER_HTTP_PORT", None)
    ports = local_ports(env)
    env.update({f"{name.upper()}_PORT": str(port) for name, port in ports.items()})
    env.update(upstream_env(ports))
    # The links in the mail and texts notifications sends lead to the gateway, on whatever port it has here.
    env.setdefault("NOTIFICATIONS_WEB_URL", f"http://127.0.0.1:{ports['gateway']}")
    return env


def migrate_all(env: dict[str, str]) -> None:
    for component in WITH_DATABASE:
        config = ServiceConfig.from_env(component.name, env)
        upgrade(component.directory, config.database_url)
        print(f"migrated {component.name}: {config.database_url.split('@')[-1]}")


def wait_until_ready(supervisord: subprocess.Popen, env: dict[str, str], timeout: float = 300) -> None:
    # Seventeen processes start at once; on two busy cores the slowest can take minutes, and a newcomer would rather
    # wait than be told it failed.
    deadline = time.monotonic() + timeout
    pending = {name: f"http://127.0.0.1:{port}/readyz" for name, port in local_ports(env).items()}
    while pending:
        if supervisord.poll() is not None:
            raise SystemExit("supervisord stopped; see its lines above")
        for name, url in list(pending.items()):
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    del pending[name]
            except requests.RequestException:
                pass
        if pending and time.monotonic() > deadline:
            raise SystemExit(f"not ready after {timeout}s: {', '.join(sorted(pending))}")
        time.sleep(0.5)


def main() -> int:
    env = prepare_environment()
    os.environ.update(env)
    var_dir = ServiceConfig.from_env("gateway", env).var_dir
    ensure_keypair(var_dir / "keys")
    for component in COMPONENTS:
        (var_dir / "metrics" / component.name).mkdir(parents=True, exist_ok=True)
    migrate_all(env)
    config = write_supervisord_config(env, var_dir / "supervisor")
    # A process group of its own: Ctrl-C reaches this process alone, which asks supervisord to stop once.
    supervisord = subprocess.Popen(
        [sys.executable, "-m", "supervisor.supervisord", "-c", str(config)],
        env=env, stdout=subprocess.PIPE, encoding="utf-8", errors="replace", process_group=0,
    )
    started_at = time.monotonic()
    output = threading.Thread(target=copy_lines, args=(supervisord.stdout, sys.stdout), daemon=True)
    output.start()
    signal.signal(signal.SIGTERM, lambda *_: supervisord.send_signal(signal.SIGTERM))
    gateway_url = f"http://127.0.0.1:{env['GATEWAY_PORT']}"
    try:
        wait_until_ready(supervisord, env)
        demo_accounts = seed(env, gateway_url)
        # supervisord says each process is RUNNING once it has stayed up START_SECONDS: after those
        # lines, so that the accounts are what the terminal shows last.
        time.sleep(max(0.0, started_at + START_SECONDS + 2 - time.monotonic()))
        print(
            f"\nThe marketplace is running: {gateway_url}  (API docs: {gateway_url}/api/docs). "
            "Ctrl-C stops it.\n\n" + demo_accounts,
            flush=True,
        )
        return supervisord.wait()
    except KeyboardInterrupt:
        return stopped(supervisord, signal.SIGINT)
    except BaseException:
        stopped(supervisord, signal.SIGTERM)
        raise
    finally:
        output.join(timeout=5)


def stopped(supervisord: subprocess.Popen, signum: int) -> int:
    """Ask supervisord to stop every process and wait until it has; Ctrl-C meanwhile asks again."""
    while True:
        supervisord.send_signal(signum)
        try:
            return supervisord.wait()
        except KeyboardInterrupt:
            continue


def copy_lines(source: TextIO, target: TextIO) -> None:
    """supervisord's output, passed on a line at a time.

    supervisord writes it to its own stdout by opening /dev/stdout again; were that this process's
    file (`make run > run.log`), the two would overwrite each other's lines. A pipe between them has
    one end each.
    """
    for line in source:
        target.write(line)
        target.flush()


if __name__ == "__main__":
    sys.exit(main())
