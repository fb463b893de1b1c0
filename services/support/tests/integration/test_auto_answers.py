"""Automatic answers: the worker answers a new inquiry once from the FAQ entry that matches it, never
a complaint or a question no entry answers; the customer may say it did not help, which sends the
inquiry to a person and is counted.
"""
from datetime import datetime, timedelta

import pytest

from servicekit.testing.identities import as_admin, as_agent, as_customer, as_seller
from support.auto_answers import answer_new_inquiries
from support.response_clock import watch_response_targets
from support.models.faq import AutoAnswerOutcome
from .faq_entries import empty_faq, written  # noqa: F401  (empty_faq: the fixture below)
from .people import known_product, new_id, opened
from .response_target_defaults import default_targets  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("empty_faq")

TRACKING_ANSWER = "주문 내역에서 운송장 번호와 배송 상태를 볼 수 있습니다."


@pytest.fixture
def tracking_entry(support_client, sign_identity):
    return written(support_client, sign_identity, "배송 조회는 어떻게 하나요?", TRACKING_ANSWER, keywords=["택배", "운송장"])


def seen(client, headers, inquiry_id):
    return client.get(f"/api/inquiries/{inquiry_id}", headers=headers).json


def test_a_matching_inquiry_is_answered_once_from_the_faq(support_runtime, support_client, sign_identity, tracking_entry):
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="shipping", subject="배송조회", body="택배 배송 조회가 안돼요")

    answer_new_inquiries(support_runtime)
    answer_new_inquiries(support_runtime)

    answered = seen(support_client, customer, inquiry["id"])
    automatic = [m for m in answered["messages"] if m["automatic"]]
    assert [(m["body"], m["author_role"], m["faq_entry_id"]) for m in automatic] == [
        (TRACKING_ANSWER, "system", tracking_entry["id"])
    ]
    assert answered["status"] == "answered"
    assert answered["first_responded_at"] is not None


@pytest.mark.parametrize(
    ("inquiry_type", "subject", "body"),
    [
        ("complaint", "배송조회", "택배 배송 조회가 안돼요"),
        ("other", "원산지", "제품 원산지가 어디인가요? 성분표도 알려주세요"),
    ],
    ids=["a complaint", "a question no entry answers"],
)
def test_the_worker_leaves_to_a_person(support_runtime, support_client, sign_identity, tracking_entry, inquiry_type, subject, body):
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type=inquiry_type, subject=subject, body=body)

    answer_new_inquiries(support_runtime)

    left = seen(support_client, customer, inquiry["id"])
    assert [m["author_role"] for m in left["messages"]] == ["customer"]
    assert left["first_responded_at"] is None


def test_an_inquiry_a_person_answered_first_gets_no_automatic_answer(support_runtime, support_client, sign_identity, tracking_entry):
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="shipping", subject="배송조회", body="택배 배송 조회가 안돼요")
    support_client.post(f"/api/inquiries/{inquiry['id']}/messages", json={"body": "확인해 드릴게요"}, headers=as_agent(sign_identity))

    answer_new_inquiries(support_runtime)

    assert [m["automatic"] for m in seen(support_client, customer, inquiry["id"])["messages"]] == [False, False]


def test_rejecting_the_automatic_answer_sends_the_inquiry_to_a_person_and_is_counted(
    support_runtime, support_client, sign_identity, tracking_entry
):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    inquiry = opened(support_client, customer, inquiry_type="shipping", subject="배송조회", body="택배 배송 조회가 안돼요")
    answer_new_inquiries(support_runtime)
    rejection = f"/api/inquiries/{inquiry['id']}/automatic-answer/rejection"

    assert support_client.post(rejection, headers=as_customer(sign_identity)).status_code == 404
    response = support_client.post(rejection, headers=customer)

    assert response.status_code == 200
    assert response.json["status"] in ("open", "assigned")
    history = seen(support_client, as_agent(sign_identity), inquiry["id"])["history"]
    assert ("automatic_answer", tracking_entry["id"], "rejected", customer_id) in [
        (h["kind"], h["from_value"], h["to_value"], h["actor_id"]) for h in history
    ]
    assert ("status", "answered", "open") in [(h["kind"], h["from_value"], h["to_value"]) for h in history]
    with support_runtime.unit_of_work() as uow:
        outcome = uow.session.get(AutoAnswerOutcome, inquiry["id"])
        assert (outcome.faq_entry_id, outcome.rejected_at is not None) == (tracking_entry["id"], True)
    assert support_client.post(rejection, headers=customer).status_code == 409


def test_an_inquiry_never_answered_automatically_has_no_automatic_answer_to_reject(support_client, sign_identity):
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="other")

    response = support_client.post(f"/api/inquiries/{inquiry['id']}/automatic-answer/rejection", headers=customer)

    assert response.status_code == 409


