"""Due times through the API: 12 hours for a first answer during a campaign, 48 hours to resolve a
payment question, and both moved by the time spent waiting on the customer.
"""
from datetime import datetime, timedelta, timezone

from .agents import agent_on_duty, as_admin, no_agents_on_duty  # noqa: F401  (a fixture)
from .people import as_agent, as_customer, new_id, opened


def hours_to(inquiry, due):
    return datetime.fromisoformat(inquiry[due]) - datetime.fromisoformat(inquiry["created_at"])


def test_a_first_answer_is_due_in_12_hours_while_a_campaign_window_is_on(support_client, sign_identity):
    admin = as_admin(sign_identity)
    now = datetime.now(timezone.utc)
    window = support_client.post("/api/campaign-windows", headers=admin, json={
        "name": "Chuseok sale", "starts_at": (now - timedelta(hours=1)).isoformat(),
        "ends_at": (now + timedelta(hours=1)).isoformat(),
    })
    assert window.status_code == 201 and window.json["first_response_hours"] == 12
    try:
        during = opened(support_client, as_customer(sign_identity), inquiry_type="other")
        listed = support_client.get("/api/campaign-windows", headers=admin).json
    finally:
        assert support_client.delete(f"/api/campaign-windows/{window.json['id']}", headers=admin).status_code == 204
    after = opened(support_client, as_customer(sign_identity), inquiry_type="other")

    assert window.json["id"] in [w["id"] for w in listed]
    assert hours_to(during, "first_response_due_at") == timedelta(hours=12)
    assert hours_to(after, "first_response_due_at") == timedelta(hours=24)


def test_a_campaign_window_must_end_after_it_starts_and_only_admins_set_one(support_client, sign_identity):
    now = datetime.now(timezone.utc).isoformat()
    body = {"name": "Backwards", "starts_at": now, "ends_at": now}

    refused = support_client.post("/api/campaign-windows", headers=as_admin(sign_identity), json=body)

    assert refused.status_code == 422 and "ends_at" in refused.json["errors"]
    assert support_client.post("/api/campaign-windows", headers=as_agent(sign_identity), json=body).status_code == 403


def test_payment_questions_are_due_resolved_in_48_hours_others_in_72(support_client, sign_identity):
    customer = as_customer(sign_identity)

    assert hours_to(opened(support_client, customer, inquiry_type="payment"), "resolution_due_at") == timedelta(hours=48)
    assert hours_to(opened(support_client, customer, inquiry_type="complaint"), "resolution_due_at") == timedelta(hours=72)


def test_waiting_on_the_customer_moves_the_due_times_by_the_time_waited(
    no_agents_on_duty, support_client, sign_identity
):
    agent_id = agent_on_duty(support_client, sign_identity, available=False)
    agent = as_agent(sign_identity, agent_id)
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    inquiry = opened(support_client, customer, inquiry_type="other")
    support_client.post(f"/api/inquiries/{inquiry['id']}/assignment", json={"assignee_id": agent_id}, headers=agent)

    waiting = support_client.post(f"/api/inquiries/{inquiry['id']}/status", json={"status": "waiting_on_customer"},
                                  headers=agent)
    assert waiting.status_code == 200
    replied = support_client.post(f"/api/inquiries/{inquiry['id']}/messages", json={"body": "주문번호 보내드려요"},
                                  headers=customer)
    assert replied.status_code == 201

    after = support_client.get(f"/api/inquiries/{inquiry['id']}", headers=agent).json
    moves = [datetime.fromisoformat(h["at"]) for h in after["history"] if h["kind"] == "status"][-2:]
    paused = moves[1] - moves[0]
    assert after["status"] == "assigned" and after["waiting_since"] is None
    assert paused > timedelta(0)
    for due in ("first_response_due_at", "resolution_due_at"):
        assert datetime.fromisoformat(after[due]) - datetime.fromisoformat(inquiry[due]) == paused
