"""Placing an order: pending at once with OrderPlaced recorded, retried safely, bad input refused."""
import threading

import pytest

from contracts.jsonschema import validate_wire
from servicekit.testing.identities import as_customer, as_seller
from .journey import SELLER, checkout, items, new_id, orders_of, place, recorded


def test_placing_an_order_answers_pending_and_records_one_valid_order_placed(
    orders_runtime, orders_client, sign_identity
):
    customer_id = new_id()
    tea, cup = new_id(), new_id()
    body = checkout(*items(tea, quantity=2, unit_price=12000), *items(cup, quantity=3, unit_price=500))

    response = place(orders_client, as_customer(sign_identity, customer_id), body)

    assert response.status_code == 202
    order = response.json
    assert response.headers["Location"] == f"/api/orders/{order['id']}"
    assert order["status"] == "pending"
    # Under the default free-shipping threshold of 50000 won, the default 3000 won fee applies.
    assert (order["items_amount"], order["shipping_fee"]) == (2 * 12000 + 3 * 500, 3000)
    assert order["total_amount"] == 2 * 12000 + 3 * 500 + 3000
    assert [(line["product_id"], line["seller_id"]) for line in order["lines"]] == [(tea, SELLER), (cup, SELLER)]
    assert len(order["shipments"]) == 1 and order["shipments"][0]["status"] == "pending"
    assert order["order_number"].isdigit() and len(order["order_number"]) == 18
    events = recorded(orders_runtime, order["id"])
    assert [event["type"] for event in events] == ["OrderPlaced"]
    validate_wire(events[0])
    assert events[0]["data"]["customer_id"] == customer_id
    assert events[0]["data"]["total_amount"] == order["total_amount"]


def test_the_answer_of_a_placed_order_is_the_order_as_read_back(orders_client, sign_identity):
    headers = as_customer(sign_identity)
    other_seller = new_id()
    body = checkout(*items(new_id(), new_id()), *items(new_id(), seller=other_seller, quantity=1, unit_price=70000))

    placed = place(orders_client, headers, body, key="read-back")

    assert placed.status_code == 202
    answer = placed.json
    read_back = orders_client.get(f"/api/orders/{answer['id']}", headers=headers).json
    # The answer lists the shipments in the order of the request, a read by seller.
    answer["shipments"].sort(key=lambda shipment: shipment["seller_id"])
    assert answer == read_back
    shipment_of = {shipment["seller_id"]: shipment["id"] for shipment in answer["shipments"]}
    assert [line["shipment_id"] for line in answer["lines"]] == [shipment_of[SELLER]] * 2 + [
        shipment_of[other_seller]
    ]


def test_the_same_idempotency_key_and_body_return_the_same_order_once(orders_runtime, orders_client, sign_identity):
    customer_id = new_id()
    headers = as_customer(sign_identity, customer_id)
    body = checkout(*items(new_id()))

    first = place(orders_client, headers, body, key="checkout-7f3a")
    again = place(orders_client, headers, body, key="checkout-7f3a")

    assert first.status_code == again.status_code == 202
    assert again.json["id"] == first.json["id"]
    assert orders_of(orders_runtime, customer_id) == 1
    assert len(recorded(orders_runtime, first.json["id"], "OrderPlaced")) == 1


def test_the_same_idempotency_key_with_another_body_is_refused(orders_runtime, orders_client, sign_identity):
    customer_id = new_id()
    headers = as_customer(sign_identity, customer_id)
    place(orders_client, headers, checkout(*items(new_id())), key="checkout-1")

    response = place(orders_client, headers, checkout(*items(new_id())), key="checkout-1")

    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.json["type"].endswith(":idempotency-key-reused")
    assert orders_of(orders_runtime, customer_id) == 1


def test_an_idempotency_key_belongs_to_its_customer(orders_client, sign_identity):
    body = checkout(*items(new_id()))

    mine = place(orders_client, as_customer(sign_identity), body, key="shared-key")
    theirs = place(orders_client, as_customer(sign_identity), body, key="shared-key")

    assert mine.status_code == theirs.status_code == 202
    assert mine.json["id"] != theirs.json["id"]


