"""Compensation from support: points or a coupon credited once per inquiry and support told it was issued;
a compensation copy is one of the copies the coupon's owner put up, and a grant orders cannot honour (a
sold-out, withdrawn, ended or unknown coupon, or one that is not the grantor's) issues nothing and is
answered to support as refused, without stopping the consumer.
"""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from orders.models.rewards import Coupon
from servicekit.testing.events import deliver, recorded
from servicekit.testing.identities import as_admin, as_customer, as_seller
from .journey import new_id


def compensation(customer_id, inquiry_id, **grant):
    return {
        "inquiry_id": inquiry_id,
        "compensation_id": new_id(),
        "customer_id": customer_id,
        "granted_by": new_id(),
        "granted_at": datetime.now(timezone.utc).isoformat(),
        **grant,
    }


def answers(runtime, inquiry_id):
    """What orders told support of the inquiry's compensations, as (event, compensation id) in order."""
    return [
        (name, data["compensation_id"])
        for name in ("CompensationIssued", "CompensationRefused")
        for data in recorded(runtime, name, inquiry_id=inquiry_id)
    ]


def test_compensation_points_are_credited_once_per_inquiry(orders_client, orders_consumer, sign_identity):
    customer_id, inquiry_id = new_id(), new_id()

    for _ in range(2):
        handled = deliver(
            orders_consumer, "CompensationGranted", compensation(customer_id, inquiry_id, kind="points", amount=3_000),
        )
        assert handled is True

    headers = as_customer(sign_identity, customer_id)
    assert orders_client.get("/api/points", headers=headers).json["balance"] == 3_000
    entries = orders_client.get("/api/points/entries", headers=headers).json
    assert [(e["kind"], e["reference"]) for e in entries] == [("compensation", inquiry_id)]


def test_support_is_told_the_compensation_points_were_issued(orders_runtime, orders_consumer):
    customer_id, inquiry_id, seller_id = new_id(), new_id(), new_id()
    grant = {**compensation(customer_id, inquiry_id, kind="points", amount=3_000), "borne_by_seller_id": seller_id}

    deliver(orders_consumer, "CompensationGranted", grant)

    [issued] = recorded(orders_runtime, "CompensationIssued", inquiry_id=inquiry_id)
    assert (issued["compensation_id"], issued["customer_id"], issued["kind"], issued["amount"]) == (
        grant["compensation_id"], customer_id, "points", 3_000
    )
    assert (issued["coupon_id"], issued["issued_coupon_id"]) == (None, None)
    assert issued["borne_by_seller_id"] == seller_id  # settlement charges the seller who granted it
    assert recorded(orders_runtime, "CompensationRefused", inquiry_id=inquiry_id) == []


def platform_coupon(client, sign_identity, **terms):
    admin = as_admin(sign_identity)
    response = client.post(
        "/api/coupons",
        json={
            "name": "Sorry for the wait",
            "discount_type": "fixed",
            "discount_value": 5_000,
            "starts_at": datetime.now(timezone.utc).isoformat(),
            "ends_at": (datetime.now(timezone.utc) + timedelta(days=60)).isoformat(),
            **terms,
        },
        headers=admin,
    )
    assert response.status_code == 201, response.json
    return response.json


def seller_coupon(client, sign_identity, seller_id, **terms):
    response = client.post(
        "/api/coupons",
        json={
            "name": "Our apologies",
            "discount_type": "fixed",
            "discount_value": 3_000,
            "starts_at": datetime.now(timezone.utc).isoformat(),
            "ends_at": (datetime.now(timezone.utc) + timedelta(days=60)).isoformat(),
            **terms,
        },
        headers=as_seller(sign_identity, seller_id),
    )
    assert response.status_code == 201, response.json
    return response.json


