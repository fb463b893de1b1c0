"""The reviews service answers health, readiness and OpenAPI openly, and refuses the API without identity."""


def test_healthz_says_the_process_is_alive(reviews_client):
    response = reviews_client.get("/healthz")

    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_readyz_reaches_the_database_and_the_broker(reviews_client):
    response = reviews_client.get("/readyz")

    assert response.status_code == 200, response.json
    assert response.json["checks"] == {"database": "ok", "broker": "ok"}


def test_openapi_document_is_served_without_identity(reviews_client):
    response = reviews_client.get("/openapi.json")

    assert response.status_code == 200
    assert response.json["info"]["title"] == "Reviews"


def test_api_without_identity_token_is_refused_with_a_problem(reviews_client):
    response = reviews_client.get("/api/anything")

    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.json["type"] == "urn:marketplace:problem:unauthenticated"
