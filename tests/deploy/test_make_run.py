"""`make run` as a developer gets it: `python -m deploy.local` with the embedded defaults (SQLite files and
kombu's filesystem transport), ports of its own and a var folder of its own.

A killed process is started again and the output says so, the README's worked journey runs as written
against it, and Ctrl-C stops every process. The tests share one run, in this order, because starting it
(migrations, a web and a worker of every component under supervisord, demo data) takes most of their time.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyotp
import pytest
import requests

from deploy.client import GatewayClient
from deploy.layout import COMPONENTS, ROOT, SERVICES, local_ports
from deploy.local import prepare_environment
from deploy.seed import ADMIN, CUSTOMER, DEMO_CHECKOUT, SELLER
from deploy.supervision import procfile_processes
from gateway.settings import GatewaySettings
from servicekit.config import ServiceConfig
from servicekit.testing import wait_for
from web.settings import WebSettings

RUNNING = "The marketplace is running"
JOURNEY_HEADING = "## A worked journey"
# Settings from the test run's environment that would take the launcher off its embedded defaults.
PLATFORM_SETTINGS = re.compile(
    r"^(DATABASE_URL|BROKER_URL|BUS_NAMESPACE|IDENTITY_KEY_DIR|PROMETHEUS_MULTIPROC_DIR|MARKETPLACE_.*|NOTIFY_.*"
    r"|.*_DATABASE_URL)$"
)
STARTED_CATALOG_WORKER = re.compile(r"^catalog-worker +\| .* catalog worker started$", re.M)


def free_ports_in_a_row(count: int) -> int:
    """The first of `count` consecutive ports that nothing listens on now."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count > 65535:
            continue
        try:
            for port in range(first, first + count):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return first
    raise RuntimeError(f"no {count} free ports in a row")


def processes_in_session(session_id: int) -> list[int]:
    """Every process of the session the launcher leads: supervisord gives each program its own process
    group, but they all stay in the launcher's session."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == session_id:
            found.append(int(stat.parent.name))
    return found


def accepts_connections(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


@dataclass
class LocalRun:
    process: subprocess.Popen
    workdir: Path
    base_port: int
    ready_at: float

    @property
    def output_file(self) -> Path:
        return self.workdir / "output.txt"

    def output(self) -> str:
        return self.output_file.read_text(errors="replace")

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.base_port}"

    def pid_of(self, program: str) -> int:
        """The pid supervisord last reported starting `program` with."""
        return int(re.findall(rf"spawned: '{program}' with pid (\d+)", self.output())[-1])

    def stop_all(self) -> None:
        for pid in processes_in_session(self.process.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def start_local_run(workdir: Path, timeout: float = 120) -> LocalRun:
    env = {name: value for name, value in os.environ.items() if not PLATFORM_SETTINGS.match(name)}
    base_port = free_ports_in_a_row(len(COMPONENTS))
    env.update({"MARKETPLACE_VAR_DIR": str(workdir / "var"), "MARKETPLACE_BASE_PORT": str(base_port)})
    with open(workdir / "output.txt", "wb") as output:
        # Its own session and process group, so that the test can send it Ctrl-C as a terminal would.
        process = subprocess.Popen([sys.executable, "-m", "deploy.local"], cwd=ROOT, env=env, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    run = LocalRun(process, workdir, base_port, ready_at=0.0)

    def running() -> bool:
        assert process.poll() is None, f"the launcher stopped:\n{run.output()}"
        return RUNNING in run.output()

    try:
        wait_for(running, timeout=timeout, interval=0.5, what="make run to be ready")
    except BaseException:
        run.stop_all()
        raise
    run.ready_at = time.time()
    return run


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    run = start_local_run(tmp_path_factory.mktemp("make-run"))
    yield run
    if run.process.poll() is None:
        run.process.send_signal(signal.SIGTERM)
        try:
            run.process.wait(60)
        finally:
            run.stop_all()


def readme_journey() -> str:
    """The sh blocks under the README's worked-journey heading, in order."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split(JOURNEY_HEADING, 1)[1].split("\n## ", 1)[0]
    return "\n".join(re.findall(r"```sh\n(.*?)```", section, re.S))


