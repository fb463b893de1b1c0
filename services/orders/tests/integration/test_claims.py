"""Claims through the API: customers cancel, return, exchange or ask money back; the seller decides,
the refund follows the fault and fee rules, catalog hears what goes back to stock; strangers are refused.
"""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from contracts.jsonschema import validate_wire
from orders.open_claims import has_open_claim
from orders.models import Shipment
from servicekit.testing.identities import as_customer, as_seller
from .claim_fixtures import (
    announce_fees,
    claim,
    claimed,
    decide,
    order_seen,
    refunds_of,
    shipment_in,
)
from .journey import checkout, new_id, paid_order, recorded


@pytest.fixture
def seller_id():
    return new_id()


@pytest.fixture
def customer(sign_identity):
    return as_customer(sign_identity)


@pytest.fixture
def seller(sign_identity, seller_id):
    return as_seller(sign_identity, seller_id)


@pytest.fixture
def shipment(orders_client, orders_consumer, customer, seller, seller_id):
    """Move a new order of the seller's to a status: (order, shipment id)."""

    def make(status, *prices):
        return shipment_in(orders_client, orders_consumer, customer, seller, seller_id, status, *prices)

    return make


def types_of(runtime, order_id, *types):
    return [e["type"] for e in recorded(runtime, order_id) if e["type"] in types]


CLAIM_EVENTS = (
    "ClaimRequested",
    "ClaimApproved",
    "ClaimRejected",
    "ClaimCompleted",
    "ClaimWithdrawn",
    "ShipmentCancelled",
    "ReturnCompleted",
)


def test_a_cancel_claim_while_preparing_is_refunded_unit_by_unit_once_the_seller_approves(
    orders_runtime, orders_client, customer, seller, shipment
):
    order, shipment_id = shipment("preparing")

    asked = claimed(orders_client, customer, shipment_id, "cancel", lines=[{"line_no": 1, "quantity": 1}])
    approved = decide(orders_client, seller, asked["id"], "approval")

    assert asked["status"] == "requested"
    assert approved.status_code == 200, approved.json
    assert (approved.json["status"], approved.json["refunded_amount"]) == ("completed", 12000)
    seen = order_seen(orders_client, customer, order)
    assert (seen["status"], seen["refunded_amount"]) == ("preparing", 12000)
    assert seen["lines"][0]["cancelled_quantity"] == 1
    cancelled = recorded(orders_runtime, order["id"], "ShipmentCancelled")
    assert [(line["line_no"], line["quantity"]) for line in cancelled[0]["data"]["lines"]] == [(1, 1)]
    assert types_of(orders_runtime, order["id"], *CLAIM_EVENTS) == [
        "ClaimRequested",
        "ClaimApproved",
        "ShipmentCancelled",
        "ClaimCompleted",
    ]
    for event in recorded(orders_runtime, order["id"]):
        validate_wire(event)


def test_cancelling_the_last_units_cancels_the_shipment_and_refunds_its_shipping(
    orders_runtime, orders_client, customer, seller, shipment
):
    order, shipment_id = shipment("preparing")
    first = claimed(orders_client, customer, shipment_id, "cancel", lines=[{"line_no": 1, "quantity": 1}])
    decide(orders_client, seller, first["id"], "approval")

    last = claimed(orders_client, customer, shipment_id, "cancel", reason_code="ordered_wrong")
    approved = decide(orders_client, seller, last["id"], "approval").json

    assert [(line["line_no"], line["quantity"]) for line in last["lines"]] == [(1, 1)]
    assert approved["refunded_amount"] == 12000 + 3000
    seen = order_seen(orders_client, customer, order)
    assert (seen["status"], seen["refunded_amount"]) == ("cancelled", order["total_amount"])
    assert len(recorded(orders_runtime, order["id"], "ShipmentCancelled")) == 2


def test_a_cancel_claim_before_the_seller_confirms_is_carried_out_at_once(
    orders_runtime, orders_client, customer, shipment
):
    order, shipment_id = shipment("paid")

    asked = claimed(orders_client, customer, shipment_id, "cancel")

    assert (asked["status"], asked["refunded_amount"]) == ("completed", order["total_amount"])
    assert order_seen(orders_client, customer, order)["status"] == "cancelled"
    assert types_of(orders_runtime, order["id"], *CLAIM_EVENTS) == [
        "ClaimRequested",
        "ClaimApproved",
        "ShipmentCancelled",
        "ClaimCompleted",
    ]


