"""Coupon rules: percent discounts round down and stop at their cap, minimums apply to what the coupon
covers, a platform coupon is split over the sellers in proportion, one coupon per seller and one platform;
a compensation coupon is granted only by its owner's people.
"""
from datetime import datetime, timedelta, timezone

import pytest

from orders.domain.coupons import (
    CouponNotUsable,
    OfferedCoupon,
    SellerDiscount,
    Terms,
    discount_of,
    discounts,
    grantor_owns,
    split_discounts,
    split_in_proportion,
)

NOW = datetime(2026, 3, 1, tzinfo=timezone.utc)
CUSTOMER = "customer"


def terms(seller_id=None, discount_type="fixed", value=1000, max_discount=None, minimum=0, withdrawn=False,
          starts=-1, ends=30):
    return Terms(
        seller_id=seller_id,
        discount_type=discount_type,
        discount_value=value,
        max_discount=max_discount,
        min_order_amount=minimum,
        starts_at=NOW + timedelta(days=starts),
        ends_at=NOW + timedelta(days=ends),
        withdrawn=withdrawn,
    )


def offered(issued_id, coupon_terms, owner=CUSTOMER, used=False):
    return OfferedCoupon(issued_id, coupon_terms, owner, used)


def test_a_percent_discount_rounds_down():
    assert discount_of(terms(discount_type="percent", value=15), 9_999) == 1_499


def test_a_percent_discount_stops_at_its_cap():
    assert discount_of(terms(discount_type="percent", value=50, max_discount=5_000), 40_000) == 5_000


def test_a_discount_never_exceeds_the_amount_it_applies_to():
    assert discount_of(terms(value=10_000), 3_000) == 3_000


def test_a_platform_discount_is_split_in_proportion_with_the_remainder_to_the_largest_seller():
    assert split_in_proportion(1_000, {"a": 10_000, "b": 20_000, "c": 3_000}) == {"a": 303, "b": 607, "c": 90}


def test_a_seller_coupon_takes_off_only_that_sellers_items():
    by_seller = discounts([offered("i1", terms(seller_id="a", value=2_000))], CUSTOMER, {"a": 10_000, "b": 5_000}, NOW)

    assert by_seller == {"a": SellerDiscount(seller_coupon=2_000), "b": SellerDiscount()}


def test_seller_and_platform_coupons_add_up_per_seller_but_never_above_their_items():
    coupons = [
        offered("seller", terms(seller_id="a", value=10_000)),
        offered("platform", terms(discount_type="percent", value=10)),
    ]

    by_seller = discounts(coupons, CUSTOMER, {"a": 10_000, "b": 30_000}, NOW)

    assert by_seller == {"a": SellerDiscount(seller_coupon=10_000), "b": SellerDiscount(platform_coupon=3_000)}


def test_each_sellers_discount_keeps_its_seller_coupon_part_apart_from_its_platform_coupon_share():
    coupons = [
        offered("seller", terms(seller_id="a", value=3_000)),
        offered("platform", terms(discount_type="percent", value=10, max_discount=3_000)),
    ]

    by_seller = discounts(coupons, CUSTOMER, {"a": 20_000, "b": 10_000}, NOW)

    assert by_seller == {
        "a": SellerDiscount(seller_coupon=3_000, platform_coupon=2_000),
        "b": SellerDiscount(seller_coupon=0, platform_coupon=1_000),
    }
    assert [by_seller[seller].total for seller in ("a", "b")] == [5_000, 1_000]


def test_when_the_coupons_exceed_a_sellers_items_the_platform_share_is_cut_before_the_sellers_coupon():
    coupons = [
        offered("seller", terms(seller_id="a", value=8_000)),
        offered("platform", terms(value=6_000)),
    ]

    by_seller = discounts(coupons, CUSTOMER, {"a": 10_000, "b": 20_000}, NOW)

    assert by_seller["a"] == SellerDiscount(seller_coupon=8_000, platform_coupon=2_000)
    assert by_seller["b"] == SellerDiscount(platform_coupon=4_000)


def test_a_seller_coupon_larger_than_the_items_leaves_no_room_for_the_platform_share():
    assert SellerDiscount(seller_coupon=12_000, platform_coupon=500).within(10_000) == SellerDiscount(10_000, 0)


def test_the_split_of_coupons_already_used_is_the_split_checkout_made():
    used = [terms(seller_id="b", discount_type="percent", value=10), terms(value=999)]

    assert split_discounts(used, {"a": 10_000, "b": 20_000, "z": 0}) == {
        "a": SellerDiscount(0, 333),
        "b": SellerDiscount(2_000, 666),
        "z": SellerDiscount(0, 0),
    }


def test_the_minimum_is_checked_against_the_amount_the_coupon_applies_to():
    seller_coupon = offered("i1", terms(seller_id="a", minimum=20_000))

    with pytest.raises(CouponNotUsable) as refused:
        discounts([seller_coupon], CUSTOMER, {"a": 15_000, "b": 50_000}, NOW)

    assert refused.value.issued_coupon_id == "i1"


def test_a_platform_minimum_counts_every_sellers_items():
    platform = offered("i1", terms(minimum=20_000, value=1_000))

    assert discounts([platform], CUSTOMER, {"a": 15_000, "b": 5_000}, NOW) == {
        "a": SellerDiscount(platform_coupon=750),
        "b": SellerDiscount(platform_coupon=250),
    }


@pytest.mark.parametrize(
    ("coupon", "reason"),
    [
        (offered("x", terms(), owner="someone else"), "not yours"),
        (offered("x", terms(), used=True), "already used"),
        (offered("x", terms(withdrawn=True)), "withdrawn"),
        (offered("x", terms(starts=1)), "validity period"),
        (offered("x", terms(ends=0)), "validity period"),
        (offered("x", terms(seller_id="z")), "no items of its seller"),
    ],
)
def test_a_coupon_that_is_not_usable_is_refused_saying_why(coupon, reason):
    with pytest.raises(CouponNotUsable) as refused:
        discounts([coupon], CUSTOMER, {"a": 10_000}, NOW)

    assert reason in str(refused.value.reason)


def test_two_coupons_of_one_seller_or_two_platform_coupons_are_refused():
    with pytest.raises(CouponNotUsable, match="one coupon per seller"):
        discounts([offered("1", terms(seller_id="a")), offered("2", terms(seller_id="a"))], CUSTOMER, {"a": 9_000}, NOW)
    with pytest.raises(CouponNotUsable, match="one platform coupon"):
        discounts([offered("1", terms()), offered("2", terms())], CUSTOMER, {"a": 9_000}, NOW)


@pytest.mark.parametrize(
    ("coupon_seller_id", "borne_by_seller_id", "may_grant"),
    [
        ("a", "a", True),  # a seller's staff, their shop's coupon
        (None, None, True),  # a platform agent, a platform coupon
        ("b", "a", False),  # a seller's staff, another shop's coupon
        (None, "a", False),  # a seller's staff, a platform coupon: the platform would pay for their goodwill
        ("a", None, False),  # a platform agent, a seller's coupon: the seller would pay for the platform's
    ],
)
def test_a_compensation_coupon_is_granted_only_by_its_owners_people(coupon_seller_id, borne_by_seller_id, may_grant):
    assert grantor_owns(coupon_seller_id, borne_by_seller_id) is may_grant
