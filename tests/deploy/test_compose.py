"""docker-compose.yml runs every service whole: images that build from this repo, ordered start-up, probes;
and started for real with podman-compose, on the images deploy.images builds and stand-ins for the
infrastructure made from Debian's packages (no registry answers here), an order is paid through it.
"""
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import pytest
import requests
import yaml

from conftest import code_in
from deploy.client import GatewayClient
from deploy.images import IMAGES, LOCAL_BASE, copy_sources, ensure_local_base, machine_lock
from deploy.launcher import free_port
from deploy.layout import COMPONENTS
from e2e.journey import list_product, place_order, settled
from servicekit.bus.topology import Topology
from servicekit.testing import holds_for, wait_for
from test_images import APP_UID, images, podman  # noqa: F401 - images is the fixture

ROOT = Path(__file__).resolve().parents[2]
SERVICES = tuple(component.name for component in COMPONENTS)
# The pages (web) keep no database and run no worker: a web process alone.
WITH_DATABASE = tuple(component.name for component in COMPONENTS if component.has_database)
WITH_WORKER = tuple(component.name for component in COMPONENTS if component.has_worker)
# What verifies identity tokens: every component but the pages, which call the API as the browser does.
WITH_KEYS = tuple(name for name in SERVICES if name != "web")
PROCESSES = ("migrate", "web", "worker")


def processes_of(service: str) -> tuple[str, ...]:
    component = next(c for c in COMPONENTS if c.name == service)
    return tuple(process for process in PROCESSES if process == "web"
                 or (process == "migrate" and component.has_database) or (process == "worker" and component.has_worker))
HEALTHY = {"condition": "service_healthy"}
COMPLETED = {"condition": "service_completed_successfully"}
COMPOSE_FILE = ROOT / "docker-compose.yml"
COMPOSE = yaml.safe_load(COMPOSE_FILE.read_text())["services"]
BUILT = {name: spec for name, spec in COMPOSE.items() if "build" in spec}
# Every ${NAME:-default} the file reads: what a user may set, and what the test sets or clears.
SETTINGS = set(re.findall(r"\$\{(\w+):-", COMPOSE_FILE.read_text()))
INFRASTRUCTURE = {"postgres": "postgres:16", "rabbitmq": "rabbitmq:3.13-management", "redis": "redis:7",
                  "mailpit": "axllent/mailpit:v1.21"}
STAND_INS = ROOT / "deploy" / "test-infrastructure"
WORKER_HTTP_PORT = 9000
PUBLISHED = ("GATEWAY_PORT", "RABBITMQ_PORT", "RABBITMQ_MANAGEMENT_PORT", "MAILPIT_PORT")
PROJECT_LABEL = "io.podman.compose.project"
SERVICE_LABEL = "io.podman.compose.service"


def _dockerfile(spec: dict) -> Path:
    build = spec["build"]
    return ROOT / build["context"] / build.get("dockerfile", "Dockerfile")


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_its_migrations_web_and_worker_on_one_image(service):
    processes = [COMPOSE.get(f"{service}-{process}") for process in processes_of(service)]

    assert all(processes), f"{service} lacks one of {processes_of(service)}"
    assert [p for p in PROCESSES if p not in processes_of(service) and f"{service}-{p}" in COMPOSE] == []
    assert len({(spec["image"], json.dumps(spec["build"], sort_keys=True)) for spec in processes}) == 1


def test_every_image_builds_with_the_repository_root_as_context():
    assert {name: spec["build"]["context"] for name, spec in BUILT.items()} == {name: "." for name in BUILT}


@pytest.mark.parametrize("dockerfile", sorted({_dockerfile(spec).relative_to(ROOT) for spec in BUILT.values()}), ids=str)
def test_every_dockerfile_exists_and_copies_only_paths_of_the_repository(dockerfile):
    assert (ROOT / dockerfile).is_file(), f"{dockerfile} is missing"
    sources = copy_sources(ROOT / dockerfile)

    assert sources, "the image copies nothing from the repository"
    missing = [source for source in sources if not (ROOT / source).exists()]
    assert not missing, f"{dockerfile} copies paths that do not exist: {missing}"
    # The keys service hands the identity keys to uid 10001, so every image must run as it.
    assert "--uid 10001" in (ROOT / dockerfile).read_text()


