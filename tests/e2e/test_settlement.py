"""Settlement through the gateway: a two-seller order with a platform coupon, a partial return with a return fee,
and the purchases confirmed lead to two payouts, each with a statement whose lines are the table below; each seller
is told in their inbox that the payout was held and then paid; the reconciliation of orders' sales statistics with
the ledger finds no difference."""
import time
from datetime import datetime, timedelta, timezone

from deploy.reconciliation import reconcile
from e2e.journey import checkout, line, list_product, settled
from servicekit.korean_calendar import korean_day
from servicekit.testing import wait_for
from settlements.domain.payout_calendar import DAILY, payout_day

# What each seller is owed, line by line (line 0: the shipment), worked out by hand. The platform's 5,000 won
# coupon (3,000 on the tea's 30,000 won, 2,000 on the cups' 20,000) is the platform's cost: it is on no line.
# Commission 10.80% and payment fee 3.00% of what the seller sold; shipping 3,000 won each (under 50,000 won).
# One of the two teas comes back (changed mind): 15,000 won taken back, half the commission and fee given back,
# and the 3,000 won return fee the customer paid is the seller's.
TEA_STATEMENT = sorted([
    (1, "sale", 30_000), (1, "commission", -3240), (1, "payment_fee", -900),
    (0, "shipping_fee", 3000), (0, "payment_fee", -90),
    (1, "refund", -15_000), (1, "commission", 1620), (1, "payment_fee", 450), (0, "return_fee", 3000),
])
CUPS_STATEMENT = sorted([  # the order's second line
    (2, "sale", 20_000), (2, "commission", -2160), (2, "payment_fee", -600),
    (0, "shipping_fee", 3000), (0, "payment_fee", -90),
])


def through_delivery(seller, shipment_id):
    for step, body in (("confirmation", None), ("dispatch", {"carrier": "cj", "tracking_number": "601234567890"}),
                       ("delivery", None)):
        moved = seller.post(f"/api/shipments/{shipment_id}/{step}", json=body)
        assert moved.status_code == 200, moved.text


def registered_account(seller, number):
    """The seller proves their second factor again (a step-up) and registers a payout account in their name, once
    settlement has heard their name from auth (an event away)."""
    assert seller.second_factor("totp", seller.authenticator.at(time.time() + 30)).status_code == 200

    def attempt():
        response = seller.put("/api/settlements/bank-account",
                              json={"bank_code": "088", "account_number": number, "holder_name": "Park Jisoo"})
        if response.status_code == 422 and response.json()["type"].endswith("holder-not-seller"):
            return None
        assert response.status_code == 200, response.text
        return response.json()

    return wait_for(attempt, what="settlement to learn the seller's name")


def told_of_payouts(seller, count):
    """The seller's payout notifications, newest first, as their inbox lists them once there are `count`."""
    def listed():
        news = [notice for notice in seller.get("/api/notifications").json() if notice["kind"].startswith("payout_")]
        return news if len(news) == count else None

    return wait_for(listed, what=f"{count} payout notification(s) in the seller's inbox")


