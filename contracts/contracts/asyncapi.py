"""The AsyncAPI 3 document of the whole bus: one channel per event, who sends and who receives it."""
from __future__ import annotations

from typing import Any

from contracts.jsonschema import document
from contracts.registry import REGISTRY

EXCHANGE = "<namespace>.events"


def asyncapi() -> dict[str, Any]:
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for contract in REGISTRY.all():
        key = contract.routing_key.replace(".", "_")
        envelope = document(contract)
        messages[key] = {
            "name": contract.name,
            "title": f"{contract.name} v{contract.version}",
            "summary": contract.description,
            "contentType": "application/json",
            "payload": {k: v for k, v in envelope.items() if not k.startswith("$") and not k.startswith("x-")},
        }
        channels[key] = {
            "address": contract.routing_key,
            "messages": {key: {"$ref": f"#/components/messages/{key}"}},
            "bindings": {"amqp": {"is": "routingKey", "exchange": {"name": EXCHANGE, "type": "topic", "durable": True}}},
        }
        operations[f"{contract.producer}_sends_{key}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{key}"},
            "x-service": contract.producer,
        }
        for subscriber in contract.subscribers:
            operations[f"{subscriber}_receives_{key}"] = {
                "action": "receive",
                "channel": {"$ref": f"#/channels/{key}"},
                "x-service": subscriber,
                "bindings": {"amqp": {"queue": {"name": f"<namespace>.{subscriber}", "durable": True}}},
            }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Marketplace events",
            "version": "1.0.0",
            "description": "Every event the marketplace services exchange over RabbitMQ, in its envelope.",
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }
