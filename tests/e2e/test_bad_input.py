"""Bad input through the gateway gets a clear 4xx problem and changes nothing."""
import uuid

import pytest

from e2e.journey import list_product


def is_problem(response, status):
    return response.status_code == status and response.headers["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"items": []},
        {"items": "everything"},
        {"items": [{"product_id": "not-a-uuid", "quantity": 1, "unit_price": 100}]},
        {"items": [{"product_id": str(uuid.uuid4()), "quantity": "two", "unit_price": 100}]},
        {"items": [{"product_id": str(uuid.uuid4()), "quantity": 0, "unit_price": 100}]},
        {"items": [{"product_id": str(uuid.uuid4()), "quantity": 1, "unit_price": -5}]},
        {"items": [{"product_id": str(uuid.uuid4()), "quantity": 1, "unit_price": 10.5}]},
    ],
    ids=["empty", "no-items", "items-not-a-list", "bad-id", "quantity-text", "quantity-zero", "negative-price",
         "float-price"],
)
def test_malformed_orders_are_refused_and_none_is_created(new_customer, body):
    customer = new_customer()
    response = customer.post("/api/orders", json=body)
    assert is_problem(response, 422), response.text
    assert "errors" in response.json()
    assert customer.get("/api/orders").json() == []


def test_malformed_product_is_refused_and_none_is_listed(new_seller):
    seller = new_seller()
    list_product(seller)  # the seller is known to catalog from here on
    mine = seller.account["seller_id"]
    before = seller.get("/api/products", params={"seller_id": mine}).json()
    for body in ({"name": "", "price": 100, "stock": 1}, {"name": "Tea", "price": "free", "stock": 1},
                 {"name": "Tea", "price": 100, "stock": -1}, {"name": "Tea"}):
        assert is_problem(seller.post("/api/products", json=body), 422)
    assert seller.get("/api/products", params={"seller_id": mine}).json() == before


def test_huge_bodies_are_refused(new_customer):
    customer = new_customer()
    response = customer.post("/api/orders", data=b"{" + b" " * (2 * 1024 * 1024) + b"}",
                             headers={"Content-Type": "application/json"})
    assert is_problem(response, 413)
    assert customer.get("/api/orders").json() == []


def test_unknown_ids_are_404_problems(new_customer):
    customer = new_customer()
    assert is_problem(customer.get(f"/api/orders/{uuid.uuid4()}"), 404)
    assert is_problem(customer.get(f"/api/products/{uuid.uuid4()}"), 404)
    assert customer.get("/api/products/not-a-uuid").status_code == 404


def test_weak_password_names_the_rule_that_failed(platform):
    from deploy.client import GatewayClient

    response = GatewayClient(platform.gateway_url).post(
        "/api/accounts", json={"email": f"w-{uuid.uuid4().hex[:6]}@example.com", "name": "Lee", "password": "short"}
    )
    assert is_problem(response, 422)
    assert response.json()["errors"]["password"]


def test_malformed_json_is_a_400_problem(new_customer):
    response = new_customer().post("/api/orders", data=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code in (400, 422)
    assert response.headers["Content-Type"].startswith("application/problem+json")
