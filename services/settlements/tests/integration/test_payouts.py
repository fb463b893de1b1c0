"""Payouts: payable at purchase confirmation unless a claim is open, paid on the business day after, exactly
once, each with a statement that adds up; held for an admin when the seller is held, has no account or just
changed it."""
from sqlalchemy import func, select

from servicekit.testing.events import recorded
from servicekit.testing.identities import as_admin, as_seller
from settlements.models import Payout, TestBankTransfer
from settlements.payouts import schedule_payouts, send_due_payouts, transfer_key
from settlements.transfers import TestBank
from .sales import approved_seller, claim, confirmed, korean, line, new_id, paid_order, payouts_run, refunded

ACCOUNT = {"bank_code": "004", "account_number": "123-456-7890123", "holder_name": "주식회사 제주녹차"}


def registered_seller(client, consumer, sign_identity, clock_at, at=korean(2026, 9, 1, 9)):
    seller_id = new_id()
    approved_seller(consumer, seller_id, "(주)제주녹차")
    clock_at(at)
    response = client.put("/api/settlements/bank-account", json=ACCOUNT, headers=as_seller(sign_identity, seller_id))
    assert response.status_code == 200, response.json
    return seller_id


def payouts_of(runtime, seller_id):
    with runtime.engine.connect() as connection:
        return connection.execute(select(Payout).where(Payout.seller_id == seller_id)
                                  .order_by(Payout.payout_day)).all()


def test_a_purchase_confirmed_before_chuseok_is_paid_once_after_the_holidays_with_a_statement_that_adds_up(
    settlements_runtime, settlements_client, settlements_consumer, sign_identity, clock_at
):
    seller = registered_seller(settlements_client, settlements_consumer, sign_identity, clock_at)
    order = paid_order(settlements_consumer, [line(1, seller, 15_000, quantity=2), line(2, seller, 9000)],
                       {seller: (3000, 2000, 2000)}, korean(2026, 9, 18, 10))
    confirmed(settlements_consumer, order, seller, korean(2026, 9, 23, 20))

    payouts_run(settlements_runtime, clock_at, korean(2026, 9, 23, 23))  # payable only from tomorrow
    payouts_run(settlements_runtime, clock_at, korean(2026, 9, 25, 10))  # Chuseok
    assert payouts_of(settlements_runtime, seller) == []
    payouts_run(settlements_runtime, clock_at, korean(2026, 9, 28, 0, 5))
    payouts_run(settlements_runtime, clock_at, korean(2026, 9, 28, 0, 10))  # the job runs again: nothing twice

    [payout] = payouts_of(settlements_runtime, seller)
    statement = settlements_client.get(f"/api/settlements/payouts/{payout.id}",
                                       headers=as_seller(sign_identity, seller)).json
    assert statement["payout_day"] == "2026-09-28" and statement["status"] == "paid"
    assert statement["amount"] == sum(entry["amount"] for entry in statement["entries"]) == sum(
        statement["totals"].values())
    # 39,000 won of sales less 2,000 of the seller's coupon; 10.80% and 3.00% of 37,000; 3,000 shipping less 3%.
    assert statement["amount"] == 39_000 - 2000 - 3996 - 1110 + 3000 - 90
    assert statement["account_number"] == "*********0123"
    with settlements_runtime.engine.connect() as connection:
        sent = connection.execute(select(TestBankTransfer.amount).where(
            TestBankTransfer.idempotency_key == transfer_key(payout))).scalars().all()
    assert sent == [statement["amount"]]
    [paid] = recorded(settlements_runtime, "PayoutPaid", seller_id=seller)
    # The seller is told which account took it: the bank and the last four digits, never the whole number.
    assert (paid["amount"], paid["bank_code"], paid["account_ending"]) == (statement["amount"], "004", "0123")


