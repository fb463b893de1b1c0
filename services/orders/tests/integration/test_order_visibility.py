"""Who reads which orders: customers their own, sellers their paid lines, admins all; others 404."""
import pytest

from servicekit.testing.events import deliver
from servicekit.testing.identities import as_admin, as_customer, as_seller
from .journey import checkout, items, new_id, placed, stock_reserved


def test_a_customer_reading_another_customers_order_gets_not_found(orders_client, sign_identity):
    order = placed(orders_client, as_customer(sign_identity))

    response = orders_client.get(f"/api/orders/{order['id']}", headers=as_customer(sign_identity))

    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.json["type"].endswith(":order-not-found")


@pytest.mark.parametrize("order_id", [new_id(), "not-an-order-id"])
def test_an_unknown_or_malformed_order_id_is_not_found(orders_client, sign_identity, order_id):
    response = orders_client.get(f"/api/orders/{order_id}", headers=as_customer(sign_identity))

    assert response.status_code == 404
    assert response.json["type"].endswith(":order-not-found")


def test_a_customer_lists_only_their_own_orders_filtered_by_status(orders_client, orders_consumer, sign_identity):
    headers = as_customer(sign_identity)
    first, second = placed(orders_client, headers), placed(orders_client, headers)
    placed(orders_client, as_customer(sign_identity))
    deliver(orders_consumer, "StockReserved", stock_reserved(first))

    everything = orders_client.get("/api/orders", headers=headers)
    pending = orders_client.get("/api/orders?status=pending", headers=headers)

    assert everything.status_code == 200
    assert [order["id"] for order in everything.json] == [second["id"], first["id"]]
    assert [order["id"] for order in pending.json] == [second["id"]]


def test_an_unknown_status_filter_is_refused(orders_client, sign_identity):
    response = orders_client.get("/api/orders?status=shipped", headers=as_customer(sign_identity))

    assert response.status_code == 422
    assert "status" in response.json["errors"]


def test_a_seller_sees_only_paid_orders_of_their_products_and_only_their_lines(
    orders_client, orders_consumer, sign_identity
):
    seller, other_seller = new_id(), new_id()
    mine, theirs = new_id(), new_id()
    shared = placed(
        orders_client,
        as_customer(sign_identity),
        checkout(
            *items(mine, quantity=2, unit_price=1000, seller=seller),
            *items(theirs, quantity=1, unit_price=7000, seller=other_seller),
        ),
    )
    deliver(orders_consumer, "StockReserved", stock_reserved(shared))
    not_mine = placed(orders_client, as_customer(sign_identity), checkout(*items(theirs, seller=other_seller)))
    deliver(orders_consumer, "StockReserved", stock_reserved(not_mine))
    still_pending = placed(orders_client, as_customer(sign_identity), checkout(*items(mine, seller=seller)))
    headers = as_seller(sign_identity, seller)

    listed = orders_client.get("/api/orders", headers=headers).json
    one = orders_client.get(f"/api/orders/{shared['id']}", headers=headers)

    assert [order["id"] for order in listed] == [shared["id"]]
    assert one.status_code == 200
    assert [line["product_id"] for line in one.json["lines"]] == [mine]
    assert [s["seller_id"] for s in one.json["shipments"]] == [seller]
    # Their items and their own shipping fee; nothing of the other seller's part or the customer's points.
    assert one.json["total_amount"] == 2 * 1000 + 3000
    assert one.json["points_used"] == 0
    for hidden in (not_mine, still_pending):
        assert orders_client.get(f"/api/orders/{hidden['id']}", headers=headers).status_code == 404


def test_an_admin_sees_any_order_whole(orders_client, sign_identity):
    order = placed(orders_client, as_customer(sign_identity))
    headers = as_admin(sign_identity, second_factor_age=None)

    one = orders_client.get(f"/api/orders/{order['id']}", headers=headers)
    # Other tests' orders share the list, and the dashboard's are sold in 2031: the order is on the first
    # page of everyone's orders, not necessarily at its top.
    listed = orders_client.get("/api/orders", headers=headers).json

    assert one.status_code == 200
    assert one.json == order
    assert order["id"] in {shown["id"] for shown in listed}


@pytest.mark.parametrize("path", ["/api/orders", f"/api/orders/{new_id()}"])
def test_anonymous_callers_are_unauthenticated(orders_client, sign_identity, path):
    with_anonymous_token = orders_client.get(path, headers=sign_identity())
    without_token = orders_client.get(path)

    assert with_anonymous_token.status_code == without_token.status_code == 401
    assert with_anonymous_token.mimetype == "application/problem+json"


def test_a_seller_who_did_not_sign_in_with_a_second_factor_cannot_see_orders(orders_client, sign_identity):
    headers = as_seller(sign_identity, new_id(), second_factor_age=None)
    response = orders_client.get("/api/orders", headers=headers)
    assert response.status_code == 403
    assert response.json["type"].endswith("second-factor-required")
