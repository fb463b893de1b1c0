"""The Kubernetes manifests (deploy/k8s) as `kubectl kustomize` renders each overlay: every object valid
for its API, what the containers run and set known to the images and the services' settings, every pod
behind a default-deny, and support scaled on its own (web on CPU, workers on the support queue's depth).
"""
from __future__ import annotations

import ast
import functools
import importlib
import importlib.util
import inspect
import os
import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

import jsonschema
import kubernetes_validate
import pytest
import yaml

from deploy import k8s_values
from deploy.layout import COMPONENTS, ROOT, SERVICES, WEB
from servicekit.config import ServiceConfig

K8S = ROOT / "deploy" / "k8s"
OVERLAYS = ("local", "production")
# The Kubernetes version the manifests are checked against: one kubernetes-validate ships schemas for.
KUBERNETES_VERSION = "1.32"
COMPONENT = {component.name: component for component in COMPONENTS}
SERVICEKIT = ROOT / "libs" / "servicekit" / "servicekit"
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
# Where the images keep the repository (the project's image convention).
IMAGE_ROOT = PurePosixPath("/app")
PROCESS_PORTS = {"web": 8000, "worker": 9000}
DNS, AMQP, POSTGRESQL = 53, 5672, 5432
MAIL_AND_SMS = {25, 465, 587, 443}
METRICS_NAMESPACES = {"marketplace/scrapes-metrics": "true"}


# --- rendering ---------------------------------------------------------------------------------------------