def test_a_two_seller_order_with_a_platform_coupon_and_a_partial_return_pays_each_seller_their_table(
    platform, new_seller, new_customer, staff_admin
):
    tea_house, cup_maker, customer = new_seller(), new_seller(), new_customer()
    tea, cups = list_product(tea_house, price=15_000), list_product(cup_maker, price=20_000, name="백자 찻잔")
    now = datetime.now(timezone.utc)
    coupon = staff_admin.post("/api/coupons", json={
        "name": "플랫폼 5천원 쿠폰", "discount_type": "fixed", "discount_value": 5000,
        "starts_at": (now - timedelta(minutes=1)).isoformat(), "ends_at": (now + timedelta(days=7)).isoformat()})
    assert coupon.status_code == 201, coupon.text
    issued = customer.post(f"/api/coupons/{coupon.json()['id']}/downloads")
    assert issued.status_code == 201, issued.text
    placed = customer.post("/api/orders", json=checkout(line(tea, 2), line(cups, 1), coupon_ids=[issued.json()["id"]]))
    assert placed.status_code in (201, 202), placed.text
    order = settled(customer, placed.json()["id"])
    assert (order["status"], order["discount"]) == ("paid", 5000)
    parts = {shipment["seller_id"]: shipment["id"] for shipment in order["shipments"]}
    through_delivery(tea_house, parts[tea_house.seller_id])
    through_delivery(cup_maker, parts[cup_maker.seller_id])
    returned = customer.post("/api/claims", json={
        "shipment_id": parts[tea_house.seller_id], "kind": "return", "reason_code": "changed_mind",
        "lines": [{"line_no": 1, "quantity": 1}]})
    assert returned.status_code == 201, returned.text
    assert tea_house.post(f"/api/claims/{returned.json()['id']}/approval").status_code == 200
    completed = tea_house.post(f"/api/claims/{returned.json()['id']}/completion", json={})
    assert completed.json()["refunded_amount"] == 15_000 - 1500 - 3000  # less its coupon share and the fee
    for shipment_id in parts.values():
        confirmed = customer.post(f"/api/shipments/{shipment_id}/purchase-confirmation")
        assert confirmed.status_code == 200, confirmed.text
    accounts = {tea_house.seller_id: registered_account(tea_house, "110-123-456789"),
                cup_maker.seller_id: registered_account(cup_maker, "110-987-654321")}
    day = payout_day(korean_day(datetime.now(timezone.utc)), DAILY)

    def expected(seller, amount):
        return wait_for(lambda: seller.get("/api/settlements/expected-payouts").json() == [
            {"payout_day": day.isoformat(), "amount": amount, "entry_count": 9 if amount == 18_840 else 5}],
            what="settlement to record the sale, the refund and the confirmation")

    expected(tea_house, 18_840)
    expected(cup_maker, 20_150)
    made = platform.run_cli("-m", "settlements.cli", "pay", "--day", day.isoformat())
    assert made.returncode == 0, made.stderr
    # Both accounts were registered moments ago: the payouts wait for an admin's review.
    held = [payout for payout in staff_admin.get("/api/settlements/payouts", params={"status": "held"}).json()
            if payout["seller_id"] in parts]
    assert sorted((p["amount"], p["hold_reason"]) for p in held) == [(18_840, "account_changed"),
                                                                      (20_150, "account_changed")]
    for seller in (tea_house, cup_maker):
        [told_held] = told_of_payouts(seller, 1)
        assert (told_held["kind"], told_held["title"]) == ("payout_held", "정산금 지급이 보류되었습니다")
        assert "최근 24시간 안에 정산 계좌가 변경되어" in told_held["body"]
    for payout in held:
        assert staff_admin.post(f"/api/settlements/payouts/{payout['id']}/release").status_code == 200
    sent = platform.run_cli("-m", "settlements.cli", "pay", "--day", day.isoformat())
    assert sent.returncode == 0, sent.stderr

    for seller, table in ((tea_house, TEA_STATEMENT), (cup_maker, CUPS_STATEMENT)):
        [payout] = seller.get("/api/settlements/payouts").json()
        statement = seller.get(f"/api/settlements/payouts/{payout['id']}").json()
        assert statement["status"] == "paid" and statement["transfer_id"]
        assert statement["account_number"].endswith(accounts[seller.seller_id]["account_number"][-4:])
        assert sorted((e["line_no"], e["kind"], e["amount"]) for e in statement["entries"]) == table
        assert statement["amount"] == sum(amount for _, _, amount in table) == sum(statement["totals"].values())
        told_paid, told_held = told_of_payouts(seller, 2)
        assert told_paid["kind"] == "payout_paid" and told_held["kind"] == "payout_held"
        ending = accounts[seller.seller_id]["account_number"][-4:]
        assert f"{statement['amount']:,}원이 {statement['bank_name']} ****{ending} 계좌로 입금되었습니다" in told_paid["body"]
        assert f"지급 예정 금액 {statement['amount']:,}원" in told_held["body"]
        assert told_paid["link"] == told_held["link"] == f"/seller/settlement/payouts/{payout['id']}"

    # Every seller's sales and refunds of the day (this test's and the others') agree between orders and the ledger,
    # once settlement's consumer has caught up with what the other tests just did.
    today = korean_day(datetime.now(timezone.utc))
    wait_for(lambda: not reconcile(staff_admin, today, today), timeout=60,
             what="orders' sales statistics and settlement's ledger to agree")