def test_concurrent_requests_with_one_idempotency_key_place_one_order(
    orders_runtime, orders_app, sign_identity
):
    customer_id = new_id()
    headers = as_customer(sign_identity, customer_id)
    body = checkout(*items(new_id()))
    start = threading.Barrier(4)
    answers = []

    def place_at_once():
        client = orders_app.test_client()
        start.wait()
        answers.append(place(client, headers, body, key="double-click"))

    threads = [threading.Thread(target=place_at_once) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [answer.status_code for answer in answers] == [202] * 4
    assert len({answer.json["id"] for answer in answers}) == 1
    assert orders_of(orders_runtime, customer_id) == 1
    assert len(recorded(orders_runtime, answers[0].json["id"], "OrderPlaced")) == 1


PRODUCT = "0b7e1c2a-6d4f-4c8e-9a51-3f2d8e6b7c10"


def line(**changes):
    return {"product_id": PRODUCT, "seller_id": SELLER, "quantity": 1, "unit_price": 1000, **changes}


def without(body, field):
    return {name: value for name, value in body.items() if name != field}


def with_address(**changes):
    body = checkout(line())
    body["shipping_address"].update(changes)
    return body


@pytest.mark.parametrize(
    "body, failing_field",
    [
        ({}, "items"),
        (checkout() | {"items": []}, "items"),
        (checkout() | {"items": "tea"}, "items"),
        (checkout(line(quantity=0)), "items"),
        (checkout(line(quantity=1000)), "items"),
        (checkout(line(quantity="2")), "items"),
        (checkout(line(quantity=1.5)), "items"),
        (checkout(line(quantity=True)), "items"),
        (checkout(line(unit_price=-1)), "items"),
        (checkout(line(unit_price="1000")), "items"),
        (checkout(line(unit_price=1000.0)), "items"),
        (checkout({"product_id": PRODUCT, "seller_id": SELLER, "quantity": 1}), "items"),
        (checkout({"product_id": PRODUCT, "quantity": 1, "unit_price": 1000}), "items"),
        (checkout(line(product_id="green-tea")), "items"),
        (checkout(line(product_id=42)), "items"),
        (checkout(line(discount=10)), "items"),
        (checkout(line()) | {"total_amount": 1}, "total_amount"),
        (checkout(*[line()] * 51), "items"),
        (without(checkout(line()), "shipping_address"), "shipping_address"),
        (with_address(postcode="1234"), "shipping_address"),
        (with_address(phone="call me"), "shipping_address"),
        (with_address(recipient_name=""), "shipping_address"),
        (without(checkout(line()), "payment"), "payment"),
        (checkout(line()) | {"payment": {"method": "cash", "token": "x"}}, "payment"),
        (checkout(line()) | {"points": -1}, "points"),
        (checkout(line()) | {"points": 1.5}, "points"),
        (checkout(line()) | {"coupon_ids": ["not-a-uuid"]}, "coupon_ids"),
        ([], "_schema"),
    ],
)
def test_bad_input_is_refused_with_the_failing_field_and_places_nothing(
    orders_runtime, orders_client, sign_identity, body, failing_field
):
    customer_id = new_id()

    response = place(orders_client, as_customer(sign_identity, customer_id), body)

    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert failing_field in response.json["errors"]
    assert orders_of(orders_runtime, customer_id) == 0


@pytest.mark.parametrize("data, content_type", [("items=1", "text/plain"), ('{"items": [', "application/json")])
def test_a_body_that_is_not_json_is_refused_and_places_nothing(
    orders_runtime, orders_client, sign_identity, data, content_type
):
    customer_id = new_id()

    response = orders_client.post(
        "/api/orders", data=data, content_type=content_type, headers=as_customer(sign_identity, customer_id)
    )

    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert orders_of(orders_runtime, customer_id) == 0


@pytest.mark.parametrize("key", ["", "x" * 101, "has space", "키"])
def test_a_malformed_idempotency_key_is_refused_and_places_nothing(orders_runtime, orders_client, sign_identity, key):
    customer_id = new_id()

    response = place(orders_client, as_customer(sign_identity, customer_id), key=key)

    assert response.status_code == 422
    assert "Idempotency-Key" in response.json["errors"]
    assert orders_of(orders_runtime, customer_id) == 0


def test_only_a_signed_in_customer_may_place_an_order(orders_client, sign_identity):
    anonymous = place(orders_client, sign_identity())
    seller = place(orders_client, as_seller(sign_identity, new_id(), second_factor_age=None))
    no_token = orders_client.post("/api/orders", json=checkout())

    assert anonymous.status_code == no_token.status_code == 401
    assert seller.status_code == 403