def test_a_killed_worker_is_started_again_and_the_next_order_is_paid(local_run):
    killed = local_run.pid_of("catalog-worker")

    os.kill(killed, signal.SIGKILL)

    wait_for(lambda: "exited: catalog-worker (terminated by SIGKILL; not expected)" in local_run.output(),
             timeout=20, interval=0.2, what="supervisord to report the crash")
    wait_for(lambda: local_run.pid_of("catalog-worker") != killed, timeout=20, interval=0.2,
             what="supervisord to start catalog-worker again")
    # The new worker's own lines come under its name, as the first one's did.
    wait_for(lambda: len(STARTED_CATALOG_WORKER.findall(local_run.output())) == 2, timeout=30, interval=0.2,
             what="the new catalog worker's first line")
    customer = GatewayClient(local_run.gateway_url)
    assert customer.login(CUSTOMER["email"], CUSTOMER["password"]).status_code == 201
    tea = next(p for p in customer.get("/api/products", params={"q": "green tea"}).json() if p["stock"] > 0)
    item = {"product_id": tea["id"], "seller_id": tea["seller_id"], "quantity": 1, "unit_price": tea["price"]}
    placed = customer.post("/api/orders", json={**DEMO_CHECKOUT, "items": [item]})
    assert placed.status_code == 202, placed.text

    def settled() -> dict | None:
        order = customer.get(f"/api/orders/{placed.json()['id']}").json()
        return None if order["status"] == "pending" else order

    order = wait_for(settled, timeout=40, interval=0.2, what="the order to leave pending")
    assert order["status"] == "paid", order
    assert local_run.process.poll() is None


def test_the_readme_worked_journey_runs_as_written(local_run):
    journey = readme_journey()
    workdir = local_run.workdir
    # The journey runs from the repository's folder: here that is var/ and the virtualenv.
    (workdir / ".venv").symlink_to(Path(sys.executable).parents[1])
    # The demo data signed the seller in with the authenticator's code of that moment, which is never
    # taken twice: the journey's code must come from a later 30-second step.
    wait_for(lambda: time.time() // 30 > local_run.ready_at // 30, timeout=31, interval=0.2,
             what="the next authenticator step")

    ran = subprocess.run(["bash", "-c", "set -euo pipefail\n" + journey], cwd=workdir, capture_output=True,
                         text=True, timeout=90,
                         env={**os.environ, "MARKETPLACE_BASE_PORT": str(local_run.base_port)})

    assert ran.returncode == 0, f"{ran.stdout}\n{ran.stderr}"
    # What the README says each step prints is what it printed.
    assert ran.stdout.split() == re.findall(r"# -> (\S+)$", journey, re.M)


def test_the_demo_admin_signs_in_with_the_printed_authenticator_and_reads_the_console_figures(local_run):
    secret = re.search(r"admin +\S+ +\S+ +authenticator secret (\w+)", local_run.output()).group(1)
    admin = GatewayClient(local_run.gateway_url)
    assert admin.login(ADMIN["email"], ADMIN["password"]).json()["second_factor_required"]
    assert admin.second_factor("totp", pyotp.TOTP(secret).at(time.time() + 30)).status_code == 200
    assert admin.get("/api/cs-analytics").status_code == 200


