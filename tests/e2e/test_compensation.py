"""Compensation through the gateway: a seller compensates a resolved case with a coupon of theirs whose every
copy is gone; orders refuses it, the case comes back to the seller's inbox saying why and the customer is
told, and the seller makes up for it with points, which orders issues.
"""
from datetime import datetime, timedelta, timezone

from e2e.journey import list_product, place_order, settled
from e2e.test_support import opened_about
from servicekit.testing import wait_for


def answered(seller, inquiry_id):
    """The case's compensation once orders has answered for it."""
    return wait_for(
        lambda: (c := seller.get(f"/api/inquiries/{inquiry_id}/compensation").json())["status"] != "granted" and c,
        what="orders to answer the compensation",
    )


def test_a_coupon_orders_refuses_brings_the_case_back_and_points_make_up_for_it(new_seller, new_customer):
    seller, customer, early_bird = new_seller(), new_customer(), new_customer()
    order = settled(customer, place_order(customer, list_product(seller), 1).json()["id"])
    now = datetime.now(timezone.utc)
    coupon = seller.post("/api/coupons", json={
        "name": "죄송합니다 쿠폰", "discount_type": "fixed", "discount_value": 3000, "total_quantity": 1,
        "starts_at": now.isoformat(), "ends_at": (now + timedelta(days=30)).isoformat(),
    })
    assert coupon.status_code == 201, coupon.text
    assert early_bird.post(f"/api/coupons/{coupon.json()['id']}/downloads").status_code == 201
    inquiry_id = opened_about(customer, order, inquiry_type="order", subject="포장이 찢어져 왔어요")["id"]
    resolve = {"status": "resolved", "reason_code": "other"}
    assert seller.post(f"/api/inquiries/{inquiry_id}/status", json=resolve).status_code == 200

    granted = seller.post(f"/api/inquiries/{inquiry_id}/compensation",
                          json={"kind": "coupon", "coupon_id": coupon.json()["id"]})

    assert granted.status_code == 201, granted.text
    refused = answered(seller, inquiry_id)
    assert (refused["status"], refused["refusal_reason"]) == ("refused", "coupon_sold_out")
    back = seller.get(f"/api/inquiries/{inquiry_id}").json()
    assert (back["status"], back["owner"]) == ("open", "seller")
    assert ("coupon granted", "coupon refused", "coupon_sold_out") in [
        (h["from_value"], h["to_value"], h["reason"]) for h in back["history"] if h["kind"] == "compensation"
    ]
    told = [m["body"] for m in customer.get(f"/api/inquiries/{inquiry_id}").json()["messages"]
            if m["author_role"] == "system"]
    assert len(told) == 1 and "another way" in told[0]
    assert customer.get("/api/coupons/mine").json() == []

    assert seller.post(f"/api/inquiries/{inquiry_id}/status", json=resolve).status_code == 200
    instead = seller.post(f"/api/inquiries/{inquiry_id}/compensation", json={"kind": "points", "amount": 3000})

    assert instead.status_code == 201, instead.text
    issued = answered(seller, inquiry_id)
    assert (issued["id"], issued["status"]) == (instead.json()["id"], "issued")
    assert customer.get("/api/points").json()["balance"] == 3000
