"""Compensation from support: points or a coupon credited once per inquiry; a coupon orders does not
know is skipped without stopping the consumer.
"""
import time
from datetime import datetime, timedelta, timezone

from .journey import as_customer, deliver, new_id


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
        handled, _ = deliver(
            orders_consumer, "CompensationGranted", compensation(customer_id, inquiry_id, kind="points", amount=3_000),
            "support",
        )
        assert handled is True

    headers = as_customer(sign_identity, customer_id)
    assert orders_client.get("/api/points", headers=headers).json["balance"] == 3_000
    entries = orders_client.get("/api/points/entries", headers=headers).json
    assert [(e["kind"], e["reference"]) for e in entries] == [("compensation", inquiry_id)]


def test_a_compensation_coupon_is_another_copy_even_of_a_downloaded_coupon(
    orders_client, orders_consumer, sign_identity
):
    customer_id, inquiry_id = new_id(), new_id()
    customer = as_customer(sign_identity, customer_id)
    admin = sign_identity(subject=new_id(), roles=["admin"], second_factor_at=int(time.time()))
    coupon = orders_client.post(
        "/api/coupons",
        json={
            "name": "Sorry for the wait",
            "discount_type": "fixed",
            "discount_value": 5_000,
            "starts_at": datetime.now(timezone.utc).isoformat(),
            "ends_at": (datetime.now(timezone.utc) + timedelta(days=60)).isoformat(),
        },
        headers=admin,
    ).json
    assert orders_client.post(f"/api/coupons/{coupon['id']}/downloads", headers=customer).status_code == 201

    for _ in range(2):
        deliver(
            orders_consumer, "CompensationGranted",
            compensation(customer_id, inquiry_id, kind="coupon", coupon_id=coupon["id"]), "support",
        )

    mine = orders_client.get("/api/coupons/mine", headers=customer).json
    assert sorted(issued["source"] for issued in mine) == ["compensation", "download"]


def test_a_compensation_naming_an_unknown_coupon_grants_nothing_and_the_consumer_goes_on(
    orders_client, orders_consumer, sign_identity
):
    customer_id = new_id()

    handled, _ = deliver(
        orders_consumer, "CompensationGranted",
        compensation(customer_id, new_id(), kind="coupon", coupon_id=new_id()), "support",
    )

    assert handled is True
    assert orders_client.get("/api/coupons/mine", headers=as_customer(sign_identity, customer_id)).json == []
