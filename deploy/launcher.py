"""Starts every web process under gunicorn and every worker on loopback: for e2e tests and benchmarks."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from deploy.layout import COMPONENTS, ROOT, SERVICES, WEB, WITH_DATABASE, WITH_WORKER
from servicekit.migrations import upgrade
from servicekit.testing import TcpProxy


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Platform:
    def __init__(self, infrastructure, identity_keys: Path, workdir: Path, extra_env: dict[str, str] | None = None,
                 broker_proxy: bool = True):
        self.workdir = workdir
        self.ports = {c.name: free_port() for c in COMPONENTS}
        # Each worker serves /healthz, /readyz and /metrics on a port of its own (WORKER_HTTP_PORT).
        self.worker_ports = {c.name: free_port() for c in WITH_WORKER}
        # Every process reaches RabbitMQ through this proxy, so a test can take the broker away; benchmarks go
        # straight to the broker (broker_proxy=False), as a deployment does, without a Python hop on every frame.
        self.broker: TcpProxy | None = None
        broker_url = infrastructure.rabbitmq_url
        if broker_proxy:
            self.broker = TcpProxy("127.0.0.1", int(infrastructure.rabbitmq_url.rsplit(":", 1)[1].strip("/"))).start()
            broker_url = infrastructure.rabbitmq_url.rsplit(":", 1)[0] + f":{self.broker.port}//"
        self.env = {
            **os.environ,
            "BROKER_URL": broker_url,
            "BUS_NAMESPACE": infrastructure.bus_namespace,
            "IDENTITY_KEY_DIR": str(identity_keys),
            "MARKETPLACE_VAR_DIR": str(workdir / "var"),
            "SESSION_COOKIE_SECURE": "false",
            "LOG_FORMAT": "text",
            "WEB_CONCURRENCY": "1",
            "WEB_THREADS": "8",
            # Seventeen processes of a platform, and a package's tests run beside it (make test), within PostgreSQL's
            # default of 100 connections: a few kept open per process, a few more at a burst.
            "DATABASE_POOL_SIZE": "3",
            "DATABASE_MAX_OVERFLOW": "2",
            "RETRY_BACKOFF_SECONDS": "0.2",
            "SCHEDULER_INTERVAL_SECONDS": "0.2",
            # Clients in tests stand for different people: each sends its own X-Forwarded-For.
            "GATEWAY_TRUSTED_PROXIES": "1",
            "RATE_LIMIT_STORAGE_URL": infrastructure.redis_url,
            "RATE_LIMIT_PREFIX": infrastructure.bus_namespace,
            **{f"{c.name.upper()}_URL": f"http://127.0.0.1:{self.ports[c.name]}" for c in (*SERVICES, WEB)},
            # The pages call the public API back through this gateway.
            "WEB_API_URL": f"http://127.0.0.1:{self.ports['gateway']}",
            # The links in the mail and texts notifications sends lead to this gateway.
            "NOTIFICATIONS_WEB_URL": f"http://127.0.0.1:{self.ports['gateway']}",
            # Security keys answer for the site the browser shows: the pages at http://localhost:<gateway port>
            # (an address is no WebAuthn relying party; localhost is, and counts as secure without TLS).
            "AUTH_WEBAUTHN_ORIGIN": f"http://localhost:{self.ports['gateway']}",
        }
        self.env.update(extra_env or {})
        self.env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        for component in WITH_DATABASE:
            url = infrastructure.database(f"e2e_{component.name}")
            self.env[f"{component.name.upper()}_DATABASE_URL"] = url
        self.processes: dict[str, subprocess.Popen] = {}

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['gateway']}"

    def worker_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.worker_ports[name]}"

    def database_url(self, name: str) -> str:
        return self.env[f"{name.upper()}_DATABASE_URL"]

    def migrate(self) -> None:
        for component in WITH_DATABASE:
            upgrade(component.directory, self.database_url(component.name))

    def _spawn(self, key: str, argv: list[str], env: dict[str, str] | None = None) -> None:
        log = open(self.workdir / f"{key}.log", "ab")
        # Each in its own process group, so a kill reaches gunicorn's workers as well as its master.
        self.processes[key] = subprocess.Popen(
            argv, env={**self.env, **(env or {})}, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_web(self, name: str, **env: str) -> None:
        """Start a service's web under gunicorn with the worker class deploy.layout names for it; `env` sets variables
        for this process alone (another worker class, say)."""
        component = next(c for c in COMPONENTS if c.name == name)
        self._spawn(
            f"{name}-web",
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
             "--bind", f"127.0.0.1:{self.ports[name]}", f"{component.package}.wsgi:app"],
            {"WEB_WORKER_CLASS": component.web_worker_class, **env},
        )

    def start_worker(self, name: str, **env: str) -> None:
        """Start a service's worker; `env` sets variables for this process alone (a short deadline, say)."""
        component = next(c for c in COMPONENTS if c.name == name)
        self._spawn(f"{name}-worker", [sys.executable, "-m", f"{component.package}.worker"],
                    {"WORKER_HTTP_PORT": str(self.worker_ports[name]), **env})

    def kill(self, key: str) -> None:
        """SIGKILL: the process gets no chance to finish what it holds."""
        process = self.processes.pop(key)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
        if key.endswith("-web"):
            # The master is gone; its workers may still be exiting and holding the port a moment.
            self._wait_until_refused(self.ports[key.removesuffix("-web")])

    @staticmethod
    def _wait_until_refused(port: int, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
            except OSError:
                return
            time.sleep(0.05)
        raise AssertionError(f"port {port} still accepts connections after the kill")

    def start(self) -> "Platform":
        self.migrate()
        for component in COMPONENTS:
            self.start_web(component.name)
            if component.has_worker:
                self.start_worker(component.name)
        self.wait_until_ready()
        return self

    def wait_until_ready(self, timeout: float = 180, names: tuple[str, ...] | None = None) -> None:
        """Every web process (of the components named) and every worker running among them answers /readyz.

        Seventeen processes start together: on two cores shared with other work the last may take minutes."""
        deadline = time.monotonic() + timeout
        for component in COMPONENTS:
            if names is not None and component.name not in names:
                continue
            self._wait_for_ready(f"http://127.0.0.1:{self.ports[component.name]}", f"{component.name}-web", deadline)
            if f"{component.name}-worker" in self.processes:
                self._wait_for_ready(self.worker_url(component.name), f"{component.name}-worker", deadline)

    def _wait_for_ready(self, url: str, key: str, deadline: float) -> None:
        while True:
            try:
                if requests.get(f"{url}/readyz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"{key} not ready; see {self.workdir}/{key}.log")
            time.sleep(0.2)

    def run_cli(self, *argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *argv], env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=60)

    def stop(self) -> None:
        for process in self.processes.values():
            os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()
        if self.broker is not None:
            self.broker.stop()
