"""What orders tells settlements about money: OrderPaid says which part of each shipment's discount was the
seller's own coupon, and every refund records PaymentRefunded with parts that add up to what it gave back.
"""
import pytest

from contracts.jsonschema import validate_wire
from servicekit.testing.identities import as_admin, as_customer, as_seller
from .claim_fixtures import announce_fees, claimed, decide, move_to
from .journey import checkout, new_id, paid_order, recorded

# Seller A's 30000 won of items and seller B's 10000. A's coupon takes 1001 won off A's items; the
# platform's 999 won coupon is split 30000:10000, rounded down (749 and 249) with the remainder to A.
A_DISCOUNT, A_SELLER_DISCOUNT, B_DISCOUNT = 1001 + 750, 1001, 249
A_SHIPPING = 3000


@pytest.fixture
def seller_a():
    return new_id()


@pytest.fixture
def seller_b():
    return new_id()


@pytest.fixture
def customer(sign_identity):
    return as_customer(sign_identity)


def coupon(client, owner, value):
    body = {
        "name": "Spring sale",
        "discount_type": "fixed",
        "discount_value": value,
        "min_order_amount": 10_000,
        "starts_at": "2020-01-01T00:00:00+00:00",
        "ends_at": "2099-01-01T00:00:00+00:00",
    }
    created = client.post("/api/coupons", json=body, headers=owner)
    assert created.status_code == 201, created.json
    return created.json["id"]


def downloaded(client, customer, coupon_id):
    response = client.post(f"/api/coupons/{coupon_id}/downloads", headers=customer)
    assert response.status_code == 201, response.json
    return response.json["id"]


@pytest.fixture
def order_with_two_coupons(orders_client, orders_consumer, sign_identity, customer, seller_a, seller_b):
    """A paid order of two sellers that used seller A's coupon and a platform coupon."""
    coupons = [
        coupon(orders_client, as_seller(sign_identity, seller_a), 1001),
        coupon(orders_client, as_admin(sign_identity), 999),
    ]
    issued = [downloaded(orders_client, customer, coupon_id) for coupon_id in coupons]
    lines = [
        {"product_id": new_id(), "seller_id": seller_a, "quantity": 3, "unit_price": 10_000},
        {"product_id": new_id(), "seller_id": seller_b, "quantity": 1, "unit_price": 10_000},
    ]
    return paid_order(orders_client, orders_consumer, customer, checkout(*lines, coupon_ids=issued))


def shipment_of(order, seller_id):
    return next(s for s in order["shipments"] if s["seller_id"] == seller_id)


def refunds(runtime, order):
    events = recorded(runtime, order["id"], "PaymentRefunded")
    for event in events:
        validate_wire(event)
    return [event["data"] for event in events]


def adds_up(refund):
    return (
        refund["items_amount"] - refund["discount_share"] + refund["shipping_refund"] - refund["return_fee"]
        - refund["lost_free_shipping"]
    ) == refund["amount"]


def test_order_paid_tells_each_shipments_discount_apart_by_who_bears_it(
    orders_runtime, order_with_two_coupons, seller_a, seller_b
):
    [paid] = recorded(orders_runtime, order_with_two_coupons["id"], "OrderPaid")

    validate_wire(paid)
    shipments = {s["seller_id"]: (s["discount"], s["seller_discount"]) for s in paid["data"]["shipments"]}
    assert shipments == {seller_a: (A_DISCOUNT, A_SELLER_DISCOUNT), seller_b: (B_DISCOUNT, 0)}


def test_a_partial_return_with_a_return_fee_records_a_refund_whose_parts_add_up_and_keep_the_sellers_fee(
    orders_runtime, orders_client, orders_consumer, sign_identity, customer, seller_a, order_with_two_coupons
):
    announce_fees(orders_consumer, seller_a, return_fee=2500)
    seller = as_seller(sign_identity, seller_a)
    shipment_id = shipment_of(order_with_two_coupons, seller_a)["id"]
    move_to(orders_client, seller, shipment_id, "delivered")
    asked = claimed(orders_client, customer, shipment_id, "return", lines=[{"line_no": 1, "quantity": 1}])
    decide(orders_client, seller, asked["id"], "approval")

    completed = decide(orders_client, seller, asked["id"], "completion", {}).json

    [refund] = refunds(orders_runtime, order_with_two_coupons)
    assert adds_up(refund)
    assert (refund["claim_id"], refund["shipment_id"], refund["seller_id"]) == (asked["id"], shipment_id, seller_a)
    assert refund["lines"] == [{"line_no": 1, "quantity": 1, "amount": 10_000}]
    assert refund["items_amount"] == 10_000
    # A third of the items returned keeps back a third of each coupon's part, rounded down.
    assert (refund["discount_share"], refund["seller_discount_share"]) == (A_DISCOUNT // 3, A_SELLER_DISCOUNT // 3)
    assert (refund["return_fee"], refund["shipping_refund"], refund["lost_free_shipping"]) == (2500, 0, 0)
    assert refund["amount"] == completed["refunded_amount"] == 10_000 - A_DISCOUNT // 3 - 2500


def test_a_partial_then_a_whole_cancellation_keep_back_exactly_the_discount_and_give_back_what_it_cost(
    orders_runtime, orders_client, sign_identity, customer, seller_a, order_with_two_coupons
):
    seller = as_seller(sign_identity, seller_a)
    shipment_id = shipment_of(order_with_two_coupons, seller_a)["id"]
    move_to(orders_client, seller, shipment_id, "preparing")
    asked = claimed(orders_client, customer, shipment_id, "cancel", lines=[{"line_no": 1, "quantity": 1}])
    decide(orders_client, seller, asked["id"], "approval")

    cancelled = orders_client.post(
        f"/api/shipments/{shipment_id}/cancellation", json={"reason_code": "out_of_stock"}, headers=seller
    )

    assert cancelled.status_code == 200, cancelled.json
    partial, whole = refunds(orders_runtime, order_with_two_coupons)
    assert all(adds_up(refund) for refund in (partial, whole))
    assert (partial["claim_id"], whole["claim_id"], whole["reason"]) == (asked["id"], None, "out_of_stock")
    assert whole["lines"] == [{"line_no": 1, "quantity": 2, "amount": 20_000}]
    assert whole["shipping_refund"] == A_SHIPPING
    assert partial["discount_share"] + whole["discount_share"] == A_DISCOUNT
    assert partial["seller_discount_share"] + whole["seller_discount_share"] == A_SELLER_DISCOUNT
    assert partial["amount"] + whole["amount"] == 30_000 + A_SHIPPING - A_DISCOUNT
