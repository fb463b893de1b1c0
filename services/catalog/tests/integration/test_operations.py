"""The catalog service is alive, ready, documented, measured, and refuses the API without identity."""
from servicekit.testing.operations import assert_operational


def test_catalog_answers_health_readiness_openapi_and_refuses_unidentified_calls(catalog_client):
    assert_operational(catalog_client, "Catalog")