def test_an_open_claim_holds_the_money_back_until_the_claim_ends(
    settlements_runtime, settlements_client, settlements_consumer, sign_identity, clock_at
):
    seller = registered_seller(settlements_client, settlements_consumer, sign_identity, clock_at)
    order = paid_order(settlements_consumer, [line(1, seller, 20_000)], {seller: (0, 0, 0)}, korean(2026, 12, 1, 10))
    claim_id = claim(settlements_consumer, order, seller, "ClaimRequested", korean(2026, 12, 3, 10))
    confirmed(settlements_consumer, order, seller, korean(2026, 12, 4, 10))

    clock_at(korean(2026, 12, 4, 12))
    expected = settlements_client.get("/api/settlements/expected-payouts", headers=as_seller(sign_identity, seller))
    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 7, 9))
    assert payouts_of(settlements_runtime, seller) == []
    claim(settlements_consumer, order, seller, "ClaimRejected", korean(2026, 12, 7, 11), claim_id=claim_id)
    clock_at(korean(2026, 12, 7, 12))
    after = settlements_client.get("/api/settlements/expected-payouts", headers=as_seller(sign_identity, seller))
    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 8, 9))

    assert expected.json == [{"payout_day": None, "amount": 20_000 - 2160 - 600, "entry_count": 3}]
    assert after.json == [{"payout_day": "2026-12-08", "amount": 17_240, "entry_count": 3}]
    assert [(p.payout_day.isoformat(), p.status, p.amount) for p in payouts_of(settlements_runtime, seller)] == [
        ("2026-12-08", "paid", 17_240)]


def test_a_seller_whose_refunds_outweigh_their_sales_is_paid_nothing_and_owes_it_to_the_next_payout(
    settlements_runtime, settlements_client, settlements_consumer, sign_identity, clock_at
):
    seller = registered_seller(settlements_client, settlements_consumer, sign_identity, clock_at)
    order = paid_order(settlements_consumer, [line(1, seller, 10_000)], {seller: (3000, 0, 0)},
                       korean(2026, 12, 1, 10))
    confirmed(settlements_consumer, order, seller, korean(2026, 12, 2, 10))
    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 3, 9))
    # After the payout, the whole shipment is refunded (support's goodwill refund): the seller owes it back.
    refunded(settlements_consumer, order, seller, {1: (1, 10_000)}, korean(2026, 12, 3, 10), shipping_refund=3000)
    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 4, 9))

    paid = payouts_of(settlements_runtime, seller)
    assert [(p.payout_day.isoformat(), p.amount) for p in paid] == [("2026-12-03", 10_000 - 1080 - 300 + 3000 - 90)]
    left = settlements_client.get("/api/settlements/expected-payouts", headers=as_seller(sign_identity, seller)).json
    assert left == [{"payout_day": "2026-12-04", "amount": -(10_000 - 1080 - 300 + 3000 - 90), "entry_count": 5}]


def test_a_payout_after_an_account_change_waits_for_an_admin_who_releases_it(
    settlements_runtime, settlements_client, settlements_consumer, sign_identity, clock_at
):
    seller = registered_seller(settlements_client, settlements_consumer, sign_identity, clock_at)
    order = paid_order(settlements_consumer, [line(1, seller, 10_000)], {seller: (0, 0, 0)}, korean(2026, 12, 1, 10))
    confirmed(settlements_consumer, order, seller, korean(2026, 12, 2, 10))
    clock_at(korean(2026, 12, 2, 20))
    changed = settlements_client.put("/api/settlements/bank-account",
                                     json={**ACCOUNT, "account_number": "110-222-333444"},
                                     headers=as_seller(sign_identity, seller))

    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 3, 9))
    [held] = payouts_of(settlements_runtime, seller)
    released = settlements_client.post(f"/api/settlements/payouts/{held.id}/release",
                                       headers=as_admin(sign_identity))
    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 3, 9, 5))

    assert changed.status_code == 200
    assert (held.status, held.hold_reason) == ("held", "account_changed")
    assert [e["reason"] for e in recorded(settlements_runtime, "PayoutHeld", seller_id=seller)] == ["account_changed"]
    assert released.status_code == 200 and released.json["status"] == "scheduled"
    [paid] = payouts_of(settlements_runtime, seller)
    assert (paid.status, paid.account_number) == ("paid", "110222333444")


