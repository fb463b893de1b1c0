"""The points ledger: grants once per reference, spends earliest-expiring first and never twice,
gives back at most what an order spent, expires lots on schedule, and shows the customer their balance.
"""
import threading
from datetime import datetime, timedelta, timezone

import pytest

from orders import points
from servicekit.problems import Problem
from servicekit.testing.events import deliver, recorded
from servicekit.testing.identities import as_admin, as_customer
from .journey import new_id


def now():
    return datetime.now(timezone.utc)


def granted(runtime, customer_id, amount, at=None, kind="compensation"):
    with runtime.unit_of_work() as uow:
        points.grant(uow, customer_id, kind, amount, new_id(), at or now())
        uow.commit()


def balance_of(runtime, customer_id):
    with runtime.unit_of_work() as uow:
        return points.balance(uow.session, customer_id, now())


def review_reward(customer_id, order_id, line_no=1, amount=500):
    return {
        "review_id": new_id(),
        "customer_id": customer_id,
        "order_id": order_id,
        "line_no": line_no,
        "points": amount,
        "earned_at": now().isoformat(),
    }


def test_a_review_reward_is_granted_once_per_order_line_even_when_the_review_is_posted_again(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    customer_id, order_id = new_id(), new_id()
    headers = as_customer(sign_identity, customer_id)

    first = deliver(orders_consumer, "ReviewRewardEarned", review_reward(customer_id, order_id))
    reposted = deliver(orders_consumer, "ReviewRewardEarned", review_reward(customer_id, order_id))
    other_line = deliver(
        orders_consumer, "ReviewRewardEarned", review_reward(customer_id, order_id, line_no=2, amount=300)
    )

    assert (first, reposted, other_line) == (True, True, True)
    assert orders_client.get("/api/points", headers=headers).json == {"balance": 800, "expiring_within_30_days": 0}
    entries = orders_client.get("/api/points/entries", headers=headers).json
    assert sorted((e["kind"], e["amount"], e["reference"]) for e in entries) == [
        ("review_reward", 300, f"{order_id}:2"),
        ("review_reward", 500, f"{order_id}:1"),
    ]
    assert [e["amount"] for e in recorded(orders_runtime, "PointsGranted", customer_id=customer_id)] == [500, 300]


def test_the_balance_leaves_out_expired_points_and_tells_what_expires_within_30_days(
    orders_runtime, orders_client, sign_identity
):
    customer_id = new_id()
    granted(orders_runtime, customer_id, 1_000, at=now() - timedelta(days=400))
    granted(orders_runtime, customer_id, 200, at=now() - timedelta(days=350))
    granted(orders_runtime, customer_id, 3_000)

    shown = orders_client.get("/api/points", headers=as_customer(sign_identity, customer_id)).json

    assert shown == {"balance": 3_200, "expiring_within_30_days": 200}


def test_the_ledger_is_listed_newest_first_and_in_pages(orders_runtime, orders_client, sign_identity):
    customer_id = new_id()
    for days_ago, amount in ((3, 10), (2, 20), (1, 30)):
        granted(orders_runtime, customer_id, amount, at=now() - timedelta(days=days_ago))

    response = orders_client.get(
        "/api/points/entries?page=1&page_size=2", headers=as_customer(sign_identity, customer_id)
    )

    assert [e["amount"] for e in response.json] == [30, 20]
    assert '"total": 3' in response.headers["X-Pagination"]


def test_spending_more_than_the_balance_is_refused_and_spends_nothing(orders_runtime):
    customer_id = new_id()
    granted(orders_runtime, customer_id, 500)

    with orders_runtime.unit_of_work() as uow, pytest.raises(Problem) as refused:
        points.spend(uow, customer_id, new_id(), 501, now())

    assert (refused.value.status, refused.value.slug) == (422, "not-enough-points")
    assert balance_of(orders_runtime, customer_id) == 500


def test_two_checkouts_cannot_spend_the_same_points(orders_runtime):
    customer_id = new_id()
    granted(orders_runtime, customer_id, 1_000)
    start = threading.Barrier(2)
    outcomes = []

    def checkout():
        with orders_runtime.unit_of_work() as uow:
            start.wait()
            try:
                points.spend(uow, customer_id, new_id(), 800, now())
                uow.commit()
                outcomes.append("spent")
            except Problem as refused:
                outcomes.append(refused.slug)

    threads = [threading.Thread(target=checkout) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert sorted(outcomes) == ["not-enough-points", "spent"]
    assert balance_of(orders_runtime, customer_id) == 200


def test_spending_takes_the_points_that_expire_first(orders_runtime, orders_client, orders_consumer, sign_identity):
    customer_id = new_id()
    granted(orders_runtime, customer_id, 300, at=now() - timedelta(days=360))
    granted(orders_runtime, customer_id, 1_000)

    with orders_runtime.unit_of_work() as uow:
        points.spend(uow, customer_id, new_id(), 500, now())
        uow.commit()

    shown = orders_client.get("/api/points", headers=as_customer(sign_identity, customer_id)).json
    assert shown == {"balance": 800, "expiring_within_30_days": 0}


def test_a_refund_gives_back_at_most_what_the_order_spent_as_new_points(orders_runtime, orders_client, sign_identity):
    customer_id, order_id = new_id(), new_id()
    granted(orders_runtime, customer_id, 1_000)
    with orders_runtime.unit_of_work() as uow:
        points.spend(uow, customer_id, order_id, 600, now())
        uow.commit()

    for reference in ("refund-1", "refund-2", "refund-1"):
        with orders_runtime.unit_of_work() as uow:
            points.restore(uow, customer_id, order_id, 400, f"{order_id}:{reference}", now())
            uow.commit()

    assert balance_of(orders_runtime, customer_id) == 1_000
    entries = orders_client.get("/api/points/entries", headers=as_customer(sign_identity, customer_id)).json
    assert sorted(e["amount"] for e in entries if e["kind"] == "refund") == [200, 400]
    assert all(
        datetime.fromisoformat(e["expires_at"]) > now() + timedelta(days=364) for e in entries if e["kind"] == "refund"
    )
    spent = recorded(orders_runtime, "PointsSpent", customer_id=customer_id)
    assert [(e["order_id"], e["amount"], e["balance"]) for e in spent] == [(order_id, 600, 400)]


def test_a_confirmed_purchase_earns_one_percent_once(orders_runtime):
    customer_id, shipment_id = new_id(), new_id()

    for paid in (12_345, 12_345):
        with orders_runtime.unit_of_work() as uow:
            points.grant_purchase_reward(uow, customer_id, shipment_id, paid, now())
            uow.commit()
    with orders_runtime.unit_of_work() as uow:
        points.grant_purchase_reward(uow, customer_id, new_id(), 99, now())
        uow.commit()

    assert balance_of(orders_runtime, customer_id) == 123


def test_the_expiry_job_closes_what_is_left_of_lots_past_their_expiry(orders_runtime, orders_client, sign_identity):
    customer_id = new_id()
    granted(orders_runtime, customer_id, 500, at=now() - timedelta(days=366))
    granted(orders_runtime, customer_id, 50)
    with orders_runtime.unit_of_work() as uow:
        points.spend(uow, customer_id, new_id(), 200, now() - timedelta(days=300))
        uow.commit()

    assert points.expire_points(orders_runtime) >= 1
    assert points.expire_points(orders_runtime) == 0

    headers = as_customer(sign_identity, customer_id)
    assert orders_client.get("/api/points", headers=headers).json["balance"] == 50
    entries = orders_client.get("/api/points/entries", headers=headers).json
    assert [(e["kind"], e["amount"]) for e in entries if e["kind"] == "expiry"] == [("expiry", -300)]
    assert [(e["amount"], e["balance"]) for e in recorded(orders_runtime, "PointsExpired", customer_id=customer_id)] == [
        (300, 50)
    ]


def test_an_admin_adjusts_points_only_with_a_recent_second_factor(orders_runtime, orders_client, sign_identity):
    customer_id = new_id()
    body = {"customer_id": customer_id, "amount": 700, "reason": "Goodwill after a delayed delivery"}

    stale = orders_client.post(
        "/api/points/adjustments", json=body, headers=as_admin(sign_identity, second_factor_age=3600)
    )
    added = orders_client.post("/api/points/adjustments", json=body, headers=as_admin(sign_identity))
    taken = orders_client.post(
        "/api/points/adjustments", json={**body, "amount": -200, "reason": "Duplicate grant"},
        headers=as_admin(sign_identity),
    )
    too_much = orders_client.post(
        "/api/points/adjustments", json={**body, "amount": -501}, headers=as_admin(sign_identity)
    )
    zero = orders_client.post("/api/points/adjustments", json={**body, "amount": 0}, headers=as_admin(sign_identity))
    by_customer = orders_client.post("/api/points/adjustments", json=body, headers=as_customer(sign_identity))

    assert stale.status_code == 403 and stale.json["type"].endswith("step-up-required")
    assert (added.status_code, added.json["kind"], added.json["amount"]) == (201, "adjustment", 700)
    assert (taken.status_code, taken.json["amount"]) == (201, -200)
    assert too_much.status_code == 422 and too_much.json["type"].endswith("not-enough-points")
    assert zero.status_code == 422 and "amount" in zero.json["errors"]
    assert by_customer.status_code == 403
    assert balance_of(orders_runtime, customer_id) == 500
    deducted = recorded(orders_runtime, "PointsDeducted", customer_id=customer_id)
    assert [(d["amount"], d["balance"], d["reason"]) for d in deducted] == [(200, 500, "Duplicate grant")]
