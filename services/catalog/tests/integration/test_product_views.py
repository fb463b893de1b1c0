"""Product views: every view counted per Korean day, each visitor once, read by the product's seller only."""
import uuid
from datetime import timedelta

from catalog.product_views import korean_today
from servicekit.testing.identities import as_admin, as_customer, as_seller

from .shop import approve_seller, list_product

BROWSER = {"User-Agent": "Mozilla/5.0 (test)", "X-Forwarded-For": "203.0.113.7"}


def view(client, sign_identity, product, headers=BROWSER, **identity):
    response = client.post(f"/api/products/{product['id']}/views", headers={**sign_identity(**identity), **headers})
    assert response.status_code == 202, response.json


def today_of(client, headers, product):
    response = client.get(f"/api/products/{product['id']}/views", headers=headers)
    assert response.status_code == 200, response.json
    return response.json[-1]


def test_repeated_views_by_one_visitor_count_one_visitor(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)
    for _ in range(3):
        view(catalog_client, sign_identity, product)

    today = today_of(catalog_client, as_seller(sign_identity, seller_id), product)
    assert today == {"day": korean_today().isoformat(), "views": 3, "visitors": 1}


def test_another_address_or_browser_or_a_signed_in_customer_is_another_visitor(catalog_client, catalog_consumer,
                                                                                sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)
    customer = str(uuid.uuid4())
    view(catalog_client, sign_identity, product)
    view(catalog_client, sign_identity, product, headers={**BROWSER, "X-Forwarded-For": "198.51.100.1"})
    view(catalog_client, sign_identity, product, headers={**BROWSER, "User-Agent": "curl/8"})
    # A signed-in customer is one visitor wherever they browse from.
    view(catalog_client, sign_identity, product, subject=customer, roles=["customer"])
    view(catalog_client, sign_identity, product, headers={"X-Forwarded-For": "192.0.2.9"}, subject=customer,
         roles=["customer"])

    today = today_of(catalog_client, as_admin(sign_identity), product)
    assert (today["views"], today["visitors"]) == (5, 4)


def test_views_are_read_per_day_over_the_range_asked_for(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)
    view(catalog_client, sign_identity, product)
    today = korean_today()
    week_ago = today - timedelta(days=6)

    response = catalog_client.get(
        f"/api/products/{product['id']}/views",
        query_string={"from": week_ago.isoformat(), "to": today.isoformat()},
        headers=as_seller(sign_identity, seller_id),
    )
    assert [day["day"] for day in response.json] == [(week_ago + timedelta(days=n)).isoformat() for n in range(7)]
    assert response.json[0] == {"day": week_ago.isoformat(), "views": 0, "visitors": 0}
    assert response.json[-1] == {"day": today.isoformat(), "views": 1, "visitors": 1}


def test_a_range_running_backwards_is_refused(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)
    response = catalog_client.get(
        f"/api/products/{product['id']}/views?from=2026-02-02&to=2026-02-01",
        headers=as_seller(sign_identity, seller_id),
    )
    assert response.status_code == 422
    assert "from" in response.json["errors"]


def test_another_seller_cannot_read_a_products_views(catalog_client, catalog_consumer, sign_identity):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer))
    other_seller = approve_seller(catalog_consumer)

    response = catalog_client.get(
        f"/api/products/{product['id']}/views", headers=as_seller(sign_identity, other_seller)
    )
    assert response.status_code == 404
    customer = as_customer(sign_identity)
    assert catalog_client.get(f"/api/products/{product['id']}/views", headers=customer).status_code == 403


def test_views_of_an_unknown_product_are_not_counted(catalog_client, sign_identity):
    response = catalog_client.post(f"/api/products/{uuid.uuid4()}/views", headers=sign_identity())
    assert response.status_code == 404
