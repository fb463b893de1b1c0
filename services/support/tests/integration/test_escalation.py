"""The response clock and escalation: a warning note once before a target, a breach recorded once,
a seller's missed target escalated to the platform, and escalation by hand with a reason.
"""
from datetime import datetime, timedelta

from servicekit.testing.identities import as_agent, as_customer, as_seller
from support.response_clock import watch_response_targets
from .agents import agent_on_duty, no_agents_on_duty  # noqa: F401  (a fixture)
from .people import known_product, new_id, opened
from .test_inquiries import events_about


def due(inquiry, target="first_response"):
    return datetime.fromisoformat(inquiry[f"{target}_due_at"])


def seen(client, headers, inquiry_id):
    return client.get(f"/api/inquiries/{inquiry_id}", headers=headers).json


def sellers_inquiry(runtime, client, sign_identity):
    seller_id = new_id()
    customer = as_customer(sign_identity)
    inquiry = opened(client, customer, inquiry_type="product", product_id=known_product(runtime, seller_id))
    return inquiry, seller_id, customer


def test_staff_are_warned_once_in_an_internal_note_two_hours_before_a_target(
    support_runtime, support_client, sign_identity
):
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="account")

    watch_response_targets(support_runtime, now=due(inquiry) - timedelta(hours=3))
    watch_response_targets(support_runtime, now=due(inquiry) - timedelta(hours=1, minutes=30))
    watch_response_targets(support_runtime, now=due(inquiry) - timedelta(hours=1))

    notes = [m for m in seen(support_client, as_agent(sign_identity), inquiry["id"])["messages"] if m["internal"]]
    assert [(n["author_role"], n["body"][:26]) for n in notes] == [("system", "Due in less than 2 hours: ")]
    assert "first response" in notes[0]["body"]
    assert not any(m["internal"] for m in seen(support_client, customer, inquiry["id"])["messages"])


def test_a_missed_target_is_recorded_once_as_a_breach(support_runtime, support_client, sign_identity):
    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="payment")

    watch_response_targets(support_runtime, now=due(inquiry) + timedelta(minutes=1))
    watch_response_targets(support_runtime, now=due(inquiry) + timedelta(minutes=2))

    breaches = events_about(support_runtime, inquiry["id"], "SLABreached")
    assert [(b["target"], b["owner"], datetime.fromisoformat(b["due_at"])) for b in breaches] == [
        ("first_response", "platform", due(inquiry))
    ]
    assert events_about(support_runtime, inquiry["id"], "InquiryEscalated") == []


def test_an_answered_inquiry_breaches_its_resolution_target_not_the_first_response(
    support_runtime, support_client, sign_identity
):
    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="account")
    support_client.post(f"/api/inquiries/{inquiry['id']}/messages", json={"body": "확인해 드릴게요"},
                        headers=as_agent(sign_identity))

    watch_response_targets(support_runtime, now=due(inquiry) + timedelta(hours=1))
    assert events_about(support_runtime, inquiry["id"], "SLABreached") == []
    watch_response_targets(support_runtime, now=due(inquiry, "resolution") + timedelta(minutes=1))

    assert [b["target"] for b in events_about(support_runtime, inquiry["id"], "SLABreached")] == ["resolution"]


def test_a_missed_first_answer_and_a_later_missed_resolution_are_two_breaches(
    support_runtime, support_client, sign_identity
):
    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="payment")

    watch_response_targets(support_runtime, now=due(inquiry) + timedelta(minutes=1))
    support_client.post(f"/api/inquiries/{inquiry['id']}/messages", json={"body": "확인해 드릴게요"},
                        headers=as_agent(sign_identity))
    watch_response_targets(support_runtime, now=due(inquiry, "resolution") + timedelta(minutes=1))
    watch_response_targets(support_runtime, now=due(inquiry, "resolution") + timedelta(minutes=2))

    breaches = events_about(support_runtime, inquiry["id"], "SLABreached")
    assert [(b["target"], datetime.fromisoformat(b["due_at"])) for b in breaches] == [
        ("first_response", due(inquiry)), ("resolution", due(inquiry, "resolution"))
    ]


