"""Every integer a client can send to any service has a minimum and a maximum in its OpenAPI document.

An unbounded integer reaches the database as is and overflows its column (a 500); servicekit.fields
and servicekit's paging bound them. This walks each app's own document, so a schema that forgets
cannot land.
"""
from __future__ import annotations

from typing import Any, Iterator

import pytest

from auth.app import create_app as create_auth
from catalog.app import create_app as create_catalog
from gateway.app import create_app as create_gateway
from notifications.app import create_app as create_notifications
from orders.app import create_app as create_orders
from reviews.app import create_app as create_reviews
from servicekit.config import ServiceConfig
from settlements.app import create_app as create_settlements
from support.app import create_app as create_support

APPS = {
    "auth": create_auth, "catalog": create_catalog, "orders": create_orders, "support": create_support,
    "reviews": create_reviews, "notifications": create_notifications, "settlements": create_settlements,
    "gateway": create_gateway,
}
COMBINATORS = ("allOf", "anyOf", "oneOf")


def unbounded_integers(where: str, schema: Any, components: dict, seen: frozenset = frozenset()) -> Iterator[str]:
    """Where in `schema` an integer a client may send lacks `minimum` or `maximum`, nested schemas included."""
    if not isinstance(schema, dict):
        return
    reference = schema.get("$ref")
    if reference:
        if reference not in seen:
            *_, section, name = reference.split("/")
            yield from unbounded_integers(where, components[section][name], components, seen | {reference})
        return
    if schema.get("readOnly"):
        return
    types = schema.get("type", ())
    if "integer" in ([types] if isinstance(types, str) else types) and not {"minimum", "maximum"} <= schema.keys():
        yield where
    for name, property_schema in (schema.get("properties") or {}).items():
        yield from unbounded_integers(f"{where}.{name}", property_schema, components, seen)
    for key in ("items", "additionalProperties"):
        yield from unbounded_integers(f"{where}[]", schema.get(key), components, seen)
    for combinator in COMBINATORS:
        for part in schema.get(combinator) or ():
            yield from unbounded_integers(where, part, components, seen)


def unbounded_inputs(document: dict) -> list[str]:
    components = document.get("components", {})
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            for parameter in [*operations.get("parameters", ()), *operation.get("parameters", ())]:
                where = f"{method.upper()} {path} {parameter['in']} {parameter['name']}"
                found += unbounded_integers(where, parameter.get("schema"), components)
            for media_type, content in (operation.get("requestBody") or {}).get("content", {}).items():
                found += unbounded_integers(f"{method.upper()} {path} {media_type}", content.get("schema"), components)
    return found


@pytest.fixture(scope="module")
def documents(identity_keys, tmp_path_factory) -> dict[str, dict]:
    env = {"MARKETPLACE_VAR_DIR": str(tmp_path_factory.mktemp("var")), "IDENTITY_KEY_DIR": str(identity_keys),
           "LOG_FORMAT": "text"}
    return {
        service: create(ServiceConfig.from_env(service, env)).test_client().get("/openapi.json").json
        for service, create in APPS.items()
    }


@pytest.mark.parametrize("service", APPS)
def test_every_integer_a_client_sends_is_bounded_both_ways(documents, service):
    assert unbounded_inputs(documents[service]) == []


def test_the_check_sees_integers_in_parameters_and_nested_bodies():
    document = {
        "paths": {"/x/{n}": {
            "parameters": [{"in": "path", "name": "n", "schema": {"type": "integer", "minimum": 0}}],
            "post": {
                "parameters": [{"in": "query", "name": "page", "schema": {"type": "integer", "minimum": 1,
                                                                          "maximum": 9}}],
                "requestBody": {"content": {"multipart/form-data": {"schema": {"allOf": [
                    {"$ref": "#/components/schemas/Order"},
                ]}}}},
            },
        }},
        "components": {"schemas": {
            "Order": {"type": "object", "properties": {
                "lines": {"type": "array", "items": {"$ref": "#/components/schemas/Line"}},
                "total": {"type": "integer", "readOnly": True},
            }},
            "Line": {"type": "object", "properties": {"line_no": {"type": ["integer", "null"], "maximum": 5}}},
        }},
    }
    assert unbounded_inputs(document) == [
        "POST /x/{n} path n", "POST /x/{n} multipart/form-data.lines[].line_no",
    ]
