"""A seller gives a product options and variants, each with its own stock and price difference; orders name one."""
import threading
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from servicekit.testing.identities import as_seller

from .shop import approve_seller, list_product, outcome_of, place_lines, put_variants

SIZES = ["Color", "Size"]


def variant(color, size, stock, difference=0, **fields):
    return {"option_values": [color, size], "price_difference": difference, "stock": stock, **fields}


def shown(client, sign_identity, product):
    return client.get(f"/api/products/{product['id']}", headers=sign_identity()).json


def varied_product(client, sign_identity, consumer, price=20000, variants=None, **fields):
    """A product of a new seller with a red M (+0, 2 in stock) and a blue L (+1500, 3 in stock), unless told."""
    seller_id = approve_seller(consumer)
    product = list_product(client, sign_identity, seller_id, price=price, stock=0, **fields)
    variants = variants or [variant("Red", "M", 2), variant("Blue", "L", 3, 1500)]
    response = put_variants(client, sign_identity, product, seller_id, SIZES, variants)
    assert response.status_code == 200, response.json
    return seller_id, response.json


def order_variant(consumer, product, chosen, quantity=1, unit_price=None):
    return place_lines(consumer, [{
        "product_id": product["id"], "variant_id": chosen["id"], "seller_id": product["seller_id"],
        "quantity": quantity, "unit_price": chosen["price"] if unit_price is None else unit_price,
    }])


def test_a_product_with_variants_shows_them_at_their_prices_and_holds_their_stock(
    catalog_client, catalog_consumer, sign_identity
):
    _, product = varied_product(catalog_client, sign_identity, catalog_consumer, price=20000)

    after = shown(catalog_client, sign_identity, product)
    assert after["options"] == SIZES
    assert [(v["option_values"], v["price"], v["stock"], v["active"]) for v in after["variants"]] == [
        (["Red", "M"], 20000, 2, True),
        (["Blue", "L"], 21500, 3, True),
    ]
    assert (after["stock"], after["status"]) == (5, "on_sale")


