"""A seller puts a product on sale for a period: its current price is the sale price only within it."""
from datetime import datetime, timedelta, timezone

from servicekit.testing.identities import as_seller

from .shop import approve_seller, list_product, outcome_of, place

DAY = timedelta(days=1)


def put_sale(client, sign_identity, product, seller_id, sale_price, starts_in, ends_in):
    """A sale starting and ending this far from now (negative: in the past)."""
    now = datetime.now(timezone.utc)
    return client.put(
        f"/api/products/{product['id']}/sale",
        json={
            "sale_price": sale_price,
            "starts_at": (now + starts_in).isoformat(),
            "ends_at": (now + ends_in).isoformat(),
        },
        headers=as_seller(sign_identity, seller_id),
    )


def shown(client, sign_identity, product):
    return client.get(f"/api/products/{product['id']}", headers=sign_identity()).json


def test_the_sale_price_is_current_only_within_its_period(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, price=12000)
    assert (product["current_price"], product["sale_price"]) == (12000, None)

    for starts_in, ends_in, current in ((-DAY, DAY, 9900), (DAY, 2 * DAY, 12000), (-2 * DAY, -DAY, 12000)):
        response = put_sale(catalog_client, sign_identity, product, seller_id, 9900, starts_in, ends_in)
        assert response.status_code == 200, response.json
        after = shown(catalog_client, sign_identity, product)
        assert (after["price"], after["sale_price"], after["current_price"]) == (12000, 9900, current)
        assert after["sale_starts_at"] is not None and after["sale_ends_at"] is not None


def test_a_cleared_sale_leaves_the_price(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, price=12000)
    put_sale(catalog_client, sign_identity, product, seller_id, 9900, -DAY, DAY)

    cleared = catalog_client.delete(
        f"/api/products/{product['id']}/sale", headers=as_seller(sign_identity, seller_id)
    )

    assert cleared.status_code == 200
    after = shown(catalog_client, sign_identity, product)
    assert (after["sale_price"], after["sale_starts_at"], after["current_price"]) == (None, None, 12000)


def test_a_sale_at_or_above_the_price_or_ending_before_it_starts_is_refused(catalog_client, catalog_consumer,
                                                                             sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, price=12000)

    for sale_price, starts_in, ends_in, field in (
        (12000, -DAY, DAY, "sale_price"),
        (9900, DAY, -DAY, "ends_at"),
        (-1, -DAY, DAY, "sale_price"),
    ):
        response = put_sale(catalog_client, sign_identity, product, seller_id, sale_price, starts_in, ends_in)
        assert response.status_code == 422, (sale_price, starts_in, ends_in)
        assert field in response.json["errors"]
    assert shown(catalog_client, sign_identity, product)["sale_price"] is None


def test_another_sellers_product_is_not_found_to_put_on_sale(catalog_client, catalog_consumer, sign_identity):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer))
    intruder = approve_seller(catalog_consumer)

    assert put_sale(catalog_client, sign_identity, product, intruder, 100, -DAY, DAY).status_code == 404
    cleared = catalog_client.delete(
        f"/api/products/{product['id']}/sale", headers=as_seller(sign_identity, intruder)
    )
    assert cleared.status_code == 404
    assert shown(catalog_client, sign_identity, product)["sale_price"] is None


def test_a_price_at_or_below_the_sale_price_is_refused(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, price=12000)
    put_sale(catalog_client, sign_identity, product, seller_id, 9900, -DAY, DAY)

    response = catalog_client.patch(
        f"/api/products/{product['id']}", json={"price": 9900}, headers=as_seller(sign_identity, seller_id)
    )

    assert response.status_code == 422
    assert "price" in response.json["errors"]
    assert shown(catalog_client, sign_identity, product)["price"] == 12000


def test_an_order_at_the_sale_price_is_reserved_during_the_sale_only(catalog_runtime, catalog_client,
                                                                      catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    running = list_product(catalog_client, sign_identity, seller_id, price=12000)
    ended = list_product(catalog_client, sign_identity, seller_id, price=12000)
    put_sale(catalog_client, sign_identity, running, seller_id, 9900, -DAY, DAY)
    put_sale(catalog_client, sign_identity, ended, seller_id, 9900, -2 * DAY, -DAY)

    at_sale_price, _ = place(catalog_consumer, running, 1, unit_price=9900)
    at_list_price, _ = place(catalog_consumer, running, 1, unit_price=12000)
    after_the_sale, _ = place(catalog_consumer, ended, 1, unit_price=9900)

    assert outcome_of(catalog_runtime, at_sale_price)["type"] == "StockReserved"
    assert outcome_of(catalog_runtime, at_list_price)["data"]["reason"] == "price_changed"
    assert outcome_of(catalog_runtime, after_the_sale)["data"]["reason"] == "price_changed"


def test_the_storefront_filters_and_sorts_by_the_price_shoppers_pay_now(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    on_sale = list_product(catalog_client, sign_identity, seller_id, price=20000)
    plain = list_product(catalog_client, sign_identity, seller_id, price=16000)
    ended = list_product(catalog_client, sign_identity, seller_id, price=30000)
    assert put_sale(catalog_client, sign_identity, on_sale, seller_id, 15000, -DAY, DAY).status_code == 200
    assert put_sale(catalog_client, sign_identity, ended, seller_id, 10000, -2 * DAY, -DAY).status_code == 200

    def ids(**params):
        query = "&".join(f"{key}={value}" for key, value in {"seller_id": seller_id, **params}.items())
        return [p["id"] for p in catalog_client.get(f"/api/products?{query}", headers=sign_identity()).json]

    assert ids(max_price=15500) == [on_sale["id"]]
    assert ids(sort="price_asc") == [on_sale["id"], plain["id"], ended["id"]]
    assert ids(sort="price_desc") == [ended["id"], plain["id"], on_sale["id"]]
