"""The support service is alive, ready, documented, measured, and refuses the API without identity."""
from servicekit.testing.operations import assert_operational


def test_support_answers_health_readiness_openapi_and_refuses_unidentified_calls(support_client):
    assert_operational(support_client, "Support")
