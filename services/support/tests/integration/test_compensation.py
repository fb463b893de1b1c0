"""Compensation after a case: the seller or an agent grants points or a coupon once the case is resolved,
once per case and within what their role may grant; orders is sent CompensationGranted and answers that it
issued it, or refused it: then the case goes back before a person, who may compensate another way.
"""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from servicekit.testing.events import deliver, recorded
from servicekit.testing.identities import as_agent, as_customer, as_seller
from support.inquiries import close_resolved_inquiries
from support.models import Inquiry
from .agents import agent_on_duty, no_agents_on_duty  # noqa: F401  (a fixture)
from .people import known_product, new_id, opened


class SellerCase:
    """A customer's question about a product, held by the product's seller."""

    def __init__(self, runtime, client, sign_identity):
        self.runtime, self.client = runtime, client
        self.customer_id, self.seller_id = new_id(), new_id()
        self.customer = as_customer(sign_identity, self.customer_id)
        self.seller = as_seller(sign_identity, self.seller_id)
        self.agent = as_agent(sign_identity)
        product_id = known_product(runtime, self.seller_id)
        self.id = opened(client, self.customer, inquiry_type="product", product_id=product_id)["id"]

    def resolve(self):
        response = self.client.post(
            f"/api/inquiries/{self.id}/status", json={"status": "resolved", "reason_code": "product_defect"},
            headers=self.seller,
        )
        assert response.status_code == 200, response.json

    def grant(self, headers, **body):
        return self.client.post(f"/api/inquiries/{self.id}/compensation", json=body, headers=headers)

    def granted_events(self):
        return recorded(self.runtime, "CompensationGranted", inquiry_id=self.id)

    def granted(self, headers, **body):
        response = self.grant(headers, **body)
        assert response.status_code == 201, response.json
        return response.json

    def compensation(self, headers=None):
        return self.client.get(f"/api/inquiries/{self.id}/compensation", headers=headers or self.customer).json

    def seen(self, headers):
        return self.client.get(f"/api/inquiries/{self.id}", headers=headers).json


@pytest.fixture
def case(support_runtime, support_client, sign_identity):
    return SellerCase(support_runtime, support_client, sign_identity)


def test_the_seller_grants_points_for_a_resolved_case_and_orders_is_told(case):
    case.resolve()

    granted = case.grant(case.seller, kind="points", amount=3000)

    assert granted.status_code == 201, granted.json
    assert (granted.json["kind"], granted.json["amount"], granted.json["granted_by_role"]) == ("points", 3000, "seller")
    [event] = case.granted_events()
    assert (event["customer_id"], event["kind"], event["amount"], event["coupon_id"]) == (
        case.customer_id, "points", 3000, None
    )
    # The seller's staff granted it: the seller bears it (settlement charges it to them).
    assert event["borne_by_seller_id"] == case.seller_id
    assert case.client.get(f"/api/inquiries/{case.id}/compensation", headers=case.customer).json["amount"] == 3000


def test_a_seller_grants_at_most_5000_points_and_an_agent_at_most_30000(case, support_runtime, support_client, sign_identity):
    case.resolve()
    other = SellerCase(support_runtime, support_client, sign_identity)
    other.resolve()

    over_seller_limit = case.grant(case.seller, kind="points", amount=5001)
    by_agent = case.grant(case.agent, kind="points", amount=30000)
    over_agent_limit = other.grant(other.agent, kind="points", amount=30001)

    assert over_seller_limit.status_code == 422 and "5,000" in over_seller_limit.json["detail"]
    assert by_agent.status_code == 201
    assert over_agent_limit.status_code == 422
    assert other.granted_events() == []
    # The platform's agent granted it: the platform bears it, not the seller.
    assert [event["borne_by_seller_id"] for event in case.granted_events()] == [None]


def test_a_refused_compensation_is_told_in_korean_unless_english_is_asked_for(case):
    case.resolve()

    korean = case.grant(case.seller, kind="points", amount=5001)
    english = case.grant({**case.seller, "Accept-Language": "en"}, kind="points", amount=5001)

    assert (korean.status_code, korean.json["title"], korean.json["detail"]) == (
        422, "보상할 수 없습니다", "판매자는 한 건에 최대 5,000포인트까지 지급할 수 있습니다.",
    )
    assert (english.status_code, english.json["title"], english.json["detail"]) == (
        422, "Compensation refused", "A seller grants at most 5,000 points a case.",
    )
    assert case.granted_events() == []