def test_an_admins_hold_keeps_a_sellers_payouts_until_it_is_lifted(
    settlements_runtime, settlements_client, settlements_consumer, sign_identity, clock_at
):
    seller = registered_seller(settlements_client, settlements_consumer, sign_identity, clock_at)
    admin = as_admin(sign_identity)
    order = paid_order(settlements_consumer, [line(1, seller, 10_000)], {seller: (0, 0, 0)}, korean(2026, 12, 1, 10))
    confirmed(settlements_consumer, order, seller, korean(2026, 12, 2, 10))
    hold = settlements_client.put(f"/api/settlements/payout-holds/{seller}", json={"reason": "세금계산서 확인 중"},
                                  headers=admin)

    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 3, 9))
    [held] = payouts_of(settlements_runtime, seller)
    still = settlements_client.post(f"/api/settlements/payouts/{held.id}/release", headers=admin)
    lifted = settlements_client.delete(f"/api/settlements/payout-holds/{seller}", headers=admin)
    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 3, 9, 5))

    assert hold.status_code == 200
    # Made while the seller was held: it carries the admin's reason, as those held when the hold was put.
    assert (held.status, held.hold_reason, held.hold_detail) == ("held", "seller_held", "세금계산서 확인 중")
    assert still.status_code == 409
    assert lifted.status_code == 204
    assert [p.status for p in payouts_of(settlements_runtime, seller)] == ["paid"]


def test_a_transfer_sent_before_a_crash_is_not_sent_again(
    settlements_runtime, settlements_client, settlements_consumer, sign_identity, clock_at
):
    seller = registered_seller(settlements_client, settlements_consumer, sign_identity, clock_at)
    order = paid_order(settlements_consumer, [line(1, seller, 10_000)], {seller: (0, 0, 0)}, korean(2026, 12, 1, 10))
    confirmed(settlements_consumer, order, seller, korean(2026, 12, 2, 10))
    admin = as_admin(sign_identity)
    settlements_client.put(f"/api/settlements/payout-holds/{seller}", json={"reason": "확인"}, headers=admin)
    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 3, 9))
    [payout] = payouts_of(settlements_runtime, seller)
    settlements_client.delete(f"/api/settlements/payout-holds/{seller}", headers=admin)
    # A worker sent this payout, then died before it could record that it did.
    first = TestBank(settlements_runtime.engine).send(idempotency_key=transfer_key(payout), bank_code="004",
                                                      account_number="1234567890123", holder="x", amount=payout.amount)

    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 3, 9, 5))

    with settlements_runtime.engine.connect() as connection:
        sent = connection.execute(select(func.count()).select_from(TestBankTransfer).where(
            TestBankTransfer.idempotency_key == transfer_key(payout))).scalar()
    [paid] = payouts_of(settlements_runtime, seller)
    assert sent == 1
    assert (paid.status, paid.transfer_id) == ("paid", first.transfer_id)


def test_a_seller_without_a_bank_account_is_held_and_a_closed_account_is_held_when_the_bank_refuses(
    settlements_runtime, settlements_client, settlements_consumer, sign_identity, clock_at
):
    seller = new_id()
    approved_seller(settlements_consumer, seller, "김민지 상회")
    order = paid_order(settlements_consumer, [line(1, seller, 10_000)], {seller: (0, 0, 0)}, korean(2026, 12, 1, 10))
    confirmed(settlements_consumer, order, seller, korean(2026, 12, 2, 10))
    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 3, 9))
    [held] = payouts_of(settlements_runtime, seller)
    clock_at(korean(2026, 12, 3, 10))
    settlements_client.put("/api/settlements/bank-account",
                           json={"bank_code": "088", "account_number": "9991234567", "holder_name": "김민지상회"},
                           headers=as_seller(sign_identity, seller))
    admin = as_admin(sign_identity)
    # The account came after the payout was held: the admin is shown it first, and releases it on a second look.
    first_look = settlements_client.post(f"/api/settlements/payouts/{held.id}/release", headers=admin)
    [shown] = payouts_of(settlements_runtime, seller)
    second_look = settlements_client.post(f"/api/settlements/payouts/{held.id}/release", headers=admin)
    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 3, 10, 5))

    [refused] = payouts_of(settlements_runtime, seller)
    assert held.hold_reason == "no_bank_account"
    assert first_look.status_code == 409 and first_look.json["type"].endswith("account-changed-since-held")
    assert (shown.hold_reason, shown.account_number) == ("account_changed", "9991234567")
    assert second_look.status_code == 200
    assert (refused.status, refused.hold_reason) == ("held", "transfer_refused")


