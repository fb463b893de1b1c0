"""Sellers edit and delete their own products, admins suspend them, and the storefront shows only what is for sale."""
import uuid

from catalog.models import Product
from contracts.jsonschema import validate_wire
from servicekit.testing.events import recorded, recorded_envelopes
from servicekit.testing.identities import as_admin, as_customer, as_seller

from .shop import add_category, approve_seller, cancel, list_product, outcome_of, place


def shown(client, sign_identity, product, headers=None):
    return client.get(f"/api/products/{product['id']}", headers=headers or sign_identity())


def edit(client, sign_identity, product, seller_id, changes):
    headers = as_seller(sign_identity, seller_id)
    return client.patch(f"/api/products/{product['id']}", json=changes, headers=headers)


def listed_ids(client, headers, **query):
    response = client.get("/api/products", query_string={"page_size": 100, **query}, headers=headers)
    assert response.status_code == 200, response.json
    return {p["id"] for p in response.json}


def suspend(client, sign_identity, product, reason="Counterfeit report"):
    response = client.post(
        f"/api/products/{product['id']}/suspension", json={"reason": reason}, headers=as_admin(sign_identity)
    )
    assert response.status_code == 200, response.json
    return response.json


def test_a_seller_edits_only_the_fields_given(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, description="Jeju leaves")
    category = add_category(catalog_client, sign_identity, "Drinks")

    response = edit(catalog_client, sign_identity, product, seller_id,
                    {"price": 15000, "category_id": category["id"], "low_stock_threshold": 1})

    assert response.status_code == 200, response.json
    after = shown(catalog_client, sign_identity, product).json
    assert (after["price"], after["category_id"], after["low_stock_threshold"]) == (15000, category["id"], 1)
    assert (after["name"], after["description"], after["stock"]) == ("Green tea", "Jeju leaves", 3)


def test_another_sellers_product_is_not_found_to_edit_or_delete(catalog_client, catalog_consumer, sign_identity):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer))
    intruder = approve_seller(catalog_consumer)

    assert edit(catalog_client, sign_identity, product, intruder, {"price": 1}).status_code == 404
    deleted = catalog_client.delete(f"/api/products/{product['id']}", headers=as_seller(sign_identity, intruder))
    assert deleted.status_code == 404
    assert shown(catalog_client, sign_identity, product).json["price"] == 12000


def test_editing_without_a_second_factor_is_refused(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)

    response = catalog_client.patch(
        f"/api/products/{product['id']}", json={"price": 1},
        headers=as_seller(sign_identity, seller_id, second_factor_age=None),
    )
    assert response.status_code == 403
    assert response.json["type"].endswith("second-factor-required")


def test_bad_edits_are_refused_and_change_nothing(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)
    before = shown(catalog_client, sign_identity, product).json

    for changes, field in (
        ({"price": -1, "name": "Cheaper"}, "price"),
        ({"status": "sold_out"}, "status"),
        ({"low_stock_threshold": -2}, "low_stock_threshold"),
        ({"name": None}, "name"),
        ({"category_id": str(uuid.uuid4()), "price": 1}, "category_id"),
    ):
        response = edit(catalog_client, sign_identity, product, seller_id, changes)
        assert response.status_code == 422, changes
        assert field in response.json["errors"]
    assert shown(catalog_client, sign_identity, product).json == before


