"""The images as they run (D2): each component's image built here with podman, its migrations, web and
worker containers started on the host network against this run's PostgreSQL and RabbitMQ, and a
customer's order paid through the gateway container.

The images are built once for the module (unchanged images and layers are reused); the containers
start once and are removed at the end, whatever happened.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests

from deploy.client import GatewayClient
from deploy.images import (IMAGES, MADE_BY_SETUP, OCI, Image, build, copy_sources, git_revision, image_id,
                           package_version)
from deploy.launcher import free_port
from deploy.layout import COMPONENTS, ROOT, SERVICES
from e2e.journey import list_product, place_order, settled
from servicekit.bus.topology import Topology
from servicekit.testing import wait_for

# The uid every image runs as; compose's key generator hands the identity keys to it.
APP_UID = 10001
PASSWORD = "Harbor-Lights-2026!"
TEST_RUN_LABEL = "marketplace.test-run"


def podman(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(["podman", *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def images() -> dict[str, str]:
    """Every component's image, built now where its inputs changed: component name -> image reference."""
    if shutil.which("podman") is None:
        message = "podman is not installed: `make system-packages` installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return {built.image.component.name: f"{built.image.name}:{built.tag}" for built in build(list(IMAGES))}


def owned_by_app(path: Path) -> Path:
    """A host folder the containers' uid may write to."""
    path.mkdir(parents=True, exist_ok=True)
    os.chown(path, APP_UID, APP_UID)
    return path


class ContainerPlatform:
    """Every component as containers of its image: one-shot migrations, then a web and a worker each (the pages: a
    web alone, as they keep no database and run no worker).

    Host networking, as on this machine; each web listens on a port of its own (PORT), and the run has
    databases and a bus namespace of its own. A service's web and worker share its /data folder.
    """

    def __init__(self, images: dict[str, str], infrastructure, workdir: Path, mail_url: str):
        self.images = images
        self.run_id = uuid.uuid4().hex[:8]
        self.workdir = workdir
        self.topology = Topology(infrastructure.rabbitmq_url, f"{infrastructure.bus_namespace}-img{self.run_id}")
        self.components = [component for component in COMPONENTS if component.name in images]
        self.ports = {f"{c.name}-{process}": free_port() for c in self.components
                      for process in ("web", "worker") if process == "web" or c.has_worker}
        self.keys = owned_by_app(workdir / "keys")
        self.public_key = owned_by_app(workdir / "public-key")
        self.env = {
            "BROKER_URL": infrastructure.rabbitmq_url,
            "BUS_NAMESPACE": self.topology.namespace,
            "IDENTITY_KEY_DIR": "/keys",
            "NOTIFY_EMAIL_URL": mail_url,
            "LOG_FORMAT": "text",
            "SESSION_COOKIE_SECURE": "false",
            "RATE_LIMIT_STORAGE_URL": infrastructure.redis_url,
            "RATE_LIMIT_PREFIX": self.topology.namespace,
            **{f"{c.name.upper()}_DATABASE_URL": infrastructure.database(f"img_{c.name}")
               for c in self.components if c.has_database},
            **{f"{service.name.upper()}_URL": self.url(service.name) for service in SERVICES},
            # The gateway forwards the pages' paths to the web container, which calls the API back through it.
            "WEB_URL": self.url("web"),
            "WEB_API_URL": self.url("gateway"),
        }

    def url(self, component: str, process: str = "web") -> str:
        return f"http://127.0.0.1:{self.ports[f'{component}-{process}']}"

    def name_of(self, component: str, process: str) -> str:
        return f"marketplace-test-{self.run_id}-{component}-{process}"

    def run_argv(self, component: str, *, name: str | None = None, env: dict | None = None) -> list[str]:
        """`podman run` of a component's image; detached when named, removed on exit when not."""
        # The gateway alone holds the private key; the services see only the public one.
        keys = self.keys if component == "gateway" else self.public_key
        argv = ["run", "--network", "host", "--label", f"{TEST_RUN_LABEL}={self.run_id}",
                "--volume", f"{keys}:/keys:ro", "--volume", f"{owned_by_app(self.workdir / component)}:/data"]
        argv += ["--detach", "--name", name] if name else ["--rm"]
        for key, value in {**self.env, **(env or {})}.items():
            argv += ["--env", f"{key}={value}"]
        return [*argv, self.images[component]]

    def make_identity_keys(self) -> None:
        """As compose's `keys` service does: the gateway image makes the pair, the services get the public key."""
        made = podman("run", "--rm", "--network", "host", "--label", f"{TEST_RUN_LABEL}={self.run_id}",
                      "--volume", f"{self.keys}:/keys", self.images["gateway"],
                      "python", "-m", "servicekit.identity_keys", "/keys")
        assert made.returncode == 0, made.stderr
        shutil.copy(self.keys / "identity-public.pem", self.public_key / "identity-public.pem")

    @staticmethod
    def alembic_ini(component: str) -> str:
        return "/app/gateway/alembic.ini" if component == "gateway" else f"/app/services/{component}/alembic.ini"

    def migrate(self) -> None:
        """Each component's migrations as its image runs them, all at once."""
        running = {
            component: subprocess.Popen(
                ["podman", *self.run_argv(component), "alembic", "-c", self.alembic_ini(component), "upgrade", "head"],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )
            for component in (c.name for c in self.components if c.has_database)
        }
        outputs = {component: process.communicate(timeout=180)[0] for component, process in running.items()}
        failed = {component: outputs[component] for component, process in running.items() if process.returncode}
        assert not failed, f"migrations failed: {failed}"

    def start(self) -> None:
        self.make_identity_keys()
        self.migrate()
        for c in self.components:
            component = c.name
            web_env = {"PORT": str(self.ports[f"{component}-web"]), "WEB_CONCURRENCY": "1",
                       "PROMETHEUS_MULTIPROC_DIR": "/tmp/prometheus"}
            processes = [("web", web_env, [])]
            if c.has_worker:
                worker_env = {"WORKER_HTTP_PORT": str(self.ports[f"{component}-worker"])}
                processes.append(("worker", worker_env, ["python", "-m", f"{component}.worker"]))
            for process, env, command in processes:
                started = podman(*self.run_argv(component, name=self.name_of(component, process), env=env), *command)
                assert started.returncode == 0, started.stderr
        wait_for(self.all_ready, timeout=120, interval=0.5, what="every web and worker container to answer /readyz")

    def readiness(self) -> dict[str, bool]:
        """Each web's and worker's /readyz: `auth-web` -> ready or not."""
        answers = {}
        for process, port in self.ports.items():
            try:
                answers[process] = requests.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200
            except requests.RequestException:
                answers[process] = False
        return answers

    def all_ready(self) -> bool:
        return all(self.readiness().values())

    def containers(self) -> list[str]:
        listed = podman("ps", "--all", "--format", "{{.Names}}", "--filter", f"label={TEST_RUN_LABEL}={self.run_id}")
        return listed.stdout.split()

    def logs(self) -> str:
        return "\n".join(f"--- {name}\n{podman('logs', '--tail', '20', name).stderr}" for name in self.containers())

    def auth_cli(self, *argv: str) -> subprocess.CompletedProcess:
        return podman(*self.run_argv("auth"), "python", "-m", "auth.cli", *argv)

    def remove(self) -> None:
        containers = self.containers()
        if containers:
            podman("rm", "--force", "--time", "0", *containers)
        with self.topology.connection() as connection:
            self.topology.delete(connection.channel())


