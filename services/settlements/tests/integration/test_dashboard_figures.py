"""Settlements' part of the seller dashboard (G6): a seller's next payout, the money not payable yet and the
payouts held for an admin; for an admin, the platform's."""
from sqlalchemy import func, select

from servicekit.testing.identities import as_admin, as_customer, as_seller
from settlements.models import Payout
from .sales import approved_seller, confirmed, korean, line, new_id, paid_order, payouts_run

PART = "/api/dashboard/settlements"


def part_of(client, headers):
    response = client.get(PART, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def test_a_seller_sees_the_next_payout_and_the_money_not_payable_yet(
    settlements_client, settlements_consumer, sign_identity, clock_at
):
    seller = new_id()
    first = paid_order(settlements_consumer, [line(1, seller, 10_000)], {seller: (0, 0, 0)}, korean(2027, 3, 2, 10))
    second = paid_order(settlements_consumer, [line(1, seller, 5000)], {seller: (0, 0, 0)}, korean(2027, 3, 2, 11))
    paid_order(settlements_consumer, [line(1, seller, 20_000)], {seller: (0, 0, 0)}, korean(2027, 3, 2, 12))
    confirmed(settlements_consumer, first, seller, korean(2027, 3, 2, 20))
    confirmed(settlements_consumer, second, seller, korean(2027, 3, 3, 9))
    clock_at(korean(2027, 3, 3, 12))

    part = part_of(settlements_client, as_seller(sign_identity, seller))

    # 10.80% commission and 3% payment fee; the second sale is paid the day after, the third not confirmed yet.
    assert part == {"scope": "seller",
                    "next_payout": {"payout_day": "2027-03-03", "amount": 10_000 - 1080 - 300, "entry_count": 3},
                    "not_payable_yet": 20_000 - 2160 - 600, "held": 0}


def test_a_seller_with_a_held_payout_sees_it_and_no_next_payout(
    settlements_runtime, settlements_client, settlements_consumer, sign_identity, clock_at
):
    seller = new_id()
    approved_seller(settlements_consumer, seller, "김민지 상회")
    order = paid_order(settlements_consumer, [line(1, seller, 10_000)], {seller: (0, 0, 0)}, korean(2027, 3, 2, 10))
    confirmed(settlements_consumer, order, seller, korean(2027, 3, 3, 10))
    payouts_run(settlements_runtime, clock_at, korean(2027, 3, 4, 9))  # no bank account: held

    part = part_of(settlements_client, as_seller(sign_identity, seller))

    assert (part["next_payout"], part["not_payable_yet"], part["held"]) == (None, 0, 1)


def test_a_seller_without_any_settlement_expects_no_payout(settlements_client, sign_identity):
    part = part_of(settlements_client, as_seller(sign_identity, new_id()))

    assert part == {"scope": "seller", "next_payout": None, "not_payable_yet": 0, "held": 0}


def test_an_admin_sees_the_platforms_earliest_payout_with_every_sellers_money_that_day(
    settlements_runtime, settlements_client, settlements_consumer, sign_identity, clock_at
):
    admin = as_admin(sign_identity)
    clock_at(korean(2028, 3, 7, 9))
    before = part_of(settlements_client, admin)
    jeju, busan, later = new_id(), new_id(), new_id()
    for seller, price, confirmed_on in ((jeju, 10_000, 7), (busan, 20_000, 7), (later, 30_000, 8)):
        order = paid_order(settlements_consumer, [line(1, seller, price)], {seller: (0, 0, 0)}, korean(2028, 3, 6, 10))
        confirmed(settlements_consumer, order, seller, korean(2028, 3, confirmed_on, 10))
    paid_order(settlements_consumer, [line(1, jeju, 5000)], {jeju: (0, 0, 0)}, korean(2028, 3, 8, 9))
    clock_at(korean(2028, 3, 8, 12))

    part = part_of(settlements_client, admin)

    with settlements_runtime.engine.connect() as connection:
        held = connection.execute(select(func.count()).select_from(Payout).where(Payout.status == "held")).scalar()
    assert part["scope"] == "platform"
    assert part["next_payout"] == {"payout_day": "2028-03-08", "amount": (10_000 - 1080 - 300) + (20_000 - 2160 - 600),
                                   "entry_count": 6}
    assert part["not_payable_yet"] - before["not_payable_yet"] == 5000 - 540 - 150
    assert part["held"] == held


def test_only_sellers_and_admins_with_a_second_factor_see_the_part(settlements_client, sign_identity):
    customer = settlements_client.get(PART, headers=as_customer(sign_identity))
    no_second_factor = settlements_client.get(PART, headers=as_seller(sign_identity, new_id(), second_factor_age=None))

    assert customer.status_code == 403
    assert no_second_factor.status_code in (401, 403)
