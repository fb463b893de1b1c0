"""The merged document says how a browser signs its requests and what the gateway itself refuses, before any
service sees the request."""
import copy
from datetime import datetime, timezone

import pytest

from gateway.openapi import merge_documents

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
COMPONENTS = {"schemas": {"Problem": {"type": "object"}}}
OWN = {
    "openapi": "3.1.0", "info": {"version": "1.0.0"}, "components": COMPONENTS,
    "paths": {"/api/session": {
        "post": {"responses": {"201": {"description": "Created"}}},
        "get": {"x-caller": {"roles": []}, "responses": {"200": {"description": "OK"}}},
    }},
}
CATALOG = {
    "security": [{"gatewayIdentity": []}],
    "components": {**COMPONENTS, "securitySchemes": {"gatewayIdentity": {"type": "apiKey", "in": "header",
                                                                          "name": "X-Identity-Token"}}},
    "paths": {
        "/api/products": {
            "get": {"responses": {"200": {"description": "OK"}}},
            "post": {"x-caller": {"roles": ["seller"], "second-factor": "at-sign-in"},
                     "responses": {"201": {"description": "Created"},
                                   "401": {"description": "Sign in first.", "content": PROBLEM}}},
        },
        "/api/products/{product_id}/views": {"post": {"responses": {"202": {"description": "Accepted"}}}},
    },
}
AUTH = {"components": COMPONENTS, "paths": {"/api/password-resets": {"post": {"responses": {"202": {}}}}}}


@pytest.fixture(scope="module")
def document():
    return merge_documents(OWN, {"catalog": CATALOG, "auth": AUTH, "orders": None}, session_cookie="__Host-session")


def operation(document, method, path):
    return document["paths"][path][method]


def test_the_session_cookie_and_the_csrf_header_are_its_security_schemes(document):
    schemes = document["components"]["securitySchemes"]
    assert {name: (scheme["type"], scheme["in"], scheme["name"]) for name, scheme in schemes.items()} == {
        "session": ("apiKey", "cookie", "__Host-session"), "csrf": ("apiKey", "header", "X-CSRF-Token")}


def test_an_operation_for_signed_in_callers_asks_for_the_session_with_its_roles_and_csrf_on_unsafe_methods(document):
    assert operation(document, "post", "/api/products")["security"] == [{"session": ["seller"], "csrf": []}]
    assert operation(document, "get", "/api/session")["security"] == [{"session": []}]


def test_public_operations_are_public_and_a_signed_in_browser_still_sends_its_csrf_token(document):
    assert operation(document, "get", "/api/products")["security"] == []
    # Signing in is the one unsafe request a browser's session need not vouch for.
    assert operation(document, "post", "/api/session")["security"] == []
    assert operation(document, "post", "/api/products/{product_id}/views")["security"] == [
        {}, {"session": [], "csrf": []}]


def test_what_the_gateway_refuses_itself_is_documented_as_problems(document):
    def statuses(method, path):
        return sorted(operation(document, method, path)["responses"])

    # Proxied: the service may be unreachable, slow or broken; unsafe: CSRF and the body's type; a pending sign-in.
    assert statuses("post", "/api/products") == ["201", "401", "403", "415", "502", "503", "504"]
    assert statuses("get", "/api/products") == ["200", "401", "502", "503", "504"]
    assert "429" in statuses("post", "/api/password-resets")
    # The gateway's own: no upstream of its own to fail; a pending sign-in may look at itself.
    assert statuses("get", "/api/session") == ["200"]
    added = [
        response for operations in document["paths"].values() for op in operations.values()
        for status, response in op["responses"].items() if int(status) >= 400 and "$ref" not in response
    ]
    assert all(response["content"] == PROBLEM for response in added)
    # A description the service gave is kept.
    assert operation(document, "post", "/api/products")["responses"]["401"]["description"] == "Sign in first."


def test_the_identity_token_between_gateway_and_services_is_not_shown(document):
    assert "gatewayIdentity" not in document["components"]["securitySchemes"]
    assert "security" not in document


def test_merging_leaves_the_services_documents_as_they_were():
    catalog = copy.deepcopy(CATALOG)
    merge_documents(OWN, {"catalog": catalog}, session_cookie="session")
    assert catalog == CATALOG


def test_a_service_served_from_its_last_good_copy_is_marked_stale_and_one_without_any_unavailable():
    fetched_at = datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    document = merge_documents(
        OWN, {"catalog": CATALOG, "orders": None}, session_cookie="session", stale={"catalog": fetched_at})

    assert "/api/products" in document["paths"]
    assert document["x-stale"] == [{"service": "catalog", "fetched_at": "2030-01-02T03:04:05+00:00"}]
    assert document["x-unavailable"] == ["orders"]
