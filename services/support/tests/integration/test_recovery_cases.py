"""Recovery cases: a locked or deactivated account opens an account inquiry the platform's agents hold,
with a system message saying what happened; one active case per account and cause.
"""
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

from servicekit.testing.events import deliver
from servicekit.testing.identities import as_agent, as_customer
from .people import new_id


def locked(account_id):
    at = datetime.now(timezone.utc)
    return {"account_id": account_id, "reason": "repeated_login_failures", "failed_attempts": 5, "locked_at": at,
            "locked_until": at + timedelta(minutes=30)}


def deactivated(account_id):
    return {"account_id": account_id, "deactivated_at": datetime.now(timezone.utc)}


def cases_of(client, sign_identity, account_id):
    return client.get("/api/inquiries", headers=as_customer(sign_identity, account_id)).json


def test_a_locked_account_opens_an_account_case_for_the_platform_with_a_system_message(
    support_client, support_consumer, sign_identity
):
    account_id = new_id()

    deliver(support_consumer, "AccountLocked", locked(account_id))

    [case] = cases_of(support_client, sign_identity, account_id)
    assert (case["inquiry_type"], case["owner"], case["subject"]) == ("account", "platform", "계정 잠김 / Account locked")
    shown = support_client.get(f"/api/inquiries/{case['id']}", headers=as_agent(sign_identity)).json
    [first] = shown["messages"]
    assert first["author_role"] == "system"
    assert "locked" in first["body"] and "5 attempts" in first["body"]


def test_a_second_lock_while_the_case_is_active_opens_no_other_but_a_deactivation_does(
    support_client, support_consumer, sign_identity
):
    account_id = new_id()

    deliver(support_consumer, "AccountLocked", locked(account_id))
    deliver(support_consumer, "AccountLocked", locked(account_id))
    deliver(support_consumer, "AccountDeactivated", deactivated(account_id))

    subjects = sorted(c["subject"] for c in cases_of(support_client, sign_identity, account_id))
    assert subjects == ["계정 비활성화 / Account deactivated", "계정 잠김 / Account locked"]


def test_a_lock_after_the_last_case_was_resolved_opens_a_new_one(support_client, support_consumer, sign_identity):
    account_id = new_id()
    agent = as_agent(sign_identity)
    deliver(support_consumer, "AccountLocked", locked(account_id))
    [first] = cases_of(support_client, sign_identity, account_id)
    resolved = support_client.post(
        f"/api/inquiries/{first['id']}/status", json={"status": "resolved", "reason_code": "account_restored"},
        headers=agent,
    )

    deliver(support_consumer, "AccountLocked", locked(account_id))

    assert resolved.status_code == 200, resolved.json
    assert len(cases_of(support_client, sign_identity, account_id)) == 2


def test_two_locks_handled_at_the_same_moment_by_two_workers_open_one_case(
    support_client, support_consumer, sign_identity
):
    accounts = [new_id() for _ in range(10)]
    side_by_side = threading.Barrier(2)

    def lock_each():
        for account_id in accounts:
            side_by_side.wait()
            assert deliver(support_consumer, "AccountLocked", locked(account_id)) is True

    with ThreadPoolExecutor(2) as workers:
        for done in [workers.submit(lock_each), workers.submit(lock_each)]:
            done.result()

    assert [len(cases_of(support_client, sign_identity, account_id)) for account_id in accounts] == [1] * len(accounts)
