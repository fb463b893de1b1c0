"""Numbers too large for any database column are a 422 naming the field, through the gateway, never a 500."""
import uuid

import pytest

BEYOND_64_BITS = 2**64 + 1
# Below 2**63 itself, but the row offset (page - 1) x page_size is not.
DEEP_PAGE = "1000000000000000000"


def names_only(response, field: str) -> bool:
    return (response.status_code == 422 and response.headers["Content-Type"].startswith("application/problem+json")
            and list(response.json()["errors"]) == [field])


def test_a_price_filter_beyond_any_column_is_refused(new_client):
    response = new_client().get("/api/products", params={"max_price": "9223372036854775808"})
    assert names_only(response, "max_price"), response.text


@pytest.mark.parametrize("path", [
    "/api/products", "/api/orders", "/api/faq", "/api/claims", "/api/audit-events", "/api/coupons",
    "/api/inquiries", "/api/points/entries",
])
def test_a_page_too_deep_for_the_database_is_refused(new_customer, path):
    response = new_customer().get(path, params={"page": DEEP_PAGE})
    assert names_only(response, "page"), response.text


def test_a_review_of_a_line_beyond_64_bits_is_refused_as_json_and_as_a_form(new_customer):
    customer = new_customer()
    review = {"order_id": str(uuid.uuid4()), "rating": 5, "text": "Arrived well packed and works.",
              "display_name": "Kim"}
    as_json = customer.post("/api/reviews", json={**review, "line_no": BEYOND_64_BITS})
    assert names_only(as_json, "line_no"), as_json.text
    as_form = customer.post("/api/reviews", data={**review, "line_no": str(BEYOND_64_BITS)},
                            files={"photos": ("none.txt", b"", "text/plain")})
    assert names_only(as_form, "line_no"), as_form.text
