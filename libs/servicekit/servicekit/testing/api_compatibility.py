"""Whether a service's HTTP API still serves every client of a released version: additions only.

A service's released OpenAPI document is kept in its `api-releases/` folder. A client written against
it breaks when a path, method, parameter, response status or response field goes away, when a request
needs something it did not need before (a new required parameter or body field), or when a type
changes. `breaking_changes(released, current)` names each of these; an empty list means the current
document only adds.

Error responses (4xx, 5xx, `default`) are not compared: every error is a problem document
(servicekit.problems) whatever a document said, and a client must handle any error status, so
documenting errors better (no catch-all `default`, application/problem+json instead of the
application/json flask-smorest once wrote, the statuses an operation really answers) breaks nobody.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from servicekit.config import ServiceConfig
from servicekit.identity_keys import ensure_keypair

Document = dict[str, Any]
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def released_documents(folder: Path) -> dict[str, Document]:
    """The released documents in `folder`, by version (the file's name without .json)."""
    return {path.stem: json.loads(path.read_text()) for path in sorted(folder.glob("*.json"))}


def breaking_changes(released: Document, current: Document) -> list[str]:
    """Each way `current` would break a client of `released`, as one readable line."""
    found: list[str] = []
    for path, released_operations in released.get("paths", {}).items():
        current_operations = current.get("paths", {}).get(path)
        if current_operations is None:
            found.append(f"{path}: the path is gone")
            continue
        for method in METHODS:
            if method not in released_operations:
                continue
            where = f"{method.upper()} {path}"
            if method not in current_operations:
                found.append(f"{where}: the method is gone")
                continue
            compare = _Comparison(released, current, where, found)
            compare.operations(released_operations[method], current_operations[method])
    return found


class _Comparison:
    """One operation of the released document against the same operation now."""

    def __init__(self, released: Document, current: Document, where: str, found: list[str]):
        self.released, self.current, self.where, self.found = released, current, where, found

    def breaks(self, what: str) -> None:
        self.found.append(f"{self.where}: {what}")

    def operations(self, old: Document, new: Document) -> None:
        old_parameters = {(p["in"], p["name"]): p for p in map(self._old, old.get("parameters", []))}
        new_parameters = {(p["in"], p["name"]): p for p in map(self._new, new.get("parameters", []))}
        for key, parameter in old_parameters.items():
            if key not in new_parameters:
                self.breaks(f"the {key[0]} parameter {key[1]!r} is gone")
            else:
                self.schemas(parameter.get("schema", {}), new_parameters[key].get("schema", {}), f"{key[1]}", request=True)
        for key, parameter in new_parameters.items():
            if key not in old_parameters and parameter.get("required"):
                self.breaks(f"the {key[0]} parameter {key[1]!r} is new and required")
        old_body, new_body = old.get("requestBody"), new.get("requestBody")
        if new_body is not None:
            new_body = self._new(new_body)
            if old_body is None and new_body.get("required"):
                self.breaks("a request body is now required")
            if old_body is not None:
                self.contents(self._old(old_body), new_body, "request body", request=True)
        for status, response in old.get("responses", {}).items():
            if _is_error(status):
                continue
            new_response = new.get("responses", {}).get(status)
            if new_response is None:
                self.breaks(f"the {status} response is gone")
            else:
                self.contents(self._old(response), self._new(new_response), f"{status} response", request=False)

    def contents(self, old: Document, new: Document, what: str, *, request: bool) -> None:
        for media_type, old_media in old.get("content", {}).items():
            new_media = new.get("content", {}).get(media_type)
            if new_media is None:
                self.breaks(f"the {what} as {media_type} is gone")
            else:
                self.schemas(old_media.get("schema", {}), new_media.get("schema", {}), what, request=request)

    def schemas(self, old: Document, new: Document, what: str, *, request: bool, depth: int = 0) -> None:
        """A field may be added but not removed; a request field may be added only if optional."""
        old, new = self._old(old), self._new(new)
        if depth > 20:
            return
        # A request must still accept all it accepted; a response must send nothing a client has not seen.
        accepted, sent = (old, new) if request else (new, old)
        if _types(old) and _types(new) and not _types(accepted) <= _types(sent):
            self.breaks(f"{what}: the type {sorted(_types(old))} became {sorted(_types(new))}")
            return
        if request and "enum" in old and not set(old["enum"]) <= set(new.get("enum", old["enum"])):
            self.breaks(f"{what}: the values {sorted(set(old['enum']) - set(new['enum']), key=str)} are refused now")
        old_properties, new_properties = old.get("properties", {}), new.get("properties", {})
        for name, old_property in old_properties.items():
            if name not in new_properties:
                # A request field that is gone is refused as unknown, so it breaks clients too.
                self.breaks(f"{what}: the field {name!r} is gone")
                continue
            self.schemas(old_property, new_properties[name], f"{what}.{name}", request=request, depth=depth + 1)
        if request:
            for name in set(new.get("required", ())) - set(old.get("required", ())):
                self.breaks(f"{what}: the field {name!r} is now required")
        if "items" in old and "items" in new:
            self.schemas(old["items"], new["items"], f"{what}[]", request=request, depth=depth + 1)

    def _old(self, node: Document) -> Document:
        return resolved(self.released, node)

    def _new(self, node: Document) -> Document:
        return resolved(self.current, node)


def resolved(document: Document, node: Document) -> Document:
    """The node a local `$ref` points to, followed through chains of references."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 50:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node, seen = target, seen + 1
    return node if isinstance(node, dict) else {}


def _is_error(status: str) -> bool:
    return status == "default" or str(status)[:1] in ("4", "5")


def _types(schema: Document) -> set[str]:
    declared = schema.get("type")
    return set(declared) if isinstance(declared, list) else {declared} if declared else set()


def served_app(create_app: Callable[[ServiceConfig], Any], service: str, folder: Path) -> Any:
    """An app made by `create_app` on throwaway files in `folder`: to read its routes and its document."""
    ensure_keypair(folder / "keys")
    config = ServiceConfig(
        service=service, database_url=f"sqlite:///{folder / 'api.db'}", broker_url="memory://",
        bus_namespace=service, var_dir=folder, identity_public_key_file=folder / "keys" / "identity-public.pem",
        identity_private_key_file=folder / "keys" / "identity-private.pem", log_json=False,
    )
    return create_app(config)


def served_document(create_app: Callable[[ServiceConfig], Any], service: str, folder: Path) -> Document:
    """The OpenAPI document an app made by `create_app` serves, built on throwaway files in `folder`."""
    return served_app(create_app, service, folder).test_client().get("/openapi.json").get_json()
