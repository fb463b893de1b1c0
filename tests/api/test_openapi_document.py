"""The merged OpenAPI document the running platform serves tells the truth: it is valid OpenAPI 3.1, every route the
gateway serves is in it and every operation in it answers, each with a status it documents; errors are the problem
documents the API sends, with no catch-all; and it says who may call what, with the cookie and header the gateway
really reads."""
from __future__ import annotations

import importlib
import re
import uuid

import pytest
import requests
from openapi_spec_validator import validate
from werkzeug.exceptions import NotFound

from deploy.layout import COMPONENTS
from gateway.csrf import EXEMPT, HEADER, UNSAFE_METHODS
from gateway.routes import upstream_for
from servicekit.languages import translate
from servicekit.testing.api_compatibility import resolved, served_app

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
# What a path no route covers is answered with: the gateway's words, and Flask's in a service (Korean, the
# default language, as the requests below send no Accept-Language).
NO_ROUTE = ("이 경로에는 API가 없습니다.", translate(NotFound.description, "ko"))
# The ids of PRODUCT.md's requirements (A7, S3, G5) are ours, not the clients'.
REQUIREMENT_ID = re.compile(r"\b[A-Z]\d{1,2}\b")


@pytest.fixture(scope="module")
def document(platform):
    response = requests.get(f"{platform.gateway_url}/api/openapi.json", timeout=30)
    assert response.status_code == 200
    return response.json()


def operations(document):
    for path, operations_of_path in document["paths"].items():
        for method, operation in operations_of_path.items():
            if isinstance(operation, dict):
                yield method.upper(), path, operation


def test_the_document_is_valid_openapi_3_1_and_every_service_is_in_it_fresh(document):
    assert document["openapi"].startswith("3.1")
    validate(document)
    assert document["x-unavailable"] == []
    assert document["x-stale"] == []


def test_every_route_the_gateway_serves_is_in_the_document(document, tmp_path):
    """The gateway's own routes and, through its proxy, each service's: read from the apps the platform runs."""
    documented = {(method, path) for method, path, _ in operations(document)}
    served = set()
    for component in COMPONENTS:
        if component.name == "web":
            continue  # the pages serve HTML, no API
        app = served_app(importlib.import_module(f"{component.package}.app").create_app, component.name,
                         tmp_path / component.name)
        for rule in app.url_map.iter_rules():
            path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
            if component.name == "gateway":
                # The proxy's catch-all is the services' routes; the docs page's files are no API.
                if not path.startswith("/api/") or rule.endpoint == "proxy" or rule.endpoint.startswith("docs_page"):
                    continue
            elif upstream_for(path) != component.name:
                continue
            served |= {(method, path) for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert served
    assert sorted(served - documented) == []


def example_of(parameter: dict) -> str:
    schema = parameter.get("schema", {})
    if "enum" in schema:
        return str(schema["enum"][0])
    if schema.get("type") == "integer":
        return str(schema.get("minimum", 1))
    return str(uuid.uuid4())


def test_every_operation_answers_with_a_status_it_documents(platform, document, new_address):
    """Called by a browser that is not signed in, with made-up ids and an empty body: nothing is changed, and
    each answer (a 401, 404 or 422 mostly) must be one the operation documents, never a path nothing serves."""
    undocumented = []
    for method, path, operation in operations(document):
        parameters = document["paths"][path].get("parameters", []) + operation.get("parameters", [])
        url = path
        for parameter in parameters:
            if parameter["in"] == "path":
                url = url.replace("{" + parameter["name"] + "}", example_of(parameter))
        body = {"json": {}} if method in UNSAFE_METHODS else {}
        with requests.request(method, platform.gateway_url + url, headers={"X-Forwarded-For": new_address()},
                              allow_redirects=False, stream=True, timeout=30, **body) as response:
            status = response.status_code
            problem = response.headers.get("Content-Type", "").startswith("application/problem+json")
            detail = response.json().get("detail") if problem else None
        if status in (404, 405) and (status == 405 or detail in NO_ROUTE):
            undocumented.append(f"{method} {path}: nothing serves it ({status})")
        elif str(status) not in operation["responses"]:
            undocumented.append(f"{method} {path}: {status} is not documented")
    assert undocumented == []


def test_errors_are_documented_as_the_problem_documents_the_api_sends_and_nothing_is_a_catch_all(document):
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail"} <= set(problem["required"])
    wrong = []
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            if status == "default":
                wrong.append(f"{method} {path}: a default response")
            elif int(status) >= 400 and resolved(document, response).get("content") != PROBLEM:
                wrong.append(f"{method} {path}: {status} is not a problem document")
    assert wrong == []


def test_the_session_cookie_and_the_csrf_header_secure_what_needs_them_and_the_rest_is_public(document, new_customer):
    schemes = document["components"]["securitySchemes"]
    customer = new_customer()
    assert (schemes["session"]["type"], schemes["session"]["in"]) == ("apiKey", "cookie")
    assert schemes["session"]["name"] in customer.http.cookies.keys()
    assert (schemes["csrf"]["type"], schemes["csrf"]["in"], schemes["csrf"]["name"]) == ("apiKey", "header", HEADER)
    wrong = []
    for method, path, operation in operations(document):
        vouched = method in UNSAFE_METHODS and (method, path) not in EXEMPT
        if "x-caller" in operation:
            expected = [{"session": operation["x-caller"]["roles"], **({"csrf": []} if vouched else {})}]
        else:
            expected = [{}, {"session": [], "csrf": []}] if vouched else []
        if operation.get("security") != expected:
            wrong.append(f"{method} {path}: {operation.get('security')}")
    assert wrong == []


def test_an_operation_for_signed_in_callers_refuses_a_browser_that_is_not(platform, document, new_address):
    answered = {}
    for method, path, operation in operations(document):
        if "x-caller" in operation and method == "GET" and "{" not in path:
            response = requests.get(platform.gateway_url + path, headers={"X-Forwarded-For": new_address()},
                                    stream=True, timeout=30)
            answered[path] = response.status_code
            response.close()
    assert answered
    assert {path: status for path, status in answered.items() if status != 401} == {}


def test_what_clients_read_names_no_internal_requirement_ids(document):
    found = []

    def look(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                shown = key in ("summary", "description", "title") and isinstance(value, str)
                if shown and REQUIREMENT_ID.search(value):
                    found.append(f"{where}: {value[:80]}")
                look(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                look(item, f"{where}[{index}]")

    look(document, "")
    assert found == []