def test_a_case_is_compensated_once_and_only_after_it_is_resolved(case):
    coupon_id = new_id()
    too_early = case.grant(case.agent, kind="coupon", coupon_id=coupon_id)
    case.resolve()

    first = case.grant(case.agent, kind="coupon", coupon_id=coupon_id)
    second = case.grant(case.seller, kind="points", amount=1000)

    assert too_early.status_code == 409
    assert first.status_code == 201 and first.json["coupon_id"] == coupon_id
    assert second.status_code == 409
    assert [e["kind"] for e in case.granted_events()] == ["coupon"]


def test_only_the_cases_seller_or_an_agent_compensates(case, sign_identity):
    case.resolve()

    other_seller = case.grant(as_seller(sign_identity, new_id()), kind="points", amount=1000)
    customer = case.grant(case.customer, kind="points", amount=1000)
    without_what_to_grant = case.grant(case.seller, kind="coupon")

    assert (other_seller.status_code, customer.status_code) == (404, 403)
    assert without_what_to_grant.status_code == 422
    assert case.granted_events() == []


def answer(consumer, name, grant, **outcome):
    """Orders' answer to the grant support sent, as orders sends it."""
    now = datetime.now(timezone.utc).isoformat()
    at = {"reason": "coupon_sold_out", "refused_at": now} if name == "CompensationRefused" else {
        "issued_coupon_id": new_id() if grant["kind"] == "coupon" else None, "issued_at": now
    }
    terms = {key: grant[key] for key in ("inquiry_id", "compensation_id", "customer_id", "kind", "amount", "coupon_id")}
    return deliver(consumer, name, {**terms, **at, **outcome})


def compensation_history(seen):
    return [(h["from_value"], h["to_value"], h["reason"]) for h in seen["history"] if h["kind"] == "compensation"]


def test_the_grant_names_its_compensation_and_waits_for_orders(case):
    case.resolve()

    granted = case.granted(case.seller, kind="coupon", coupon_id=new_id())

    [event] = case.granted_events()
    assert event["compensation_id"] == granted["id"]
    assert (granted["status"], granted["settled_at"], granted["refusal_reason"]) == ("granted", None, None)
    assert compensation_history(case.seen(case.seller)) == [(None, "coupon granted", None)]


def test_a_compensation_orders_issued_is_shown_issued_and_the_case_stays_resolved(case, support_consumer):
    case.resolve()
    case.granted(case.seller, kind="coupon", coupon_id=new_id())
    [grant] = case.granted_events()
    copy_id = new_id()

    answer(support_consumer, "CompensationIssued", grant, issued_coupon_id=copy_id)

    shown = case.compensation()
    assert (shown["status"], shown["issued_coupon_id"], shown["refusal_reason"]) == ("issued", copy_id, None)
    assert shown["settled_at"] is not None
    seen = case.seen(case.seller)
    assert seen["status"] == "resolved"
    assert compensation_history(seen)[-1] == ("coupon granted", "coupon issued", None)


def test_a_coupon_orders_refused_puts_the_resolved_case_back_in_the_sellers_inbox_saying_why(
    case, support_consumer
):
    case.resolve()
    case.granted(case.seller, kind="coupon", coupon_id=new_id())
    [grant] = case.granted_events()

    handled = answer(support_consumer, "CompensationRefused", grant, reason="coupon_sold_out")

    assert handled is True
    shown = case.compensation()
    assert (shown["status"], shown["refusal_reason"]) == ("refused", "coupon_sold_out")
    seen = case.seen(case.seller)
    assert (seen["status"], seen["assignee_id"], seen["resolved_at"], seen["resolution_reason"]) == (
        "open", None, None, None
    )
    assert compensation_history(seen)[-1] == ("coupon granted", "coupon refused", "coupon_sold_out")
    [reopened] = [h for h in seen["history"] if h["kind"] == "status" and h["from_value"] == "resolved"]
    assert reopened["to_value"] == "open" and "coupon_sold_out" in reopened["reason"]
    told = [m["body"] for m in case.seen(case.customer)["messages"] if m["author_role"] == "system"]
    assert len(told) == 1 and "쿠폰" in told[0] and "another way" in told[0]


