"""The proxy: each prefix reaches its service with a signed identity; answers come back as they were."""
import io
import json

import pytest

from servicekit.identity import TokenSigner, Identity
from tests.conftest import CUSTOMER


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/api/accounts/me", "auth"),
        ("/api/sellers", "auth"),
        ("/api/products?sort=price_asc&page=2", "catalog"),
        ("/api/orders/42", "orders"),
        ("/api/inquiries/7/replies", "support"),
        ("/api/reviews", "reviews"),
        ("/api/notifications?unread=true", "notifications"),
        ("/api/settlements/payouts?status=held", "settlements"),
    ],
)
def test_each_prefix_reaches_its_service_with_path_and_query_unchanged(client, upstreams, path, service):
    response = client.get(path)

    assert response.status_code == 200
    assert response.get_json()["service"] == service
    assert upstreams[service].last()["raw_uri"] == path


def test_percent_encoded_path_is_forwarded_as_sent(client, upstreams):
    client.get("/api/products/caf%C3%A9%2Fmenu")

    assert upstreams["catalog"].last()["raw_uri"] == "/api/products/caf%C3%A9%2Fmenu"


def test_body_and_content_type_are_forwarded(client, upstreams):
    response = client.post("/api/orders", json={"lines": [{"product_id": "p1", "quantity": 2}]})

    assert response.status_code == 201
    seen = upstreams["orders"].last()
    assert seen["method"] == "POST"
    assert json.loads(seen["body"]) == {"lines": [{"product_id": "p1", "quantity": 2}]}
    assert seen["headers"]["Content-Type"] == "application/json"


def test_a_prefix_matches_whole_path_segments_only(client, upstreams):
    calls = len(upstreams["catalog"].received)

    response = client.get("/api/productsx")

    assert response.status_code == 404
    assert len(upstreams["catalog"].received) == calls


@pytest.mark.parametrize("path", ["/api/unknown", "/api/products/../accounts", "/api"])
def test_unknown_api_path_is_a_not_found_problem(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 404


def test_wrong_method_on_a_gateway_endpoint_is_405(client):
    response = client.put("/api/session", json={})

    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST", "DELETE"}


def test_a_cookie_one_upstream_sets_never_reaches_a_later_request(client, upstreams):
    client.get("/api/products")

    client.get("/api/products")

    assert "Cookie" not in upstreams["catalog"].last()["headers"]


def test_anonymous_call_carries_a_verifiable_anonymous_identity_token(client, upstreams, verifier):
    client.get("/api/products")

    identity = verifier.verify(upstreams["catalog"].last()["headers"]["X-Identity-Token"])
    assert identity.is_anonymous
    assert identity.roles == frozenset()


def test_a_signed_in_callers_token_carries_the_name_auth_gave_at_sign_in(client, sign_in, upstreams, verifier):
    sign_in()

    client.get("/api/orders")

    identity = verifier.verify(upstreams["orders"].last()["headers"]["X-Identity-Token"])
    assert (identity.subject, identity.name) == (CUSTOMER["account_id"], CUSTOMER["name"])


def test_client_credentials_and_forged_identity_are_not_forwarded(client, upstreams, verifier, tmp_path):
    from servicekit.identity import generate_keypair

    generate_keypair(tmp_path / "private.pem", tmp_path / "public.pem")
    forged = TokenSigner((tmp_path / "private.pem").read_bytes()).sign(Identity("someone", frozenset({"admin"})))
    client.set_cookie("tracking", "abc")

    client.get(
        "/api/products",
        headers={"X-Identity-Token": forged, "Authorization": "Bearer stolen", "X-CSRF-Token": "x"},
    )

    headers = upstreams["catalog"].last()["headers"]
    assert headers["X-Identity-Token"] != forged
    assert verifier.verify(headers["X-Identity-Token"]).is_anonymous
    assert not {"Authorization", "Cookie", "X-Csrf-Token"} & set(headers)


def test_forwarded_for_is_the_address_the_gateway_saw_not_the_one_claimed(client, upstreams):
    client.get("/api/products", headers={"X-Forwarded-For": "10.9.9.9"}, environ_base={"REMOTE_ADDR": "192.0.2.7"})

    assert upstreams["catalog"].last()["headers"]["X-Forwarded-For"] == "192.0.2.7"


def test_request_id_is_passed_to_the_service_and_returned(client, upstreams):
    response = client.get("/api/reviews", headers={"X-Request-Id": "req-0123456789"})

    assert upstreams["reviews"].last()["headers"]["X-Request-Id"] == "req-0123456789"
    assert response.headers["X-Request-Id"] == "req-0123456789"


def test_a_request_id_is_made_when_the_client_sent_none(client, upstreams):
    response = client.get("/api/reviews")

    assert response.headers["X-Request-Id"] == upstreams["reviews"].last()["headers"]["X-Request-Id"]


def test_upstream_status_body_and_headers_come_back_without_its_cookies(client):
    response = client.post("/api/products", json={"name": "Kettle"})

    assert response.status_code == 201
    assert response.mimetype == "application/json"
    assert response.headers["Location"] == "/api/catalog/1"
    assert response.headers["X-Pagination"] == '{"total": 1}'
    assert response.headers["Retry-After"] == "3"
    assert "Set-Cookie" not in response.headers


def test_upstream_5xx_problem_passes_through_unchanged(client):
    response = client.get("/api/orders/broken")

    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["detail"] == "It broke."


def test_body_over_one_mebibyte_is_refused_before_the_upstream(client, upstreams):
    calls = len(upstreams["catalog"].received)

    response = client.post("/api/products", data=b"x" * (1024 * 1024 + 1), content_type="application/json")

    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"
    assert len(upstreams["catalog"].received) == calls


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "text/plain"])
def test_body_that_a_cross_site_form_could_send_is_refused(client, upstreams, content_type):
    calls = len(upstreams["orders"].received)

    response = client.post("/api/orders", data="a=1", content_type=content_type)

    assert response.status_code == 415
    assert response.get_json()["type"] == "urn:marketplace:problem:unsupported-media-type"
    assert len(upstreams["orders"].received) == calls