@pytest.mark.parametrize("service", WITH_DATABASE)
def test_migrations_run_the_alembic_configuration_the_image_carries(service):
    command = COMPOSE[f"{service}-migrate"]["command"]
    ini = next(word for word in command if word.endswith("alembic.ini"))

    assert command[0] == "alembic" and command[-2:] == ["upgrade", "head"]
    assert (ROOT / Path(ini).relative_to("/app")).is_file()


@pytest.mark.parametrize("service", WITH_WORKER)
def test_every_worker_runs_its_service_worker_module(service):
    assert COMPOSE[f"{service}-worker"]["command"] == ["python", "-m", f"{service}.worker"]


@pytest.mark.parametrize("service", SERVICES)
def test_every_web_process_is_probed_on_readyz(service):
    healthcheck = COMPOSE[f"{service}-web"].get("healthcheck")

    assert healthcheck, f"{service}-web has no healthcheck"
    assert any("/readyz" in word for word in healthcheck["test"])


def test_every_database_a_service_is_configured_with_is_created_by_init_sql():
    created = set(re.findall(r"CREATE DATABASE (\w+)", (ROOT / "deploy/postgres/init.sql").read_text()))
    named = {
        url.rsplit("/", 1)[1]
        for spec in COMPOSE.values()
        for url in (spec.get("environment") or {}).values()
        if str(url).startswith("postgresql://")
    }

    assert named == {f"marketplace_{service}" for service in WITH_DATABASE}
    assert named <= created, f"not created by init.sql: {named - created}"


def test_postgres_runs_init_sql_on_first_start():
    assert "./deploy/postgres/init.sql:/docker-entrypoint-initdb.d/init.sql:ro" in COMPOSE["postgres"]["volumes"]


@pytest.mark.parametrize("dependency", ["postgres", "rabbitmq"])
def test_broker_and_database_have_health_checks(dependency):
    assert COMPOSE[dependency]["healthcheck"]["test"]


@pytest.mark.parametrize("service", WITH_DATABASE)
def test_processes_start_after_a_healthy_database_and_broker_and_finished_migrations(service):
    assert COMPOSE[f"{service}-migrate"]["depends_on"]["postgres"] == HEALTHY
    for process in ("web", "worker"):
        depends_on = COMPOSE[f"{service}-{process}"]["depends_on"]
        assert depends_on["postgres"] == HEALTHY
        assert depends_on["rabbitmq"] == HEALTHY
        assert depends_on[f"{service}-migrate"] == COMPLETED


@pytest.mark.parametrize("service", WITH_KEYS)
def test_web_processes_start_once_the_identity_keys_exist(service):
    assert COMPOSE[f"{service}-web"]["depends_on"]["keys"] == COMPLETED


@pytest.mark.parametrize("service", [service for service in SERVICES if service != "gateway"])
def test_the_gateway_routes_to_each_service_web_and_opens_once_it_is_ready(service):
    """The pages too (WEB_URL): every path outside /api goes there."""
    gateway = COMPOSE["gateway-web"]

    assert gateway["environment"][f"{service.upper()}_URL"] == f"http://{service}-web:8000"
    assert gateway["depends_on"][f"{service}-web"] == HEALTHY


@pytest.mark.parametrize("service", WITH_WORKER)
def test_every_worker_serves_its_probes_on_9000_and_is_probed_on_readyz(service):
    worker = COMPOSE[f"{service}-worker"]

    assert worker["environment"]["WORKER_HTTP_PORT"] == str(WORKER_HTTP_PORT)
    assert any(f"127.0.0.1:{WORKER_HTTP_PORT}/readyz" in word for word in worker["healthcheck"]["test"])


@pytest.mark.parametrize("service", INFRASTRUCTURE)
def test_every_infrastructure_image_is_a_setting_defaulting_to_the_official_image(service):
    assert COMPOSE[service]["image"] == f"${{{service.upper()}_IMAGE:-{INFRASTRUCTURE[service]}}}"


