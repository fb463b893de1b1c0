"""Claim rules: which claims a shipment's status allows, how a claim moves, and how much it refunds."""
from datetime import datetime, timedelta, timezone

import pytest

from orders.domain.checkout import ShippingFees
from orders.domain.claims import (
    ClaimFees,
    IllegalClaimTransition,
    ShipmentAmounts,
    available_units,
    claim_refund,
    claim_refusal,
    exchange_fee_owed,
    next_state,
    return_period_over,
)

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)
FEES = ClaimFees(ShippingFees(base_fee=3000, free_shipping_threshold=50000), return_fee=3500, exchange_fee=7000)


@pytest.mark.parametrize(
    "kind, status, allowed",
    [
        ("cancel", "paid", True),
        ("cancel", "preparing", True),
        ("cancel", "shipping", False),
        ("return", "preparing", False),
        ("return", "shipping", True),
        ("return", "delivered", True),
        ("return", "purchase_confirmed", False),
        ("exchange", "delivered", True),
        ("exchange", "cancelled", False),
        ("refund", "shipping", True),
        ("refund", "delivered", True),
        ("refund", "paid", False),
    ],
)
def test_each_kind_of_claim_is_allowed_only_in_its_statuses(kind, status, allowed):
    assert (claim_refusal(kind, status) is None) is allowed


def test_a_refusal_names_the_shipments_status():
    assert "purchase_confirmed" in str(claim_refusal("return", "purchase_confirmed"))


@pytest.mark.parametrize(
    "kind, delivered_days_ago, over",
    [("return", 6, False), ("return", 7.01, True), ("exchange", 8, True), ("refund", 30, False)],
)
def test_goods_go_back_only_within_a_week_of_delivery(kind, delivered_days_ago, over):
    assert return_period_over(kind, NOW - timedelta(days=delivered_days_ago), NOW) is over


def test_a_shipment_on_its_way_is_within_the_return_period():
    assert return_period_over("return", None, NOW) is False


@pytest.mark.parametrize(
    "current, target",
    [
        ("requested", "approved"),
        ("requested", "rejected"),
        ("requested", "withdrawn"),
        ("approved", "completed"),
    ],
)
def test_a_claim_moves_from_request_to_its_outcome(current, target):
    assert next_state(current, target) == target


@pytest.mark.parametrize(
    "current, target",
    [
        ("requested", "completed"),
        ("approved", "withdrawn"),
        ("approved", "rejected"),
        ("rejected", "approved"),
        ("withdrawn", "approved"),
        ("completed", "approved"),
    ],
)
def test_a_decided_claim_cannot_be_decided_again(current, target):
    with pytest.raises(IllegalClaimTransition):
        next_state(current, target)


def test_units_held_by_open_claims_cannot_be_claimed_again():
    assert available_units(active_quantity=3, held_by_open_claims=2) == 1
    assert available_units(active_quantity=1, held_by_open_claims=2) == 0


def amounts(items_amount=30000, shipping_fee=3000, discount=0, kept=None):
    return ShipmentAmounts(items_amount, shipping_fee, discount, items_amount if kept is None else kept)


def test_a_partial_refund_gives_back_the_units_less_their_share_of_the_coupon():
    refund = claim_refund("refund", "damaged", 10000, amounts(discount=3000), empties_shipment=False, fees=FEES)

    assert refund.discount_share == 1000
    assert refund.amount == 9000


def test_the_coupon_share_is_rounded_down():
    refund = claim_refund("refund", "damaged", 10000, amounts(discount=1000), empties_shipment=False, fees=FEES)

    assert refund.discount_share == 333
    assert refund.amount == 9667


def test_the_seller_coupons_part_of_the_share_is_in_the_same_proportion_rounded_down():
    shipment = ShipmentAmounts(30000, 3000, discount=1751, kept_items_amount=30000, seller_discount=1001)

    refund = claim_refund("refund", "damaged", 10000, shipment, empties_shipment=False, fees=FEES)

    assert (refund.discount_share, refund.seller_discount_share) == (583, 333)


FREE_SHIPPING = amounts(items_amount=60000, shipping_fee=0)


@pytest.mark.parametrize(
    "kind, reason_code, claimed_items, shipment, empties_shipment, expected",
    [
        pytest.param("return", "defective", 30000, amounts(), True, 33000, id="seller's fault emptying"),
        pytest.param("return", "wrong_item", 10000, amounts(), False, 10000, id="seller's fault, units left"),
        pytest.param("cancel", "changed_mind", 30000, amounts(), True, 33000, id="cancel of everything: shipping back"),
        pytest.param("return", "changed_mind", 10000, amounts(), False, 10000 - 3500, id="change of mind: return fee"),
        pytest.param("return", "ordered_wrong", 30000, amounts(), True, 30000 - 3500, id="change of mind: no shipping"),
        pytest.param(
            "return", "changed_mind", 20000, FREE_SHIPPING, False, 20000 - 3500 - 3000, id="free shipping lost"
        ),
        pytest.param("return", "changed_mind", 10000, FREE_SHIPPING, False, 10000 - 3500, id="free shipping kept"),
        pytest.param("refund", "changed_mind", 10000, amounts(), False, 10000, id="no goods travel: no return fee"),
        pytest.param("return", "changed_mind", 1000, amounts(), False, 0, id="never below nothing"),
    ],
)
def test_who_is_at_fault_decides_who_pays_the_shipping(
    kind, reason_code, claimed_items, shipment, empties_shipment, expected
):
    assert claim_refund(kind, reason_code, claimed_items, shipment, empties_shipment, FEES).amount == expected


def test_a_seller_who_never_announced_fees_charges_catalogs_defaults():
    refund = claim_refund("return", "changed_mind", 10000, amounts(), empties_shipment=False, fees=ClaimFees())

    assert refund.amount == 7000


def test_an_exchange_costs_the_customer_only_when_it_is_their_own_reason():
    assert exchange_fee_owed("changed_mind", FEES) == 7000
    assert exchange_fee_owed("defective", FEES) == 0


def test_free_shipping_is_charged_back_once_by_the_return_that_loses_it():
    shipped_free = amounts(items_amount=60000, shipping_fee=0)

    first = claim_refund("return", "changed_mind", 15000, shipped_free, empties_shipment=False, fees=FEES)
    second = claim_refund(
        "return", "changed_mind", 10000, amounts(items_amount=60000, shipping_fee=0, kept=45000),
        empties_shipment=False, fees=FEES,
    )
    paid_shipping = claim_refund(
        "return", "changed_mind", 15000, amounts(items_amount=60000, shipping_fee=3000),
        empties_shipment=False, fees=FEES,
    )

    assert (first.lost_free_shipping, second.lost_free_shipping, paid_shipping.lost_free_shipping) == (3000, 0, 0)
