"""Coupons: sellers (with a second factor) and admins create them, customers download each once while
copies last, checkout gets the discount per seller, a coupon serves one order until that order is cancelled.
"""
from datetime import datetime, timedelta, timezone

import pytest

from orders import coupons
from servicekit.problems import Problem
from servicekit.testing.identities import as_admin, as_customer, as_seller
from .journey import new_id


def now():
    return datetime.now(timezone.utc)


def coupon_body(**changes):
    return {
        "name": "Spring sale",
        "discount_type": "fixed",
        "discount_value": 2_000,
        "min_order_amount": 10_000,
        "starts_at": (now() - timedelta(days=1)).isoformat(),
        "ends_at": (now() + timedelta(days=30)).isoformat(),
        **changes,
    }


def created(client, headers, **changes):
    response = client.post("/api/coupons", json=coupon_body(**changes), headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def downloaded(client, headers, coupon_id):
    response = client.post(f"/api/coupons/{coupon_id}/downloads", headers=headers)
    assert response.status_code == 201, response.json
    return response.json["id"]


def test_a_seller_needs_a_second_factor_to_create_a_coupon_and_an_admin_creates_platform_coupons(
    orders_client, sign_identity
):
    seller_id = new_id()
    without_2fa = as_seller(sign_identity, seller_id, second_factor_age=None)

    refused = orders_client.post("/api/coupons", json=coupon_body(), headers=without_2fa)
    seller_coupon = created(orders_client, as_seller(sign_identity, seller_id))
    platform_coupon = created(orders_client, as_admin(sign_identity), discount_type="percent", discount_value=10,
                              max_discount=5_000)
    by_customer = orders_client.post("/api/coupons", json=coupon_body(), headers=as_customer(sign_identity))

    assert refused.status_code == 403 and refused.json["type"].endswith("second-factor-required")
    assert (seller_coupon["seller_id"], seller_coupon["issued_count"]) == (seller_id, 0)
    assert platform_coupon["seller_id"] is None
    assert by_customer.status_code == 403


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"discount_type": "percent", "discount_value": 91}, "discount_value"),
        ({"discount_value": 0}, "discount_value"),
        ({"max_discount": 1_000}, "max_discount"),
        ({"ends_at": (datetime.now(timezone.utc) - timedelta(days=2)).isoformat()}, "ends_at"),
    ],
)
def test_a_coupon_with_inconsistent_terms_is_refused(orders_client, sign_identity, changes, field):
    response = orders_client.post("/api/coupons", json=coupon_body(**changes), headers=as_admin(sign_identity))

    assert response.status_code == 422
    assert field in response.json["errors"]


def test_customers_see_a_sellers_active_coupons_and_not_withdrawn_or_future_ones(orders_client, sign_identity):
    seller_id = new_id()
    seller = as_seller(sign_identity, seller_id)
    active = created(orders_client, seller)
    withdrawn = created(orders_client, seller)
    created(orders_client, seller, starts_at=(now() + timedelta(days=1)).isoformat())

    assert orders_client.delete(f"/api/coupons/{withdrawn['id']}", headers=seller).status_code == 204
    listed = orders_client.get(f"/api/coupons?seller_id={seller_id}", headers=as_customer(sign_identity))

    assert [c["id"] for c in listed.json] == [active["id"]]


def test_a_customer_downloads_a_coupon_once(orders_client, sign_identity):
    coupon = created(orders_client, as_seller(sign_identity, new_id()))
    customer = as_customer(sign_identity)

    first = orders_client.post(f"/api/coupons/{coupon['id']}/downloads", headers=customer)
    again = orders_client.post(f"/api/coupons/{coupon['id']}/downloads", headers=customer)

    assert first.status_code == 201
    assert (first.json["coupon"]["id"], first.json["source"]) == (coupon["id"], "download")
    assert again.status_code == 409 and again.json["type"].endswith("coupon-already-downloaded")
    mine = orders_client.get("/api/coupons/mine", headers=customer).json
    assert [issued["id"] for issued in mine] == [first.json["id"]]