def test_lifting_a_hold_does_not_skip_the_review_of_an_account_changed_meanwhile(
    settlements_runtime, settlements_client, settlements_consumer, sign_identity, clock_at
):
    seller = registered_seller(settlements_client, settlements_consumer, sign_identity, clock_at)
    admin = as_admin(sign_identity)
    order = paid_order(settlements_consumer, [line(1, seller, 10_000)], {seller: (0, 0, 0)}, korean(2026, 12, 1, 10))
    confirmed(settlements_consumer, order, seller, korean(2026, 12, 2, 10))
    settlements_client.put(f"/api/settlements/payout-holds/{seller}", json={"reason": "확인"}, headers=admin)
    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 3, 9))
    clock_at(korean(2026, 12, 3, 10))  # someone in the seller's session changes the account, then the hold is lifted
    settlements_client.put("/api/settlements/bank-account", json={**ACCOUNT, "account_number": "5555666677778"},
                           headers=as_seller(sign_identity, seller))
    settlements_client.delete(f"/api/settlements/payout-holds/{seller}", headers=admin)
    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 3, 10, 5))

    [payout] = payouts_of(settlements_runtime, seller)
    assert (payout.status, payout.hold_reason, payout.account_number) == ("held", "account_changed", "5555666677778")


class _FailingFor(TestBank):
    """The test bank, but a fault of this program's own (not the bank's answer) for one payout's transfer."""

    def __init__(self, engine, key):
        super().__init__(engine)
        self.key = key

    def send(self, *, idempotency_key, **transfer):
        if idempotency_key == self.key:
            raise RuntimeError("a bug of ours, for this payout alone")
        return super().send(idempotency_key=idempotency_key, **transfer)


def test_a_payout_that_fails_unexpectedly_stays_scheduled_and_the_others_are_paid(
    settlements_runtime, settlements_client, settlements_consumer, sign_identity, clock_at
):
    unlucky = registered_seller(settlements_client, settlements_consumer, sign_identity, clock_at)
    lucky = registered_seller(settlements_client, settlements_consumer, sign_identity, clock_at)
    for seller in (unlucky, lucky):
        order = paid_order(settlements_consumer, [line(1, seller, 10_000)], {seller: (0, 0, 0)},
                           korean(2026, 12, 1, 10))
        confirmed(settlements_consumer, order, seller, korean(2026, 12, 2, 10))
    clock_at(korean(2026, 12, 3, 9))
    schedule_payouts(settlements_runtime, korean(2026, 12, 3, 9).date(), "daily")
    [stuck] = payouts_of(settlements_runtime, unlucky)

    send_due_payouts(settlements_runtime, korean(2026, 12, 3, 9).date(),
                     _FailingFor(settlements_runtime.engine, transfer_key(stuck)))

    assert [p.status for p in payouts_of(settlements_runtime, unlucky)] == ["scheduled"]
    assert [p.status for p in payouts_of(settlements_runtime, lucky)] == ["paid"]
    payouts_run(settlements_runtime, clock_at, korean(2026, 12, 3, 9, 5))  # fixed: the next run pays it
    assert [p.status for p in payouts_of(settlements_runtime, unlucky)] == ["paid"]