def test_a_sellers_staff_compensate_with_their_own_coupon_and_the_seller_bears_it(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    seller_id, customer_id, inquiry_id = new_id(), new_id(), new_id()
    coupon = seller_coupon(orders_client, sign_identity, seller_id, total_quantity=5)
    grant = {**compensation(customer_id, inquiry_id, kind="coupon", coupon_id=coupon["id"]),
             "borne_by_seller_id": seller_id}

    deliver(orders_consumer, "CompensationGranted", grant)

    [issued] = recorded(orders_runtime, "CompensationIssued", inquiry_id=inquiry_id)
    assert (issued["coupon_id"], issued["borne_by_seller_id"]) == (coupon["id"], seller_id)
    mine = orders_client.get("/api/coupons/mine", headers=as_customer(sign_identity, customer_id)).json
    assert [copy["coupon"]["id"] for copy in mine] == [coupon["id"]]


def another_sellers(client, sign_identity, runtime):
    """A coupon of a shop other than the granting one's, as its staff would name it: downloadable by anyone."""
    return seller_coupon(client, sign_identity, new_id(), total_quantity=5)["id"], new_id()


def a_platform_coupon_for_a_seller(client, sign_identity, runtime):
    return platform_coupon(client, sign_identity, total_quantity=5)["id"], new_id()


def a_sellers_coupon_for_an_agent(client, sign_identity, runtime):
    return seller_coupon(client, sign_identity, new_id(), total_quantity=5)["id"], None


def another_sellers_withdrawn(client, sign_identity, runtime):
    owner = new_id()
    coupon = seller_coupon(client, sign_identity, owner)
    assert client.delete(f"/api/coupons/{coupon['id']}", headers=as_seller(sign_identity, owner)).status_code == 204
    return coupon["id"], new_id()


@pytest.mark.parametrize(
    "granted",
    [another_sellers, a_platform_coupon_for_a_seller, a_sellers_coupon_for_an_agent, another_sellers_withdrawn],
)
def test_a_coupon_that_is_not_the_grantors_is_refused_and_issues_nothing(
    orders_runtime, orders_client, orders_consumer, sign_identity, granted
):
    coupon_id, borne_by_seller_id = granted(orders_client, sign_identity, orders_runtime)
    customer_id, inquiry_id = new_id(), new_id()
    grant = {**compensation(customer_id, inquiry_id, kind="coupon", coupon_id=coupon_id),
             "borne_by_seller_id": borne_by_seller_id}
    with orders_runtime.unit_of_work() as uow:
        copies_before = uow.session.get(Coupon, coupon_id).issued_count

    handled = deliver(orders_consumer, "CompensationGranted", grant)

    assert handled is True
    # Whose the coupon is comes before its state: a grantor learns nothing of another's coupon.
    [refused] = recorded(orders_runtime, "CompensationRefused", inquiry_id=inquiry_id)
    assert (refused["compensation_id"], refused["reason"], refused["borne_by_seller_id"]) == (
        grant["compensation_id"], "coupon_not_grantors", borne_by_seller_id
    )
    # No CompensationIssued: settlement charges no one; no copy: no discount anyone bears; no copy taken.
    assert recorded(orders_runtime, "CompensationIssued", inquiry_id=inquiry_id) == []
    assert recorded(orders_runtime, "CouponIssued", customer_id=customer_id) == []
    assert orders_client.get("/api/coupons/mine", headers=as_customer(sign_identity, customer_id)).json == []
    with orders_runtime.unit_of_work() as uow:
        assert uow.session.get(Coupon, coupon_id).issued_count == copies_before


def test_a_compensation_coupon_is_another_copy_even_of_a_downloaded_coupon(
    orders_client, orders_consumer, sign_identity
):
    customer_id, inquiry_id = new_id(), new_id()
    customer = as_customer(sign_identity, customer_id)
    coupon = platform_coupon(orders_client, sign_identity)
    assert orders_client.post(f"/api/coupons/{coupon['id']}/downloads", headers=customer).status_code == 201

    for _ in range(2):
        deliver(
            orders_consumer, "CompensationGranted",
            compensation(customer_id, inquiry_id, kind="coupon", coupon_id=coupon["id"]),
        )

    mine = orders_client.get("/api/coupons/mine", headers=customer).json
    assert sorted(issued["source"] for issued in mine) == ["compensation", "download"]


def test_support_is_told_which_copy_of_the_coupon_was_issued(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    customer_id, inquiry_id = new_id(), new_id()
    coupon = platform_coupon(orders_client, sign_identity, total_quantity=5)
    grant = compensation(customer_id, inquiry_id, kind="coupon", coupon_id=coupon["id"])

    deliver(orders_consumer, "CompensationGranted", grant)

    [copy] = orders_client.get("/api/coupons/mine", headers=as_customer(sign_identity, customer_id)).json
    [issued] = recorded(orders_runtime, "CompensationIssued", inquiry_id=inquiry_id)
    assert (issued["compensation_id"], issued["kind"], issued["coupon_id"], issued["issued_coupon_id"]) == (
        grant["compensation_id"], "coupon", coupon["id"], copy["id"]
    )
    assert issued["amount"] is None


def test_a_compensation_copy_counts_toward_the_coupons_quantity_once(orders_client, orders_consumer, sign_identity):
    coupon = platform_coupon(orders_client, sign_identity, total_quantity=2)
    compensated, inquiry_id = new_id(), new_id()

    for _ in range(2):
        deliver(
            orders_consumer, "CompensationGranted",
            compensation(compensated, inquiry_id, kind="coupon", coupon_id=coupon["id"]),
        )
    first = orders_client.post(f"/api/coupons/{coupon['id']}/downloads", headers=as_customer(sign_identity))
    second = orders_client.post(f"/api/coupons/{coupon['id']}/downloads", headers=as_customer(sign_identity))

    assert first.status_code == 201
    assert second.status_code == 409 and second.json["type"].endswith("coupon-sold-out")
    mine = orders_client.get("/api/coupons/mine", headers=as_customer(sign_identity, compensated)).json
    assert [issued["source"] for issued in mine] == ["compensation"]


def test_a_compensation_naming_a_sold_out_coupon_issues_nothing_and_support_is_told_it_was_refused(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    coupon = platform_coupon(orders_client, sign_identity, total_quantity=1)
    orders_client.post(f"/api/coupons/{coupon['id']}/downloads", headers=as_customer(sign_identity))
    customer_id, inquiry_id = new_id(), new_id()
    grant = compensation(customer_id, inquiry_id, kind="coupon", coupon_id=coupon["id"])

    handled = deliver(orders_consumer, "CompensationGranted", grant)

    # A business outcome, handled: nothing is retried or dead-lettered.
    assert handled is True
    [refused] = recorded(orders_runtime, "CompensationRefused", inquiry_id=inquiry_id)
    assert (refused["compensation_id"], refused["customer_id"], refused["coupon_id"], refused["reason"]) == (
        grant["compensation_id"], customer_id, coupon["id"], "coupon_sold_out"
    )
    assert recorded(orders_runtime, "CompensationIssued", inquiry_id=inquiry_id) == []
    assert recorded(orders_runtime, "CouponIssued", customer_id=customer_id) == []
    assert orders_client.get("/api/coupons/mine", headers=as_customer(sign_identity, customer_id)).json == []
    with orders_runtime.unit_of_work() as uow:
        assert uow.session.get(Coupon, coupon["id"]).issued_count == 1


def withdrawn(client, sign_identity, runtime):
    coupon = platform_coupon(client, sign_identity)
    assert client.delete(f"/api/coupons/{coupon['id']}", headers=as_admin(sign_identity)).status_code == 204
    return coupon["id"]


def ended(client, sign_identity, runtime):
    coupon, now = platform_coupon(client, sign_identity), datetime.now(timezone.utc)
    # No API ends a coupon early; its end passing is what this arranges.
    with runtime.unit_of_work() as uow:
        uow.session.execute(
            update(Coupon)
            .where(Coupon.id == coupon["id"])
            .values(starts_at=now - timedelta(days=2), ends_at=now - timedelta(hours=1))
        )
        uow.commit()
    return coupon["id"]


def unknown(client, sign_identity, runtime):
    return new_id()


@pytest.mark.parametrize(
    "coupon_of, reason",
    [(withdrawn, "coupon_withdrawn"), (ended, "coupon_expired"), (unknown, "coupon_unknown")],
)
def test_a_compensation_naming_a_coupon_nobody_can_use_is_refused_and_the_consumer_goes_on(
    orders_runtime, orders_client, orders_consumer, sign_identity, coupon_of, reason
):
    customer_id, inquiry_id = new_id(), new_id()
    coupon_id = coupon_of(orders_client, sign_identity, orders_runtime)

    handled = deliver(
        orders_consumer, "CompensationGranted", compensation(customer_id, inquiry_id, kind="coupon", coupon_id=coupon_id),
    )

    assert handled is True
    assert [r["reason"] for r in recorded(orders_runtime, "CompensationRefused", inquiry_id=inquiry_id)] == [reason]
    assert orders_client.get("/api/coupons/mine", headers=as_customer(sign_identity, customer_id)).json == []


@pytest.mark.parametrize("kind", ["points", "coupon"])
def test_a_redelivered_grant_takes_effect_and_is_answered_once(
    orders_runtime, orders_client, orders_consumer, sign_identity, kind
):
    customer_id, inquiry_id = new_id(), new_id()
    coupon = platform_coupon(orders_client, sign_identity)
    grant = compensation(customer_id, inquiry_id, kind=kind, amount=1_000 if kind == "points" else None,
                         coupon_id=coupon["id"] if kind == "coupon" else None)
    event_id = new_id()

    first = deliver(orders_consumer, "CompensationGranted", grant, event_id=event_id)
    again = deliver(orders_consumer, "CompensationGranted", grant, event_id=event_id)

    assert (first, again) == (True, False)
    assert answers(orders_runtime, inquiry_id) == [("CompensationIssued", grant["compensation_id"])]
    customer = as_customer(sign_identity, customer_id)
    held = orders_client.get("/api/points", headers=customer).json["balance"], len(
        orders_client.get("/api/coupons/mine", headers=customer).json
    )
    assert held == ((1_000, 0) if kind == "points" else (0, 1))


def test_a_refused_grant_redelivered_is_refused_once(orders_runtime, orders_client, orders_consumer, sign_identity):
    coupon = platform_coupon(orders_client, sign_identity, total_quantity=1)
    orders_client.post(f"/api/coupons/{coupon['id']}/downloads", headers=as_customer(sign_identity))
    inquiry_id = new_id()
    grant = compensation(new_id(), inquiry_id, kind="coupon", coupon_id=coupon["id"])
    event_id = new_id()

    handled = [deliver(orders_consumer, "CompensationGranted", grant, event_id=event_id) for _ in range(2)]

    assert handled == [True, False]
    assert answers(orders_runtime, inquiry_id) == [("CompensationRefused", grant["compensation_id"])]


def test_after_a_refusal_support_may_compensate_the_same_inquiry_another_way(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    sold_out = platform_coupon(orders_client, sign_identity, total_quantity=1)
    orders_client.post(f"/api/coupons/{sold_out['id']}/downloads", headers=as_customer(sign_identity))
    other = platform_coupon(orders_client, sign_identity)
    customer_id, inquiry_id = new_id(), new_id()
    refused = compensation(customer_id, inquiry_id, kind="coupon", coupon_id=sold_out["id"])
    instead = compensation(customer_id, inquiry_id, kind="coupon", coupon_id=other["id"])

    deliver(orders_consumer, "CompensationGranted", refused)
    deliver(orders_consumer, "CompensationGranted", instead)

    assert answers(orders_runtime, inquiry_id) == [
        ("CompensationIssued", instead["compensation_id"]), ("CompensationRefused", refused["compensation_id"])
    ]
    mine = orders_client.get("/api/coupons/mine", headers=as_customer(sign_identity, customer_id)).json
    assert [copy["coupon"]["id"] for copy in mine] == [other["id"]]


@pytest.mark.parametrize("grant", [{"kind": "points", "amount": None}, {"kind": "coupon", "coupon_id": None}])
def test_a_grant_missing_what_its_kind_needs_is_refused_as_incomplete(orders_runtime, orders_consumer, grant):
    inquiry_id = new_id()

    handled = deliver(orders_consumer, "CompensationGranted", compensation(new_id(), inquiry_id, **grant))

    assert handled is True
    assert [r["reason"] for r in recorded(orders_runtime, "CompensationRefused", inquiry_id=inquiry_id)] == [
        "incomplete"
    ]