def test_a_csv_body_is_forwarded_as_csv(client, upstreams):
    response = client.post(
        "/api/shipments/dispatches", data="order_number,carrier,tracking_number\n", content_type="text/csv"
    )

    assert response.status_code == 201
    assert upstreams["orders"].last()["headers"]["Content-Type"].startswith("text/csv")


def test_multipart_body_is_forwarded(client, upstreams):
    from io import BytesIO

    response = client.post("/api/products", data={"image": (BytesIO(b"\x89PNG"), "kettle.png")})

    assert response.status_code == 201
    assert upstreams["catalog"].last()["headers"]["Content-Type"].startswith("multipart/form-data; boundary=")


def test_metrics_count_proxied_requests_per_service(client):
    client.get("/api/products/metrics-probe")
    client.get("/api/orders/metrics-probe")

    exposed = client.get("/metrics").get_data(as_text=True)
    assert 'endpoint="proxy:catalog"' in exposed
    assert 'endpoint="proxy:orders"' in exposed


@pytest.mark.parametrize(
    ("path", "service", "upload"),
    [
        ("/api/sellers/s-1/documents", "auth", b"%PDF-1.4\n" + b"x" * (3 * 1024 * 1024)),
        ("/api/products/p-1/images", "catalog", b"\x89PNG\r\n\x1a\n" + b"x" * (5 * 1024 * 1024)),
    ],
    ids=["seller-document-of-3-mb", "product-image-of-5-mb"],
)
def test_an_upload_may_be_larger_than_the_json_limit_but_not_unbounded(client, upstreams, path, service, upload):
    calls = len(upstreams[service].received)

    accepted = client.post(path, data={"file": (io.BytesIO(upload), "upload.bin")})
    refused = client.post(path, data={"file": (io.BytesIO(b"x" * (11 * 1024 * 1024)), "huge.bin")})

    assert accepted.status_code != 413
    assert len(upstreams[service].received) == calls + 1
    assert refused.status_code == 413
    assert len(upstreams[service].received) == calls + 1


def test_the_gateways_own_404_is_korean_by_default_and_english_when_asked(client):
    korean = client.get("/api/no-such-place")
    assert (korean.status_code, korean.headers["Content-Language"]) == (404, "ko")
    assert (korean.json["title"], korean.json["detail"]) == ("찾을 수 없음", "이 경로에는 API가 없습니다.")
    english = client.get("/api/no-such-place", headers={"Accept-Language": "en"})
    assert (english.json["title"], english.json["detail"]) == ("Not Found", "No API answers at this path.")
    assert english.headers["Content-Language"] == "en"
