"""The documents `python -m contracts export` writes to contracts/schemas: each event's JSON Schema and the
AsyncAPI document of the whole bus."""
from __future__ import annotations

import json
from pathlib import Path

from contracts.asyncapi import asyncapi
from contracts.jsonschema import SCHEMA_DIR, document
from contracts.registry import REGISTRY


def export(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Write each event's JSON Schema and the AsyncAPI document of the whole bus; the schema of an event
    version that has left the contracts goes."""
    directory.mkdir(parents=True, exist_ok=True)
    documents = {f"{c.routing_key}.json": document(c) for c in REGISTRY.all()} | {"asyncapi.json": asyncapi()}
    for stale in set(directory.glob("*.v*.json")) - {directory / name for name in documents}:
        stale.unlink()
    written = []
    for name, content in documents.items():
        path = directory / name
        path.write_text(json.dumps(content, indent=2, sort_keys=True) + "\n")
        written.append(path)
    return written
