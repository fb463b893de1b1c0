"""The reviews service is alive, ready, documented, measured, and refuses the API without identity."""
from servicekit.testing.operations import assert_operational


def test_reviews_answers_health_readiness_openapi_and_refuses_unidentified_calls(reviews_client):
    assert_operational(reviews_client, "Reviews")
