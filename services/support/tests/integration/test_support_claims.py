"""Refunds, returns and exchanges asked for from an inquiry: sent to orders as requests, and orders'
answers told to the customer in the thread; a completed claim resolves the inquiry. A request orders
never takes up times out and goes back to a person; a late answer still counts.
"""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from servicekit.testing.events import deliver, recorded
from servicekit.testing.identities import as_agent, as_customer, as_seller
from support.models.claims import SupportClaim
from support.support_claims import time_out_unanswered_claims
from .agents import agent_on_duty, no_agents_on_duty  # noqa: F401  (a fixture)
from .people import known_order, new_id, opened
from .test_order_view import PaidOrder


class OrderInquiry:
    """A customer's inquiry about their order of one line (two units of 12,000 won) of one seller."""

    def __init__(self, runtime, client, sign_identity):
        self.customer_id, self.seller_id = new_id(), new_id()
        self.customer = as_customer(sign_identity, self.customer_id)
        self.order = known_order(runtime, self.customer_id, self.seller_id, status="delivered")
        # Orders' claim on the order's one shipment, which its answers name.
        self.orders_claim_id, self.shipment_id = new_id(), new_id()
        self.client = client
        self.inquiry = opened(client, self.customer, inquiry_type="order", subject="상품이 불량이에요", **self.order)
        self.id = self.inquiry["id"]

    def ask(self, kind="refund", headers=None, **fields):
        body = {"kind": kind, "reason_code": "defective", "reason_text": "전원이 켜지지 않아요.", **fields}
        return self.client.post(f"/api/inquiries/{self.id}/claims", json=body, headers=headers or self.customer)

    def asked(self, kind="refund", **fields):
        response = self.ask(kind, **fields)
        assert response.status_code == 201, response.json
        return response.json

    def seen(self):
        return self.client.get(f"/api/inquiries/{self.id}", headers=self.customer).json

    def claims(self):
        return self.client.get(f"/api/inquiries/{self.id}/claims", headers=self.customer).json

    def system_messages(self):
        return [m["body"] for m in self.seen()["messages"] if m["author_role"] == "system"]


@pytest.fixture
def case(support_runtime, support_client, sign_identity):
    return OrderInquiry(support_runtime, support_client, sign_identity)


def refund_answer(case, claim, **fields):
    return {"request_id": claim["id"], "inquiry_id": case.id, "order_id": case.order["order_id"],
            "claim_id": case.orders_claim_id, **fields}


def goods_answer(case, kind, inquiry_id, **fields):
    return {"claim_id": case.orders_claim_id, "order_id": case.order["order_id"], "shipment_id": case.shipment_id,
            "seller_id": case.seller_id, "customer_id": case.customer_id, "kind": kind, "inquiry_id": inquiry_id,
            **fields}


def now():
    return datetime.now(timezone.utc)


@pytest.mark.parametrize(
    "kind, event_type", [("refund", "RefundRequested"), ("return", "ReturnRequested"), ("exchange", "ExchangeRequested")]
)
def test_a_customer_asks_from_an_order_inquiry_and_orders_is_sent_the_request_of_that_kind(
    support_runtime, case, kind, event_type
):
    one_unit = [{"product_id": case.order["product_id"], "quantity": 1}]

    claim = case.asked(kind, lines=one_unit)

    assert (claim["kind"], claim["status"], claim["inquiry_id"]) == (kind, "requested", case.id)
    [request] = recorded(support_runtime, event_type, inquiry_id=case.id)
    assert (request["request_id"], request["order_id"]) == (claim["id"], case.order["order_id"])
    assert (request["lines"], request["reason_code"]) == (one_unit, "defective")
    assert case.claims() == [claim]


def test_a_second_claim_waits_until_orders_answered_the_first(support_runtime, support_consumer, case):
    first = case.asked("refund")

    while_open = case.ask("exchange")
    deliver(support_consumer, "RefundRejected", refund_answer(case, first, reason="교환으로 진행해 주세요.", rejected_at=now()))
    after_answer = case.ask("exchange")

    assert while_open.status_code == 409
    assert after_answer.status_code == 201


def test_only_the_inquirys_customer_asks_about_their_own_order(support_runtime, support_client, sign_identity, case):
    stranger = case.ask(headers=as_customer(sign_identity))
    seller = case.ask(headers=as_seller(sign_identity, case.seller_id))
    unbought = case.ask(lines=[{"product_id": new_id(), "quantity": 1}])
    too_many = case.ask(lines=[{"product_id": case.order["product_id"], "quantity": 3}])
    no_order = opened(support_client, case.customer, inquiry_type="other")
    about_nothing = support_client.post(
        f"/api/inquiries/{no_order['id']}/claims", json={"kind": "refund", "reason_code": "other"}, headers=case.customer
    )

    assert (stranger.status_code, seller.status_code) == (404, 403)
    assert unbought.status_code == too_many.status_code == 422
    assert about_nothing.status_code == 409
    assert case.claims() == []


