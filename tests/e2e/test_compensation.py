"""Compensation through the gateway: a seller compensates a resolved case with a coupon of theirs whose every
copy is gone; orders refuses it, the case comes back to the seller's inbox saying why and the customer is
told, and the seller makes up for it with points, which orders issues. A seller who names another shop's
coupon is refused the same way, and nothing is issued or charged to anyone; their own coupon is issued.
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


def coupon_of(seller, name):
    now = datetime.now(timezone.utc)
    coupon = seller.post("/api/coupons", json={
        "name": name, "discount_type": "fixed", "discount_value": 3000, "total_quantity": 10,
        "starts_at": now.isoformat(), "ends_at": (now + timedelta(days=30)).isoformat(),
    })
    assert coupon.status_code == 201, coupon.text
    return coupon.json()


def compensation_entries(seller):
    entries = seller.get("/api/settlements/ledger-entries")
    assert entries.status_code == 200, entries.text
    return [e for e in entries.json() if e["kind"] == "compensation"]


def test_a_seller_granting_another_shops_coupon_is_refused_and_nothing_is_issued_or_charged(
    new_seller, new_customer
):
    seller, other_shop, customer = new_seller(), new_seller(), new_customer()
    order = settled(customer, place_order(customer, list_product(seller), 1).json()["id"])
    theirs, own = coupon_of(other_shop, "다른 가게 쿠폰"), coupon_of(seller, "우리 가게 쿠폰")
    # Another shop's coupons are public: any seller can read their ids.
    listed = seller.get("/api/coupons", params={"seller_id": other_shop.seller_id}).json()
    assert [c["id"] for c in listed] == [theirs["id"]]
    inquiry_id = opened_about(customer, order, inquiry_type="order", subject="포장이 찢어져 왔어요")["id"]
    resolve = {"status": "resolved", "reason_code": "other"}
    assert seller.post(f"/api/inquiries/{inquiry_id}/status", json=resolve).status_code == 200

    granted = seller.post(f"/api/inquiries/{inquiry_id}/compensation",
                          json={"kind": "coupon", "coupon_id": theirs["id"]})

    # Support cannot know whose a coupon is (coupons live in orders): orders refuses it when issuing.
    assert granted.status_code == 201, granted.text
    refused = answered(seller, inquiry_id)
    assert (refused["status"], refused["refusal_reason"]) == ("refused", "coupon_not_grantors")
    back = seller.get(f"/api/inquiries/{inquiry_id}").json()
    assert (back["status"], back["owner"]) == ("open", "seller")
    told = [m["body"] for m in customer.get(f"/api/inquiries/{inquiry_id}").json()["messages"]
            if m["author_role"] == "system"]
    assert len(told) == 1 and "another way" in told[0]
    assert customer.get("/api/coupons/mine").json() == []
    [untouched] = other_shop.get("/api/coupons", params={"seller_id": other_shop.seller_id}).json()
    assert untouched["issued_count"] == 0

    assert seller.post(f"/api/inquiries/{inquiry_id}/status", json=resolve).status_code == 200
    instead = seller.post(f"/api/inquiries/{inquiry_id}/compensation",
                          json={"kind": "coupon", "coupon_id": own["id"]})

    assert instead.status_code == 201, instead.text
    issued = answered(seller, inquiry_id)
    assert (issued["id"], issued["status"]) == (instead.json()["id"], "issued")
    assert [c["coupon"]["id"] for c in customer.get("/api/coupons/mine").json()] == [own["id"]]
    # A coupon costs its owner only when used, as their discount; nothing was charged to either shop for it.
    assert compensation_entries(seller) == [] and compensation_entries(other_shop) == []
