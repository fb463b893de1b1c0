"""Pricing a checkout: one shipment per seller, each with its own fee and free-shipping threshold,
remote-area surcharges, discounts and points; the same request always has the same fingerprint.
"""
import pytest

from orders.domain.checkout import (
    CheckoutRefused,
    RequestedLine,
    ShippingFees,
    is_remote_area,
    quote,
    request_fingerprint,
    shipping_fee,
)
from orders.domain.coupons import SellerDiscount

A, B = "seller-a", "seller-b"


def line(seller, quantity, unit_price, product="p"):
    return RequestedLine(product_id=product, seller_id=seller, quantity=quantity, unit_price=unit_price)


def test_each_seller_gets_one_shipment_with_their_own_fee():
    priced = quote(
        [line(A, 2, 10000), line(B, 1, 60000), line(A, 1, 5000)],
        {A: ShippingFees(2500, 30000, 0), B: ShippingFees(3000, 50000, 0)},
        remote=False,
        discount_by_seller={},
        points=0,
    )
    assert [(s.seller_id, s.items_amount, s.shipping_fee) for s in priced.shipments] == [
        (A, 25000, 2500),
        (B, 60000, 0),
    ]
    assert (priced.items_amount, priced.shipping_fee, priced.total_amount) == (85000, 2500, 87500)


@pytest.mark.parametrize(
    "fees, amount, remote, expected",
    [
        (ShippingFees(3000, 50000, 0), 49999, False, 3000),
        (ShippingFees(3000, 50000, 0), 50000, False, 0),
        (ShippingFees(3000, None, 0), 10**8, False, 3000),
        (ShippingFees(3000, 50000, 4000), 50000, True, 4000),
        (ShippingFees(3000, 50000, 4000), 100, True, 7000),
        (ShippingFees(0, None, 0), 100, False, 0),
    ],
)
def test_shipping_fee_is_waived_from_the_threshold_but_the_remote_surcharge_stays(fees, amount, remote, expected):
    assert shipping_fee(fees, amount, remote) == expected


def test_sellers_that_never_set_fees_charge_catalogs_defaults():
    priced = quote([line(A, 1, 10000)], {}, remote=False, discount_by_seller={}, points=0)
    assert priced.shipping_fee == 3000


def test_discounts_never_exceed_the_sellers_items_and_points_pay_the_rest():
    priced = quote(
        [line(A, 1, 10000)],
        {A: ShippingFees(3000, None, 0)},
        remote=False,
        discount_by_seller={A: SellerDiscount(platform_coupon=15000)},
        points=2000,
    )
    assert (priced.discount, priced.points_used, priced.total_amount) == (10000, 2000, 1000)


def test_each_shipment_keeps_the_part_of_its_discount_from_the_sellers_own_coupon():
    priced = quote(
        [line(A, 1, 20000), line(B, 1, 10000)],
        {},
        remote=False,
        discount_by_seller={A: SellerDiscount(3000, 2000), B: SellerDiscount(0, 1000)},
        points=0,
    )
    assert [(s.seller_id, s.discount, s.seller_discount) for s in priced.shipments] == [(A, 5000, 3000), (B, 1000, 0)]


def test_more_points_than_there_is_to_pay_are_refused():
    with pytest.raises(CheckoutRefused) as refused:
        quote([line(A, 1, 1000)], {A: ShippingFees(3000, None, 0)}, remote=False, discount_by_seller={}, points=4001)
    assert refused.value.field == "points"


@pytest.mark.parametrize("postcode, remote", [("63309", True), ("40240", True), ("06236", False), ("63645", False)])
def test_jeju_and_the_islands_are_remote_areas(postcode, remote):
    assert is_remote_area(postcode) is remote


def test_the_same_body_gives_the_same_fingerprint_whatever_the_key_order():
    assert request_fingerprint({"a": 1, "b": [1, 2]}) == request_fingerprint({"b": [1, 2], "a": 1})
    assert request_fingerprint({"a": 1}) != request_fingerprint({"a": 2})