def test_a_product_in_an_unknown_category_is_not_listed(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    response = catalog_client.post(
        "/api/products",
        json={"name": "Tea", "price": 1000, "stock": 1, "category_id": str(uuid.uuid4())},
        headers=as_seller(sign_identity, seller_id),
    )
    assert response.status_code == 422
    assert listed_ids(catalog_client, sign_identity(), seller_id=seller_id) == set()


def test_a_product_sells_out_at_zero_stock_and_is_back_on_sale_when_restocked(catalog_client, catalog_consumer,
                                                                              sign_identity):
    seller_id = approve_seller(catalog_consumer)
    assert list_product(catalog_client, sign_identity, seller_id, stock=0)["status"] == "sold_out"
    product = list_product(catalog_client, sign_identity, seller_id, stock=2)

    assert edit(catalog_client, sign_identity, product, seller_id, {"stock": 0}).json["status"] == "sold_out"
    assert edit(catalog_client, sign_identity, product, seller_id, {"stock": 4}).json["status"] == "on_sale"


def test_a_draft_is_shown_only_to_its_seller_and_admins(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    draft = list_product(catalog_client, sign_identity, seller_id, status="draft")
    customer = as_customer(sign_identity)

    assert shown(catalog_client, sign_identity, draft, customer).status_code == 404
    assert draft["id"] not in listed_ids(catalog_client, customer, seller_id=seller_id)
    assert listed_ids(catalog_client, customer, seller_id=seller_id, status="draft") == set()
    owner = as_seller(sign_identity, seller_id)
    assert shown(catalog_client, sign_identity, draft, owner).json["status"] == "draft"
    assert listed_ids(catalog_client, owner, seller_id=seller_id, status="draft") == {draft["id"]}
    assert draft["id"] in listed_ids(catalog_client, as_admin(sign_identity), seller_id=seller_id)

    published = edit(catalog_client, sign_identity, draft, seller_id, {"status": "on_sale"})
    assert published.json["status"] == "on_sale"
    assert shown(catalog_client, sign_identity, draft, customer).status_code == 200


def test_a_draft_cannot_be_ordered(catalog_runtime, catalog_client, catalog_consumer, sign_identity):
    draft = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer), status="draft")
    order_id, _ = place(catalog_consumer, draft, 1)
    assert outcome_of(catalog_runtime, order_id)["data"]["reason"] == "product_unavailable"


def test_a_suspended_product_is_hidden_and_cannot_be_ordered(catalog_runtime, catalog_client, catalog_consumer,
                                                             sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=5)

    assert suspend(catalog_client, sign_identity, product)["status"] == "suspended"

    assert shown(catalog_client, sign_identity, product).status_code == 404
    assert product["id"] not in listed_ids(catalog_client, sign_identity(), seller_id=seller_id)
    order_id, _ = place(catalog_consumer, product, 1)
    outcome = outcome_of(catalog_runtime, order_id)
    assert (outcome["type"], outcome["data"]["reason"]) == ("StockReservationFailed", "product_unavailable")
    assert outcome["data"]["product_ids"] == [product["id"]]
    owner_view = shown(catalog_client, sign_identity, product, as_seller(sign_identity, seller_id)).json
    assert (owner_view["stock"], owner_view["suspension_reason"]) == (5, "Counterfeit report")


def test_a_seller_cannot_put_a_suspended_product_back_on_sale(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)
    suspend(catalog_client, sign_identity, product)

    response = edit(catalog_client, sign_identity, product, seller_id, {"status": "on_sale", "price": 1})

    assert response.status_code == 409
    assert response.json["type"].endswith("product-suspended")
    owner_view = shown(catalog_client, sign_identity, product, as_seller(sign_identity, seller_id)).json
    assert (owner_view["status"], owner_view["price"]) == ("suspended", 12000)


def test_lifting_a_suspension_puts_the_product_back_on_sale_or_sold_out_by_stock(catalog_client, catalog_consumer,
                                                                                 sign_identity):
    seller_id = approve_seller(catalog_consumer)
    stocked = list_product(catalog_client, sign_identity, seller_id, stock=2)
    empty = list_product(catalog_client, sign_identity, seller_id, stock=0)
    admin = as_admin(sign_identity)

    for product, expected in ((stocked, "on_sale"), (empty, "sold_out")):
        suspend(catalog_client, sign_identity, product)
        lifted = catalog_client.delete(f"/api/products/{product['id']}/suspension", headers=admin)
        assert lifted.status_code == 200
        assert (lifted.json["status"], lifted.json["suspension_reason"]) == (expected, None)
    again = catalog_client.delete(f"/api/products/{stocked['id']}/suspension", headers=admin)
    assert again.status_code == 409