def test_replacing_variants_keeps_given_ids_and_deactivates_ordered_ones_left_out(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    seller_id, product = varied_product(
        catalog_client, sign_identity, catalog_consumer,
        variants=[variant("Red", "M", 2), variant("Blue", "L", 3), variant("Green", "S", 4)],
    )
    red, blue, green = product["variants"]
    order_id, _ = order_variant(catalog_consumer, product, blue)
    assert outcome_of(catalog_runtime, order_id)["type"] == "StockReserved"

    response = put_variants(catalog_client, sign_identity, product, seller_id, SIZES, [
        variant("Red", "M", 7, id=red["id"], sku="TEA-RED-M"),
        variant("Black", "XL", 1, 500),
    ])

    assert response.status_code == 200, response.json
    kept, added, deactivated = response.json["variants"]
    assert (kept["id"], kept["stock"], kept["sku"]) == (red["id"], 7, "TEA-RED-M")
    assert added["id"] not in {red["id"], blue["id"], green["id"]}
    assert (deactivated["id"], deactivated["active"]) == (blue["id"], False)
    assert green["id"] not in {v["id"] for v in response.json["variants"]}
    assert response.json["stock"] == 8


@pytest.mark.parametrize(
    "options, variants, field",
    [
        (SIZES, [{"option_values": ["Red"], "price_difference": 0, "stock": 1}], "variants.0.option_values"),
        (SIZES, [variant("Red", "M", 1), variant("Red", "M", 2)], "variants.1.option_values"),
        (SIZES, [variant("Red", "M", 1, -20001)], "variants.0.price_difference"),
        (SIZES, [variant("Red", str(size), 1) for size in range(101)], "variants"),
        (["Color", "Size", "Fit", "Length"], [{"option_values": ["a", "b", "c", "d"], "price_difference": 0,
                                               "stock": 1}], "options"),
        (SIZES, [], "variants"),
        (SIZES, [variant("Red", "M", 1, id=str(uuid.uuid4()))], "variants.0.id"),
    ],
    ids=["missing-value", "same-values", "negative-total", "over-100", "over-3-options", "options-alone",
         "unknown-id"],
)
def test_invalid_variants_are_refused_and_change_nothing(
    catalog_client, catalog_consumer, sign_identity, options, variants, field
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, price=20000, stock=4)

    response = put_variants(catalog_client, sign_identity, product, seller_id, options, variants)

    assert response.status_code == 422
    assert response.json["type"].endswith("invalid-variants")
    assert field in response.json["errors"]
    after = shown(catalog_client, sign_identity, product)
    assert (after["options"], after["variants"], after["stock"]) == ([], [], 4)


def test_only_the_products_seller_with_a_second_factor_replaces_its_variants(
    catalog_client, catalog_consumer, sign_identity
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)
    body = {"options": SIZES, "variants": [variant("Red", "M", 1)]}

    other = catalog_client.put(f"/api/products/{product['id']}/variants", json=body,
                               headers=as_seller(sign_identity, approve_seller(catalog_consumer)))
    unverified = catalog_client.put(f"/api/products/{product['id']}/variants", json=body,
                                    headers=as_seller(sign_identity, seller_id, second_factor_age=None))

    assert other.status_code == 404
    assert unverified.status_code == 403
    assert shown(catalog_client, sign_identity, product)["variants"] == []


def test_the_stock_of_a_product_with_variants_is_set_on_its_variants(catalog_client, catalog_consumer, sign_identity):
    seller_id, product = varied_product(catalog_client, sign_identity, catalog_consumer)

    response = catalog_client.patch(f"/api/products/{product['id']}", json={"stock": 50},
                                    headers=as_seller(sign_identity, seller_id))

    assert response.status_code == 422
    assert response.json["type"].endswith("stock-follows-variants")


def test_a_variant_is_reserved_from_its_own_stock_at_its_price(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    _, product = varied_product(catalog_client, sign_identity, catalog_consumer, price=20000)
    red, blue = product["variants"]

    order_id, _ = order_variant(catalog_consumer, product, blue, quantity=2)

    outcome = outcome_of(catalog_runtime, order_id)
    assert outcome["type"] == "StockReserved"
    assert [(l["variant_id"], l["unit_price"], l["quantity"]) for l in outcome["data"]["lines"]] == [
        (blue["id"], 21500, 2)
    ]
    after = shown(catalog_client, sign_identity, product)
    assert [v["stock"] for v in after["variants"]] == [2, 1]
    assert after["stock"] == 3


def test_a_variant_costs_the_sale_price_plus_its_difference(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    seller_id, product = varied_product(catalog_client, sign_identity, catalog_consumer, price=20000)
    now = datetime.now(timezone.utc)
    sale = catalog_client.put(f"/api/products/{product['id']}/sale", json={
        "sale_price": 15000, "starts_at": (now - timedelta(days=1)).isoformat(),
        "ends_at": (now + timedelta(days=1)).isoformat(),
    }, headers=as_seller(sign_identity, seller_id))
    assert sale.status_code == 200, sale.json
    blue = sale.json["variants"][1]
    assert blue["price"] == 16500

    at_list_price, _ = order_variant(catalog_consumer, product, blue, unit_price=21500)
    at_sale_price, _ = order_variant(catalog_consumer, product, blue, unit_price=16500)

    assert outcome_of(catalog_runtime, at_list_price)["data"]["reason"] == "price_changed"
    assert outcome_of(catalog_runtime, at_sale_price)["type"] == "StockReserved"


def test_a_product_with_variants_is_unavailable_without_an_active_variant_of_its_own(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    seller_id, product = varied_product(catalog_client, sign_identity, catalog_consumer)
    red, blue = product["variants"]
    put_variants(catalog_client, sign_identity, product, seller_id, SIZES, [
        variant("Red", "M", 2, id=red["id"]), variant("Blue", "L", 3, 1500, id=blue["id"], active=False),
    ])
    line = {"product_id": product["id"], "quantity": 1, "unit_price": 20000}

    for chosen in ({}, {"variant_id": str(uuid.uuid4())}, {"variant_id": blue["id"], "unit_price": 21500}):
        order_id, _ = place_lines(catalog_consumer, [{**line, **chosen}])
        assert outcome_of(catalog_runtime, order_id)["data"]["reason"] == "product_unavailable", chosen


def test_a_product_sells_out_when_all_its_variants_do(catalog_client, catalog_consumer, sign_identity):
    _, product = varied_product(catalog_client, sign_identity, catalog_consumer)
    red, blue = product["variants"]

    order_variant(catalog_consumer, product, red, quantity=2)
    assert shown(catalog_client, sign_identity, product)["status"] == "on_sale"
    order_variant(catalog_consumer, product, blue, quantity=3)

    after = shown(catalog_client, sign_identity, product)
    assert (after["stock"], after["status"]) == (0, "sold_out")


def test_concurrent_orders_for_the_last_unit_of_a_variant_reserve_it_once(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    _, product = varied_product(
        catalog_client, sign_identity, catalog_consumer,
        variants=[variant("Red", "M", 1), variant("Blue", "L", 5)],
    )
    red = product["variants"][0]
    start = threading.Barrier(6)
    order_ids = []

    def order_last_red():
        start.wait()
        order_ids.append(order_variant(catalog_consumer, product, red)[0])

    threads = [threading.Thread(target=order_last_red) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    outcomes = [outcome_of(catalog_runtime, order_id) for order_id in order_ids]
    assert sorted(o["type"] for o in outcomes) == ["StockReservationFailed"] * 5 + ["StockReserved"]
    assert {o["data"]["reason"] for o in outcomes if o["type"] == "StockReservationFailed"} == {"insufficient_stock"}
    after = shown(catalog_client, sign_identity, product)
    assert [v["stock"] for v in after["variants"]] == [0, 5]
    assert after["stock"] == 5


def test_a_price_or_sale_that_would_make_a_variant_cost_less_than_nothing_is_refused(
    catalog_client, catalog_consumer, sign_identity
):
    seller_id, product = varied_product(
        catalog_client, sign_identity, catalog_consumer, price=20000, variants=[variant("Red", "M", 1, -5000)]
    )
    now = datetime.now(timezone.utc)

    repriced = catalog_client.patch(f"/api/products/{product['id']}", json={"price": 4999},
                                    headers=as_seller(sign_identity, seller_id))
    discounted = catalog_client.put(f"/api/products/{product['id']}/sale", json={
        "sale_price": 4999, "starts_at": now.isoformat(), "ends_at": (now + timedelta(days=1)).isoformat(),
    }, headers=as_seller(sign_identity, seller_id))

    assert (repriced.status_code, list(repriced.json["errors"])) == (422, ["price"])
    assert (discounted.status_code, list(discounted.json["errors"])) == (422, ["sale_price"])
    assert shown(catalog_client, sign_identity, product)["variants"][0]["price"] == 15000
