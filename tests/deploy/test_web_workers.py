"""Every web process runs under the gunicorn worker deploy.layout names for it, wherever it is started: gevent for the
gateway and the notifications web, which keep live notification streams open, the threads of gthread elsewhere.
"""
import pytest
import yaml

from deploy.layout import COMPONENTS, PROCFILE, ROOT
from gateway.upstreams import IDLE_REUSE_SECONDS
from deploy.supervision import procfile_processes
from test_kubernetes import OVERLAYS, component_of, containers, environment_of, process_of, rendered

WORKER_CLASS = "WEB_WORKER_CLASS"
# gunicorn.conf.py's default, for a web that sets nothing.
DEFAULT = "gthread"
EXPECTED = {component.name: component.web_worker_class for component in COMPONENTS}


def test_the_webs_that_keep_streams_open_run_under_gevent():
    assert {name for name, worker in EXPECTED.items() if worker == "gevent"} == {"gateway", "notifications"}


def test_make_run_starts_each_web_under_its_worker():
    commands = procfile_processes(PROCFILE)

    found = {name: _procfile_worker(commands[f"{name}-web"]) for name in EXPECTED}

    assert found == EXPECTED, f"see {PROCFILE}"


def _procfile_worker(command: str) -> str:
    for word in command.split():
        if word.startswith(f"{WORKER_CLASS}="):
            return word.split("=", 1)[1]
    return DEFAULT


def test_docker_compose_starts_each_web_under_its_worker():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]

    found = {name: services[f"{name}-web"]["environment"].get(WORKER_CLASS, DEFAULT) for name in EXPECTED}

    assert found == EXPECTED


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_kubernetes_starts_each_web_under_its_worker(overlay):
    docs = rendered(overlay)

    found = {
        component_of(workload).name: environment_of(container, docs).get(WORKER_CLASS) or DEFAULT
        for workload, container in containers(docs)
        if process_of(workload) == "web"
    }

    assert found == EXPECTED


def test_the_services_keep_an_idle_connection_open_longer_than_the_gateway_uses_one():
    """Else the gateway could send a request on a connection the service is closing just then: a 502 for a POST."""
    settings: dict = {}
    exec((ROOT / "deploy" / "gunicorn.conf.py").read_text(), settings)

    assert settings["keepalive"] >= 2 * IDLE_REUSE_SECONDS


LOADED_BEFORE_FORK = """
import sys, types
settings = {}
exec(open(sys.argv[1]).read(), settings)
settings["on_starting"](types.SimpleNamespace(app=types.SimpleNamespace(app_uri=sys.argv[2]),
                                             cfg=types.SimpleNamespace(workers=int(sys.argv[3]))))
import wordkit.terms
print(sys.modules["wordkit.terms"]._KIWI is not None)
"""


@pytest.mark.parametrize("app, workers, loaded", [
    ("catalog.wsgi:app", 2, True), ("reviews.wsgi:app", 2, True), ("support.wsgi:app", 2, True),
    ("gateway.wsgi:app", 2, False),
    ("orders.wsgi:app", 2, False), ("catalog.wsgi:app", 1, False)])
def test_the_webs_that_read_korean_load_the_analyser_in_the_master_before_the_workers_fork(app, workers, loaded):
    """So its 300 MiB are shared by the workers, not loaded by each; the other webs never load it, and a web of one
    worker (`make run`) leaves it to its worker's first use rather than hold its start back."""
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-c", LOADED_BEFORE_FORK, str(ROOT / "deploy" / "gunicorn.conf.py"), app,
                            str(workers)],
                           capture_output=True, text=True, cwd=ROOT, timeout=120, env={"PROMETHEUS_MULTIPROC_DIR": ""})
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split()[-1] == str(loaded)