def test_an_approved_then_completed_refund_is_told_to_the_customer_and_resolves_the_inquiry(support_consumer, case):
    claim = case.asked("refund")

    deliver(support_consumer, "RefundApproved", refund_answer(case, claim, amount=12000, approved_at=now()))
    approved = case.seen()
    deliver(support_consumer, "RefundCompleted", refund_answer(case, claim, amount=12000, completed_at=now()))
    deliver(support_consumer, "RefundCompleted", refund_answer(case, claim, amount=12000, completed_at=now()))

    assert approved["status"] == "answered" and approved["first_responded_at"] is not None
    resolved = case.seen()
    assert (resolved["status"], resolved["resolution_reason"]) == ("resolved", "refunded")
    assert case.system_messages() == [
        "환불이 승인되었습니다 (12,000원). / Your refund was approved.",
        "환불이 완료되었습니다 (12,000원). / Your refund of 12,000 won is complete.",
    ]
    [shown] = case.claims()
    assert (shown["status"], shown["amount"]) == ("completed", 12000)


def test_a_rejected_refund_leaves_the_inquiry_answered_with_the_reason(support_consumer, case):
    claim = case.asked("refund")

    deliver(support_consumer, "RefundRejected", refund_answer(case, claim, reason="정상 배송이 확인되었습니다.", rejected_at=now()))

    assert case.seen()["status"] == "answered"
    [told] = case.system_messages()
    assert "정상 배송이 확인되었습니다." in told and "declined" in told
    assert case.claims()[0]["rejection_reason"] == "정상 배송이 확인되었습니다."


@pytest.mark.parametrize("kind, reason", [("return", "returned"), ("exchange", "exchanged")])
def test_a_return_or_exchange_from_support_moves_with_orders_claim_and_resolves_when_completed(
    support_consumer, case, kind, reason
):
    case.asked(kind)

    deliver(support_consumer, "ClaimApproved", goods_answer(case, kind, case.id, approved_at=now()))
    deliver(support_consumer, "ClaimCompleted", goods_answer(case, kind, case.id, refunded_amount=9000, completed_at=now()))

    resolved = case.seen()
    assert (resolved["status"], resolved["resolution_reason"]) == ("resolved", reason)
    assert [c["status"] for c in case.claims()] == ["completed"]
    assert len(case.system_messages()) == 2
    assert "please send the goods back" in case.system_messages()[0]


def test_claims_customers_opened_in_orders_and_support_refunds_are_not_answered_by_claim_events(
    support_consumer, case
):
    case.asked("refund")

    without_inquiry = deliver(support_consumer, "ClaimApproved", goods_answer(case, "return", None, approved_at=now()))
    refund_claim = deliver(support_consumer, "ClaimApproved", goods_answer(case, "refund", case.id, approved_at=now()))

    assert without_inquiry is refund_claim is True
    assert [c["status"] for c in case.claims()] == ["requested"]
    assert case.system_messages() == []


TIMEOUT = timedelta(minutes=15)


def asked_minutes_ago(runtime, claim, minutes):
    with runtime.engine.begin() as connection:
        connection.execute(
            update(SupportClaim)
            .where(SupportClaim.id == claim["id"])
            .values(requested_at=now() - timedelta(minutes=minutes))
        )


def claim_received(case, claim, kind):
    """Orders' ClaimRequested for support's request: the claim is open for the seller to decide."""
    return goods_answer(case, kind, case.id, request_id=claim["id"], reason_code="defective", requested_at=now(),
                        lines=[{"line_no": 1, "product_id": case.order["product_id"], "quantity": 2}])


