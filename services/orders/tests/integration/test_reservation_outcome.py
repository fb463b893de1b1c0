"""Catalog's answer settles a pending order once: confirmed with its sellers, or cancelled with why."""
from contracts import Envelope
from contracts.jsonschema import validate_wire
from .journey import (
    as_customer,
    deliver,
    items,
    new_id,
    placed,
    recorded,
    stock_reservation_failed,
    stock_reserved,
)


def test_stock_reserved_confirms_the_order_and_records_a_valid_order_confirmed(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    headers = as_customer(sign_identity)
    tea, cup, seller_a, seller_b = new_id(), new_id(), new_id(), new_id()
    order = placed(orders_client, headers, {"items": [*items(tea), *items(cup, quantity=1, unit_price=500)]})

    handled, _ = deliver(orders_consumer, "StockReserved", stock_reserved(order, {tea: seller_a, cup: seller_b}))

    assert handled is True
    shown = orders_client.get(f"/api/orders/{order['id']}", headers=headers).json
    assert shown["status"] == "confirmed"
    assert shown["confirmed_at"] is not None
    assert [(line["seller_id"], line["product_name"]) for line in shown["lines"]] == [
        (seller_a, "Product 1"),
        (seller_b, "Product 2"),
    ]
    confirmed = recorded(orders_runtime, order["id"], "OrderConfirmed")
    assert len(confirmed) == 1
    validate_wire(confirmed[0])
    assert confirmed[0]["data"]["total_amount"] == order["total_amount"]
    assert {line["seller_id"] for line in confirmed[0]["data"]["lines"]} == {seller_a, seller_b}


def test_stock_reservation_failed_cancels_the_order_with_the_reason(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    headers = as_customer(sign_identity)
    order = placed(orders_client, headers)

    deliver(
        orders_consumer,
        "StockReservationFailed",
        stock_reservation_failed(order, "price_changed", "Some prices changed since the order was placed."),
    )

    shown = orders_client.get(f"/api/orders/{order['id']}", headers=headers).json
    assert shown["status"] == "cancelled"
    assert shown["cancel_reason"] == "price_changed"
    assert shown["cancel_detail"] == "Some prices changed since the order was placed."
    assert shown["cancelled_at"] is not None
    cancelled = recorded(orders_runtime, order["id"], "OrderCancelled")
    assert len(cancelled) == 1
    validate_wire(cancelled[0])
    assert cancelled[0]["data"]["reason"] == "price_changed"


def test_a_redelivered_reservation_takes_effect_once(orders_runtime, orders_client, orders_consumer, sign_identity):
    headers = as_customer(sign_identity)
    order = placed(orders_client, headers)
    sellers = {line["product_id"]: new_id() for line in order["lines"]}
    _, envelope = deliver(orders_consumer, "StockReserved", stock_reserved(order, sellers))

    again = orders_consumer.handle(Envelope.from_wire(envelope.to_wire()), "StockReserved.v1")

    assert again is False
    assert len(recorded(orders_runtime, order["id"], "OrderConfirmed")) == 1


def test_a_second_outcome_for_a_settled_order_changes_nothing(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    headers = as_customer(sign_identity)
    order = placed(orders_client, headers)
    sellers = {line["product_id"]: new_id() for line in order["lines"]}
    deliver(orders_consumer, "StockReserved", stock_reserved(order, sellers))
    before = orders_client.get(f"/api/orders/{order['id']}", headers=headers).json

    deliver(orders_consumer, "StockReservationFailed", stock_reservation_failed(order))
    deliver(orders_consumer, "StockReserved", stock_reserved(order, sellers))

    assert orders_client.get(f"/api/orders/{order['id']}", headers=headers).json == before
    assert [event["type"] for event in recorded(orders_runtime, order["id"])] == ["OrderPlaced", "OrderConfirmed"]


def test_an_outcome_for_an_unknown_order_changes_nothing(orders_runtime, orders_consumer):
    unknown = {"id": new_id(), "lines": [{"product_id": new_id(), "line_no": 1, "quantity": 1, "unit_price": 10}]}

    handled, _ = deliver(orders_consumer, "StockReservationFailed", stock_reservation_failed(unknown))

    assert handled is True
    assert recorded(orders_runtime, unknown["id"]) == []
