"""/api/openapi.json merges the gateway's and the reachable services' public paths; /api/docs shows it."""
import pytest

from tests.fakes import refused_url


def test_merged_document_has_each_services_public_paths_and_the_gateways(client):
    document = client.get("/api/openapi.json").get_json()

    assert {"/api/session", "/api/accounts/{id}", "/api/products/{id}", "/api/orders/{id}", "/api/inquiries/{id}",
            "/api/reviews/{id}"} <= set(document["paths"])
    assert all(path.startswith("/api/") for path in document["paths"])
    assert document["x-unavailable"] == []
    assert "Login" in document["components"]["schemas"]


def test_same_named_schemas_of_two_services_are_both_kept(client):
    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]

    assert {schemas["Thing"]["title"], schemas["catalog.Thing"]["title"]} == {"auth thing", "catalog thing"}


@pytest.fixture(scope="module")
def client_with_catalog_down(make_gateway):
    return make_gateway({"catalog": refused_url()}).test_client()


def test_unreachable_service_is_listed_as_unavailable(client_with_catalog_down):
    response = client_with_catalog_down.get("/api/openapi.json")

    assert response.status_code == 200
    document = response.get_json()
    assert document["x-unavailable"] == ["catalog"]
    assert "/api/products/{id}" not in document["paths"]
    assert "/api/orders/{id}" in document["paths"]


def test_docs_page_renders_the_merged_document_with_assets_served_here(client):
    assert client.get("/api/docs").headers["Location"].endswith("/api/docs/")
    response = client.get("/api/docs/")

    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert b'"url": "/api/openapi.json"' in response.data
    # No CDN: the page works where the browser cannot reach the internet.
    assert b"https://" not in response.data
    assert client.get("/api/docs/swagger-ui-bundle.js").status_code == 200


def test_merged_document_keeps_internal_endpoints_and_the_identity_header_out(client):
    document = client.get("/api/openapi.json").json

    assert not [path for path in document["paths"] if path.startswith("/internal")]
    assert "securitySchemes" not in document["components"]
    used = {
        tag
        for operations in document["paths"].values()
        for op in operations.values()
        if isinstance(op, dict)  # a path's shared "parameters" is a list
        for tag in op.get("tags", ())
    }
    assert {tag["name"] for tag in document["tags"]} <= used
    assert "internal" not in {tag["name"] for tag in document["tags"]}
    assert "catalog" in {tag["name"] for tag in document["tags"]}
