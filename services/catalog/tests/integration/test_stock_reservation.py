"""Stock is reserved for an order all at once or not at all, and said so with an event."""
import uuid

from servicekit.testing.events import deliver
from servicekit.testing.identities import as_seller

from .shop import (
    add_category,
    approve_seller,
    cancel,
    list_product,
    order_placed,
    outcome_of,
    place,
    place_lines,
    product_lines,
)


def test_an_unapproved_seller_cannot_list_products(catalog_client, sign_identity):
    response = catalog_client.post(
        "/api/products",
        json={"name": "Tea", "price": 1000, "stock": 1},
        headers=as_seller(sign_identity, str(uuid.uuid4())),
    )
    assert response.status_code == 403
    assert response.json["type"].endswith("seller-not-approved")


def test_an_approved_seller_without_a_second_factor_cannot_list_products(catalog_runtime, catalog_client,
                                                                          catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    response = catalog_client.post(
        "/api/products",
        json={"name": "Tea", "price": 1000, "stock": 1},
        headers=as_seller(sign_identity, seller_id, second_factor_age=None),
    )
    assert response.status_code == 403
    assert response.json["type"].endswith("second-factor-required")


def test_order_within_stock_is_reserved_and_decrements_stock(catalog_runtime, catalog_client, catalog_consumer, sign_identity):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer), stock=3)
    order_id, _ = place(catalog_consumer, product, 2)

    assert outcome_of(catalog_runtime, order_id)["type"] == "StockReserved"
    shown = catalog_client.get(f"/api/products/{product['id']}", headers=sign_identity()).json
    assert shown["stock"] == 1


def test_order_beyond_stock_fails_and_reserves_nothing(catalog_runtime, catalog_client, catalog_consumer, sign_identity):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer), stock=1)
    order_id, _ = place(catalog_consumer, product, 2)

    outcome = outcome_of(catalog_runtime, order_id)
    assert outcome["type"] == "StockReservationFailed"
    assert outcome["data"]["reason"] == "insufficient_stock"
    assert catalog_client.get(f"/api/products/{product['id']}", headers=sign_identity()).json["stock"] == 1


def test_an_order_of_a_sold_out_product_fails_for_its_stock(catalog_runtime, catalog_client, catalog_consumer,
                                                             sign_identity):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer), stock=1)
    place(catalog_consumer, product, 1)
    assert catalog_client.get(f"/api/products/{product['id']}", headers=sign_identity()).json["status"] == "sold_out"

    order_id, _ = place(catalog_consumer, product, 1)

    outcome = outcome_of(catalog_runtime, order_id)
    assert (outcome["type"], outcome["data"]["reason"]) == ("StockReservationFailed", "insufficient_stock")
    assert outcome["data"]["detail"] == "Not enough stock for some products."


def test_order_at_an_old_price_fails_with_price_changed(catalog_runtime, catalog_client, catalog_consumer, sign_identity):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer), price=5000)
    order_id, _ = place(catalog_consumer, product, 1, unit_price=4000)

    assert outcome_of(catalog_runtime, order_id)["data"]["reason"] == "price_changed"


def test_a_redelivered_order_is_reserved_once(catalog_runtime, catalog_client, catalog_consumer, sign_identity):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer), stock=5)
    placement, event_id = order_placed(product_lines(product, 2)), str(uuid.uuid4())
    deliver(catalog_consumer, "OrderPlaced", placement, event_id=event_id)

    assert deliver(catalog_consumer, "OrderPlaced", placement, event_id=event_id) is False
    assert catalog_client.get(f"/api/products/{product['id']}", headers=sign_identity()).json["stock"] == 3


def test_a_cancelled_order_gives_its_stock_back_once(catalog_runtime, catalog_client, catalog_consumer, sign_identity):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer), stock=2)
    order_id, _ = place(catalog_consumer, product, 2)
    shown = catalog_client.get(f"/api/products/{product['id']}", headers=sign_identity()).json
    assert (shown["stock"], shown["status"]) == (0, "sold_out")

    cancelled = cancel(catalog_consumer, order_id)
    deliver(catalog_consumer, "OrderCancelled", cancelled)

    shown = catalog_client.get(f"/api/products/{product['id']}", headers=sign_identity()).json
    assert (shown["stock"], shown["status"]) == (2, "on_sale")


def test_products_are_listed_in_pages_and_sorted_by_price(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    for price in (3000, 1000, 2000):
        list_product(catalog_client, sign_identity, seller_id, price=price)

    first = catalog_client.get(
        f"/api/products?seller_id={seller_id}&sort=price_asc&page=1&page_size=2", headers=sign_identity()
    )
    assert [p["price"] for p in first.json] == [1000, 2000]
    assert '"total": 3' in first.headers["X-Pagination"]
    second = catalog_client.get(
        f"/api/products?seller_id={seller_id}&sort=price_asc&page=2&page_size=2", headers=sign_identity()
    )
    assert [p["price"] for p in second.json] == [3000]


def test_an_unknown_sort_is_refused_with_a_problem(catalog_client, sign_identity):
    response = catalog_client.get("/api/products?sort=cheapest-first", headers=sign_identity())
    assert response.status_code == 422
    assert "sort" in response.json["errors"]


def test_an_unknown_product_is_a_404_problem(catalog_client, sign_identity):
    response = catalog_client.get(f"/api/products/{uuid.uuid4()}", headers=sign_identity())
    assert response.status_code == 404
    assert response.json["type"].endswith("product-not-found")


def test_an_order_line_naming_another_seller_is_refused(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer), stock=3)

    order_id, _ = place_lines(catalog_consumer, [
        {"product_id": product["id"], "seller_id": str(uuid.uuid4()), "quantity": 1, "unit_price": product["price"]}
    ])

    outcome = outcome_of(catalog_runtime, order_id)
    assert (outcome["type"], outcome["data"]["reason"]) == ("StockReservationFailed", "product_unavailable")
    assert catalog_client.get(f"/api/products/{product['id']}", headers=sign_identity()).json["stock"] == 3


def test_reserved_lines_name_the_products_category(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    tea = add_category(catalog_client, sign_identity, "Tea")
    product = list_product(
        catalog_client, sign_identity, approve_seller(catalog_consumer), category_id=tea["id"]
    )

    order_id, _ = place_lines(catalog_consumer, [
        {"product_id": product["id"], "seller_id": product["seller_id"], "quantity": 1, "unit_price": product["price"]}
    ])

    [line] = outcome_of(catalog_runtime, order_id)["data"]["lines"]
    assert (line["category_id"], line["variant_id"], line["seller_id"]) == (tea["id"], None, product["seller_id"])
