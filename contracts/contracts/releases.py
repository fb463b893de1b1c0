"""Released contracts: the JSON Schema of every event as a release of contracts published it.

`python -m contracts release` writes them to contracts/releases/<version>/, the version being contracts'
own package version (contracts/pyproject.toml). A release is never rewritten, and it is refused while
today's contracts would break a subscriber of the last one. The tests check today's contracts against the
last release the same way (contracts.compatibility), so a breaking change fails before it is merged.
"""
from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from contracts.compatibility import breaking_changes
from contracts.documents import export
from contracts.jsonschema import document
from contracts.registry import REGISTRY, ContractError

PROJECT_DIR = Path(__file__).resolve().parents[1]
RELEASES_DIR = PROJECT_DIR / "releases"


def package_version() -> str:
    return tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())["project"]["version"]


def _ordered(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        raise ContractError(f"{version!r} is not a release version such as 1.4.0") from None


def last_release(releases_dir: Path = RELEASES_DIR) -> Path | None:
    """The folder of the highest released version, or None before the first release."""
    releases = [path for path in releases_dir.iterdir() if path.is_dir()] if releases_dir.is_dir() else []
    return max(releases, key=lambda path: _ordered(path.name), default=None)


def released_documents(release: Path) -> dict[str, dict[str, Any]]:
    """Each released event's JSON Schema by its routing key (`OrderPlaced.v1`)."""
    return {path.name.removesuffix(".json"): json.loads(path.read_text()) for path in sorted(release.glob("*.v*.json"))}


def current_documents() -> dict[str, dict[str, Any]]:
    """Today's contracts in the same form as a release holds them."""
    return {contract.routing_key: json.loads(json.dumps(document(contract))) for contract in REGISTRY.all()}


def release(version: str | None = None, releases_dir: Path = RELEASES_DIR) -> Path:
    """Write today's contracts as release `version` (contracts' package version unless given)."""
    version = version or package_version()
    last = last_release(releases_dir)
    if last is not None and _ordered(version) <= _ordered(last.name):
        raise ContractError(
            f"contracts {last.name} is released already; raise the version in {PROJECT_DIR / 'pyproject.toml'}"
            f" above it to release again"
        )
    if last is not None:
        problems = breaking_changes(released_documents(last), current_documents())
        if problems:
            raise ContractError(f"today's contracts would break subscribers of {last.name}:\n" + "\n".join(problems))
    target = releases_dir / version
    export(target)
    return target
