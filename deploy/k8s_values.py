"""The values the Kubernetes manifests take from the code, written where kustomize reads them.

- The support queue's name, which the support workers' KEDA scaler watches, comes from contracts'
  topology for the bus namespace the base configures (deploy/k8s/base/marketplace.env), so a change to
  how queues are named reaches the scaler instead of leaving it watching a queue nobody fills.
- Each image's tag is its package's version (pyproject.toml): a service released on its own moves only
  its own image.

`python -m deploy.k8s_values` writes both; tests/deploy/test_kubernetes.py fails while either is stale.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

from deploy.layout import COMPONENTS, ROOT
from servicekit.bus.topology import Topology

BASE = ROOT / "deploy" / "k8s" / "base"
SETTINGS = BASE / "marketplace.env"
SUPPORT_QUEUE = BASE / "support" / "support-queue.yaml"
IMAGE_TAGS = BASE / "image-tags" / "kustomization.yaml"
NOTICE = "# Written by `python -m deploy.k8s_values` (deploy/k8s_values.py): run it again rather than editing.\n"


def env_file(path: Path) -> dict[str, str]:
    """The KEY=VALUE lines of a kustomize env file."""
    lines = (line.strip() for line in path.read_text().splitlines())
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def support_queue_name(bus_namespace: str) -> str:
    # Naming needs no broker: the URL only says it is AMQP, where queues carry their RabbitMQ arguments.
    return Topology("amqp://", bus_namespace).queue_for("support").name


def package_version(directory: Path) -> str:
    return tomllib.loads((directory / "pyproject.toml").read_text())["project"]["version"]


def _support_queue_patch() -> str:
    queue = support_queue_name(env_file(SETTINGS)["BUS_NAMESPACE"])
    patch = [{"op": "add", "path": "/spec/triggers/0/metadata/queueName", "value": queue}]
    return NOTICE + yaml.safe_dump(patch, sort_keys=False)


def _image_tags_component() -> str:
    component = {
        "apiVersion": "kustomize.config.k8s.io/v1alpha1",
        "kind": "Component",
        "images": [
            {"name": f"marketplace-{component.name}", "newTag": package_version(component.directory)}
            for component in COMPONENTS
        ],
    }
    return NOTICE + yaml.safe_dump(component, sort_keys=False)


def generated() -> dict[Path, str]:
    """Each generated file and the text it should have."""
    return {SUPPORT_QUEUE: _support_queue_patch(), IMAGE_TAGS: _image_tags_component()}


def main() -> None:
    for path, text in generated().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