@pytest.fixture(scope="module")
def containers(images, infrastructure, smtp_mailbox, tmp_path_factory):
    platform = ContainerPlatform(images, infrastructure, tmp_path_factory.mktemp("containers"), smtp_mailbox.url)
    try:
        try:
            platform.start()
        except AssertionError as failure:
            raise AssertionError(f"{failure}\n{platform.logs()}") from None
        yield platform
    finally:
        platform.remove()


def labels_of(reference: str) -> dict[str, str]:
    inspected = podman("image", "inspect", "--format", "{{json .Labels}}", reference)
    assert inspected.returncode == 0, inspected.stderr
    return json.loads(inspected.stdout)


@pytest.mark.parametrize("image", IMAGES, ids=lambda image: image.component.name)
def test_every_image_carries_its_version_and_commit_and_is_tagged_by_version_and_content(images, image):
    reference = images[image.component.name]
    labels = labels_of(reference)

    assert labels[f"{OCI}.title"] == image.name
    assert labels[f"{OCI}.version"] == image.version
    assert labels[f"{OCI}.source"]
    # An image whose inputs have not changed since keeps the commit it was built at.
    revision = labels[f"{OCI}.revision"]
    built_here = subprocess.run(["git", "-C", str(ROOT), "merge-base", "--is-ancestor", revision, "HEAD"])
    assert revision == git_revision() or built_here.returncode == 0, revision
    assert reference.split(":")[1].startswith(f"{image.version}-")
    for tag in image.moving_tags:
        assert image_id(f"{image.name}:{tag}") == image_id(reference), f"{tag} names another image"


