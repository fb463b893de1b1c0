"""Compensation from support: points or a coupon credited once per inquiry; a coupon orders does not
know is skipped without stopping the consumer; a compensation copy is one of the copies the coupon's
owner put up, and none is issued beyond them.
"""
from datetime import datetime, timedelta, timezone

import pytest

from orders.coupons import CouponSoldOut
from servicekit.testing.events import deliver
from servicekit.testing.identities import as_admin, as_customer
from .journey import new_id


def compensation(customer_id, inquiry_id, **grant):
    return {
        "inquiry_id": inquiry_id,
        "customer_id": customer_id,
        "granted_by": new_id(),
        "granted_at": datetime.now(timezone.utc).isoformat(),
        **grant,
    }


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


def test_a_compensation_naming_an_unknown_coupon_grants_nothing_and_the_consumer_goes_on(
    orders_client, orders_consumer, sign_identity
):
    customer_id = new_id()

    handled = deliver(
        orders_consumer, "CompensationGranted",
        compensation(customer_id, new_id(), kind="coupon", coupon_id=new_id()),
    )

    assert handled is True
    assert orders_client.get("/api/coupons/mine", headers=as_customer(sign_identity, customer_id)).json == []


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


def test_a_compensation_naming_a_sold_out_coupon_is_refused_loudly_and_issues_nothing(
    orders_client, orders_consumer, sign_identity
):
    coupon = platform_coupon(orders_client, sign_identity, total_quantity=1)
    orders_client.post(f"/api/coupons/{coupon['id']}/downloads", headers=as_customer(sign_identity))
    customer_id, inquiry_id = new_id(), new_id()

    # The consumer retries it and then dead-letters it with this error, where a person sees it.
    with pytest.raises(CouponSoldOut, match=inquiry_id):
        deliver(
            orders_consumer, "CompensationGranted",
            compensation(customer_id, inquiry_id, kind="coupon", coupon_id=coupon["id"]),
        )

    assert orders_client.get("/api/coupons/mine", headers=as_customer(sign_identity, customer_id)).json == []