def test_a_claim_orders_never_took_up_times_out_and_the_inquiry_goes_back_to_the_open_queue(
    support_runtime, support_client, support_consumer, sign_identity, case
):
    seller = as_seller(sign_identity, case.seller_id)
    answered = support_client.post(f"/api/inquiries/{case.id}/messages", json={"body": "확인해 보겠습니다."}, headers=seller)
    assert answered.status_code == 201, answered.json
    lost = case.asked("refund")
    asked_minutes_ago(support_runtime, lost, 16)
    taken_up = OrderInquiry(support_runtime, support_client, sign_identity)
    waiting_for_the_seller = taken_up.asked("return")
    deliver(support_consumer, "ClaimRequested", claim_received(taken_up, waiting_for_the_seller, "return"))
    asked_minutes_ago(support_runtime, waiting_for_the_seller, 16)
    recent = OrderInquiry(support_runtime, support_client, sign_identity)
    recent.asked("exchange")

    time_out_unanswered_claims(support_runtime, TIMEOUT)
    time_out_unanswered_claims(support_runtime, TIMEOUT)

    assert [c["status"] for c in case.claims()] == ["timed_out"]
    assert case.system_messages() == [
        "환불 요청에 대한 답을 제때 받지 못했습니다. 담당자가 이어서 도와드리며, 다시 요청하실 수도 있습니다. / "
        "Your refund request got no answer in time; a person will take it from here, and you may ask again."
    ]
    inquiry = support_client.get(f"/api/inquiries/{case.id}", headers=seller).json
    assert (inquiry["status"], inquiry["assignee_id"]) == ("open", None)
    assert ("claim", "refund requested", "refund timed_out") in [
        (h["kind"], h["from_value"], h["to_value"]) for h in inquiry["history"]
    ]
    assert [c["status"] for c in taken_up.claims()] == ["requested"]
    assert [c["status"] for c in recent.claims()] == ["requested"]
    assert case.ask("refund").status_code == 201


def test_a_platform_inquiry_whose_claim_timed_out_is_routed_again_to_a_free_agent(
    no_agents_on_duty, support_runtime, support_client, sign_identity, case
):
    agent_id = agent_on_duty(support_client, sign_identity, max_open_cases=500)
    escalated = support_client.post(
        f"/api/inquiries/{case.id}/escalation", json={"reason": "판매자 응답 없음"}, headers=as_seller(sign_identity, case.seller_id)
    )
    assert escalated.status_code == 200, escalated.json
    claim = case.asked("exchange")
    asked_minutes_ago(support_runtime, claim, 16)

    time_out_unanswered_claims(support_runtime, TIMEOUT)

    inquiry = support_client.get(f"/api/inquiries/{case.id}", headers=as_agent(sign_identity)).json
    assert (inquiry["owner"], inquiry["status"], inquiry["assignee_id"]) == ("platform", "assigned", agent_id)
    assignees = [(h["from_value"], h["to_value"]) for h in inquiry["history"] if h["kind"] == "assignee"]
    assert assignees[-2:] == [(agent_id, None), (None, agent_id)]


def test_orders_late_answer_to_a_timed_out_refund_is_applied_and_told(support_runtime, support_consumer, case):
    claim = case.asked("refund")
    asked_minutes_ago(support_runtime, claim, 16)
    time_out_unanswered_claims(support_runtime, TIMEOUT)

    deliver(support_consumer, "RefundCompleted", refund_answer(case, claim, amount=24000, completed_at=now()))

    [shown] = case.claims()
    assert (shown["status"], shown["amount"]) == ("completed", 24000)
    assert case.system_messages()[-1] == "환불이 완료되었습니다 (24,000원). / Your refund of 24,000 won is complete."
    assert case.seen()["status"] == "resolved"


def test_a_late_answer_to_a_timed_out_return_moves_that_claim_and_not_the_one_asked_after_it(
    support_runtime, support_consumer, case
):
    first = case.asked("return")
    asked_minutes_ago(support_runtime, first, 16)
    time_out_unanswered_claims(support_runtime, TIMEOUT)
    second = case.asked("return")

    deliver(support_consumer, "ClaimRequested", claim_received(case, first, "return"))
    deliver(support_consumer, "ClaimApproved", goods_answer(case, "return", case.id, request_id=first["id"], approved_at=now()))

    assert [(c["id"], c["status"]) for c in case.claims()] == [(first["id"], "approved"), (second["id"], "requested")]
    assert "please send the goods back" in case.system_messages()[-1]


class DeliveredOrderInquiry(OrderInquiry):
    """A customer's inquiry about the first seller's goods of an order of two sellers, one shipment each,
    that orders told support were delivered `days` ago."""

    def __init__(self, runtime, client, sign_identity, consumer, days):
        self.customer_id = new_id()
        self.customer = as_customer(sign_identity, self.customer_id)
        order = PaidOrder(self.customer_id)
        self.seller_id, self.shipments = order.sellers[0], order.shipments
        self.orders_claim_id, self.shipment_id = new_id(), order.shipments[0]
        deliver(consumer, "OrderPaid", order.paid())
        for n in range(2):
            deliver(consumer, "OrderShipped", order.shipped(n, 60))
            deliver(consumer, "OrderDelivered", {**order.delivered(n, 0), "delivered_at": now() - timedelta(days=days)})
        self.order = {"order_id": order.order_id, "product_id": order.products[0]}
        self.client = client
        self.inquiry = opened(client, self.customer, inquiry_type="order", subject="반품하고 싶어요", **self.order)
        self.id = self.inquiry["id"]