def test_both_targets_missed_at_once_are_both_recorded(support_runtime, support_client, sign_identity):
    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="payment")

    watch_response_targets(support_runtime, now=due(inquiry, "resolution") + timedelta(minutes=1))

    assert [b["target"] for b in events_about(support_runtime, inquiry["id"], "SLABreached")] == [
        "first_response", "resolution"
    ]


def test_staff_are_warned_before_each_target_once(support_runtime, support_client, sign_identity):
    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="account")
    agent = as_agent(sign_identity)

    watch_response_targets(support_runtime, now=due(inquiry) - timedelta(hours=1))
    support_client.post(f"/api/inquiries/{inquiry['id']}/messages", json={"body": "확인해 드릴게요"}, headers=agent)
    watch_response_targets(support_runtime, now=due(inquiry, "resolution") - timedelta(hours=1))
    watch_response_targets(support_runtime, now=due(inquiry, "resolution") - timedelta(minutes=30))

    notes = [m["body"] for m in seen(support_client, agent, inquiry["id"])["messages"] if m["internal"]]
    assert len(notes) == 2
    assert "first response" in notes[0] and "resolution" in notes[1]


def test_a_seller_missing_a_target_has_the_inquiry_escalated_to_an_agent(
    no_agents_on_duty, support_runtime, support_client, sign_identity
):
    # Seller inquiries other tests left behind escalate too: room for all of them.
    agent_id = agent_on_duty(support_client, sign_identity, max_open_cases=500)
    inquiry, seller_id, _ = sellers_inquiry(support_runtime, support_client, sign_identity)

    watch_response_targets(support_runtime, now=due(inquiry) + timedelta(minutes=1))

    escalated = seen(support_client, as_agent(sign_identity), inquiry["id"])
    assert (escalated["owner"], escalated["escalated"], escalated["assignee_id"]) == ("platform", True, agent_id)
    assert ("owner", "seller", "platform") in [(h["kind"], h["from_value"], h["to_value"]) for h in escalated["history"]]
    assert [b["owner"] for b in events_about(support_runtime, inquiry["id"], "SLABreached")] == ["seller"]
    assert [(e["automatic"], e["seller_id"]) for e in events_about(support_runtime, inquiry["id"], "InquiryEscalated")] == [
        (True, seller_id)
    ]


def test_the_seller_escalates_by_hand_with_a_reason(no_agents_on_duty, support_runtime, support_client, sign_identity):
    inquiry, seller_id, _ = sellers_inquiry(support_runtime, support_client, sign_identity)
    seller = as_seller(sign_identity, seller_id)
    url = f"/api/inquiries/{inquiry['id']}/escalation"

    without_reason = support_client.post(url, json={}, headers=seller)
    escalated = support_client.post(url, json={"reason": "환불 정책은 플랫폼 확인이 필요합니다"}, headers=seller)
    again = support_client.post(url, json={"reason": "다시"}, headers=as_agent(sign_identity))

    assert without_reason.status_code == 422 and "reason" in without_reason.json["errors"]
    assert escalated.status_code == 200
    assert (escalated.json["owner"], escalated.json["escalated"]) == ("platform", True)
    assert again.status_code == 409
    assert [(e["automatic"], e["reason"]) for e in events_about(support_runtime, inquiry["id"], "InquiryEscalated")] == [
        (False, "환불 정책은 플랫폼 확인이 필요합니다")
    ]


def test_an_agent_escalates_a_platform_inquiry(support_runtime, support_client, sign_identity):
    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="complaint")

    escalated = support_client.post(f"/api/inquiries/{inquiry['id']}/escalation", json={"reason": "VIP 고객"},
                                    headers=as_agent(sign_identity))

    assert escalated.status_code == 200 and escalated.json["escalated"] is True


def test_neither_the_customer_nor_another_seller_may_escalate(support_runtime, support_client, sign_identity):
    inquiry, _, customer = sellers_inquiry(support_runtime, support_client, sign_identity)
    url = f"/api/inquiries/{inquiry['id']}/escalation"

    assert support_client.post(url, json={"reason": "빨리요"}, headers=customer).status_code == 403
    assert support_client.post(url, json={"reason": "x"}, headers=as_seller(sign_identity, new_id())).status_code == 404
    assert events_about(support_runtime, inquiry["id"], "InquiryEscalated") == []