def test_a_sold_out_coupon_cannot_be_downloaded(orders_client, sign_identity):
    coupon = created(orders_client, as_admin(sign_identity), total_quantity=1)

    first = orders_client.post(f"/api/coupons/{coupon['id']}/downloads", headers=as_customer(sign_identity))
    second = orders_client.post(f"/api/coupons/{coupon['id']}/downloads", headers=as_customer(sign_identity))

    assert first.status_code == 201 and first.json["coupon"]["issued_count"] == 1
    assert second.status_code == 409 and second.json["type"].endswith("coupon-sold-out")
    listed = orders_client.get("/api/coupons", headers=as_customer(sign_identity)).json
    assert coupon["id"] not in [c["id"] for c in listed]


def test_only_the_owner_withdraws_a_coupon_and_then_nobody_downloads_it(orders_client, sign_identity):
    seller = as_seller(sign_identity, new_id())
    coupon = created(orders_client, seller)

    by_other_seller = orders_client.delete(f"/api/coupons/{coupon['id']}", headers=as_seller(sign_identity, new_id()))
    by_owner = orders_client.delete(f"/api/coupons/{coupon['id']}", headers=seller)
    download = orders_client.post(f"/api/coupons/{coupon['id']}/downloads", headers=as_customer(sign_identity))

    assert by_other_seller.status_code == 403
    assert by_owner.status_code == 204
    assert download.status_code == 409 and download.json["type"].endswith("coupon-not-available")


def test_checkout_gets_seller_and_platform_discounts_split_over_the_sellers(
    orders_runtime, orders_client, sign_identity
):
    customer_id, seller_a, seller_b = new_id(), new_id(), new_id()
    customer = as_customer(sign_identity, customer_id)
    seller_coupon = created(orders_client, as_seller(sign_identity, seller_a), discount_value=3_000)
    platform = created(orders_client, as_admin(sign_identity), discount_type="percent", discount_value=10,
                       max_discount=3_000)
    issued = [downloaded(orders_client, customer, coupon["id"]) for coupon in (seller_coupon, platform)]

    with orders_runtime.unit_of_work() as uow:
        applied = coupons.apply_coupons(uow.session, customer_id, issued, {seller_a: 20_000, seller_b: 10_000}, now())

    assert {seller: off.total for seller, off in applied.discount_by_seller.items()} == {
        seller_a: 3_000 + 2_000,
        seller_b: 1_000,
    }
    assert applied.discount_by_seller[seller_a].seller_coupon == 3_000
    assert applied.issued_coupon_ids == tuple(issued)


def test_checkout_refuses_a_coupon_that_is_not_the_customers_naming_it(orders_runtime, orders_client, sign_identity):
    coupon = created(orders_client, as_admin(sign_identity))
    someone_elses = downloaded(orders_client, as_customer(sign_identity), coupon["id"])

    with orders_runtime.unit_of_work() as uow, pytest.raises(Problem) as refused:
        coupons.apply_coupons(uow.session, new_id(), [someone_elses], {new_id(): 50_000}, now())

    assert (refused.value.status, refused.value.slug) == (422, "coupon-not-usable")
    assert refused.value.extra["coupon_id"] == someone_elses


def test_a_used_coupon_serves_one_order_until_that_order_is_cancelled(orders_runtime, orders_client, sign_identity):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    issued = downloaded(orders_client, customer, created(orders_client, as_admin(sign_identity))["id"])
    first_order, second_order = new_id(), new_id()

    with orders_runtime.unit_of_work() as uow:
        coupons.mark_used(uow.session, [issued], first_order, now())
        uow.commit()
    with orders_runtime.unit_of_work() as uow, pytest.raises(Problem) as refused:
        coupons.mark_used(uow.session, [issued], second_order, now())
    assert (refused.value.status, refused.value.slug) == (409, "coupon-already-used")
    assert orders_client.get("/api/coupons/mine", headers=customer).json == []

    with orders_runtime.unit_of_work() as uow:
        coupons.release(uow.session, first_order)
        uow.commit()

    assert [c["id"] for c in orders_client.get("/api/coupons/mine", headers=customer).json] == [issued]
