"""JSON Schema documents for every event, and validation of wire payloads against them."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema as jsonschema_lib
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from contracts.envelope import EnvelopeSchema
from contracts.registry import REGISTRY, ContractError, EventContract

SCHEMA_DIR = Path(__file__).parent / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _converter():
    plugin = MarshmallowPlugin(schema_name_resolver=lambda schema: None)
    APISpec("contracts", "1", openapi_version="3.1.0", plugins=[plugin])
    return plugin.converter


def _strict(node: Any) -> Any:
    """Close every object: a field the contract does not name is a contract change."""
    if isinstance(node, dict):
        node = {key: _strict(value) for key, value in node.items()}
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        return node
    if isinstance(node, list):
        return [_strict(item) for item in node]
    return node


def document(contract: EventContract) -> dict[str, Any]:
    """The JSON Schema of a whole envelope carrying this event."""
    converter = _converter()
    envelope = converter.schema2jsonschema(EnvelopeSchema)
    envelope["properties"]["type"] = {"const": contract.name}
    envelope["properties"]["version"] = {"const": contract.version}
    envelope["properties"]["producer"] = {"const": contract.producer}
    envelope["properties"]["data"] = _strict(converter.schema2jsonschema(contract.schema))
    return {
        "$schema": DIALECT,
        "$id": f"urn:marketplace:event:{contract.routing_key}",
        "title": contract.routing_key,
        "description": contract.description,
        "x-producer": contract.producer,
        "x-subscribers": list(contract.subscribers),
        **envelope,
    }


def validate_wire(payload: dict[str, Any]) -> EventContract:
    """Check a published envelope against the exported schema of its event and version."""
    try:
        contract = REGISTRY.get(payload["type"], payload["version"])
    except (KeyError, TypeError):
        raise ContractError("payload is not an event envelope") from None
    path = SCHEMA_DIR / f"{contract.routing_key}.json"
    schema = json.loads(path.read_text())
    try:
        jsonschema_lib.validate(payload, schema, format_checker=jsonschema_lib.FormatChecker())
    except jsonschema_lib.ValidationError as exc:
        raise ContractError(f"{contract.routing_key}: {exc.message} at {list(exc.absolute_path)}") from exc
    return contract
