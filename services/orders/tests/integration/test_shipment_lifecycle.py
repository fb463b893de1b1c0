"""A shipment's lifecycle through the API: the seller confirms, dispatches and delivers, the customer
confirms the purchase (or the worker does a week later); illegal moves and strangers are refused.
"""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from contracts.jsonschema import validate_wire
from orders.lifecycle import confirm_due_purchases
from orders.models import Shipment
from servicekit.testing.identities import as_customer, as_seller
from .journey import SELLER, checkout, items, new_id, paid_order, recorded


@pytest.fixture
def customer(sign_identity):
    return as_customer(sign_identity)


@pytest.fixture
def seller(sign_identity):
    return as_seller(sign_identity, SELLER)


def act(client, headers, shipment_id, action, body=None):
    return client.post(f"/api/shipments/{shipment_id}/{action}", json=body, headers=headers)


def test_the_whole_lifecycle_moves_the_order_and_records_every_step(
    orders_runtime, orders_client, orders_consumer, customer, seller
):
    order = paid_order(orders_client, orders_consumer, customer)
    shipment_id = order["shipments"][0]["id"]

    confirmed = act(orders_client, seller, shipment_id, "confirmation")
    shipped = act(orders_client, seller, shipment_id, "dispatch", {"carrier": "cj", "tracking_number": "6012-3456-7890"})
    delivered = act(orders_client, seller, shipment_id, "delivery")
    shown_delivered = orders_client.get(f"/api/orders/{order['id']}", headers=customer).json
    final = act(orders_client, customer, shipment_id, "purchase-confirmation")

    assert [r.status_code for r in (confirmed, shipped, delivered, final)] == [200] * 4
    assert [r.json["status"] for r in (confirmed, shipped, delivered, final)] == [
        "preparing",
        "shipping",
        "delivered",
        "purchase_confirmed",
    ]
    tracking = shipped.json["tracking"]
    assert (tracking["carrier"], tracking["tracking_number"]) == ("cj", "601234567890")
    assert tracking["tracking_url"].endswith("601234567890")
    assert shown_delivered["status"] == "delivered"
    assert shown_delivered["shipments"][0]["purchase_confirmation_due_at"] is not None
    events = recorded(orders_runtime, order["id"])
    assert [e["type"] for e in events] == [
        "OrderPlaced",
        "OrderPaid",
        "OrderPreparing",
        "OrderShipped",
        "OrderDelivered",
        "PurchaseConfirmed",
    ]
    for event in events:
        validate_wire(event)
    assert events[3]["data"]["carrier"] == "cj" and events[3]["data"]["tracking_number"] == "601234567890"
    assert events[5]["data"]["automatic"] is False


@pytest.mark.parametrize(
    "steps, action",
    [
        ([], "dispatch"),
        ([], "delivery"),
        (["confirmation"], "confirmation"),
        (["confirmation"], "delivery"),
        (["confirmation", "dispatch"], "confirmation"),
        (["confirmation", "dispatch"], "cancellation"),
    ],
)
def test_an_illegal_move_is_refused_with_a_clear_problem_and_changes_nothing(
    orders_runtime, orders_client, orders_consumer, customer, seller, steps, action
):
    order = paid_order(orders_client, orders_consumer, customer)
    shipment_id = order["shipments"][0]["id"]
    bodies = {
        "dispatch": {"carrier": "hanjin", "tracking_number": "1234567890"},
        "cancellation": {"reason_code": "out_of_stock"},
    }
    for step in steps:
        assert act(orders_client, seller, shipment_id, step, bodies.get(step)).status_code == 200
    before = orders_client.get(f"/api/shipments/{shipment_id}", headers=seller).json

    refused = act(orders_client, seller, shipment_id, action, bodies.get(action))

    assert refused.status_code == 409
    assert refused.mimetype == "application/problem+json"
    assert refused.json["type"].endswith((":illegal-transition", ":cancellation-not-allowed"))
    assert orders_client.get(f"/api/shipments/{shipment_id}", headers=seller).json == before


def test_a_purchase_cannot_be_confirmed_before_delivery(orders_client, orders_consumer, customer):
    order = paid_order(orders_client, orders_consumer, customer)

    refused = act(orders_client, customer, order["shipments"][0]["id"], "purchase-confirmation")

    assert refused.status_code == 409
    assert "결제 완료" in refused.json["detail"]


def test_another_seller_cannot_see_or_touch_the_shipment(orders_client, orders_consumer, customer, sign_identity):
    order = paid_order(orders_client, orders_consumer, customer)
    shipment_id = order["shipments"][0]["id"]
    stranger = as_seller(sign_identity, new_id())

    assert orders_client.get(f"/api/shipments/{shipment_id}", headers=stranger).status_code == 404
    assert act(orders_client, stranger, shipment_id, "confirmation").status_code == 404
    assert orders_client.get("/api/shipments", headers=stranger).json == []


