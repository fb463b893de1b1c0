"""A released HTTP API stays served: additions pass, anything a client relied on that goes or tightens is named."""
import copy

from servicekit.testing.api_compatibility import breaking_changes

RELEASED = {
    "paths": {
        "/api/orders": {
            "get": {
                "parameters": [{"in": "query", "name": "status", "schema": {"type": "string", "enum": ["paid", "cancelled"]}}],
                "responses": {"200": {"content": {"application/json": {"schema": {
                    "type": "array", "items": {"$ref": "#/components/schemas/Order"}}}}}},
            },
            "post": {
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/PlaceOrder"}}}},
                "responses": {"202": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}},
                              "422": {}},
            },
        }
    },
    "components": {"schemas": {
        "Order": {"type": "object", "properties": {"id": {"type": "string"}, "total": {"type": "integer"},
                                                   "note": {"type": ["string", "null"]}}},
        "PlaceOrder": {"type": "object", "required": ["lines"], "properties": {
            "lines": {"type": "array", "items": {"type": "object"}}, "coupon": {"type": "string"}}},
    }},
}


def changed(change) -> list[str]:
    current = copy.deepcopy(RELEASED)
    change(current)
    return breaking_changes(RELEASED, current)


def test_the_same_document_and_additions_break_nothing():
    def add(document):
        document["paths"]["/api/orders/{id}"] = {"get": {"responses": {"200": {}}}}
        document["paths"]["/api/orders"]["get"]["parameters"].append({"in": "query", "name": "page", "schema": {}})
        document["components"]["schemas"]["Order"]["properties"]["seller"] = {"type": "object"}
        document["components"]["schemas"]["PlaceOrder"]["properties"]["memo"] = {"type": "string"}
        document["paths"]["/api/orders"]["post"]["responses"]["409"] = {}

    assert breaking_changes(RELEASED, RELEASED) == []
    assert changed(add) == []


def test_a_path_method_parameter_or_status_that_goes_is_named():
    assert changed(lambda d: d["paths"].pop("/api/orders")) == ["/api/orders: the path is gone"]
    assert changed(lambda d: d["paths"]["/api/orders"].pop("post")) == ["POST /api/orders: the method is gone"]
    assert changed(lambda d: d["paths"]["/api/orders"]["get"]["parameters"].clear()) == [
        "GET /api/orders: the query parameter 'status' is gone"]
    assert changed(lambda d: d["paths"]["/api/orders"]["post"]["responses"].pop("202")) == [
        "POST /api/orders: the 202 response is gone"]


def test_a_response_field_that_goes_or_changes_type_is_named_wherever_it_is_referenced():
    problems = changed(lambda d: d["components"]["schemas"]["Order"]["properties"].pop("total"))
    assert "GET /api/orders: 200 response[]: the field 'total' is gone" in problems
    assert "POST /api/orders: 202 response: the field 'total' is gone" in problems
    retyped = changed(lambda d: d["components"]["schemas"]["Order"]["properties"]["id"].update(type="integer"))
    assert len(retyped) == 2


def test_a_response_may_stop_sending_null_but_not_start():
    assert changed(lambda d: d["components"]["schemas"]["Order"]["properties"]["note"].update(type="string")) == []
    assert changed(lambda d: d["components"]["schemas"]["Order"]["properties"]["id"].update(type=["string", "null"]))


def test_a_request_that_needs_more_or_accepts_less_is_named():
    def require_coupon(document):
        document["components"]["schemas"]["PlaceOrder"]["required"].append("coupon")

    def require_page(document):
        document["paths"]["/api/orders"]["get"]["parameters"].append({"in": "query", "name": "page", "required": True})

    def narrow_status(document):
        document["paths"]["/api/orders"]["get"]["parameters"][0]["schema"]["enum"] = ["paid"]

    assert changed(require_coupon) == ["POST /api/orders: request body: the field 'coupon' is now required"]
    assert changed(require_page) == ["GET /api/orders: the query parameter 'page' is new and required"]
    assert changed(narrow_status) == ["GET /api/orders: status: the values ['cancelled'] are refused now"]
    assert changed(lambda d: d["components"]["schemas"]["PlaceOrder"]["properties"].pop("coupon")) == [
        "POST /api/orders: request body: the field 'coupon' is gone"]


def test_error_responses_may_be_documented_anew():
    """How errors are documented is no promise a client builds on: each error is a problem document whatever
    was written, and a client handles any error status. Dropping a catch-all `default`, documenting errors as
    application/problem+json instead of application/json, or one error status fewer breaks nobody."""

    def with_errors(document, media_type, schema, statuses):
        for method, status in statuses:
            document["paths"]["/api/orders"][method]["responses"][status] = {
                "content": {media_type: {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}
        document["components"]["schemas"][schema] = {"type": "object", "properties": {"code": {"type": "integer"}}}
        return document

    released = with_errors(copy.deepcopy(RELEASED), "application/json", "Error", [("get", "default"), ("post", "422")])
    current = with_errors(
        copy.deepcopy(RELEASED), "application/problem+json", "Problem", [("post", "422"), ("post", "409")])
    assert breaking_changes(released, current) == []
    del current["paths"]["/api/orders"]["post"]["responses"]["422"]
    assert breaking_changes(released, current) == []
