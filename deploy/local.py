"""`make run`: migrate every database, start every process under honcho, seed demo data.

Embedded defaults (SQLite files and kombu's filesystem transport under var/) unless DATABASE_URL
and BROKER_URL are set, in which case the same processes use PostgreSQL and RabbitMQ.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import requests

from deploy.layout import COMPONENTS, ROOT, upstream_env
from deploy.seed import seed
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
    env.update(upstream_env({c.name: c.port for c in COMPONENTS}))
    return env


def migrate_all(env: dict[str, str]) -> None:
    for component in COMPONENTS:
        config = ServiceConfig.from_env(component.name, env)
        upgrade(component.directory, config.database_url)
        print(f"migrated {component.name}: {config.database_url.split('@')[-1]}")


def wait_until_ready(supervisor: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    pending = {c.name: f"{c.url}/readyz" for c in COMPONENTS}
    while pending:
        if supervisor.poll() is not None:
            raise SystemExit("a process failed to start; see its lines above")
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
    honcho = subprocess.Popen(
        [sys.executable, "-m", "honcho", "start", "-f", str(ROOT / "Procfile"), "-d", str(ROOT)], env=env
    )
    signal.signal(signal.SIGTERM, lambda *_: honcho.send_signal(signal.SIGTERM))
    try:
        wait_until_ready(honcho)
        seed(env)
        print("\nThe marketplace is running: http://127.0.0.1:8000  (API docs: /api/docs). Ctrl-C stops it.\n")
        return honcho.wait()
    except KeyboardInterrupt:
        honcho.send_signal(signal.SIGINT)
        return honcho.wait()
    except BaseException:
        honcho.terminate()
        honcho.wait()
        raise


if __name__ == "__main__":
    sys.exit(main())
