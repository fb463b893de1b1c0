"""The auth service is alive, ready, documented, measured, and refuses the API without identity."""
from servicekit.testing.operations import assert_operational


def test_auth_answers_health_readiness_openapi_and_refuses_unidentified_calls(auth_client):
    assert_operational(auth_client, "Auth")