def test_a_return_is_refunded_less_the_return_fee_once_the_goods_are_back(
    orders_runtime, orders_client, customer, seller, shipment
):
    order, shipment_id = shipment("delivered", 12000, 5000)

    asked = claimed(orders_client, customer, shipment_id, "return", lines=[{"line_no": 1, "quantity": 1}])
    approved = decide(orders_client, seller, asked["id"], "approval").json
    waiting = order_seen(orders_client, customer, order)
    completed = decide(orders_client, seller, asked["id"], "completion", {})

    assert (approved["status"], approved["refunded_amount"]) == ("approved", 0)
    assert waiting["refunded_amount"] == 0
    assert completed.status_code == 200, completed.json
    assert (completed.json["status"], completed.json["refunded_amount"]) == ("completed", 12000 - 3000)
    seen = order_seen(orders_client, customer, order)
    assert seen["refunded_amount"] == 9000
    assert [line["returned_quantity"] for line in seen["lines"]] == [1, 0]
    returned = recorded(orders_runtime, order["id"], "ReturnCompleted")
    assert [(line["line_no"], line["quantity"]) for line in returned[0]["data"]["lines"]] == [(1, 1)]
    assert returned[0]["data"]["claim_id"] == asked["id"]
    validate_wire(returned[0])


def test_returning_everything_for_a_defect_refunds_the_shipping_too(orders_client, customer, seller, shipment):
    order, shipment_id = shipment("delivered")
    asked = claimed(orders_client, customer, shipment_id, "return", reason_code="defective")
    decide(orders_client, seller, asked["id"], "approval")

    completed = decide(orders_client, seller, asked["id"], "completion", {}).json

    assert completed["refunded_amount"] == 24000 + 3000 == order["total_amount"]


def test_a_return_that_loses_the_free_shipping_also_costs_the_base_fee(
    orders_runtime, orders_client, orders_consumer, customer, seller, seller_id, shipment
):
    announce_fees(orders_consumer, seller_id, base_fee=3500, return_fee=2500)
    order, shipment_id = shipment("delivered", 30000)
    assert order["shipping_fee"] == 0
    asked = claimed(orders_client, customer, shipment_id, "return", lines=[{"line_no": 1, "quantity": 1}])
    decide(orders_client, seller, asked["id"], "approval")

    completed = decide(orders_client, seller, asked["id"], "completion", {}).json

    assert completed["refunded_amount"] == 30000 - 2500 - 3500
    assert refunds_of(orders_runtime, order["id"]) == [(24000, 0)]


def test_an_exchange_ships_a_replacement_restocks_nothing_and_keeps_the_fee_as_owed(
    orders_runtime, orders_client, customer, seller, shipment
):
    order, shipment_id = shipment("delivered")
    asked = claimed(orders_client, customer, shipment_id, "exchange", lines=[{"line_no": 1, "quantity": 1}])
    decide(orders_client, seller, asked["id"], "approval")

    untracked = decide(orders_client, seller, asked["id"], "completion", {})
    completed = decide(
        orders_client, seller, asked["id"], "completion", {"carrier": "cj", "tracking_number": "6012-3456-7891"}
    )

    assert untracked.status_code == 422
    assert completed.status_code == 200, completed.json
    shown = completed.json
    assert (shown["status"], shown["refunded_amount"], shown["fee_owed"]) == ("completed", 0, 6000)
    assert shown["replacement"] == {"carrier": "cj", "tracking_number": "601234567891"}
    assert recorded(orders_runtime, order["id"], "ReturnCompleted") == []
    assert refunds_of(orders_runtime, order["id"]) == []
    assert order_seen(orders_client, customer, order)["lines"][0]["returned_quantity"] == 0


def test_an_exchange_for_a_defect_costs_the_customer_nothing(orders_client, customer, seller, shipment):
    _, shipment_id = shipment("delivered")
    asked = claimed(orders_client, customer, shipment_id, "exchange", reason_code="defective")
    decide(orders_client, seller, asked["id"], "approval")

    completed = decide(
        orders_client, seller, asked["id"], "completion", {"carrier": "hanjin", "tracking_number": "1234567890"}
    ).json

    assert completed["fee_owed"] == 0


def test_a_refund_claim_pays_back_at_approval_without_goods_coming_back(
    orders_runtime, orders_client, customer, seller, shipment
):
    order, shipment_id = shipment("shipping")
    asked = claimed(orders_client, customer, shipment_id, "refund", reason_code="not_delivered")

    approved = decide(orders_client, seller, asked["id"], "approval").json

    assert (approved["status"], approved["refunded_amount"]) == ("completed", order["total_amount"])
    assert order_seen(orders_client, customer, order)["lines"][0]["returned_quantity"] == 2
    assert recorded(orders_runtime, order["id"], "ReturnCompleted") == []
    completed = recorded(orders_runtime, order["id"], "ClaimCompleted")
    assert completed[0]["data"]["refunded_amount"] == order["total_amount"]