@pytest.mark.parametrize("image", IMAGES, ids=lambda image: image.component.name)
def test_every_platform_image_is_the_one_deploy_images_tags_unless_set_otherwise(image):
    component = image.component.name
    expected = f"${{MARKETPLACE_IMAGE_PREFIX:-marketplace}}-{component}:${{{component.upper()}_IMAGE_TAG:-latest}}"

    assert {COMPOSE[f"{component}-{process}"]["image"] for process in processes_of(component)} == {expected}
    assert "latest" in image.moving_tags
    assert COMPOSE[f"{component}-web"]["build"]["args"] == {"BASE_IMAGE": "${BASE_IMAGE:-python:3.11-slim}"}


def test_the_pages_call_the_api_back_through_the_gateway():
    assert COMPOSE["web-web"]["environment"]["WEB_API_URL"] == "http://gateway-web:8000"


def test_every_published_port_is_a_setting_defaulting_to_the_port_inside():
    published = [port for spec in COMPOSE.values() for port in spec.get("ports", [])]
    settings = [re.fullmatch(r"\$\{(\w+):-(\d+)\}:\2", port) for port in published]

    assert all(settings), published
    assert sorted(setting.group(1) for setting in settings) == sorted(PUBLISHED)


# --- docker-compose.yml started for real with podman-compose --------------------------------------------


def build_stand_ins() -> dict[str, str]:
    """The infrastructure images docker-compose.yml names, made here from Debian's packages on the platform's
    base: setting -> image. Unchanged, podman's layer cache makes this a few seconds. Needs the base made first
    (ensure_local_base); builds no layer of the platform's images, so it may run beside their build."""
    stand_ins = {}
    for service in INFRASTRUCTURE:
        reference = f"localhost/marketplace-test-infrastructure:{service}"
        built = podman("build", "--network", "host", "--build-arg", f"BASE_IMAGE={LOCAL_BASE}",
                       "--target", service, "--tag", reference, str(STAND_INS), timeout=600)
        assert built.returncode == 0, built.stderr
        stand_ins[f"{service.upper()}_IMAGE"] = reference
    return stand_ins


@pytest.fixture(scope="module")
def stand_ins_building():
    """The stand-ins building in the background from the start of this module, beside the platform's images
    (apt-get and dpkg, mostly waiting on the disk and the network): about three minutes saved from nothing cached."""
    if shutil.which("podman") is None:
        message = "podman is not installed: `make system-packages` installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with machine_lock():
        ensure_local_base()
    with ThreadPoolExecutor(max_workers=1) as pool:
        yield pool.submit(build_stand_ins)


class MailCatcher:
    """The mail catcher's HTTP API: mailpit's, which the stand-in speaks too."""

    def __init__(self, url: str):
        self.url = url

    def text_to(self, to: str, contains: str) -> str | None:
        """The newest mail to `to` whose subject or text has `contains`."""
        for summary in requests.get(f"{self.url}/api/v1/messages", timeout=5).json()["messages"]:
            if to in (recipient["Address"] for recipient in summary["To"]):
                text = requests.get(f"{self.url}/api/v1/message/{summary['ID']}", timeout=5).json()["Text"]
                if contains in f"{summary['Subject']}\n{text}":
                    return text
        return None

    def code(self, to: str, contains: str) -> str:
        return code_in(wait_for(partial(self.text_to, to, contains), timeout=30, interval=0.5,
                                what=f"a mail to {to} about {contains}"))