def as_template(image: Image) -> str:
    """The Dockerfile less its opening comment (what the image holds), with <directory> and <name> for its own; a
    component without a database copies no migrations."""
    directory = image.directory.relative_to(ROOT).as_posix()
    text = image.dockerfile.read_text().split("\n", 1)[1].replace(f"{directory}/", "<directory>/")
    text = text.replace(f"./{directory}", "./<directory>").replace(image.component.name, "<name>")
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(
        ("COPY <directory>/alembic.ini ", "COPY <directory>/migrations/ ", "# Build from the repository root")))


def test_every_dockerfile_is_the_same_steps_with_its_own_package():
    """The steps before a service's own are shared layers only while they stay the same in every Dockerfile."""
    templates = {image.component.name: as_template(image) for image in IMAGES}

    assert len(set(templates.values())) == 1, "a Dockerfile differs from the others in more than its package"


def test_packages_have_versions_of_their_own_and_pin_the_libraries_they_build_on():
    versions = {image.component.name: image.version for image in IMAGES}
    libraries = {library: package_version(ROOT / path) for library, path in
                 (("contracts", "contracts"), ("servicekit", "libs/servicekit"))}

    # Versions move with each package's own releases, not in one step for all.
    assert len(set(versions.values())) > 1, f"every component has the same version: {versions}"
    assert f'"marketplace-contracts=={libraries["contracts"]}"' in (ROOT / "libs/servicekit/pyproject.toml").read_text()
    for image in IMAGES:
        pyproject = (image.directory / "pyproject.toml").read_text()
        # Every image builds on servicekit; the pages (web) read no events and need no contracts of their own.
        named = [library for library in libraries if f'"marketplace-{library}==' in pyproject]
        assert "servicekit" in named, f"{image.name} does not name servicekit"
        for library in named:
            version = libraries[library]
            assert f'"marketplace-{library}=={version}"' in pyproject, f"{image.name} does not pin {library} {version}"


def test_images_whose_inputs_have_not_changed_are_kept_without_a_build(images):
    started = time.monotonic()
    again = build(list(IMAGES), log=lambda line: None)

    assert [built.built for built in again] == [False] * len(IMAGES)
    assert {built.image.component.name: f"{built.image.name}:{built.tag}" for built in again} == images
    assert time.monotonic() - started < 30


def test_a_kept_image_takes_back_its_version_and_latest_tags(images):
    orders = next(image for image in IMAGES if image.component.name == "orders")
    for tag in orders.moving_tags:
        podman("tag", images["gateway"], f"{orders.name}:{tag}")

    [kept] = build([orders], log=lambda line: None)

    assert not kept.built
    assert {image_id(f"{orders.name}:{tag}") for tag in orders.moving_tags} == {image_id(images["orders"])}


@pytest.fixture
def repository_copy(tmp_path) -> Path:
    """The repository's files as an image build reads them, to change freely."""
    copy = tmp_path / "repository"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", ".venvs", "var", "__pycache__"))
    return copy


def content_tags(root: Path) -> dict[str, str]:
    return {image.component.name: Image(image.component, root).content_tag("base") for image in IMAGES}


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {name for name in before if before[name] != after[name]}


def touch(path: Path) -> None:
    path.write_text(path.read_text() + "\n# changed\n")


def test_a_change_to_one_service_changes_the_content_tag_of_its_image_alone(repository_copy):
    before = content_tags(repository_copy)

    touch(repository_copy / "services/orders/orders/app.py")

    assert changed(before, content_tags(repository_copy)) == {"orders"}


def test_a_change_to_servicekit_contracts_or_the_gunicorn_settings_changes_every_content_tag(repository_copy):
    for shared in ("libs/servicekit/servicekit/db.py", "contracts/contracts/__init__.py", "deploy/gunicorn.conf.py"):
        before = content_tags(repository_copy)

        touch(repository_copy / shared)

        assert changed(before, content_tags(repository_copy)) == {image.component.name for image in IMAGES}, shared


def test_tests_and_other_files_the_images_do_not_hold_change_no_content_tag(repository_copy):
    before = content_tags(repository_copy)

    touch(repository_copy / "services/orders/tests/conftest.py")
    touch(repository_copy / "tests/conftest.py")
    touch(repository_copy / "README.md")

    assert changed(before, content_tags(repository_copy)) == set()


def test_another_base_image_changes_every_content_tag():
    tags = [{image.name: image.content_tag(base) for image in IMAGES} for base in ("sha256:one", "sha256:two")]

    assert all(tags[0][name] != tags[1][name] for name in tags[0])


