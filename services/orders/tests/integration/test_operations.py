"""The orders service is alive, ready, documented, measured, and refuses the API without identity."""
from servicekit.testing.operations import assert_operational


def test_orders_answers_health_readiness_openapi_and_refuses_unidentified_calls(orders_client):
    assert_operational(orders_client, "Orders")