class ComposeProject:
    """docker-compose.yml under a project name of its own, started with podman-compose.

    The published ports are free ones on 127.0.0.1, the infrastructure images the stand-ins and the
    platform's images the ones just built; every other setting keeps the file's default.
    """

    def __init__(self, images: dict[str, str], stand_ins: dict[str, str]):
        self.name = f"marketplace-test-{uuid.uuid4().hex[:8]}"
        self.ports = {setting: free_port() for setting in PUBLISHED}
        self.env = {
            **{name: value for name, value in os.environ.items() if name not in SETTINGS},
            **stand_ins,
            **{f"{component.upper()}_IMAGE_TAG": reference.split(":")[1] for component, reference in images.items()},
            **{setting: f"127.0.0.1:{port}" for setting, port in self.ports.items()},
        }
        self.gateway_url = f"http://127.0.0.1:{self.ports['GATEWAY_PORT']}"
        self.mail = MailCatcher(f"http://127.0.0.1:{self.ports['MAILPIT_PORT']}")

    def compose(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "podman_compose", "--project-name", self.name,
                               "--file", str(COMPOSE_FILE), *args],
                              env=self.env, capture_output=True, text=True, timeout=timeout)
        assert done.returncode == 0, f"podman-compose {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done

    def containers(self, service: str | None = None) -> list[str]:
        filters = ["--filter", f"label={PROJECT_LABEL}={self.name}"]
        if service:
            filters += ["--filter", f"label={SERVICE_LABEL}={service}"]
        return sorted(podman("ps", "--all", "--format", "{{.Names}}", *filters).stdout.split())

    def inspect(self, container: str, template: str) -> str:
        return podman("inspect", "--format", template, container).stdout.strip()

    def healthy(self, container: str) -> bool:
        """Runs the container's health check now, as podman's timer does where systemd runs it."""
        return podman("healthcheck", "run", container).returncode == 0

    def holds(self, service: str, condition: str) -> bool:
        """Whether a depends_on condition on `service` holds now."""
        containers = self.containers(service)
        states = {container: self.inspect(container, "{{.State.Status}} {{.State.ExitCode}}") for container in containers}
        if condition == "service_completed_successfully":
            failed = [container for container, state in states.items() if state.startswith("exited ") and state != "exited 0"]
            assert not failed, f"{service} failed:\n{self.logs(*failed)}"
            return bool(states) and set(states.values()) == {"exited 0"}
        running = bool(states) and all(state.startswith("running ") for state in states.values())
        if condition == "service_healthy":
            return running and all(self.healthy(container) for container in containers)
        assert condition == "service_started", condition
        return running

    def up(self) -> None:
        """Every service, each started once its depends_on conditions hold, as `docker compose up` orders them.

        podman-compose cannot keep that order with podman 4.3: it skips `service_healthy` (its
        `podman wait --condition=healthy` needs podman 4.6), health checks run only when asked (their timers
        need systemd), and podman 4.3 refuses to start a container whose stopped dependency has
        dependencies of its own (the `--requires` podman-compose gives). So the test starts one wave of
        services at a time with `--no-deps` and waits for the conditions the file states.
        """
        waiting = {service: spec.get("depends_on", {}) for service, spec in COMPOSE.items()}
        started: set[str] = set()
        while waiting:
            wave = sorted(service for service, needs in waiting.items() if set(needs) <= started)
            assert wave, f"depends_on goes round in a circle among {sorted(waiting)}"
            conditions = sorted({(needed, how["condition"]) for service in wave for needed, how in waiting[service].items()})
            for needed, condition in conditions:
                wait_for(partial(self.holds, needed, condition), timeout=180, interval=1, what=f"{needed}: {condition}")
            self.compose("up", "--detach", "--no-build", "--no-deps", *wave)
            started.update(wave)
            for service in wave:
                del waiting[service]
        probed = sorted(service for service, spec in COMPOSE.items() if "healthcheck" in spec)
        for service in probed:
            wait_for(partial(self.holds, service, "service_healthy"), timeout=180, interval=1,
                     what=f"{service}'s health check")
        wait_for(lambda: self.gateway_readiness() == 200, timeout=60, interval=0.5, what="the gateway's /readyz")

    def gateway_readiness(self) -> int | None:
        try:
            return requests.get(f"{self.gateway_url}/readyz", timeout=5).status_code
        except requests.RequestException:
            return None

    def readiness(self, container: str, port: int) -> requests.Response:
        """A container's /readyz, asked at its address on the project's network."""
        address = self.inspect(container, "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}")
        return requests.get(f"http://{address}:{port}/readyz", timeout=5)

    def auth_cli(self, *argv: str) -> subprocess.CompletedProcess:
        return self.compose("exec", "-T", "auth-web", "python", "-m", "auth.cli", *argv)

    def logs(self, *containers: str) -> str:
        return "\n".join(f"--- {name}\n{podman('logs', '--tail', '30', name).stderr}"
                         for name in containers or self.containers())

    def down(self) -> list[str]:
        """`down --volumes` (and the scaled-out workers it does not name, `--remove-orphans`); returns
        whatever of the project it left behind, removed now."""
        try:
            self.compose("down", "--volumes", "--remove-orphans", "--timeout", "0")
        finally:
            left = [*(("container", name) for name in self.containers()),
                    *(("volume", name) for name in self.project_objects("volume")),
                    *(("network", name) for name in self.project_objects("network")),
                    *(("pod", name) for name in podman("pod", "ps", "--format", "{{.Name}}",
                                                       "--filter", f"name=^pod_{self.name}$").stdout.split())]
            for kind, name in left:
                podman(*(["rm"] if kind == "container" else [kind, "rm"]), "--force", name)
        return [f"{kind} {name}" for kind, name in left]

    def project_objects(self, kind: str) -> list[str]:
        return podman(kind, "ls", "--quiet", "--filter", f"label={PROJECT_LABEL}={self.name}").stdout.split()