def test_a_customer_withdraws_an_undecided_claim_and_may_claim_its_units_again(
    orders_runtime, orders_client, customer, seller, shipment
):
    _, shipment_id = shipment("delivered")
    asked = claimed(orders_client, customer, shipment_id, "return")

    withdrawn = decide(orders_client, customer, asked["id"], "withdrawal")
    again = claimed(orders_client, customer, shipment_id, "return")
    decide(orders_client, seller, again["id"], "approval")
    too_late = decide(orders_client, customer, again["id"], "withdrawal")

    assert withdrawn.json["status"] == "withdrawn"
    assert withdrawn.json["withdrawn_at"] is not None
    [told] = recorded(orders_runtime, withdrawn.json["order_id"], "ClaimWithdrawn")
    validate_wire(told)
    assert told["data"]["claim_id"] == asked["id"]
    assert too_late.status_code == 409
    assert too_late.json["type"].endswith("illegal-transition")


def test_a_rejected_claim_keeps_its_reason_and_cannot_be_approved_afterwards(
    orders_runtime, orders_client, customer, seller, shipment
):
    order, shipment_id = shipment("delivered")
    asked = claimed(orders_client, customer, shipment_id, "refund", reason_code="damaged")

    rejected = decide(orders_client, seller, asked["id"], "rejection", {"reason": "사진으로 보아 파손이 없습니다."})
    approved = decide(orders_client, seller, asked["id"], "approval")

    assert (rejected.json["status"], rejected.json["rejection_reason"]) == ("rejected", "사진으로 보아 파손이 없습니다.")
    assert approved.status_code == 409
    assert "거절" in approved.json["detail"]
    assert refunds_of(orders_runtime, order["id"]) == []
    assert recorded(orders_runtime, order["id"], "ClaimRejected")[0]["data"]["reason"] == "사진으로 보아 파손이 없습니다."


@pytest.mark.parametrize(
    "status, kind",
    [
        ("preparing", "return"),
        ("preparing", "refund"),
        ("shipping", "cancel"),
        ("delivered", "cancel"),
        ("paid", "exchange"),
    ],
)
def test_a_claim_the_shipments_status_does_not_allow_is_refused_naming_the_status(
    orders_client, customer, shipment, status, kind
):
    _, shipment_id = shipment(status)

    refused = claim(orders_client, {**customer, "Accept-Language": "en"}, shipment_id, kind)

    assert refused.status_code == 409
    assert refused.json["type"].endswith("claim-not-allowed")
    assert status in refused.json["detail"]


def test_no_claim_after_the_purchase_is_confirmed(orders_client, customer, shipment):
    _, shipment_id = shipment("delivered")
    orders_client.post(f"/api/shipments/{shipment_id}/purchase-confirmation", headers=customer)

    refused = claim(orders_client, {**customer, "Accept-Language": "en"}, shipment_id, "return")

    assert refused.status_code == 409
    assert "purchase_confirmed" in refused.json["detail"]


def test_a_return_more_than_a_week_after_delivery_is_refused(orders_runtime, orders_client, customer, shipment):
    _, shipment_id = shipment("delivered")
    with orders_runtime.engine.begin() as connection:
        connection.execute(
            update(Shipment)
            .where(Shipment.id == shipment_id)
            .values(delivered_at=datetime.now(timezone.utc) - timedelta(days=8))
        )

    refused = claim(orders_client, customer, shipment_id, "return")

    assert refused.status_code == 409
    assert refused.json["type"].endswith("return-period-over")
    assert "7일" in refused.json["detail"]


def test_units_in_another_open_claim_cannot_be_claimed_again(orders_client, customer, shipment):
    _, shipment_id = shipment("delivered")
    claimed(orders_client, customer, shipment_id, "return", lines=[{"line_no": 1, "quantity": 1}])

    too_many = claim(orders_client, customer, shipment_id, "refund", lines=[{"line_no": 1, "quantity": 2}])
    unknown_line = claim(orders_client, customer, shipment_id, "refund", lines=[{"line_no": 9, "quantity": 1}])
    rest = claim(orders_client, customer, shipment_id, "refund", lines=[{"line_no": 1, "quantity": 1}])
    nothing_left = claim(orders_client, customer, shipment_id, "refund")

    assert too_many.status_code == 422
    assert "최대 1개" in too_many.json["errors"]["lines.0.quantity"][0]
    assert unknown_line.status_code == 422
    assert rest.status_code == 201
    assert nothing_left.status_code == 409


