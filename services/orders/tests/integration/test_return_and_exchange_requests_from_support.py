"""Support's ReturnRequested and ExchangeRequested: claims of that kind for the seller to decide, answered
to support by the Claim* events carrying the inquiry id; a request that cannot become claims is
answered with RefundRejected keyed by its request id.
"""
from datetime import datetime, timezone

import pytest

from contracts.jsonschema import validate_wire
from servicekit.testing.events import deliver
from servicekit.testing.identities import as_customer, as_seller
from .claim_fixtures import decide, shipment_in
from .journey import new_id, recorded


class Parties:
    """A customer and the seller of their order."""

    def __init__(self, sign_identity):
        self.customer_id, self.seller_id = new_id(), new_id()
        self.customer = as_customer(sign_identity, self.customer_id)
        self.seller = as_seller(sign_identity, self.seller_id)


@pytest.fixture
def parties(sign_identity):
    return Parties(sign_identity)


def goods_claim_requested(order_id, customer_id):
    return {
        "request_id": new_id(),
        "inquiry_id": new_id(),
        "order_id": order_id,
        "customer_id": customer_id,
        "lines": [],
        "reason_code": "defective",
        "reason_text": "전원이 켜지지 않아요.",
        "requested_at": datetime.now(timezone.utc).isoformat(),
    }


def ask(consumer, name, request):
    handled = deliver(consumer, name, request)
    assert handled is True


def claims_of(client, customer):
    return client.get("/api/claims", headers=customer).json


def requested_from_support(client, consumer, parties, name, shipment_status="delivered"):
    """An order of the customer with its shipment in `shipment_status`, and support's request about it."""
    order, _ = shipment_in(client, consumer, parties.customer, parties.seller, parties.seller_id, shipment_status)
    request = goods_claim_requested(order["id"], parties.customer_id)
    ask(consumer, name, request)
    return order, request


@pytest.mark.parametrize("name, kind", [("ReturnRequested", "return"), ("ExchangeRequested", "exchange")])
def test_a_goods_request_from_support_opens_a_claim_of_its_kind_for_the_seller(
    orders_client, orders_consumer, parties, name, kind
):
    _, request = requested_from_support(orders_client, orders_consumer, parties, name)

    [opened] = claims_of(orders_client, parties.customer)
    assert (opened["kind"], opened["source"], opened["status"]) == (kind, "support", "requested")
    assert (opened["inquiry_id"], opened["seller_id"]) == (request["inquiry_id"], parties.seller_id)
    assert [(line["line_no"], line["quantity"]) for line in opened["lines"]] == [(1, 2)]


def test_support_hears_a_returns_receipt_approval_and_completion_by_its_request_and_no_refund_answer(
    orders_runtime, orders_client, orders_consumer, parties
):
    order, request = requested_from_support(orders_client, orders_consumer, parties, "ReturnRequested")
    [opened] = claims_of(orders_client, parties.customer)

    decide(orders_client, parties.seller, opened["id"], "approval")
    completed = decide(orders_client, parties.seller, opened["id"], "completion", {}).json

    told = [
        e for e in recorded(orders_runtime, order["id"])
        if e["type"] in ("ClaimRequested", "ClaimApproved", "ClaimCompleted")
    ]
    assert [e["type"] for e in told] == ["ClaimRequested", "ClaimApproved", "ClaimCompleted"]
    for event in told:
        validate_wire(event)
        assert (event["data"]["inquiry_id"], event["data"]["kind"]) == (request["inquiry_id"], "return")
        assert event["data"]["request_id"] == request["request_id"]
    assert told[2]["data"]["refunded_amount"] == completed["refunded_amount"] > 0
    assert [e for e in recorded(orders_runtime, order["id"]) if e["type"].startswith("Refund")] == []


def test_support_hears_an_exchanges_rejection_with_the_sellers_reason(
    orders_runtime, orders_client, orders_consumer, parties
):
    order, request = requested_from_support(orders_client, orders_consumer, parties, "ExchangeRequested")
    [opened] = claims_of(orders_client, parties.customer)

    decide(orders_client, parties.seller, opened["id"], "rejection", {"reason": "사용 흔적이 있습니다."})

    [rejected] = recorded(orders_runtime, order["id"], "ClaimRejected")
    assert (rejected["data"]["inquiry_id"], rejected["data"]["kind"]) == (request["inquiry_id"], "exchange")
    assert rejected["data"]["reason"] == "사용 흔적이 있습니다."
    assert recorded(orders_runtime, order["id"], "RefundRejected") == []


@pytest.mark.parametrize("name", ["ReturnRequested", "ExchangeRequested"])
def test_a_goods_request_for_a_shipment_not_yet_shipped_is_rejected_at_once_by_request_id(
    orders_runtime, orders_client, orders_consumer, parties, name
):
    order, request = requested_from_support(orders_client, orders_consumer, parties, name, "preparing")

    [rejected] = recorded(orders_runtime, order["id"], "RefundRejected")
    validate_wire(rejected)
    assert (rejected["data"]["request_id"], rejected["data"]["claim_id"]) == (request["request_id"], None)
    assert "preparing" in rejected["data"]["reason"]
    assert claims_of(orders_client, parties.customer) == []


def test_a_repeated_return_request_opens_its_claim_once(orders_client, orders_consumer, parties):
    _, request = requested_from_support(orders_client, orders_consumer, parties, "ReturnRequested")

    ask(orders_consumer, "ReturnRequested", request)

    assert len(claims_of(orders_client, parties.customer)) == 1
