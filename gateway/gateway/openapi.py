"""One OpenAPI document for clients: the gateway's own paths and every reachable service's public ones."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from gateway.routes import upstream_for
from gateway.upstreams import UpstreamClient
from servicekit.problems import Problem

Document = dict[str, Any]


def fetch_documents(upstreams: UpstreamClient) -> dict[str, Document | None]:
    """Each service's own document, fetched in parallel; None for a service that did not give one."""

    def fetch(service: str) -> Document | None:
        try:
            response = upstreams.request(service, "GET", "/openapi.json")
            document = response.json() if response.status_code == 200 else None
        except (Problem, ValueError):
            return None
        if not isinstance(document, dict) or not all(
            isinstance(document.get(part, {}), dict) for part in ("paths", "components")
        ):
            return None
        return document

    services = sorted(upstreams.urls)
    with ThreadPoolExecutor(max_workers=len(services)) as pool:
        return dict(zip(services, pool.map(fetch, services)))


def merge_documents(own: Document, upstream_documents: dict[str, Document | None]) -> Document:
    merged: Document = {
        "openapi": own.get("openapi", "3.1.0"),
        "info": {
            "title": "Marketplace API",
            "version": own.get("info", {}).get("version", "1.0.0"),
            "description": "Every public endpoint of the marketplace, as served through the gateway.",
        },
        "paths": {},
        "components": {},
        "tags": [],
        "x-unavailable": sorted(service for service, document in upstream_documents.items() if document is None),
    }
    _merge_into(merged, own, "gateway", lambda path: path.startswith("/api/") and upstream_for(path) is None)
    for service, document in sorted(upstream_documents.items()):
        if document is not None:
            _merge_into(merged, document, service, lambda path, service=service: upstream_for(path) == service)
    # The identity token is between the gateway and the services; clients sign in with a session.
    merged["components"].pop("securitySchemes", None)
    used_tags = {
        tag
        for operations in merged["paths"].values()
        for operation in operations.values()
        if isinstance(operation, dict)
        for tag in operation.get("tags", ())
    }
    merged["tags"] = [tag for tag in merged["tags"] if tag.get("name") in used_tags]
    return merged


def _merge_into(merged: Document, document: Document, source: str, exposes: Callable[[str], bool]) -> None:
    """Add the paths `exposes` through the gateway and the components they use.

    Two services may name different schemas alike (both have a Product); the later one is
    renamed to source.Name and its references follow, so neither is lost.
    """
    new_names: dict[tuple[str, str], str] = {}
    for section, entries in (document.get("components") or {}).items():
        existing = merged["components"].get(section, {})
        for name, value in (entries or {}).items():
            if name in existing and existing[name] != value:
                new_names[(section, name)] = f"{source}.{name}"
    references = {
        f"#/components/{section}/{name}": f"#/components/{section}/{new}" for (section, name), new in new_names.items()
    }
    document = _renamed(document, references)
    for section, entries in (document.get("components") or {}).items():
        target = merged["components"].setdefault(section, {})
        for name, value in (entries or {}).items():
            target.setdefault(new_names.get((section, name), name), value)
    for path, operations in (document.get("paths") or {}).items():
        if exposes(path):
            merged["paths"][path] = operations
    known_tags = {tag.get("name") for tag in merged["tags"]}
    merged["tags"] += [
        tag for tag in document.get("tags") or () if isinstance(tag, dict) and tag.get("name") not in known_tags
    ]


def _renamed(node: Any, renames: dict[str, str]) -> Any:
    if not renames:
        return node
    if isinstance(node, dict):
        return {
            key: renames.get(value, value) if key == "$ref" and isinstance(value, str) else _renamed(value, renames)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_renamed(item, renames) for item in node]
    return node