def test_another_seller_can_neither_see_nor_decide_the_claim(orders_client, customer, sign_identity, shipment):
    _, shipment_id = shipment("delivered")
    asked = claimed(orders_client, customer, shipment_id, "return")
    stranger = as_seller(sign_identity, new_id())

    seen = orders_client.get(f"/api/claims/{asked['id']}", headers=stranger)
    approved = decide(orders_client, stranger, asked["id"], "approval")
    listed = orders_client.get("/api/claims", headers=stranger).json

    assert (seen.status_code, approved.status_code) == (404, 404)
    assert listed == []


def test_only_the_orders_customer_claims_and_a_customer_cannot_decide(
    orders_client, customer, sign_identity, shipment
):
    _, shipment_id = shipment("delivered")
    asked = claimed(orders_client, customer, shipment_id, "refund", reason_code="damaged")
    other_customer = as_customer(sign_identity)

    approved = decide(orders_client, customer, asked["id"], "approval")
    stranger_claims = claim(orders_client, other_customer, shipment_id, "return")
    stranger_withdraws = decide(orders_client, other_customer, asked["id"], "withdrawal")

    assert approved.status_code == 403
    assert stranger_claims.status_code == 404
    assert stranger_withdraws.status_code == 404
    assert orders_client.get(f"/api/claims/{asked['id']}", headers=customer).json["status"] == "requested"


def test_paying_money_back_needs_a_recent_second_factor_but_accepting_a_return_does_not(
    orders_runtime, orders_client, customer, sign_identity, seller_id, shipment
):
    stale = as_seller(sign_identity, seller_id, second_factor_age=600)
    order, shipment_id = shipment("delivered")
    one_unit = [{"line_no": 1, "quantity": 1}]
    refund = claimed(orders_client, customer, shipment_id, "refund", reason_code="damaged", lines=one_unit)
    returned = claimed(orders_client, customer, shipment_id, "return", lines=one_unit)

    refund_approval = decide(orders_client, stale, refund["id"], "approval")
    return_approval = decide(orders_client, stale, returned["id"], "approval")
    return_completion = decide(orders_client, stale, returned["id"], "completion", {})

    assert refund_approval.status_code == 403
    assert refund_approval.json["type"].endswith("step-up-required")
    assert return_approval.json["status"] == "approved"
    assert return_completion.status_code == 403
    assert refunds_of(orders_runtime, order["id"]) == []


def test_a_refund_the_provider_refuses_leaves_the_claim_undecided(
    orders_client, orders_consumer, customer, seller, seller_id
):
    lines = [{"product_id": new_id(), "seller_id": seller_id, "quantity": 1, "unit_price": 9000}]
    order = paid_order(orders_client, orders_consumer, customer, checkout(*lines, token="tok_norefund"))
    shipment_id = order["shipments"][0]["id"]
    orders_client.post(f"/api/shipments/{shipment_id}/confirmation", headers=seller)
    asked = claimed(orders_client, customer, shipment_id, "cancel")

    refused = decide(orders_client, seller, asked["id"], "approval")

    assert refused.status_code == 502
    assert orders_client.get(f"/api/claims/{asked['id']}", headers=customer).json["status"] == "requested"


def test_an_open_claim_is_reported_until_it_is_decided(orders_runtime, orders_client, customer, seller, shipment):
    _, shipment_id = shipment("delivered")
    asked = claimed(orders_client, customer, shipment_id, "return")

    with orders_runtime.unit_of_work() as uow:
        while_requested = has_open_claim(uow.session, shipment_id)
    decide(orders_client, seller, asked["id"], "rejection", {"reason": "반품 기간이 지났습니다."})
    with orders_runtime.unit_of_work() as uow:
        after_rejection = has_open_claim(uow.session, shipment_id)

    assert (while_requested, after_rejection) == (True, False)


def test_each_sees_their_own_claims_and_a_seller_filters_by_status_and_kind(
    orders_client, customer, seller, sign_identity, shipment
):
    _, shipment_id = shipment("delivered")
    one_unit = [{"line_no": 1, "quantity": 1}]
    returned = claimed(orders_client, customer, shipment_id, "return", lines=one_unit)
    refunded = claimed(orders_client, customer, shipment_id, "refund", reason_code="damaged", lines=one_unit)
    decide(orders_client, seller, returned["id"], "approval")

    mine = orders_client.get("/api/claims", headers=customer).json
    approved = orders_client.get("/api/claims?status=approved", headers=seller).json
    refunds = orders_client.get("/api/claims?kind=refund", headers=seller).json
    others = orders_client.get("/api/claims", headers=as_customer(sign_identity)).json

    assert [c["id"] for c in mine] == [refunded["id"], returned["id"]]
    assert [c["id"] for c in approved] == [returned["id"]]
    assert [c["id"] for c in refunds] == [refunded["id"]]
    assert others == []
    assert mine[0]["lines"][0]["product_name"] == "Product 1"