@pytest.mark.parametrize("kind, event_type", [("return", "ReturnRequested"), ("exchange", "ExchangeRequested")])
def test_a_return_or_exchange_of_mind_changed_over_a_week_after_delivery_is_refused_and_never_sent_to_orders(
    support_runtime, support_client, support_consumer, sign_identity, kind, event_type
):
    case = DeliveredOrderInquiry(support_runtime, support_client, sign_identity, support_consumer, days=8)

    refused = case.ask(kind, reason_code="changed_mind", lines=[{"product_id": case.order["product_id"], "quantity": 1}])

    assert refused.status_code == 409, refused.json
    assert refused.json["type"].endswith(":return-period-over")
    assert "7일 이내" in refused.json["detail"]
    assert case.claims() == [] and recorded(support_runtime, event_type, inquiry_id=case.id) == []


def test_a_return_within_the_week_and_defective_goods_after_it_still_go_to_orders(
    support_runtime, support_client, support_consumer, sign_identity
):
    within_the_week = DeliveredOrderInquiry(support_runtime, support_client, sign_identity, support_consumer, days=6)
    defective_later = DeliveredOrderInquiry(support_runtime, support_client, sign_identity, support_consumer, days=30)

    within_the_week.asked("return", reason_code="changed_mind")
    defective_later.asked("exchange", reason_code="defective")
    refund_later = defective_later.ask("refund", reason_code="changed_mind")

    assert len(recorded(support_runtime, "ReturnRequested", inquiry_id=within_the_week.id)) == 1
    assert len(recorded(support_runtime, "ExchangeRequested", inquiry_id=defective_later.id)) == 1
    assert refund_later.status_code == 409, "one claim at a time, not the return period, holds the refund back"


@pytest.fixture
def two_sellers_case(support_runtime, support_client, support_consumer, sign_identity):
    return DeliveredOrderInquiry(support_runtime, support_client, sign_identity, support_consumer, days=1)


def each_shipments_claim_received(consumer, case, claim, kind):
    """Orders opened a claim on each of the order's two shipments: one answer of each kind per shipment."""
    orders_claims = [new_id(), new_id()]
    for orders_claim, shipment_id in zip(orders_claims, case.shipments):
        received = claim_received(case, claim, kind)
        deliver(consumer, "ClaimRequested", {**received, "claim_id": orders_claim, "shipment_id": shipment_id})
    return orders_claims


def test_a_refund_over_two_sellers_shipments_completes_when_orders_answered_for_both(
    support_consumer, two_sellers_case
):
    case = two_sellers_case
    claim = case.asked("refund")
    first, second = each_shipments_claim_received(support_consumer, case, claim, "refund")

    for answer, at in (("RefundApproved", "approved_at"), ("RefundCompleted", "completed_at")):
        deliver(support_consumer, answer, refund_answer(case, claim, claim_id=first, amount=24000, **{at: now()}))
    halfway = case.claims()
    halfway_inquiry = case.seen()
    for answer, at in (("RefundApproved", "approved_at"), ("RefundCompleted", "completed_at")):
        deliver(support_consumer, answer, refund_answer(case, claim, claim_id=second, amount=27000, **{at: now()}))

    assert [(c["status"], c["amount"]) for c in halfway] == [("approved", 24000)]
    assert halfway_inquiry["status"] == "answered"
    assert [(c["status"], c["amount"]) for c in case.claims()] == [("completed", 51000)]
    resolved = case.seen()
    assert (resolved["status"], resolved["resolution_reason"]) == ("resolved", "refunded")
    assert case.system_messages()[-1] == "환불이 완료되었습니다 (27,000원). / Your refund of 27,000 won is complete."


def test_a_return_over_two_shipments_one_seller_refused_completes_with_the_other_ones_refund(
    support_consumer, two_sellers_case
):
    case = two_sellers_case
    claim = case.asked("return")
    first, second = each_shipments_claim_received(support_consumer, case, claim, "return")

    deliver(support_consumer, "ClaimApproved", goods_answer(case, "return", case.id, request_id=claim["id"],
                                                            claim_id=first, approved_at=now()))
    deliver(support_consumer, "ClaimRejected", goods_answer(case, "return", case.id, request_id=claim["id"],
                                                            claim_id=second, reason="사용 흔적이 있습니다.",
                                                            rejected_at=now()))
    waiting_for_the_goods = case.seen()
    deliver(support_consumer, "ClaimCompleted", goods_answer(case, "return", case.id, request_id=claim["id"],
                                                             claim_id=first, refunded_amount=24000,
                                                             completed_at=now()))

    assert waiting_for_the_goods["status"] == "answered"
    [shown] = case.claims()
    assert (shown["status"], shown["amount"], shown["rejection_reason"]) == ("completed", 24000, "사용 흔적이 있습니다.")
    assert case.seen()["status"] == "resolved"
    assert len(case.system_messages()) == 3