def test_the_demo_seller_has_a_dashboard_with_figures_and_both_demo_accounts_have_notifications(local_run):
    secret = re.search(r"seller +\S+ +\S+ +authenticator secret (\w+)", local_run.output()).group(1)
    seller = GatewayClient(local_run.gateway_url)
    assert seller.login(SELLER["email"], SELLER["password"]).status_code == 201
    # The next 30-second step's code: every code taken before (the demo data's, the journey's) is of an older one.
    assert seller.second_factor("totp", pyotp.TOTP(secret).at(time.time() + 30)).status_code == 200

    board = seller.get("/api/dashboard")

    assert board.status_code == 200, board.text
    board = board.json()
    assert set(board["parts"].values()) == {"ok"}, board["unavailable_because"]
    assert board["orders"]["today"]["orders"] >= 2 and board["orders"]["today"]["revenue"] > 0
    assert board["products"]["visits"]["today"]["visitors"] > 0
    assert board["conversion"]["today"] is not None
    assert [p["name"] for p in board["products"]["low_stock"]["products"]] == ["Celadon tea cup"]
    assert board["inquiries"]["open"] >= 1 and board["inquiries"]["due_soonest"]
    assert board["reviews"]["rating"]["count"] >= 2
    negative = board["reviews"]["negative_causes"]
    assert (negative["total"], negative["by_cause"].get("delivery")) == (1, 1)
    assert board["notifications"]["unread"] > 0
    seller_kinds = {n["kind"] for n in seller.get("/api/notifications").json()}
    assert {"new_order", "low_stock", "new_inquiry", "negative_review"} <= seller_kinds
    customer = GatewayClient(local_run.gateway_url)
    assert customer.login(CUSTOMER["email"], CUSTOMER["password"]).status_code == 201
    customer_kinds = {n["kind"] for n in customer.get("/api/notifications").json()}
    assert {"order_paid", "order_shipped", "order_delivered"} <= customer_kinds


@pytest.mark.parametrize("path", ["/", "/login"])
def test_the_gateway_serves_the_pages_in_korean(local_run, path):
    page = requests.get(f"{local_run.gateway_url}{path}", timeout=30)

    assert page.status_code == 200, page.text[:2000]
    assert page.headers["Content-Type"].startswith("text/html")
    assert '<html lang="ko">' in page.text


def test_ctrl_c_stops_every_process(local_run):
    session = local_run.process.pid

    # A terminal's Ctrl-C: SIGINT to the foreground process group, which the launcher leads.
    os.killpg(session, signal.SIGINT)

    assert local_run.process.wait(60) == 0, local_run.output()[-3000:]
    wait_for(lambda: not processes_in_session(session), timeout=10, interval=0.2, what="every process to end")
    for port in local_ports({"MARKETPLACE_BASE_PORT": str(local_run.base_port)}).values():
        assert not accepts_connections(port)
    assert "stopped: gateway-web (exit status 0)" in local_run.output()


def test_make_run_is_the_launcher_this_file_tests():
    planned = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert planned.returncode == 0, planned.stderr
    assert "-m deploy.local" in planned.stdout


def test_make_run_workers_serve_no_http_even_when_the_shell_names_a_worker_port(monkeypatch):
    monkeypatch.setenv("WORKER_HTTP_PORT", "9000")
    assert "WORKER_HTTP_PORT" not in prepare_environment(), "workers on one port: all but one would fail to start"


def test_make_run_starts_a_web_of_every_component_and_a_worker_of_those_that_have_one():
    assert sorted(procfile_processes()) == sorted(
        [f"{component.name}-web" for component in COMPONENTS]
        + [f"{component.name}-worker" for component in COMPONENTS if component.has_worker]
    )


def test_make_run_gives_every_component_a_port_of_its_own_and_the_gateway_each_services_address(monkeypatch):
    monkeypatch.setenv("MARKETPLACE_BASE_PORT", "9100")
    env = prepare_environment()
    ports = local_ports(env)

    gateway = GatewaySettings.from_env(ServiceConfig.from_env("gateway", env), env)

    assert sorted(ports.values()) == list(range(9100, 9100 + len(COMPONENTS)))
    assert (ports["gateway"], ports["web"]) == (9100, 9108)
    assert gateway.upstreams == {service.name: f"http://127.0.0.1:{ports[service.name]}" for service in SERVICES}
    # The pages behind the gateway, and the public API behind the pages: the same gateway.
    assert gateway.pages_url == "http://127.0.0.1:9108"
    assert WebSettings.from_env(env).api_url == "http://127.0.0.1:9100"