@pytest.mark.usefixtures("no_agents_on_duty")
def test_a_platform_case_whose_coupon_was_refused_goes_to_an_agent_on_duty(
    support_client, support_consumer, sign_identity
):
    agent, customer_id = as_agent(sign_identity), new_id()
    customer = as_customer(sign_identity, customer_id)
    inquiry_id = opened(support_client, customer, inquiry_type="payment")["id"]
    support_client.post(f"/api/inquiries/{inquiry_id}/status", json={"status": "resolved", "reason_code": "other"},
                        headers=agent)
    granted = support_client.post(f"/api/inquiries/{inquiry_id}/compensation", json={
        "kind": "coupon", "coupon_id": new_id()}, headers=agent).json
    on_duty = agent_on_duty(support_client, sign_identity, team="payments")

    answer(support_consumer, "CompensationRefused",
           {**granted, "compensation_id": granted["id"]}, reason="coupon_expired")

    seen = support_client.get(f"/api/inquiries/{inquiry_id}", headers=agent).json
    assert (seen["status"], seen["assignee_id"]) == ("assigned", on_duty)


def test_after_a_refusal_the_case_may_be_compensated_another_way(case, support_consumer):
    case.resolve()
    case.granted(case.seller, kind="coupon", coupon_id=new_id())
    [grant] = case.granted_events()
    answer(support_consumer, "CompensationRefused", grant)
    case.resolve()

    instead = case.grant(case.seller, kind="points", amount=2000)
    again = case.grant(case.seller, kind="points", amount=1000)

    assert instead.status_code == 201, instead.json
    assert again.status_code == 409
    assert [(e["kind"], e["compensation_id"]) for e in case.granted_events()] == [
        ("coupon", grant["compensation_id"]), ("points", instead.json["id"])
    ]
    shown = case.compensation()
    assert (shown["id"], shown["status"], shown["amount"]) == (instead.json["id"], "granted", 2000)


def test_a_refusal_told_twice_reopens_the_case_once(case, support_consumer):
    case.resolve()
    case.granted(case.seller, kind="coupon", coupon_id=new_id())
    [grant] = case.granted_events()

    answer(support_consumer, "CompensationRefused", grant)
    answer(support_consumer, "CompensationRefused", grant)
    answer(support_consumer, "CompensationIssued", grant)

    seen = case.seen(case.seller)
    assert compensation_history(seen) == [
        (None, "coupon granted", None), ("coupon granted", "coupon refused", "coupon_sold_out")
    ]
    assert [m["author_role"] for m in seen["messages"]].count("system") == 1
    assert case.compensation()["status"] == "refused"


def test_a_refusal_of_a_grant_sent_before_grants_named_their_compensation_finds_it_by_its_inquiry(
    case, support_consumer
):
    case.resolve()
    case.granted(case.seller, kind="coupon", coupon_id=new_id())
    [grant] = case.granted_events()

    answer(support_consumer, "CompensationRefused", {**grant, "compensation_id": None})

    assert case.compensation()["status"] == "refused"
    assert case.seen(case.seller)["status"] == "open"


def test_a_refusal_for_a_closed_case_opens_a_linked_case_for_its_seller(case, support_runtime, support_consumer):
    case.resolve()
    with support_runtime.engine.begin() as connection:
        connection.execute(
            update(Inquiry).where(Inquiry.id == case.id).values(resolved_at=datetime.now(timezone.utc) - timedelta(days=8))
        )
    close_resolved_inquiries(support_runtime)
    case.granted(case.seller, kind="coupon", coupon_id=new_id())
    [grant] = case.granted_events()

    answer(support_consumer, "CompensationRefused", grant, reason="coupon_withdrawn")

    old = case.seen(case.seller)
    assert old["status"] == "closed"
    assert compensation_history(old)[-1] == ("coupon granted", "coupon refused", "coupon_withdrawn")
    [follow_up] = [
        i for i in case.client.get("/api/inquiries", headers=case.seller).json if i["follows_inquiry_id"] == case.id
    ]
    assert (follow_up["status"], follow_up["owner"], follow_up["seller_id"], follow_up["customer_id"]) == (
        "open", "seller", case.seller_id, case.customer_id
    )
    first = case.client.get(f"/api/inquiries/{follow_up['id']}", headers=case.customer).json["messages"][0]
    assert first["author_role"] == "system" and "another way" in first["body"]
