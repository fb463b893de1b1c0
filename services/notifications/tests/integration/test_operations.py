"""The notifications service is alive, ready, documented, measured, and refuses the API without identity."""
from servicekit.testing.operations import assert_operational


def test_notifications_answers_health_readiness_openapi_and_refuses_unidentified_calls(notifications_client):
    assert_operational(notifications_client, "Notifications")
