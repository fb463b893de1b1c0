"""Support's RefundRequested: refund claims for the sellers to decide, answered to support by request id
(approved, completed or rejected), once however often the request arrives.
"""
from datetime import datetime, timezone

import pytest

from contracts.jsonschema import validate_wire
from servicekit.testing.events import deliver
from servicekit.testing.identities import as_customer, as_seller
from .claim_fixtures import decide, move_to, order_seen, shipment_in
from .journey import checkout, new_id, paid_order, recorded


@pytest.fixture
def seller_id():
    return new_id()


@pytest.fixture
def customer_id():
    return new_id()


@pytest.fixture
def customer(sign_identity, customer_id):
    return as_customer(sign_identity, customer_id)


@pytest.fixture
def seller(sign_identity, seller_id):
    return as_seller(sign_identity, seller_id)


def refund_requested(order_id, customer_id, lines=(), reason_code="damaged"):
    return {
        "request_id": new_id(),
        "inquiry_id": new_id(),
        "order_id": order_id,
        "customer_id": customer_id,
        "lines": list(lines),
        "reason_code": reason_code,
        "reason_text": "상자가 찌그러져 왔어요.",
        "requested_at": datetime.now(timezone.utc).isoformat(),
    }


def ask(consumer, request):
    handled = deliver(consumer, "RefundRequested", request)
    assert handled is True


def claims_of(client, customer):
    return client.get("/api/claims", headers=customer).json


def answers(runtime, order_id):
    return [e for e in recorded(runtime, order_id) if e["type"].startswith("Refund")]


def test_a_refund_request_becomes_a_claim_and_support_hears_its_approval_and_completion(
    orders_runtime, orders_client, orders_consumer, customer, customer_id, seller, seller_id
):
    order, _ = shipment_in(orders_client, orders_consumer, customer, seller, seller_id, "delivered")
    one_unit = [{"product_id": order["lines"][0]["product_id"], "quantity": 1}]
    request = refund_requested(order["id"], customer_id, one_unit)

    ask(orders_consumer, request)
    [opened] = claims_of(orders_client, customer)
    approved = decide(orders_client, seller, opened["id"], "approval").json

    assert (opened["kind"], opened["source"], opened["inquiry_id"]) == ("refund", "support", request["inquiry_id"])
    assert [(line["line_no"], line["quantity"]) for line in opened["lines"]] == [(1, 1)]
    assert (approved["status"], approved["refunded_amount"]) == ("completed", 12000)
    assert order_seen(orders_client, customer, order)["refunded_amount"] == 12000
    told = answers(orders_runtime, order["id"])
    assert [e["type"] for e in told] == ["RefundApproved", "RefundCompleted"]
    for event in told:
        validate_wire(event)
        assert (event["data"]["request_id"], event["data"]["inquiry_id"], event["data"]["claim_id"]) == (
            request["request_id"],
            request["inquiry_id"],
            opened["id"],
        )
    assert [e["data"]["amount"] for e in told] == [12000, 12000]
    requested = recorded(orders_runtime, order["id"], "ClaimRequested")
    assert requested[0]["data"]["inquiry_id"] == request["inquiry_id"]


def test_a_repeated_refund_request_opens_its_claim_once(
    orders_runtime, orders_client, orders_consumer, customer, customer_id, seller, seller_id
):
    order, _ = shipment_in(orders_client, orders_consumer, customer, seller, seller_id, "delivered")
    request = refund_requested(order["id"], customer_id)
    event_id = new_id()
    deliver(orders_consumer, "RefundRequested", request, event_id=event_id)

    redelivered = deliver(orders_consumer, "RefundRequested", request, event_id=event_id)
    ask(orders_consumer, request)

    assert redelivered is False
    assert len(claims_of(orders_client, customer)) == 1
    assert len(recorded(orders_runtime, order["id"], "ClaimRequested")) == 1


def test_a_whole_order_refund_opens_a_claim_for_each_sellers_shipment(
    orders_runtime, orders_client, orders_consumer, customer, customer_id, sign_identity
):
    sellers = [new_id(), new_id()]
    lines = [{"product_id": new_id(), "seller_id": s, "quantity": 1, "unit_price": 8000} for s in sellers]
    order = paid_order(orders_client, orders_consumer, customer, checkout(*lines))
    for shipment in order["shipments"]:
        its_seller = as_seller(sign_identity, shipment["seller_id"])
        move_to(orders_client, its_seller, shipment["id"], "shipping")

    ask(orders_consumer, refund_requested(order["id"], customer_id, reason_code="not_delivered"))

    opened = claims_of(orders_client, customer)
    assert sorted(c["seller_id"] for c in opened) == sorted(sellers)
    assert all(c["status"] == "requested" and c["lines"][0]["quantity"] == 1 for c in opened)


def test_a_refund_request_for_an_unknown_order_is_rejected_at_once(orders_runtime, orders_consumer, customer_id):
    request = refund_requested(new_id(), customer_id)

    ask(orders_consumer, request)

    [rejected] = answers(orders_runtime, request["order_id"])
    validate_wire(rejected)
    assert rejected["type"] == "RefundRejected"
    assert (rejected["data"]["request_id"], rejected["data"]["claim_id"]) == (request["request_id"], None)
    assert rejected["data"]["reason"]


@pytest.mark.parametrize(
    "case, reason_contains",
    [
        ("another customer's order", "no such order"),
        ("a product the order lacks", "has no product"),
        ("more units than bought", "fewer than 3 units"),
        ("a shipment not yet shipped", "preparing"),
    ],
)
def test_a_refund_request_that_cannot_become_claims_is_rejected_with_the_reason(
    orders_runtime, orders_client, orders_consumer, customer, customer_id, seller, seller_id, case, reason_contains
):
    status = "preparing" if case == "a shipment not yet shipped" else "delivered"
    order, _ = shipment_in(orders_client, orders_consumer, customer, seller, seller_id, status)
    product_id = order["lines"][0]["product_id"]
    customer_asking, lines = {
        "another customer's order": (new_id(), []),
        "a product the order lacks": (customer_id, [{"product_id": new_id(), "quantity": 1}]),
        "more units than bought": (customer_id, [{"product_id": product_id, "quantity": 3}]),
        "a shipment not yet shipped": (customer_id, []),
    }[case]
    request = refund_requested(order["id"], customer_asking, lines)

    ask(orders_consumer, request)

    [rejected] = answers(orders_runtime, order["id"])
    assert rejected["type"] == "RefundRejected"
    assert reason_contains in rejected["data"]["reason"]
    assert claims_of(orders_client, customer) == []


def test_support_hears_when_the_seller_rejects_the_refund(
    orders_runtime, orders_client, orders_consumer, customer, customer_id, seller, seller_id
):
    order, _ = shipment_in(orders_client, orders_consumer, customer, seller, seller_id, "delivered")
    request = refund_requested(order["id"], customer_id)
    ask(orders_consumer, request)
    [opened] = claims_of(orders_client, customer)

    decide(orders_client, seller, opened["id"], "rejection", {"reason": "정상 배송이 확인되었습니다."})

    [rejected] = answers(orders_runtime, order["id"])
    assert rejected["type"] == "RefundRejected"
    assert (rejected["data"]["claim_id"], rejected["data"]["inquiry_id"]) == (opened["id"], request["inquiry_id"])
    assert rejected["data"]["reason"] == "정상 배송이 확인되었습니다."
