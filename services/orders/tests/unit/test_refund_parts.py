"""A refund's parts add up exactly to what it gave back: the cap keeps back the rounding remainder as discount,
fees never exceed what was kept, and neither coupon's part is kept back beyond what is left of it."""
import itertools

import pytest

from orders.domain.refunds import DiscountLeft, RefundParts, seller_share, settled_parts


def parts(items=10_000, discount=583, seller=333, shipping=0, return_fee=0, lost=0):
    return RefundParts(items, discount, seller, shipping, return_fee, lost)


def test_a_refund_that_gives_back_what_its_parts_say_keeps_them():
    proposed = parts(return_fee=2500)

    assert settled_parts(proposed, 10_000 - 583 - 2500, DiscountLeft(1751, 1001)) == proposed


def test_the_cap_on_the_last_refund_is_kept_back_as_the_rest_of_the_discount_and_of_each_coupons_part():
    # Earlier refunds kept back 583 of 1751 (333 of the seller's 1001); these 20000 won round down to 1167.
    settled = settled_parts(parts(20_000, 1167, 667, shipping=3000), 21_832, DiscountLeft(1751 - 583, 1001 - 333))

    assert (settled.discount_share, settled.seller_discount_share) == (1168, 668)
    assert settled.amount == 21_832


def test_fees_larger_than_the_items_are_cut_to_what_was_kept_return_fee_first():
    settled = settled_parts(parts(2000, 0, 0, return_fee=1500, lost=3000), 0, DiscountLeft(0, 0))

    assert (settled.return_fee, settled.lost_free_shipping, settled.amount) == (1500, 500, 0)


def test_a_refund_that_gives_back_more_than_its_parts_keeps_back_that_much_less_discount():
    # A whole cancellation after refunds whose parts are unknown: it proposes the whole discount.
    settled = settled_parts(parts(20_000, 1751, 1001, shipping=3000), 21_832, DiscountLeft(1751, 1001))

    assert (settled.discount_share, settled.amount) == (1168, 21_832)
    assert settled.seller_discount_share <= settled.discount_share


def test_the_sellers_part_never_exceeds_the_discount_share_nor_what_is_left_of_the_sellers_coupon():
    assert seller_share(100, 300, DiscountLeft(1000, 500)) == 100
    assert seller_share(400, 300, DiscountLeft(1000, 200)) == 200
    # Only 100 of the platform's part is left: the other 300 of the share must be the seller's.
    assert seller_share(400, 0, DiscountLeft(500, 400)) == 300


@pytest.mark.parametrize("return_fee, lost", [(0, 0), (2500, 0), (2500, 3000), (9000, 9000)])
def test_the_parts_add_up_to_what_was_given_whatever_the_cap_or_the_floor(return_fee, lost):
    for items, given_less in itertools.product((0, 1000, 9999, 30_000), (0, 1, 7, 500)):
        proposed = parts(items, items // 7, items // 21, shipping=3000 if items else 0, return_fee=return_fee, lost=lost)
        floor = max(proposed.amount, 0)
        given = max(floor - given_less, 0)

        settled = settled_parts(proposed, given, DiscountLeft(items // 7 + given_less, items // 21 + given_less))

        assert settled.amount == given
        assert 0 <= settled.seller_discount_share <= settled.discount_share
        assert settled.return_fee <= return_fee and settled.lost_free_shipping <= lost
        assert min(settled.return_fee, settled.lost_free_shipping, settled.items_amount) >= 0