@pytest.fixture(scope="module")
def compose(stand_ins_building, images):
    if importlib.util.find_spec("podman_compose") is None:
        message = "podman-compose is not installed: `make setup` installs it (requirements-dev.txt)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    project = ComposeProject(images, stand_ins_building.result())
    try:
        try:
            project.up()
        except AssertionError as failure:
            raise AssertionError(f"{failure}\n{project.logs()}") from None
        yield project
    finally:
        left = project.down()
    assert not left, f"podman-compose down left these behind: {left}"


def test_compose_up_runs_every_migration_to_the_end_and_every_web_and_worker_healthy(compose):
    for service in COMPOSE:
        condition = "service_completed_successfully" if service.endswith("-migrate") or service == "keys" else "service_started"
        assert compose.holds(service, condition), f"{service}\n{compose.logs(*compose.containers(service))}"
    for service in SERVICES:
        for process in set(processes_of(service)) - {"migrate"}:
            assert all(compose.healthy(container) for container in compose.containers(f"{service}-{process}"))
    assert compose.gateway_readiness() == 200


PASSWORD = "Harbor-Lights-2026!"


def signed_up(client: GatewayClient, mail_code, path: str, details: dict) -> dict:
    asked = client.post(path, json=details)
    assert asked.status_code == 202, asked.text
    code = mail_code(details["email"], "회원가입 인증번호")
    verified = client.post("/api/accounts/verification", json={"login": details["email"], "code": code})
    assert verified.status_code == 201, verified.text
    return verified.json()


def a_paid_order(gateway_url: str, auth_cli, mail_code) -> tuple[dict, int]:
    """An admin made with auth.cli, a seller who signs up with the mailed code, is approved, enrols an
    authenticator and lists four of a product, and a customer who signs up and orders two: the order
    once settled, and the product's stock then."""
    run = uuid.uuid4().hex[:8]
    admin_email, seller_email, customer_email = (f"{who}-{run}@example.com" for who in ("admin", "seller", "buyer"))
    auth_cli("create-admin", "--email", admin_email, "--password", PASSWORD)
    admin, seller, customer = (GatewayClient(gateway_url) for _ in range(3))
    assert admin.login(admin_email, PASSWORD).status_code == 201
    account = signed_up(seller, mail_code, "/api/sellers", {
        "email": seller_email, "phone": f"010{uuid.uuid4().int % 10**8:08d}", "password": PASSWORD,
        "name": "Park Jisoo", "birth_date": "1990-04-01", "seller_type": "individual",
    })
    assert admin.post(f"/api/sellers/{account['seller_id']}/decision", json={"decision": "approve"}).status_code == 200
    assert seller.login(seller_email, PASSWORD).status_code == 201
    seller.enrol_authenticator()
    product = list_product(seller, price=9000, stock=4)
    signed_up(customer, mail_code, "/api/accounts", {"email": customer_email, "name": "Kim Minji", "password": PASSWORD})
    assert customer.login(customer_email, PASSWORD).status_code == 201
    placed = place_order(customer, product, 2)
    assert placed.status_code == 202, placed.text
    order = settled(customer, placed.json()["id"], timeout=60)
    return order, customer.get(f"/api/products/{product['id']}").json()["stock"]