@functools.cache
def rendered(overlay: str) -> tuple[dict, ...]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs kubectl to render the Kubernetes overlays", pytrace=False)
        pytest.skip("kubectl is not installed")
    result = subprocess.run(
        [kubectl, "kustomize", str(K8S / "overlays" / overlay)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)


def of_kind(docs, kind: str) -> list[dict]:
    return [doc for doc in docs if doc["kind"] == kind]


def named(docs, kind: str, name: str) -> dict:
    [doc] = [doc for doc in of_kind(docs, kind) if doc["metadata"]["name"] == name]
    return doc


def workloads(docs) -> list[dict]:
    """Every object that makes pods: the Deployments and the migration Jobs."""
    return of_kind(docs, "Deployment") + of_kind(docs, "Job")


def pod_labels(workload: dict) -> dict[str, str]:
    return workload["spec"]["template"]["metadata"]["labels"]


def pod_spec(workload: dict) -> dict:
    return workload["spec"]["template"]["spec"]


def containers(docs):
    for workload in workloads(docs):
        for container in pod_spec(workload)["containers"]:
            yield workload, container


def component_of(workload: dict):
    return COMPONENT[pod_labels(workload)["app.kubernetes.io/name"]]


def process_of(workload: dict) -> str:
    return pod_labels(workload)["app.kubernetes.io/component"]


def describe(workload: dict) -> str:
    return f"{workload['kind']} {workload['metadata']['name']}"


@pytest.fixture(params=OVERLAYS)
def docs(request):
    return rendered(request.param)


def test_every_overlay_runs_each_service_web_worker_and_migration(docs):
    found = {(component_of(w).name, process_of(w)) for w in workloads(docs)}
    # The pages (web) keep no database and run no worker: a web alone.
    assert found == {(c.name, process) for c in COMPONENTS for process, runs in (
        ("web", True), ("worker", c.has_worker), ("migration", c.has_database)) if runs}
    web_services = {doc["metadata"]["name"]: doc["spec"]["ports"][0]["port"] for doc in of_kind(docs, "Service")}
    assert web_services == {f"{c.name}-web": 8000 for c in COMPONENTS}


# --- schemas -----------------------------------------------------------------------------------------------

@functools.cache
def custom_resource_validators() -> dict[tuple[str, str], jsonschema.Draft202012Validator]:
    """(apiVersion, kind) -> a validator, from the schemas in deploy/k8s/schemas (one file per group/version)."""
    validators = {}
    for path in sorted((K8S / "schemas").glob("*.yaml")):
        schema = yaml.safe_load(path.read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        for name, definition in schema["$defs"].items():
            properties = definition.get("properties", {})
            if "kind" in properties:
                key = (properties["apiVersion"]["const"], properties["kind"]["const"])
                validators[key] = jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{name}"})
    return validators


def schema_errors(doc: dict) -> list[str]:
    where = f"{doc['kind']} {doc['metadata']['name']}"
    validator = custom_resource_validators().get((doc["apiVersion"], doc["kind"]))
    if validator is not None:
        return [f"{where}: {'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]
    try:
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        return [f"{where}: {'.'.join(map(str, error.path))}: {error.message}"]
    except kubernetes_validate.SchemaNotFoundError as error:
        return [f"{where}: {error.message}"]
    return []


def test_every_object_is_valid_for_its_api(docs):
    assert [error for doc in docs for error in schema_errors(doc)] == []


def test_the_operators_objects_are_checked_against_their_schemas():
    kinds = {(doc["apiVersion"], doc["kind"]) for overlay in OVERLAYS for doc in rendered(overlay)}
    assert {
        ("keda.sh/v1alpha1", "ScaledObject"), ("keda.sh/v1alpha1", "TriggerAuthentication"),
        ("rabbitmq.com/v1beta1", "RabbitmqCluster"),
        ("postgresql.cnpg.io/v1", "Cluster"), ("postgresql.cnpg.io/v1", "Database"),
    } <= kinds & set(custom_resource_validators())


def test_a_misspelt_field_fails_the_schemas():
    docs = rendered("production")
    scaler = named(docs, "ScaledObject", "support-worker")
    assert schema_errors({**scaler, "spec": {**scaler["spec"], "maxReplicas": 3}})
    broker = named(docs, "RabbitmqCluster", "marketplace-rabbitmq")
    assert schema_errors({**broker, "spec": {**broker["spec"], "replica": 3}})
    deployment = named(docs, "Deployment", "support-web")
    [container] = pod_spec(deployment)["containers"]
    misspelt = {**container, "readinesProbe": container["readinessProbe"]}
    spec = {**deployment["spec"], "template": {**deployment["spec"]["template"], "spec": {
        **pod_spec(deployment), "containers": [misspelt]}}}
    assert schema_errors({**deployment, "spec": spec})


def test_no_secret_is_written_in_the_manifests(docs):
    assert of_kind(docs, "Secret") == []


# --- commands ----------------------------------------------------------------------------------------------

def in_repository(image_path: str) -> Path:
    return ROOT / PurePosixPath(image_path).relative_to(IMAGE_ROOT)


def module_problem(module: str, package: str, *, defines: str | None = None) -> str | None:
    if module.split(".")[0] != package:
        return f"{module} is not in the {package} package"
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return f"no module {module}"
    if defines is not None:
        tree = ast.parse(Path(spec.origin).read_text())
        assigned = {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets
                    if isinstance(t, ast.Name)}
        if defines not in assigned:
            return f"{module} defines no {defines}"
    return None


def command_problem(command: list[str], component) -> str | None:
    """What is wrong with a container's command for the component's image, or None."""
    match command:
        case ["gunicorn", "-c", config, application]:
            if not in_repository(config).is_file():
                return f"no gunicorn config {config} in the image"
            module, _, attribute = application.partition(":")
            return module_problem(module, component.package, defines=attribute)
        case ["python", "-m", module]:
            return module_problem(module, component.package)
        case ["alembic", "-c", ini, "upgrade", "head"]:
            if in_repository(ini) != component.directory / "alembic.ini":
                return f"{ini} is not {component.name}'s migrations"
            return None if in_repository(ini).is_file() else f"no {ini} in the image"
    return f"{command} is no command the image runs"


def test_every_command_is_one_the_image_knows(docs):
    problems = []
    for workload, container in containers(docs):
        problem = command_problem(container.get("command", []), component_of(workload))
        if problem:
            problems.append(f"{describe(workload)}: {problem}")
    assert problems == []


def test_the_command_check_refuses_what_the_image_lacks():
    auth = COMPONENT["auth"]
    assert command_problem(["python", "-m", "auth.workers"], auth) == "no module auth.workers"
    assert command_problem(["python", "-m", "orders.worker"], auth) == "orders.worker is not in the auth package"
    assert command_problem(["gunicorn", "-c", "/app/deploy/gunicorn.conf.py", "auth.wsgi:application"], auth)
    assert command_problem(["alembic", "-c", "/app/services/orders/alembic.ini", "upgrade", "head"], auth)
    assert command_problem(["gunicorn", "auth.wsgi:app"], auth)


def test_each_container_runs_its_own_service_image_at_its_package_version(docs):
    for workload, container in containers(docs):
        component = component_of(workload)
        name, _, tag = container["image"].rpartition(":")
        assert (name.rsplit("/", 1)[-1], tag) == (
            f"marketplace-{component.name}", k8s_values.package_version(component.directory)
        ), describe(workload)


def test_the_generated_values_are_current():
    stale = [str(path.relative_to(ROOT)) for path, text in k8s_values.generated().items()
             if not path.is_file() or path.read_text() != text]
    assert stale == [], "run `python -m deploy.k8s_values`"


# --- environment -------------------------------------------------------------------------------------------

class AskedNames(dict):
    """An empty environment that remembers each name a settings reader asks it for."""

    def __init__(self):
        super().__init__()
        self.asked: set[str] = set()

    def get(self, name, default=None):
        self.asked.add(name)
        return default

    def __getitem__(self, name):
        self.asked.add(name)
        raise KeyError(name)

    def __contains__(self, name):
        self.asked.add(name)
        return False


def names_read_by_settings(component, var_dir: Path) -> set[str]:
    """Every name ServiceConfig and the component's settings module read, including those they compose
    (AUTH_DATABASE_URL, RATE_LIMIT_LOGIN_PER_IP), by running their from_env on an environment that listens."""
    environment = AskedNames()
    config = ServiceConfig.from_env(component.name, environment)
    settings = importlib.import_module(f"{component.package}.settings")
    for reader in vars(settings).values():
        if inspect.isclass(reader) and reader.__module__ == settings.__name__ and hasattr(reader, "from_env"):
            parameters = inspect.signature(reader.from_env).parameters
            arguments = {"config": replace(config, var_dir=var_dir), "var_dir": var_dir, "env": environment}
            reader.from_env(**{name: arguments[name] for name in parameters})
    return environment.asked


def _is_environment(node: ast.expr) -> bool:
    return ast.unparse(node) in ("os.environ", "environ", "env", "os")


def names_read_in_source(directory: Path) -> set[str]:
    """Names read outside the settings modules with a literal name: os.environ.get("X"), env["X"], os.getenv("X")."""
    names = set()
    paths = [directory] if directory.is_file() else directory.rglob("*.py")
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("get", "getenv") and _is_environment(node.func.value) and node.args):
                key = node.args[0]
            elif isinstance(node, ast.Subscript) and _is_environment(node.value):
                key = node.slice
            else:
                continue
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                names.add(key.value)
    return names


@functools.cache
def known_names(component_name: str) -> frozenset[str]:
    """What the component's image reads: its settings, its package, servicekit (but its test kit) and gunicorn's config."""
    component = COMPONENT[component_name]
    runtime = [component.directory / component.package, GUNICORN_CONFIG] + [
        path for path in SERVICEKIT.iterdir() if path.name != "testing" and (path.is_dir() or path.suffix == ".py")
    ]
    # A settings reader may make what it reads (auth's key file), so it reads in a folder of its own.
    with tempfile.TemporaryDirectory() as var_dir:
        by_settings = names_read_by_settings(component, Path(var_dir))
    return frozenset(by_settings.union(*map(names_read_in_source, runtime)))


def environment_of(container: dict, docs) -> dict[str, str | None]:
    """Each variable a container gets and its literal value (None when it comes from a Secret or ConfigMap key)."""
    variables = {}
    for source in container.get("envFrom", []):
        variables.update(named(docs, "ConfigMap", source["configMapRef"]["name"])["data"])
    for variable in container.get("env", []):
        variables[variable["name"]] = variable.get("value")
    return variables


def test_every_variable_set_is_one_the_service_reads(docs):
    unknown = []
    for workload, container in containers(docs):
        known = known_names(component_of(workload).name)
        unknown += [f"{describe(workload)}: {name}" for name in environment_of(container, docs) if name not in known]
    assert unknown == []


def test_the_variable_check_sees_names_read_in_code():
    assert "ORDERS_DATABASE_URL" in known_names("orders")
    assert "ORDERS_PAYMENT_PROVIDER" in known_names("orders")  # orders.settings
    assert "RATE_LIMIT_LOGIN_PER_IP" in known_names("gateway")  # composed from a table
    assert "WEB_CONCURRENCY" in known_names("support")  # deploy/gunicorn.conf.py
    assert "SUPPORT_ATTACHMENT_DIR" not in known_names("orders")


def test_every_path_a_process_is_given_is_mounted(docs):
    unmounted = []
    for workload, container in containers(docs):
        mounts = [PurePosixPath(mount["mountPath"]) for mount in container.get("volumeMounts", [])]
        for name, value in environment_of(container, docs).items():
            if value and value.startswith("/") and not any(PurePosixPath(value).is_relative_to(m) for m in mounts):
                unmounted.append(f"{describe(workload)}: {name}={value}")
    assert unmounted == []


# --- how the pods run --------------------------------------------------------------------------------------

def test_every_pod_runs_as_the_image_user_on_a_read_only_root(docs):
    offences = []
    for workload in workloads(docs):
        context = pod_spec(workload)["securityContext"]
        if (context.get("runAsNonRoot"), context.get("runAsUser")) != (True, 10001):
            offences.append(f"{describe(workload)} runs as {context}")
    for workload, container in containers(docs):
        context = container.get("securityContext", {})
        if not context.get("readOnlyRootFilesystem") or context.get("allowPrivilegeEscalation") is not False:
            offences.append(f"{describe(workload)} {container['name']}: {context}")
    assert offences == []


def test_every_container_requests_and_limits_cpu_and_memory(docs):
    missing = []
    for workload, container in containers(docs):
        resources = container.get("resources", {})
        for bound in ("requests", "limits"):
            if set(resources.get(bound, {})) != {"cpu", "memory"}:
                missing.append(f"{describe(workload)} {container['name']} {bound}")
    assert missing == []


def http_probe(container: dict, probe: str) -> tuple[int, str] | None:
    action = container.get(probe, {}).get("httpGet")
    if action is None:
        return None
    ports = {port["name"]: port["containerPort"] for port in container.get("ports", [])}
    return ports.get(action["port"], action["port"]), action["path"]


def test_every_long_running_process_is_probed_for_liveness_and_readiness(docs):
    for workload in of_kind(docs, "Deployment"):
        port = PROCESS_PORTS[process_of(workload)]
        for container in pod_spec(workload)["containers"]:
            assert http_probe(container, "livenessProbe") == (port, "/healthz"), describe(workload)
            assert http_probe(container, "readinessProbe") == (port, "/readyz"), describe(workload)


def test_the_migrations_can_be_applied_before_everything_else(docs):
    """The README's release applies `-l app.kubernetes.io/component=migration` first: that is the Jobs, all of them."""
    labelled = {f"{doc['kind']} {doc['metadata']['name']}" for doc in docs
                if doc["metadata"].get("labels", {}).get("app.kubernetes.io/component") == "migration"}
    assert labelled == {f"Job {component.name}-migrate" for component in COMPONENTS if component.has_database}


def test_every_process_keeps_serving_through_a_node_drain(docs):
    budgets = of_kind(docs, "PodDisruptionBudget")
    for workload in of_kind(docs, "Deployment"):
        assert any(selects(budget["spec"]["selector"], pod_labels(workload)) for budget in budgets), describe(workload)


# --- network policies --------------------------------------------------------------------------------------

def selects(selector: dict, labels: dict[str, str]) -> bool:
    if any(labels.get(key) != value for key, value in selector.get("matchLabels", {}).items()):
        return False
    for expression in selector.get("matchExpressions", []):
        key, operator, values = expression["key"], expression["operator"], expression.get("values", [])
        if not {"In": key in labels and labels[key] in values, "NotIn": labels.get(key) not in values,
                "Exists": key in labels, "DoesNotExist": key not in labels}[operator]:
            return False
    return True


def policies_for(workload: dict, docs) -> list[dict]:
    return [policy for policy in of_kind(docs, "NetworkPolicy") if selects(policy["spec"]["podSelector"], pod_labels(workload))]


def rules(workload: dict, docs, direction: str) -> list[dict]:
    return [rule for policy in policies_for(workload, docs) for rule in policy["spec"].get(direction, [])]


def is_default_deny(policy: dict) -> bool:
    spec = policy["spec"]
    return (spec["podSelector"] == {} and set(spec["policyTypes"]) == {"Ingress", "Egress"}
            and not spec.get("ingress") and not spec.get("egress"))


def test_every_pod_is_behind_a_default_deny(docs):
    for workload in workloads(docs):
        assert any(map(is_default_deny, policies_for(workload, docs))), describe(workload)


def peer_is_anyone(peer: dict) -> bool:
    return peer.get("ipBlock", {}).get("cidr") in ("0.0.0.0/0", "::/0")


def test_only_the_gateway_takes_traffic_from_anywhere(docs):
    open_to_all = {
        describe(workload) for workload in workloads(docs)
        if any("from" not in rule or any(map(peer_is_anyone, rule["from"])) for rule in rules(workload, docs, "ingress"))
    }
    assert open_to_all == {"Deployment gateway-web"}


def ingress_sources(workload: dict, docs) -> set[str]:
    """Who may open a connection to a workload's pods: other workloads by name, or the metrics namespaces."""
    sources = set()
    for rule in rules(workload, docs, "ingress"):
        for peer in rule.get("from", [{"ipBlock": {"cidr": "0.0.0.0/0"}}]):
            if set(peer) == {"podSelector"}:
                sources |= {describe(w) for w in workloads(docs) if selects(peer["podSelector"], pod_labels(w))}
            elif set(peer) == {"namespaceSelector"} and peer["namespaceSelector"] == {"matchLabels": METRICS_NAMESPACES}:
                sources.add("metrics scraping")
            else:
                sources.add(str(peer))
    return sources


def test_services_take_traffic_from_the_gateway_alone(docs):
    for workload in workloads(docs):
        if component_of(workload).name == "gateway":
            continue
        allowed = {"web": {"Deployment gateway-web", "metrics scraping"}, "worker": {"metrics scraping"},
                   "migration": set()}[process_of(workload)]
        assert ingress_sources(workload, docs) <= allowed, describe(workload)


def egress_ports(workload: dict, docs) -> set[int]:
    ports = set()
    for rule in rules(workload, docs, "egress"):
        assert rule.get("ports"), f"{describe(workload)} may reach any port: {rule}"
        ports |= {port["port"] for port in rule["ports"]}
    return ports


def sends_notifications(component) -> bool:
    """Whether the component's worker delivers queued mail and SMS (servicekit.notifications)."""
    return "NOTIFICATION_DELIVERY" in (component.directory / component.package / "worker.py").read_text()


def test_workers_reach_only_the_broker_their_database_and_dns(docs):
    for workload in of_kind(docs, "Deployment"):
        if process_of(workload) != "worker":
            continue
        expected = {DNS, AMQP, POSTGRESQL} | (MAIL_AND_SMS if sends_notifications(component_of(workload)) else set())
        assert egress_ports(workload, docs) == expected, describe(workload)


def test_migrations_reach_only_the_database_and_dns(docs):
    for workload in of_kind(docs, "Job"):
        assert egress_ports(workload, docs) == {DNS, POSTGRESQL}, describe(workload)


def test_the_gateway_is_given_every_services_web_by_its_service_name(docs):
    [gateway] = pod_spec(named(docs, "Deployment", "gateway-web"))["containers"]
    environment = environment_of(gateway, docs)

    assert {name: value for name, value in environment.items() if name.endswith("_URL") and value} == {
        f"{component.name.upper()}_URL": f"http://{component.name}-web:8000" for component in (*SERVICES, WEB)
    }


def test_the_pages_call_the_api_back_through_the_gateway_and_reach_nothing_else(docs):
    pages = named(docs, "Deployment", "web-web")
    [container] = pod_spec(pages)["containers"]

    assert environment_of(container, docs)["WEB_API_URL"] == "http://gateway-web:8000"
    assert egress_ports(pages, docs) == {DNS, 8000}
    reached = {describe(w) for rule in rules(pages, docs, "egress") if 8000 in {p["port"] for p in rule["ports"]}
               for peer in rule["to"] for w in workloads(docs) if selects(peer["podSelector"], pod_labels(w))}
    assert reached == {"Deployment gateway-web"}


def test_only_the_gateway_reaches_the_services(docs):
    for workload in workloads(docs):
        reaches_services = 8000 in egress_ports(workload, docs)
        # The pages reach port 8000 of the gateway alone (the test above).
        assert reaches_services == (describe(workload) in ("Deployment gateway-web", "Deployment web-web")), describe(workload)


# --- support scaled on its own -----------------------------------------------------------------------------

def test_the_support_web_scales_on_cpu(docs):
    [autoscaler] = of_kind(docs, "HorizontalPodAutoscaler")
    assert autoscaler["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "support-web"}
    [metric] = autoscaler["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu" and metric["resource"]["target"]["type"] == "Utilization"
    # The autoscaler owns the count: an apply must not set it back.
    assert "replicas" not in named(docs, "Deployment", "support-web")["spec"]


def test_the_support_workers_scale_on_the_support_queue_depth(docs):
    [scaler] = of_kind(docs, "ScaledObject")
    assert scaler["spec"]["scaleTargetRef"]["name"] == "support-worker"
    assert "replicas" not in named(docs, "Deployment", "support-worker")["spec"]
    [trigger] = scaler["spec"]["triggers"]
    worker = named(docs, "Deployment", "support-worker")
    [container] = pod_spec(worker)["containers"]
    bus_namespace = environment_of(container, docs).get("BUS_NAMESPACE") or "marketplace"
    assert trigger["type"] == "rabbitmq"
    assert trigger["metadata"]["queueName"] == k8s_values.support_queue_name(bus_namespace)
    assert trigger["metadata"]["mode"] == "QueueLength"
    authentication = named(docs, "TriggerAuthentication", trigger["authenticationRef"]["name"])
    assert [ref["parameter"] for ref in authentication["spec"]["secretTargetRef"]] == ["host"]


def test_the_support_queue_name_is_the_one_contracts_give_the_support_workers():
    assert k8s_values.support_queue_name("marketplace") == "marketplace.support"
    assert k8s_values.support_queue_name("staging") == "staging.support"


# --- the README --------------------------------------------------------------------------------------------

def secrets_referred_to(docs) -> set[str]:
    names = set()

    def visit(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("secretKeyRef", "passwordSecret"):
                    names.add(value["name"])
                elif key == "secret" and isinstance(value, dict):  # a volume's, or CloudNativePG's initdb owner
                    names.add(value.get("secretName") or value["name"])
                elif key == "secretName":
                    names.add(value)
                elif key == "secretTargetRef":
                    names.update(ref["name"] for ref in value)
                else:
                    visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit(list(docs))
    return names


def test_the_readme_tells_how_to_make_every_secret_the_manifests_refer_to(docs):
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Kubernetes"):]
    section = section[: section.find("\n## ", 1)]
    assert sorted(name for name in secrets_referred_to(docs) if name not in section) == []