def test_an_automatic_answer_cannot_be_rejected_once_the_inquiry_is_resolved(
    support_runtime, support_client, sign_identity, tracking_entry
):
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="shipping", subject="배송조회", body="택배 배송 조회가 안돼요")
    answer_new_inquiries(support_runtime)
    support_client.post(
        f"/api/inquiries/{inquiry['id']}/status", json={"status": "resolved", "reason_code": "answered_question"},
        headers=as_agent(sign_identity),
    )

    response = support_client.post(f"/api/inquiries/{inquiry['id']}/automatic-answer/rejection", headers=customer)

    assert response.status_code == 409
    assert seen(support_client, customer, inquiry["id"])["status"] == "resolved"


def test_rejecting_the_automatic_answer_restarts_the_first_response_clock_for_a_person(
    support_runtime, support_client, sign_identity, tracking_entry
):
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="shipping", subject="배송조회", body="택배 배송 조회가 안돼요")
    answer_new_inquiries(support_runtime)

    rejected = support_client.post(f"/api/inquiries/{inquiry['id']}/automatic-answer/rejection", headers=customer)

    assert rejected.status_code == 200
    agent = as_agent(sign_identity)
    after = seen(support_client, agent, inquiry["id"])
    rejected_at = next(datetime.fromisoformat(h["at"]) for h in after["history"] if h["kind"] == "automatic_answer")
    assert after["first_responded_at"] is None
    assert datetime.fromisoformat(after["first_response_due_at"]) == rejected_at + timedelta(hours=24)
    assert after["status"] in ("open", "assigned")
    waiting = support_client.get("/api/inquiries", query_string={"status": after["status"]}, headers=agent).json
    assert inquiry["id"] in [listed["id"] for listed in waiting]


def test_a_persons_answer_after_a_rejected_automatic_answer_is_not_counted_as_a_second_first_response(
    support_runtime, support_client, sign_identity, tracking_entry
):
    seller_id = new_id()
    seller = as_seller(sign_identity, seller_id)
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="product", subject="배송조회", body="택배 배송 조회가 안돼요",
                     product_id=known_product(support_runtime, seller_id))
    answer_new_inquiries(support_runtime)
    support_client.post(f"/api/inquiries/{inquiry['id']}/automatic-answer/rejection", headers=customer)

    answered = support_client.post(f"/api/inquiries/{inquiry['id']}/messages", json={"body": "확인해 드릴게요"},
                                   headers=seller)

    assert answered.status_code == 201 and answered.json["first_responded_at"] is not None
    figures = support_client.get("/api/cs-analytics", headers=seller).json
    assert sum(bucket["inquiries"] for bucket in figures["first_response_minutes"]["histogram"]) == 1
    assert figures["automatic_answers"] == {"answered": 1, "rejected": 1, "acceptance_rate": 0.0}


def test_the_restarted_first_response_target_is_warned_about_anew(
    support_runtime, support_client, sign_identity, tracking_entry
):
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="shipping", subject="배송조회", body="택배 배송 조회가 안돼요")
    watch_response_targets(support_runtime, now=datetime.fromisoformat(inquiry["first_response_due_at"]) - timedelta(hours=1))
    answer_new_inquiries(support_runtime)
    restarted = support_client.post(f"/api/inquiries/{inquiry['id']}/automatic-answer/rejection", headers=customer).json

    watch_response_targets(support_runtime, now=datetime.fromisoformat(restarted["first_response_due_at"]) - timedelta(hours=1))

    agent = as_agent(sign_identity)
    notes = [m["body"] for m in seen(support_client, agent, inquiry["id"])["messages"] if m["internal"]]
    assert [note.startswith("Due in less than 2 hours: the first response target") for note in notes] == [True, True]


def test_a_restarted_first_response_clock_counts_the_way_the_inquiry_was_opened(
    support_runtime, support_client, sign_identity, tracking_entry, default_targets
):
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="shipping", subject="배송조회", body="택배 배송 조회가 안돼요")
    answer_new_inquiries(support_runtime)
    # The admin moves the type to business hours after the inquiry opened around the clock.
    changed = support_client.put("/api/response-targets/shipping", headers=as_admin(sign_identity), json={
        "first_response_hours": 8, "resolution_hours": 40, "business_hours": True,
    })
    assert changed.status_code == 200

    support_client.post(f"/api/inquiries/{inquiry['id']}/automatic-answer/rejection", headers=customer)

    after = seen(support_client, as_agent(sign_identity), inquiry["id"])
    rejected_at = next(datetime.fromisoformat(h["at"]) for h in after["history"] if h["kind"] == "automatic_answer")
    assert datetime.fromisoformat(after["first_response_due_at"]) == rejected_at + timedelta(hours=8)
