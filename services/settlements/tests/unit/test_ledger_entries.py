"""The ledger's rules: what a paid shipment owes the seller line by line, and what refunds take back, in whole
won that always add up."""
import random

import pytest

from settlements.domain.ledger import (
    COMMISSION, PAYMENT_FEE, REFUND, RETURN_FEE, SALE, SELLER_DISCOUNT, SHIPMENT_LINE, SHIPPING_CHARGED,
    SHIPPING_FEE, SHIPPING_REFUND, LineStanding, PaidShipment, Refund, RefundedLine, SoldLine, allocated,
    entries_of_refund, entries_of_sale, share,
)


def test_a_share_of_a_rate_rounds_half_up_to_the_won():
    assert share(10_000, 1080) == 1080
    assert share(15, 1000) == 2  # 1.5 won
    assert share(14, 1000) == 1
    with pytest.raises(ValueError):
        share(-1, 1000)


def test_an_allocation_adds_up_exactly_and_gives_leftover_won_to_the_largest_remainders():
    assert allocated(100, [1, 1, 1]) == [34, 33, 33]
    assert allocated(1000, [30000, 15000]) == [667, 333]
    assert allocated(0, [0, 0]) == [0, 0]
    assert sum(allocated(999, [7, 13, 29, 31])) == 999


def by_kind(entries, line_no=None):
    found = {}
    for entry in entries:
        if line_no is None or entry.line_no == line_no:
            found[entry.kind] = found.get(entry.kind, 0) + entry.amount
    return found


def test_a_paid_shipment_owes_the_seller_the_sale_less_their_discount_commission_and_fees_plus_shipping():
    shipment = PaidShipment(
        lines=[SoldLine(1, 2, 15_000, 1080), SoldLine(2, 1, 20_000, 500)], shipping_fee=3000,
        seller_discount=5000, payment_fee_rate=300,
    )

    entries, standings = entries_of_sale(shipment)

    # 5,000 won of the seller's coupon over 30,000 and 20,000 won of sales: 3,000 and 2,000.
    assert by_kind(entries, 1) == {SALE: 30_000, SELLER_DISCOUNT: -3000, COMMISSION: -2916, PAYMENT_FEE: -810}
    assert by_kind(entries, 2) == {SALE: 20_000, SELLER_DISCOUNT: -2000, COMMISSION: -900, PAYMENT_FEE: -540}
    assert by_kind(entries, SHIPMENT_LINE) == {SHIPPING_FEE: 3000, PAYMENT_FEE: -90}
    assert sum(entry.amount for entry in entries) == 50_000 - 5000 - 2916 - 900 - 810 - 540 + 3000 - 90
    assert [(s.line_no, s.sale, s.seller_discount) for s in standings] == [(1, 30_000, 3000), (2, 20_000, 2000)]


def test_the_platforms_coupon_never_reaches_the_sellers_entries():
    # Only the seller's part of a shipment's discount is theirs: a shipment with none owes the whole sale.
    entries, _ = entries_of_sale(PaidShipment([SoldLine(1, 1, 10_000, 1000)], 0, 0, 300))

    assert by_kind(entries) == {SALE: 10_000, COMMISSION: -1000, PAYMENT_FEE: -300}


def test_a_return_takes_back_the_units_and_gives_back_their_commission_and_fee_and_keeps_the_return_fee():
    standings = {1: LineStanding(1, 30_000, 3000, 1080, 300)}
    refund = Refund([RefundedLine(1, 15_000)], seller_discount_share=1500, shipping_refund=0, return_fee=3000,
                    shipping_charged=0)

    outcome = entries_of_refund(refund, standings, shipping_left=3000, payment_fee_rate=300)

    # 27,000 won net before (commission 2,916, fee 810); 13,500 after (1,458 and 405).
    assert by_kind(outcome.entries) == {REFUND: -15_000, SELLER_DISCOUNT: 1500, COMMISSION: 1458, PAYMENT_FEE: 405,
                                        RETURN_FEE: 3000}
    assert outcome.standings == [LineStanding(1, 15_000, 1500, 1080, 300)]
    assert outcome.shipping_left == 3000


def test_shipping_given_back_is_charged_to_the_seller_with_its_fee_returned_and_lost_free_shipping_is_theirs():
    standings = {1: LineStanding(1, 10_000, 0, 1000, 300)}

    back = entries_of_refund(Refund([RefundedLine(1, 10_000)], 0, 3000, 0, 0), standings, 3000, 300)
    charged = entries_of_refund(Refund([RefundedLine(1, 5000)], 0, 0, 0, 3000), standings, 0, 300)

    assert by_kind(back.entries, SHIPMENT_LINE) == {SHIPPING_REFUND: -3000, PAYMENT_FEE: 90}
    assert back.shipping_left == 0
    assert by_kind(charged.entries, SHIPMENT_LINE) == {SHIPPING_CHARGED: 3000}


def test_refunding_everything_in_parts_gives_back_exactly_the_commission_and_fees_charged():
    randomly = random.Random(19)
    for _ in range(200):
        lines = [SoldLine(n, randomly.randint(1, 5), randomly.randint(1, 99_999), randomly.randint(0, 3000))
                 for n in range(1, randomly.randint(1, 4) + 1)]
        items = sum(line.sale for line in lines)
        shipping = randomly.choice([0, 2500, 3000])
        sale, standings = entries_of_sale(PaidShipment(lines, shipping, randomly.randint(0, items), 330))
        standing = {s.line_no: s for s in standings}
        left, entries = shipping, list(sale)
        for line in lines:  # each line refunded in two parts
            for part in (line.sale // 3, line.sale - line.sale // 3):
                refund = Refund([RefundedLine(line.line_no, part)],
                                seller_discount_share=min(standing[line.line_no].seller_discount, part),
                                shipping_refund=left, return_fee=0, shipping_charged=0)
                outcome = entries_of_refund(refund, standing, left, 330)
                standing.update({s.line_no: s for s in outcome.standings})
                left = outcome.shipping_left
                entries += outcome.entries
        assert sum(entry.amount for entry in entries) == 0, lines


def test_a_refund_of_a_line_never_sold_is_refused_until_the_sale_is_recorded():
    with pytest.raises(LookupError):
        entries_of_refund(Refund([RefundedLine(3, 100)], 0, 0, 0, 0), {}, 0, 300)


def test_the_sellers_discount_a_refund_keeps_back_is_never_lost_when_the_lines_bear_it_unevenly():
    # A 1-won seller coupon over two lines of 100 won lies on line 1; line 1 is refunded first (orders keeps back
    # none of the coupon), then line 2, the last of the shipment (orders keeps back the whole won).
    sale, standings = entries_of_sale(PaidShipment([SoldLine(1, 1, 100, 1000), SoldLine(2, 1, 100, 1000)], 0, 1, 300))
    standing = {s.line_no: s for s in standings}
    first = entries_of_refund(Refund([RefundedLine(1, 100)], 0, 0, 0, 0), standing, 0, 300)
    standing.update({s.line_no: s for s in first.standings})
    last = entries_of_refund(Refund([RefundedLine(2, 100)], 1, 0, 0, 0), standing, 0, 300)
    standing.update({s.line_no: s for s in last.standings})

    assert sum(entry.amount for entry in sale + first.entries + last.entries) == 0
    assert all(s.seller_discount == 0 and s.sale == 0 for s in standing.values())
