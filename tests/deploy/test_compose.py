"""docker-compose.yml runs every service whole: images that build from this repo, ordered start-up, probes."""
import json
import re
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("auth", "catalog", "orders", "support", "reviews", "gateway")
PROCESSES = ("migrate", "web", "worker")
HEALTHY = {"condition": "service_healthy"}
COMPLETED = {"condition": "service_completed_successfully"}
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
BUILT = {name: spec for name, spec in COMPOSE.items() if "build" in spec}


def _dockerfile(spec: dict) -> Path:
    build = spec["build"]
    return ROOT / build["context"] / build.get("dockerfile", "Dockerfile")


def _copy_sources(dockerfile: Path) -> list[str]:
    """The repository paths a Dockerfile's COPY instructions take from the build context."""
    text = dockerfile.read_text().replace("\\\n", " ")
    sources = []
    for line in text.splitlines():
        instruction, _, arguments = line.strip().partition(" ")
        if instruction.upper() not in ("COPY", "ADD"):
            continue
        words = json.loads(arguments) if arguments.lstrip().startswith("[") else shlex.split(arguments)
        flags = [word for word in words if word.startswith("--")]
        if any(flag.startswith("--from") for flag in flags):
            continue  # from another build stage, not from the repository
        sources.extend(word for word in words[:-1] if not word.startswith("--"))
    return sources


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_its_migrations_web_and_worker_on_one_image(service):
    processes = [COMPOSE.get(f"{service}-{process}") for process in PROCESSES]

    assert all(processes), f"{service} lacks one of {PROCESSES}"
    assert len({(spec["image"], json.dumps(spec["build"], sort_keys=True)) for spec in processes}) == 1


def test_every_image_builds_with_the_repository_root_as_context():
    assert {name: spec["build"]["context"] for name, spec in BUILT.items()} == {name: "." for name in BUILT}


@pytest.mark.parametrize("dockerfile", sorted({_dockerfile(spec).relative_to(ROOT) for spec in BUILT.values()}), ids=str)
def test_every_dockerfile_exists_and_copies_only_paths_of_the_repository(dockerfile):
    assert (ROOT / dockerfile).is_file(), f"{dockerfile} is missing"
    sources = _copy_sources(ROOT / dockerfile)

    assert sources, "the image copies nothing from the repository"
    missing = [source for source in sources if not (ROOT / source).exists()]
    assert not missing, f"{dockerfile} copies paths that do not exist: {missing}"
    # The keys service hands the identity keys to uid 10001, so every image must run as it.
    assert "--uid 10001" in (ROOT / dockerfile).read_text()


@pytest.mark.parametrize("service", SERVICES)
def test_migrations_run_the_alembic_configuration_the_image_carries(service):
    command = COMPOSE[f"{service}-migrate"]["command"]
    ini = next(word for word in command if word.endswith("alembic.ini"))

    assert command[0] == "alembic" and command[-2:] == ["upgrade", "head"]
    assert (ROOT / Path(ini).relative_to("/app")).is_file()


@pytest.mark.parametrize("service", SERVICES)
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

    assert named == {f"marketplace_{service}" for service in SERVICES}
    assert named <= created, f"not created by init.sql: {named - created}"


def test_postgres_runs_init_sql_on_first_start():
    assert "./deploy/postgres/init.sql:/docker-entrypoint-initdb.d/init.sql:ro" in COMPOSE["postgres"]["volumes"]


@pytest.mark.parametrize("dependency", ["postgres", "rabbitmq"])
def test_broker_and_database_have_health_checks(dependency):
    assert COMPOSE[dependency]["healthcheck"]["test"]


@pytest.mark.parametrize("service", SERVICES)
def test_processes_start_after_a_healthy_database_and_broker_and_finished_migrations(service):
    assert COMPOSE[f"{service}-migrate"]["depends_on"]["postgres"] == HEALTHY
    for process in ("web", "worker"):
        depends_on = COMPOSE[f"{service}-{process}"]["depends_on"]
        assert depends_on["postgres"] == HEALTHY
        assert depends_on["rabbitmq"] == HEALTHY
        assert depends_on[f"{service}-migrate"] == COMPLETED


@pytest.mark.parametrize("service", SERVICES)
def test_web_processes_start_once_the_identity_keys_exist(service):
    assert COMPOSE[f"{service}-web"]["depends_on"]["keys"] == COMPLETED


@pytest.mark.parametrize("service", [service for service in SERVICES if service != "gateway"])
def test_the_gateway_routes_to_each_service_web_and_opens_once_it_is_ready(service):
    gateway = COMPOSE["gateway-web"]

    assert gateway["environment"][f"{service.upper()}_URL"] == f"http://{service}-web:8000"
    assert gateway["depends_on"][f"{service}-web"] == HEALTHY
