"""Catalog's answer settles a pending order once: paid when the stock is held and the card accepted,
cancelled (with why, and the stock released) when either fails.
"""
from contracts.jsonschema import validate_wire
from servicekit.testing.events import deliver
from servicekit.testing.identities import as_customer
from .journey import checkout, items, new_id, placed, recorded, stock_reservation_failed, stock_reserved


def test_stock_reserved_takes_the_payment_and_records_a_valid_order_paid(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    headers = as_customer(sign_identity)
    tea, cup, seller_a, seller_b = new_id(), new_id(), new_id(), new_id()
    category = new_id()
    order = placed(
        orders_client,
        headers,
        checkout(*items(tea, seller=seller_a), *items(cup, quantity=1, unit_price=500, seller=seller_b)),
    )

    handled = deliver(orders_consumer, "StockReserved", stock_reserved(order, {tea: category}))

    assert handled is True
    shown = orders_client.get(f"/api/orders/{order['id']}", headers=headers).json
    assert shown["status"] == "paid"
    assert shown["paid_at"] is not None
    assert [(line["seller_id"], line["product_name"]) for line in shown["lines"]] == [
        (seller_a, "Product 1"),
        (seller_b, "Product 2"),
    ]
    assert sorted(s["status"] for s in shown["shipments"]) == ["paid", "paid"]
    paid = recorded(orders_runtime, order["id"], "OrderPaid")
    assert len(paid) == 1
    validate_wire(paid[0])
    assert paid[0]["data"]["paid_amount"] == order["total_amount"]
    assert {s["seller_id"] for s in paid[0]["data"]["shipments"]} == {seller_a, seller_b}
    assert paid[0]["data"]["lines"][0]["category_id"] == category


def test_a_declined_card_cancels_the_order_and_releases_its_stock(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    headers = as_customer(sign_identity)
    order = placed(orders_client, headers, checkout(*items(new_id()), token="tok_decline_insufficient_funds"))

    deliver(orders_consumer, "StockReserved", stock_reserved(order))

    shown = orders_client.get(f"/api/orders/{order['id']}", headers=headers).json
    assert (shown["status"], shown["cancel_reason"]) == ("cancelled", "payment_failed")
    assert "declined" in shown["cancel_detail"]
    assert [s["status"] for s in shown["shipments"]] == ["cancelled"]
    # What was not paid is named as catalog reserved it, as on a paid order.
    assert [line["product_name"] for line in shown["lines"]] == ["Product 1"]
    cancelled = recorded(orders_runtime, order["id"], "OrderCancelled")
    assert len(cancelled) == 1
    validate_wire(cancelled[0])
    assert recorded(orders_runtime, order["id"], "OrderPaid") == []


def test_a_reservation_naming_another_seller_cancels_the_order_unpaid(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    headers = as_customer(sign_identity)
    order = placed(orders_client, headers)
    reservation = stock_reserved(order)
    reservation["lines"][0]["seller_id"] = new_id()

    deliver(orders_consumer, "StockReserved", reservation)

    shown = orders_client.get(f"/api/orders/{order['id']}", headers=headers).json
    assert (shown["status"], shown["cancel_reason"]) == ("cancelled", "product_unavailable")
    assert recorded(orders_runtime, order["id"], "OrderPaid") == []


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
    reservation, event_id = stock_reserved(order), new_id()
    deliver(orders_consumer, "StockReserved", reservation, event_id=event_id)

    again = deliver(orders_consumer, "StockReserved", reservation, event_id=event_id)

    assert again is False
    assert len(recorded(orders_runtime, order["id"], "OrderPaid")) == 1


def test_a_second_outcome_for_a_settled_order_changes_nothing(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    headers = as_customer(sign_identity)
    order = placed(orders_client, headers)
    deliver(orders_consumer, "StockReserved", stock_reserved(order))
    before = orders_client.get(f"/api/orders/{order['id']}", headers=headers).json

    deliver(orders_consumer, "StockReservationFailed", stock_reservation_failed(order))
    deliver(orders_consumer, "StockReserved", stock_reserved(order))

    assert orders_client.get(f"/api/orders/{order['id']}", headers=headers).json == before
    assert [event["type"] for event in recorded(orders_runtime, order["id"])] == ["OrderPlaced", "OrderPaid"]


def test_an_outcome_for_an_unknown_order_changes_nothing(orders_runtime, orders_consumer):
    unknown = {"id": new_id(), "lines": [{"product_id": new_id(), "line_no": 1, "quantity": 1, "unit_price": 10}]}

    handled = deliver(orders_consumer, "StockReservationFailed", stock_reservation_failed(unknown))

    assert handled is True
    assert recorded(orders_runtime, unknown["id"]) == []
