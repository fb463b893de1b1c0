"""Due times through the API: each type's targets as an admin set them (24 hours to a first answer
by default, in business hours if chosen), 12 hours for a first answer during a campaign, 48 hours to
resolve a payment question, and both moved by the time spent waiting on the customer (the business
time, for targets in business hours).
"""
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import delete

from contracts.events.support import INQUIRY_TYPES
from servicekit import clock
from servicekit.korean_calendar import KOREA
from servicekit.testing.identities import as_admin, as_agent, as_customer
from support.domain.response_targets import due_after

from .agents import agent_on_duty, no_agents_on_duty  # noqa: F401  (a fixture)
from .response_target_defaults import default_targets  # noqa: F401  (a fixture)
from .people import new_id, opened


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


def test_every_type_is_due_a_first_answer_in_24_hours_until_an_admin_says_otherwise(
    default_targets, support_client, sign_identity
):
    listed = support_client.get("/api/response-targets", headers=as_agent(sign_identity))

    assert listed.status_code == 200
    targets = {t["inquiry_type"]: (t["first_response_hours"], t["resolution_hours"], t["business_hours"], t["updated_by"])
               for t in listed.json}
    assert targets == {inquiry_type: (24, 48 if inquiry_type in ("payment", "account") else 72, False, None)
                       for inquiry_type in INQUIRY_TYPES}


def test_an_admins_target_counts_for_inquiries_opened_after_it_and_is_recorded(
    default_targets, support_client, sign_identity
):
    admin_id = new_id()
    admin = sign_identity(subject=admin_id, roles=["admin"], second_factor_at=int(time.time()))
    customer = as_customer(sign_identity)
    before = opened(support_client, customer, inquiry_type="complaint")

    changed = support_client.put("/api/response-targets/complaint", headers=admin, json={
        "first_response_hours": 4, "resolution_hours": 24, "business_hours": False, "reason": "불만은 빨리",
    })
    after = opened(support_client, customer, inquiry_type="complaint")

    assert changed.status_code == 200
    assert (changed.json["first_response_hours"], changed.json["updated_by"]) == (4, admin_id)
    assert hours_to(before, "first_response_due_at") == timedelta(hours=24)
    assert hours_to(after, "first_response_due_at") == timedelta(hours=4)
    assert hours_to(after, "resolution_due_at") == timedelta(hours=24)
    assert support_client.get("/api/response-targets/complaint", headers=as_agent(sign_identity)).json == changed.json
    recorded = support_client.get("/api/response-targets/changes", query_string={"inquiry_type": "complaint"},
                                  headers=admin).json[0]
    assert (recorded["first_response_hours"], recorded["reason"], recorded["changed_by"]) == (4, "불만은 빨리", admin_id)


def test_a_target_in_business_hours_skips_nights_weekends_and_public_holidays(
    default_targets, support_client, sign_identity
):
    changed = support_client.put("/api/response-targets/other", headers=as_admin(sign_identity), json={
        "first_response_hours": 8, "resolution_hours": 40, "business_hours": True,
    })
    assert changed.status_code == 200

    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="other")

    opened_at = datetime.fromisoformat(inquiry["created_at"])
    assert datetime.fromisoformat(inquiry["first_response_due_at"]) == due_after(opened_at, 8, business_hours=True)
    assert datetime.fromisoformat(inquiry["resolution_due_at"]) == due_after(opened_at, 40, business_hours=True)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"first_response_hours": 0, "resolution_hours": 24, "business_hours": False}, "first_response_hours"),
        ({"first_response_hours": 24, "resolution_hours": 12, "business_hours": False}, "resolution_hours"),
        ({"first_response_hours": 24, "resolution_hours": 100000, "business_hours": False}, "resolution_hours"),
        ({"first_response_hours": "24", "resolution_hours": 48, "business_hours": False}, "first_response_hours"),
        ({"first_response_hours": 24, "resolution_hours": 48}, "business_hours"),
    ],
    ids=["no time", "resolution before first answer", "beyond thirty days", "hours as text", "business hours unsaid"],
)
def test_a_target_that_makes_no_sense_is_refused_and_changes_nothing(support_client, sign_identity, body, field):
    admin = as_admin(sign_identity)
    before = support_client.get("/api/response-targets/product", headers=admin).json

    refused = support_client.put("/api/response-targets/product", json=body, headers=admin)

    assert refused.status_code == 422 and field in refused.json["errors"]
    assert support_client.get("/api/response-targets/product", headers=admin).json == before


def test_only_admins_set_targets_and_only_staff_read_them(support_client, sign_identity):
    body = {"first_response_hours": 4, "resolution_hours": 24, "business_hours": False}

    assert support_client.put("/api/response-targets/product", json=body, headers=as_agent(sign_identity)).status_code == 403
    assert support_client.get("/api/response-targets", headers=as_customer(sign_identity)).status_code == 403
    assert support_client.get("/api/response-targets", headers=sign_identity(subject=new_id(), roles=["admin"])).status_code == 403
    assert support_client.put("/api/response-targets/gossip", json=body, headers=as_admin(sign_identity)).status_code == 404


def test_a_wait_on_the_customer_over_a_weekend_moves_business_hours_due_times_by_the_one_business_hour_it_took(
    default_targets, no_agents_on_duty, support_client, sign_identity, monkeypatch
):
    changed = support_client.put("/api/response-targets/other", headers=as_admin(sign_identity), json={
        "first_response_hours": 8, "resolution_hours": 40, "business_hours": True,
    })
    assert changed.status_code == 200
    agent_id = agent_on_duty(support_client, sign_identity, available=False)
    agent = as_agent(sign_identity, agent_id)
    customer = as_customer(sign_identity, new_id())

    def at(*fields):
        monkeypatch.setattr(clock, "now", lambda: datetime(*fields, tzinfo=KOREA).astimezone(timezone.utc))

    at(2024, 6, 14, 14)  # a Friday
    inquiry = opened(support_client, customer, inquiry_type="other")
    support_client.post(f"/api/inquiries/{inquiry['id']}/assignment", json={"assignee_id": agent_id}, headers=agent)
    at(2024, 6, 14, 17)
    waiting = support_client.post(f"/api/inquiries/{inquiry['id']}/status", json={"status": "waiting_on_customer"},
                                  headers=agent)
    at(2024, 6, 17, 9)  # the Monday after
    replied = support_client.post(f"/api/inquiries/{inquiry['id']}/messages", json={"body": "사진 보내드려요"},
                                  headers=customer)

    assert waiting.status_code == 200 and replied.status_code == 201
    after = support_client.get(f"/api/inquiries/{inquiry['id']}", headers=agent).json
    assert after["status"] == "assigned" and after["waiting_since"] is None
    # Opened Friday at 14:00: a first answer due 8 business hours later (Monday 13:00), the resolution
    # 40 later (Thursday 18:00); the wait took one business hour, not the 64 hours of the weekend.
    assert datetime.fromisoformat(after["first_response_due_at"]) == datetime(2024, 6, 17, 14, tzinfo=KOREA)
    assert datetime.fromisoformat(after["resolution_due_at"]) == datetime(2024, 6, 21, 10, tzinfo=KOREA)