@pytest.mark.parametrize("image", IMAGES, ids=lambda image: image.component.name)
def test_images_run_as_uid_10001_and_hold_no_pip_compiler_or_build_leftovers(images, image):
    reference = images[image.component.name]
    user = podman("run", "--rm", reference, "id", "-u")
    pip = podman("run", "--rm", reference, "python", "-m", "pip", "--version")
    ensurepip = podman("run", "--rm", reference, "python", "-m", "ensurepip", "--version")
    tools = podman("run", "--rm", reference, "sh", "-c",
                   "for tool in gcc cc c++ make pip pip3; do command -v $tool; done")
    leftovers = podman("run", "--rm", "--user", "0", reference, "sh", "-c",
                       "ls -d /wheels /src /opt/pip /root/.cache /tmp/* 2>/dev/null; true")

    assert user.stdout.strip() == str(APP_UID)
    assert pip.returncode != 0 and "No module named pip" in pip.stderr
    assert ensurepip.returncode != 0
    assert tools.stdout == ""
    assert leftovers.stdout == ""


def test_a_dockerfile_copies_migrations_exactly_when_its_component_has_a_database():
    for image in IMAGES:
        copies = copy_sources(image.dockerfile)
        directory = image.directory.relative_to(ROOT).as_posix()
        assert (f"{directory}/migrations/" in copies) == image.component.has_database, image.name


def test_the_web_image_is_not_built_without_the_browser_libraries_make_setup_brings(repository_copy):
    web = Image(next(c for c in COMPONENTS if c.name == "web"), repository_copy)
    assert web.missing_setup_files() is None
    shutil.rmtree(repository_copy / MADE_BY_SETUP["web"])

    assert "make setup" in web.missing_setup_files()


def test_every_web_and_worker_container_answers_readyz_and_every_process_runs_as_uid_10001(containers):
    assert containers.readiness() == {process: True for process in containers.ports}
    for name in containers.containers():
        # Every process, gunicorn's workers too, as the image's user; that user is uid 10001.
        listed = podman("top", name, "user", "args")
        assert listed.returncode == 0, listed.stderr
        processes = listed.stdout.splitlines()[1:]
        assert processes, f"{name} runs nothing"
        assert {line.split()[0] for line in processes} == {"app"}, f"{name}: {listed.stdout}"
        assert podman("exec", name, "id", "-u").stdout.strip() == str(APP_UID)


def signed_up(client: GatewayClient, mail_code, path: str, details: dict) -> dict:
    asked = client.post(path, json=details)
    assert asked.status_code == 202, asked.text
    code = mail_code(details["email"], "회원가입 인증번호")
    verified = client.post("/api/accounts/verification", json={"login": details["email"], "code": code})
    assert verified.status_code == 201, verified.text
    return verified.json()


def test_a_customer_order_through_the_gateway_container_is_paid(containers, mail_code):
    gateway = containers.url("gateway")
    run = uuid.uuid4().hex[:8]
    admin_email, seller_email, customer_email = (f"{who}-{run}@example.com" for who in ("admin", "seller", "buyer"))
    created = containers.auth_cli("create-admin", "--email", admin_email, "--password", PASSWORD)
    assert created.returncode == 0, created.stderr
    admin = GatewayClient(gateway)
    assert admin.login(admin_email, PASSWORD).status_code == 201

    seller = GatewayClient(gateway)
    account = signed_up(seller, mail_code, "/api/sellers", {
        "email": seller_email, "phone": f"010{uuid.uuid4().int % 10**8:08d}", "password": PASSWORD,
        "name": "Park Jisoo", "birth_date": "1990-04-01", "seller_type": "individual",
    })
    decided = admin.post(f"/api/sellers/{account['seller_id']}/decision", json={"decision": "approve"})
    assert decided.status_code == 200, decided.text
    assert seller.login(seller_email, PASSWORD).status_code == 201
    seller.enrol_authenticator()
    product = list_product(seller, price=12000, stock=5)

    customer = GatewayClient(gateway)
    signed_up(customer, mail_code, "/api/accounts",
              {"email": customer_email, "name": "Kim Minji", "password": PASSWORD})
    assert customer.login(customer_email, PASSWORD).status_code == 201
    placed = place_order(customer, product, 2)
    assert placed.status_code == 202, placed.text

    order = settled(customer, placed.json()["id"], timeout=60)
    assert order["status"] == "paid"
    assert customer.get(f"/api/products/{product['id']}").json()["stock"] == 3


def test_the_pages_of_the_web_container_come_through_the_gateway_container_with_their_scripts(containers):
    gateway = containers.url("gateway")

    page = requests.get(f"{gateway}/", timeout=30)
    script = requests.get(f"{gateway}/static/vendor/chart.umd.min.js", timeout=30)

    assert page.status_code == 200, page.text[:2000]
    assert page.headers["Content-Type"].startswith("text/html") and '<html lang="ko">' in page.text
    assert script.status_code == 200 and "javascript" in script.headers["Content-Type"]
