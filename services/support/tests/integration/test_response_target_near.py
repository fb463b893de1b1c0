"""An inquiry's owner is told once, by ResponseTargetNear, when a target not met yet is near: its seller or the
platform hears it through the notifications service. The worker's job runs here as the worker runs it, on the
clock moved to the moment."""
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest

from contracts.jsonschema import validate_wire
from servicekit import clock
from servicekit.testing.events import recorded_envelopes
from servicekit.testing.identities import as_agent, as_customer, as_seller
from support.settings import SupportSettings
from support.worker import response_clock
from .people import known_product, new_id, opened
from .test_escalation import due


@pytest.fixture
def run_clock_at(support_runtime, monkeypatch):
    """Run the worker's response clock job, with the default settings, at each instant given."""
    job = response_clock(SupportSettings.from_env(support_runtime.config, env={}))

    def run(*instants: datetime) -> None:
        for instant in instants:
            monkeypatch.setattr(clock, "now", lambda: instant)
            job.run(support_runtime)
        monkeypatch.undo()

    return run


def warnings_about(runtime, inquiry) -> list[dict]:
    envelopes = recorded_envelopes(runtime, "ResponseTargetNear", inquiry_id=inquiry["id"])
    for envelope in envelopes:
        validate_wire(envelope)
    return [envelope["data"] for envelope in envelopes]


def sellers_inquiry(runtime, client, sign_identity, **fields):
    seller_id = new_id()
    inquiry = opened(client, as_customer(sign_identity), inquiry_type="product",
                     product_id=known_product(runtime, seller_id), **fields)
    return inquiry, seller_id


def test_the_seller_hears_once_that_the_first_answer_is_due_within_two_hours(
    support_runtime, support_client, sign_identity, run_clock_at
):
    inquiry, seller_id = sellers_inquiry(support_runtime, support_client, sign_identity, subject="사이즈 문의")
    warned_at = due(inquiry) - timedelta(hours=1, minutes=59)

    run_clock_at(due(inquiry) - timedelta(hours=2, minutes=1))
    assert warnings_about(support_runtime, inquiry) == []
    run_clock_at(warned_at, due(inquiry) - timedelta(hours=1), due(inquiry) - timedelta(minutes=1))

    [near] = warnings_about(support_runtime, inquiry)
    assert (near["target"], near["owner"], near["seller_id"], near["subject"]) == (
        "first_response", "seller", seller_id, "사이즈 문의"
    )
    assert (datetime.fromisoformat(near["due_at"]), datetime.fromisoformat(near["warned_at"])) == (
        due(inquiry), warned_at
    )


def test_each_target_is_warned_about_once_the_first_answer_and_then_the_resolution(
    support_runtime, support_client, sign_identity, run_clock_at
):
    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="account")

    run_clock_at(due(inquiry) - timedelta(hours=1))
    support_client.post(f"/api/inquiries/{inquiry['id']}/messages", json={"body": "확인해 드릴게요"},
                        headers=as_agent(sign_identity))
    run_clock_at(due(inquiry, "resolution") - timedelta(hours=1), due(inquiry, "resolution") - timedelta(minutes=5))

    assert [(near["target"], near["owner"], near["seller_id"]) for near in warnings_about(support_runtime, inquiry)] == [
        ("first_response", "platform", None), ("resolution", "platform", None)
    ]


def test_an_inquiry_answered_in_time_is_not_warned_about_its_first_answer(
    support_runtime, support_client, sign_identity, run_clock_at
):
    inquiry, seller_id = sellers_inquiry(support_runtime, support_client, sign_identity)
    answered = support_client.post(f"/api/inquiries/{inquiry['id']}/messages", json={"body": "재입고 예정입니다"},
                                   headers=as_seller(sign_identity, seller_id))
    assert answered.status_code == 201, answered.json

    run_clock_at(due(inquiry) - timedelta(hours=1))

    assert warnings_about(support_runtime, inquiry) == []


def test_a_resolved_inquiry_is_not_warned_about(support_runtime, support_client, sign_identity, run_clock_at):
    inquiry, seller_id = sellers_inquiry(support_runtime, support_client, sign_identity)
    seller = as_seller(sign_identity, seller_id)
    support_client.post(f"/api/inquiries/{inquiry['id']}/messages", json={"body": "교환해 드렸습니다"}, headers=seller)
    resolved = support_client.post(f"/api/inquiries/{inquiry['id']}/status",
                                   json={"status": "resolved", "reason_code": "answered_question"}, headers=seller)
    assert resolved.status_code == 200, resolved.json

    run_clock_at(due(inquiry) - timedelta(hours=1), due(inquiry, "resolution") - timedelta(hours=1))

    assert warnings_about(support_runtime, inquiry) == []


def test_the_warning_comes_as_long_before_the_due_time_as_ops_set(
    support_runtime, support_client, sign_identity, monkeypatch
):
    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="payment")
    job = response_clock(SupportSettings.from_env(support_runtime.config, env={"SUPPORT_TARGET_WARNING_MINUTES": "30"}))

    for before in (timedelta(hours=1), timedelta(minutes=29)):
        monkeypatch.setattr(clock, "now", lambda: due(inquiry) - before)
        job.run(support_runtime)

    [near] = warnings_about(support_runtime, inquiry)
    assert datetime.fromisoformat(near["warned_at"]) == due(inquiry) - timedelta(minutes=29)
    monkeypatch.undo()
    [note] = [m["body"] for m in support_client.get(f"/api/inquiries/{inquiry['id']}",
                                                    headers=as_agent(sign_identity)).json["messages"] if m["internal"]]
    assert note.startswith("Due in less than 30 minutes: the first response target")


@pytest.mark.parametrize("minutes", ["0", "-5", "soon"])
def test_a_lead_time_that_is_not_a_positive_number_of_minutes_stops_the_start(support_runtime, minutes):
    with pytest.raises(ValueError, match="SUPPORT_TARGET_WARNING_MINUTES"):
        SupportSettings.from_env(support_runtime.config, env={"SUPPORT_TARGET_WARNING_MINUTES": minutes})


def test_several_workers_at_once_warn_each_inquiry_once(support_runtime, support_client, sign_identity, monkeypatch):
    customer = as_customer(sign_identity)
    inquiries = [opened(support_client, customer, inquiry_type="account") for _ in range(12)]
    latest_due = max(due(inquiry) for inquiry in inquiries)
    # Within two hours of every first answer, and before any resolution (48 hours) is near.
    monkeypatch.setattr(clock, "now", lambda: latest_due - timedelta(minutes=90))
    job = response_clock(SupportSettings.from_env(support_runtime.config, env={}))

    with ThreadPoolExecutor(max_workers=4) as workers:
        list(workers.map(lambda _: job.run(support_runtime), range(8)))

    assert [[near["target"] for near in warnings_about(support_runtime, inquiry)] for inquiry in inquiries] == [
        ["first_response"]
    ] * 12