def test_the_customer_cannot_do_the_sellers_steps(orders_client, orders_consumer, customer):
    order = paid_order(orders_client, orders_consumer, customer)

    assert act(orders_client, customer, order["shipments"][0]["id"], "confirmation").status_code == 403


def test_a_tracking_number_that_does_not_fit_the_carrier_is_refused(orders_client, orders_consumer, customer, seller):
    order = paid_order(orders_client, orders_consumer, customer)
    shipment_id = order["shipments"][0]["id"]
    act(orders_client, seller, shipment_id, "confirmation")

    refused = act(orders_client, seller, shipment_id, "dispatch", {"carrier": "epost", "tracking_number": "123"})
    unknown = act(orders_client, seller, shipment_id, "dispatch", {"carrier": "pigeon", "tracking_number": "1234567890"})

    assert refused.status_code == unknown.status_code == 422
    assert "tracking_number" in refused.json["errors"]
    assert orders_client.get(f"/api/shipments/{shipment_id}", headers=seller).json["status"] == "preparing"


def test_the_worker_confirms_purchases_a_week_after_delivery(
    orders_runtime, orders_client, orders_consumer, customer, seller
):
    order = paid_order(orders_client, orders_consumer, customer)
    recent = paid_order(orders_client, orders_consumer, customer)
    for placed_order in (order, recent):
        shipment_id = placed_order["shipments"][0]["id"]
        act(orders_client, seller, shipment_id, "confirmation")
        act(orders_client, seller, shipment_id, "dispatch", {"carrier": "logen", "tracking_number": "12345678901"})
        act(orders_client, seller, shipment_id, "delivery")
    with orders_runtime.engine.begin() as connection:
        connection.execute(
            update(Shipment)
            .where(Shipment.id == order["shipments"][0]["id"])
            .values(delivered_at=datetime.now(timezone.utc) - timedelta(days=7, minutes=1))
        )

    confirm_due_purchases(orders_runtime)

    assert orders_client.get(f"/api/orders/{order['id']}", headers=customer).json["status"] == "purchase_confirmed"
    assert orders_client.get(f"/api/orders/{recent['id']}", headers=customer).json["status"] == "delivered"
    automatic = recorded(orders_runtime, order["id"], "PurchaseConfirmed")
    assert len(automatic) == 1 and automatic[0]["data"]["automatic"] is True


def test_a_seller_lists_their_shipments_by_status_and_finds_one_by_order_number(
    orders_client, orders_consumer, sign_identity
):
    seller_id = new_id()
    seller = as_seller(sign_identity, seller_id)
    customer = as_customer(sign_identity)
    first = paid_order(orders_client, orders_consumer, customer, checkout(*items(new_id(), seller=seller_id)))
    second = paid_order(orders_client, orders_consumer, customer, checkout(*items(new_id(), seller=seller_id)))
    act(orders_client, seller, second["shipments"][0]["id"], "confirmation")

    paid = orders_client.get("/api/shipments?status=paid", headers=seller).json
    found = orders_client.get(f"/api/shipments?q={second['order_number']}", headers=seller).json
    by_product = orders_client.get("/api/shipments?q=product 1", headers=seller).json

    assert [s["order_id"] for s in paid] == [first["id"]]
    assert [s["order_id"] for s in found] == [second["id"]]
    assert {s["order_id"] for s in by_product} == {first["id"], second["id"]}


def test_an_open_return_holds_back_the_purchase_confirmation_by_hand_and_by_the_worker(
    orders_runtime, orders_client, orders_consumer, customer, seller
):
    order = paid_order(orders_client, orders_consumer, customer)
    shipment_id = order["shipments"][0]["id"]
    act(orders_client, seller, shipment_id, "confirmation")
    act(orders_client, seller, shipment_id, "dispatch", {"carrier": "cj", "tracking_number": "601234567890"})
    act(orders_client, seller, shipment_id, "delivery")
    opened = orders_client.post(
        "/api/claims",
        json={"shipment_id": shipment_id, "kind": "return", "reason_code": "defective", "reason_text": "깨짐"},
        headers=customer,
    )
    assert opened.status_code == 201, opened.json
    with orders_runtime.engine.begin() as connection:
        connection.execute(
            update(Shipment)
            .where(Shipment.id == shipment_id)
            .values(delivered_at=datetime.now(timezone.utc) - timedelta(days=8))
        )

    by_hand = act(orders_client, customer, shipment_id, "purchase-confirmation")
    confirm_due_purchases(orders_runtime)

    assert by_hand.status_code == 409
    assert by_hand.json["type"].endswith(":claim-open")
    assert orders_client.get(f"/api/shipments/{shipment_id}", headers=customer).json["status"] == "delivered"