def test_only_admins_suspend_products(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)

    response = catalog_client.post(
        f"/api/products/{product['id']}/suspension",
        json={"reason": "mine"},
        headers=as_seller(sign_identity, seller_id),
    )
    assert response.status_code == 403
    assert shown(catalog_client, sign_identity, product).json["status"] == "on_sale"


def test_a_deleted_product_is_hidden_and_refused_but_its_reservations_are_still_released(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=3)
    held_order, _ = place(catalog_consumer, product, 2)

    deleted = catalog_client.delete(f"/api/products/{product['id']}", headers=as_seller(sign_identity, seller_id))

    assert deleted.status_code == 204
    assert shown(catalog_client, sign_identity, product).status_code == 404
    assert product["id"] not in listed_ids(catalog_client, as_admin(sign_identity), seller_id=seller_id)
    late_order, _ = place(catalog_consumer, product, 1)
    assert outcome_of(catalog_runtime, late_order)["data"]["reason"] == "product_unavailable"
    assert edit(catalog_client, sign_identity, product, seller_id, {"price": 1}).status_code == 404

    cancel(catalog_consumer, held_order)
    with catalog_runtime.unit_of_work() as uow:
        kept = uow.session.get(Product, product["id"])
        assert (kept.stock, kept.name, kept.deleted_at is not None) == (3, "Green tea", True)


def test_stock_low_is_recorded_once_per_crossing_of_the_threshold(catalog_runtime, catalog_client, catalog_consumer,
                                                                  sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=5, low_stock_threshold=2)

    def alerts():
        return recorded_envelopes(catalog_runtime, "StockLow", product_id=product["id"])

    first_order, _ = place(catalog_consumer, product, 3)
    place(catalog_consumer, product, 1)
    assert [(a["data"]["stock"], a["data"]["threshold"]) for a in alerts()] == [(2, 2)]

    cancel(catalog_consumer, first_order)
    assert len(alerts()) == 1
    edit(catalog_client, sign_identity, product, seller_id, {"stock": 1})

    assert [a["data"]["stock"] for a in alerts()] == [2, 1]
    for alert in alerts():
        validate_wire(alert)
        assert (alert["data"]["seller_id"], alert["data"]["product_name"]) == (seller_id, "Green tea")


def test_a_threshold_of_zero_never_alerts(catalog_runtime, catalog_client, catalog_consumer, sign_identity):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer), stock=1)
    place(catalog_consumer, product, 1)
    assert recorded(catalog_runtime, "StockLow", product_id=product["id"]) == []


def test_products_are_filtered_by_category_with_its_descendants(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    food = add_category(catalog_client, sign_identity, "Groceries")
    tea = add_category(catalog_client, sign_identity, "Leaf", parent=food)
    toys = add_category(catalog_client, sign_identity, "Toys")
    in_food = list_product(catalog_client, sign_identity, seller_id, category_id=food["id"])
    in_tea = list_product(catalog_client, sign_identity, seller_id, category_id=tea["id"])
    list_product(catalog_client, sign_identity, seller_id, category_id=toys["id"])

    customer = sign_identity()
    assert listed_ids(catalog_client, customer, category_id=food["id"]) == {in_food["id"], in_tea["id"]}
    assert listed_ids(catalog_client, customer, category_id=tea["id"]) == {in_tea["id"]}


def test_products_are_filtered_by_status(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    on_sale = list_product(catalog_client, sign_identity, seller_id, stock=1)
    sold_out = list_product(catalog_client, sign_identity, seller_id, stock=0)

    assert listed_ids(catalog_client, sign_identity(), seller_id=seller_id, status="sold_out") == {sold_out["id"]}
    assert listed_ids(catalog_client, sign_identity(), seller_id=seller_id, status="on_sale") == {on_sale["id"]}
    refused = catalog_client.get("/api/products?status=hidden", headers=sign_identity())
    assert refused.status_code == 422
