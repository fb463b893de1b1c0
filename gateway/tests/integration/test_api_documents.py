"""/api/openapi.json merges the gateway's and the services' public paths, a service that is down by its last good
copy; /api/docs shows it."""
import pytest
from sqlalchemy import delete

from gateway.models import ServiceDocument
from tests.fakes import FakeUpstream, refused_url


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


def forget_the_copy_of(runtime, service: str) -> None:
    with runtime.unit_of_work() as uow:
        uow.session.execute(delete(ServiceDocument).where(ServiceDocument.service == service))
        uow.commit()


def test_a_service_down_that_no_gateway_ever_fetched_is_listed_as_unavailable(make_gateway, gateway_runtime):
    forget_the_copy_of(gateway_runtime, "catalog")
    response = make_gateway({"catalog": refused_url()}).test_client().get("/api/openapi.json")

    assert response.status_code == 200
    document = response.get_json()
    assert document["x-unavailable"] == ["catalog"]
    assert document["x-stale"] == []
    assert "/api/products/{id}" not in document["paths"]
    assert "/api/orders/{id}" in document["paths"]


@pytest.fixture
def catalog(verifier):
    fake = FakeUpstream("catalog", verifier)
    yield fake
    fake.stop()


def test_a_service_that_goes_down_keeps_its_paths_from_its_last_good_copy_marked_stale(make_gateway, catalog):
    client = make_gateway({"catalog": catalog.url}).test_client()
    assert client.get("/api/openapi.json").get_json()["x-stale"] == []
    catalog.stop()

    document = client.get("/api/openapi.json").get_json()

    assert "/api/products/{id}" in document["paths"]
    assert [copy["service"] for copy in document["x-stale"]] == ["catalog"]
    assert document["x-stale"][0]["fetched_at"]
    assert document["x-unavailable"] == []


def test_a_gateway_started_while_a_service_is_down_serves_the_copy_an_earlier_gateway_fetched(make_gateway, catalog):
    assert make_gateway({"catalog": catalog.url}).test_client().get("/api/openapi.json").status_code == 200

    document = make_gateway({"catalog": refused_url()}).test_client().get("/api/openapi.json").get_json()

    assert "/api/products/{id}" in document["paths"]
    assert [copy["service"] for copy in document["x-stale"]] == ["catalog"]


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
    assert set(document["components"]["securitySchemes"]) == {"session", "csrf"}
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