def test_an_order_through_the_composed_gateway_is_paid(compose):
    order, stock = a_paid_order(compose.gateway_url, compose.auth_cli, compose.mail.code)

    assert order["status"] == "paid"
    assert stock == 2


def test_every_process_of_every_composed_web_and_worker_runs_as_uid_10001(compose):
    containers = [container for service in COMPOSE if service.endswith(("-web", "-worker"))
                  for container in compose.containers(service)]
    assert containers
    for name in containers:
        # Every process, gunicorn's workers too, as the image's user; that user is uid 10001.
        listed = podman("top", name, "user", "args")
        assert listed.returncode == 0, listed.stderr
        processes = listed.stdout.splitlines()[1:]
        assert processes, f"{name} runs nothing"
        assert {line.split()[0] for line in processes} == {"app"}, f"{name}: {listed.stdout}"
        assert podman("exec", name, "id", "-u").stdout.strip() == str(APP_UID)


def test_the_pages_come_through_the_composed_gateway_with_their_scripts(compose):
    page = requests.get(f"{compose.gateway_url}/", timeout=30)
    script = requests.get(f"{compose.gateway_url}/static/vendor/chart.umd.min.js", timeout=30)

    assert page.status_code == 200, page.text[:2000]
    assert page.headers["Content-Type"].startswith("text/html") and '<html lang="ko">' in page.text
    assert script.status_code == 200 and "javascript" in script.headers["Content-Type"]


def support_consumers(compose: ComposeProject) -> int | None:
    """Consumers on the support queue, as `python -m servicekit.ops queues` in a support worker counts them."""
    listed = json.loads(compose.compose("exec", "-T", "support-worker", "python", "-m", "servicekit.ops",
                                        "queues", "--json").stdout)
    [support] = [row for row in listed["services"] if row["service"] == "support"]
    assert support["queue"]["name"] == Topology("amqp://", listed["namespace"]).queue_for("support").name
    return support["queue"]["consumers"]


def test_scaling_support_workers_to_two_puts_two_consumers_on_the_support_queue(compose):
    assert support_consumers(compose) == 1

    compose.compose("up", "--detach", "--no-build", "--no-deps", "--scale", "support-worker=2", "support-worker")

    workers = compose.containers("support-worker")
    assert len(workers) == 2
    wait_for(lambda: support_consumers(compose) == 2, timeout=90, interval=1, what="two consumers on the support queue")
    assert all(compose.healthy(worker) for worker in workers)


def test_web_and_worker_started_without_database_and_broker_report_not_ready_and_are_not_restarted(compose):
    probes = {"orders-web": 8000, "orders-worker": WORKER_HTTP_PORT}
    processes = [container for service in COMPOSE if service.endswith(("-web", "-worker"))
                 for container in compose.containers(service)]
    compose.compose("stop", "postgres", "rabbitmq")
    try:
        # Started again while both are away, as on a host where they come up last.
        compose.compose("restart", *probes)
        containers = {service: compose.containers(service)[0] for service in probes}
        started = {container: compose.inspect(container, "{{.State.StartedAt}} {{.RestartCount}}") for container in processes}

        def not_ready_and_running_as_started() -> bool:
            for service, container in containers.items():
                checks = compose.readiness(container, probes[service]).json()["checks"]
                assert checks["database"] != "ok" and checks["broker"] != "ok", f"{service}: {checks}"
            now = {container: compose.inspect(container, "{{.State.StartedAt}} {{.RestartCount}}") for container in processes}
            assert now == started, f"restarted: {sorted(c for c in processes if now[c] != started[c])}"
            return all(compose.inspect(container, "{{.State.Status}}") == "running" for container in processes)

        wait_for(lambda: all(compose.readiness(container, probes[service]).status_code == 503
                             for service, container in containers.items()),
                 timeout=60, interval=1, what="orders' web and worker to report not ready")
        holds_for(not_ready_and_running_as_started, seconds=10, interval=1, what="every process running, not ready")
    finally:
        compose.compose("start", "postgres", "rabbitmq")
    for service in probes:
        wait_for(partial(compose.holds, service, "service_healthy"), timeout=120, interval=1,
                 what=f"{service} ready once the database and broker are back")
