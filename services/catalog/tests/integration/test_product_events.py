"""Catalog tells the other services when a product is listed and when its name, category or status changes."""
from contracts.jsonschema import validate_wire
from servicekit.testing.events import recorded_envelopes
from servicekit.testing.identities import as_admin, as_seller

from .shop import add_category, approve_seller, cancel, list_product, place, put_variants


def told(runtime, event_type, product):
    events = recorded_envelopes(runtime, event_type, product_id=product["id"])
    for envelope in events:
        validate_wire(envelope)
    return [e["data"] for e in events]


def statuses_told(runtime, product):
    return [change["status"] for change in told(runtime, "ProductChanged", product)]


def test_listing_a_product_tells_whose_it_is_and_its_name(catalog_runtime, catalog_client, catalog_consumer,
                                                          sign_identity):
    seller_id = approve_seller(catalog_consumer)
    tea = add_category(catalog_client, sign_identity, "Tea")
    product = list_product(catalog_client, sign_identity, seller_id, category_id=tea["id"])

    [listed] = told(catalog_runtime, "ProductListed", product)

    assert (listed["seller_id"], listed["name"], listed["category_id"]) == (seller_id, "Green tea", tea["id"])
    assert told(catalog_runtime, "ProductChanged", product) == []


def test_renaming_or_recategorising_is_told_but_a_price_change_is_not(catalog_runtime, catalog_client,
                                                                      catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    tea = add_category(catalog_client, sign_identity, "Tea")
    product = list_product(catalog_client, sign_identity, seller_id)
    url, headers = f"/api/products/{product['id']}", as_seller(sign_identity, seller_id)

    assert catalog_client.patch(url, json={"price": 9000}, headers=headers).status_code == 200
    assert told(catalog_runtime, "ProductChanged", product) == []
    assert catalog_client.patch(url, json={"name": "Jeju green tea"}, headers=headers).status_code == 200
    assert catalog_client.patch(url, json={"category_id": tea["id"]}, headers=headers).status_code == 200

    changes = told(catalog_runtime, "ProductChanged", product)
    assert [(c["name"], c["category_id"], c["status"]) for c in changes] == [
        ("Jeju green tea", None, "on_sale"),
        ("Jeju green tea", tea["id"], "on_sale"),
    ]


def test_deleting_a_product_tells_it_is_deleted(catalog_runtime, catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)

    response = catalog_client.delete(f"/api/products/{product['id']}", headers=as_seller(sign_identity, seller_id))

    assert response.status_code == 204
    assert statuses_told(catalog_runtime, product) == ["deleted"]


def test_suspending_and_lifting_a_suspension_are_told(catalog_runtime, catalog_client, catalog_consumer,
                                                      sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)
    url = f"/api/products/{product['id']}/suspension"

    assert catalog_client.post(url, json={"reason": "Counterfeit report"},
                               headers=as_admin(sign_identity)).status_code == 200
    assert catalog_client.delete(url, headers=as_admin(sign_identity)).status_code == 200

    assert statuses_told(catalog_runtime, product) == ["suspended", "on_sale"]


def test_selling_out_and_coming_back_on_sale_by_stock_are_told(catalog_runtime, catalog_client, catalog_consumer,
                                                               sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=2)

    place(catalog_consumer, product, 1)
    assert statuses_told(catalog_runtime, product) == []
    order_id, _ = place(catalog_consumer, product, 1)
    cancel(catalog_consumer, order_id)

    assert statuses_told(catalog_runtime, product) == ["sold_out", "on_sale"]


def test_setting_variants_that_hold_no_stock_tells_the_product_sold_out(catalog_runtime, catalog_client,
                                                                        catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)

    response = put_variants(catalog_client, sign_identity, product, seller_id, ["size"],
                            [{"option_values": ["large"], "price_difference": 0, "stock": 0}])

    assert response.status_code == 200, response.json
    assert statuses_told(catalog_runtime, product) == ["sold_out"]
