"""Settlement in a real browser: a seller with a confirmed sale sees the payout they are owed and registers the bank
account it goes to (a step-up first; a holder who is not the seller refused, nothing saved; then the business name);
an admin holds that seller's payouts from the console, lifts the hold, and releases the payout held for the new
account. Every step is checked through the API too."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from browser.conftest import screenshot, serious_accessibility_violations, unused_code
from e2e.journey import list_product, place_order, settled
from e2e.test_settlement import through_delivery
from servicekit.korean_calendar import korean_day
from servicekit.migrations import sqlalchemy_url
from servicekit.testing import wait_for
from settlements.domain.payout_calendar import DAILY, payout_day

# 30,000 won of tea and 3,000 won of shipping, less the commission (10.80% of the sale: 3,240) and the payment fee
# (3.00% of the sale and of the shipping: 900 and 90); worked out as in e2e/test_settlement.
OWED = 30_000 - 3240 - 900 + 3000 - 90
ACCOUNT_NUMBER = "110-123-456789"
HOLDER = "Park Jisoo"  # the registered business name: an individual seller is registered under their own name
HOLD_REASON = "명의 도용 신고가 들어와 확인 중입니다."


def second_factor_proved_long_ago(platform, account_id: str) -> None:
    """As if the person had proved their second factor six minutes ago, past the step-up's five: no event or API
    moves a session's clock, so the gateway's own record of it is moved back."""
    engine = create_engine(sqlalchemy_url(platform.database_url("gateway")))
    with engine.begin() as connection:
        aged = connection.execute(text(
            "UPDATE sessions SET second_factor_at = second_factor_at - interval '6 minutes' "
            "WHERE account_id = :account_id AND second_factor_at IS NOT NULL"), {"account_id": account_id})
    engine.dispose()
    assert aged.rowcount >= 1


def catalog_searches(client) -> None:
    """Wait until catalog answers a search. Its single test worker loads the Korean analyser (300 MiB) on first use
    (deploy/gunicorn.conf.py): when this test runs first, on a busy machine, the first listing would outlast the
    gateway's wait (504) while the analyser loads."""
    wait_for(lambda: client.get("/api/products", params={"q": "녹차"}).status_code == 200, timeout=60,
             what="catalog to load its Korean analyser")


def confirmed_sale(seller, customer) -> None:
    """The customer buys one 30,000 won tea, receives it and confirms the purchase: the money becomes payable."""
    catalog_searches(customer)
    order = settled(customer, place_order(customer, list_product(seller, price=30_000, name="제주 유기농 녹차"), 1)
                    .json()["id"])
    assert order["status"] == "paid", order
    [shipment] = order["shipments"]
    through_delivery(seller, shipment["id"])
    confirmed = customer.post(f"/api/shipments/{shipment['id']}/purchase-confirmation")
    assert confirmed.status_code == 200, confirmed.text


def test_a_seller_sees_their_payout_and_registers_a_bank_account_that_an_admin_holds_and_releases(
        pages, platform, new_seller, new_customer, staff_admin):
    seller = new_seller()
    confirmed_sale(seller, new_customer())
    day = payout_day(korean_day(datetime.now(timezone.utc)), DAILY)
    wait_for(lambda: seller.get("/api/settlements/expected-payouts").json() == [
        {"payout_day": day.isoformat(), "amount": OWED, "entry_count": 5}],
        what="settlement to record the sale and its confirmation")

    # Signed in with their authenticator's code, but longer ago than a bank account change allows.
    second_factor_proved_long_ago(platform, seller.account_id)
    # The settlement page: the payout expected on its day, and no account to send it to yet.
    page = pages.open(seller, path="/seller/settlement")
    expected = page.locator("section[aria-labelledby=expected-heading] tbody tr")
    expect(expected).to_have_count(1)
    expect(expected).to_contain_text(f"{OWED:,}원")
    expect(page.locator("p.form-error", has_text="정산 계좌가 등록되지 않았습니다")).to_be_visible()
    screenshot(page, "seller-settlement")
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="정산 계좌 등록").first.click()
    page.wait_for_url("**/seller/settlement/bank-account")
    form = page.locator("#bank-account")
    form.get_by_label("은행").select_option(label="신한은행")
    form.get_by_label("계좌번호").fill(ACCOUNT_NUMBER)
    form.get_by_label("예금주").fill("김도둑")
    form.get_by_role("button", name="정산 계좌 등록").click()

    # The change asks the seller to confirm it is them: the authenticator's code, then the change goes again.
    step_up = page.locator("[data-step-up]")
    expect(step_up).to_be_visible()
    expect(step_up.get_by_role("heading", level=2)).to_have_text("본인 확인")
    expect(form.locator("[data-form-error]")).to_be_hidden()  # the box asks; no API wording for programs
    screenshot(page, "seller-bank-account-step-up")
    assert serious_accessibility_violations(page) == []
    step_up.get_by_label("인증 앱의 코드").fill(unused_code(seller.authenticator))
    step_up.get_by_role("button", name="확인하고 다시 시도").click()
    expect(step_up).to_be_hidden()

    # A holder who is not the seller is refused in Korean, beside the field, and nothing is saved.
    expect(form.locator("[data-form-error]")).to_have_text(
        "계좌의 예금주는 판매자로 등록된 상호 또는 대표자 이름이어야 합니다.")
    expect(form.locator("[data-error-for=holder_name]")).to_have_text("등록된 상호 또는 대표자 이름을 사용하세요.")
    expect(form.get_by_label("예금주")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "seller-bank-account-refused")
    assert serious_accessibility_violations(page) == []
    assert seller.get("/api/settlements/bank-account").status_code == 404
    assert seller.get("/api/settlements/bank-account/changes").json() == []

    # In the seller's registered name it is saved (the step-up still holds): the page shows it, masked.
    form.get_by_label("예금주").fill(HOLDER)
    form.get_by_role("button", name="정산 계좌 등록").click()
    current = page.locator("section[aria-labelledby=current-heading] dl.facts")
    expect(current).to_contain_text("신한은행")
    expect(current).to_contain_text("********6789")
    expect(current).to_contain_text(HOLDER)
    expect(page.locator("section[aria-labelledby=changes-heading] tbody tr")).to_have_count(1)
    account = seller.get("/api/settlements/bank-account").json()
    assert (account["bank_code"], account["account_number"], account["holder_name"]) == ("088", "********6789", HOLDER)
    screenshot(page, "seller-bank-account")
    assert serious_accessibility_violations(page) == []

    # An admin holds the seller's payouts from the console (the seller's id goes into the address by the script).
    console = pages.open(staff_admin, path="/console/payout-holds")
    hold_form = console.locator("#hold-seller")
    hold_form.get_by_label("사유").fill(HOLD_REASON)
    hold_form.get_by_role("button", name="정산 보류").click()
    # Without a seller's id the script sends nothing and says what is missing.
    expect(hold_form.locator("[data-error-for=seller_id]")).to_have_text("판매자 ID를 입력하세요.")
    expect(hold_form.get_by_label("판매자 ID")).to_have_attribute("aria-invalid", "true")
    # The admin finds the seller (by a registered name or, as here, where every test seller shares a name, the id)
    # and chooses them from the list into the form.
    console.get_by_role("searchbox", name="판매자 찾기").fill(seller.seller_id)
    console.get_by_role("button", name="찾기", exact=True).click()
    found = console.locator("section[aria-labelledby=hold-heading] tbody tr", has_text=seller.seller_id)
    expect(found).to_contain_text(HOLDER)
    found.get_by_role("link", name=re.compile("^선택")).click()
    expect(hold_form.get_by_label("판매자 ID")).to_have_value(seller.seller_id)
    hold_form.get_by_label("사유").fill(HOLD_REASON)
    hold_form.get_by_role("button", name="정산 보류").click()
    held_seller = console.locator("section[aria-labelledby=holds-heading] tbody tr", has_text=seller.seller_id)
    expect(held_seller).to_contain_text(HOLD_REASON)
    [hold] = [h for h in staff_admin.get("/api/settlements/payout-holds").json() if h["seller_id"] == seller.seller_id]
    assert hold["reason"] == HOLD_REASON

    # The day's payout run holds the seller's payout; the console lists it with why.
    made = platform.run_cli("-m", "settlements.cli", "pay", "--day", day.isoformat())
    assert made.returncode == 0, made.stderr
    [payout] = seller.get("/api/settlements/payouts").json()
    assert (payout["status"], payout["hold_reason"], payout["amount"]) == ("held", "seller_held", OWED)
    console.reload()
    held_payout = console.locator("section[aria-labelledby=held-heading] tbody tr", has_text=seller.seller_id)
    expect(held_payout).to_contain_text(f"플랫폼이 판매자의 정산 지급을 보류함: {HOLD_REASON}")
    expect(held_payout).to_contain_text(f"{OWED:,}원")
    # Held with the seller, it is not released on its own: the row leads to the seller's hold instead.
    expect(held_payout.get_by_role("button", name=re.compile("^지급 승인"))).to_have_count(0)
    expect(held_payout.get_by_role("link", name="판매자 보류 풀기")).to_have_attribute(
        "href", f"#lift-{seller.seller_id}")
    screenshot(console, "console-payout-holds-held")
    assert serious_accessibility_violations(console) == []

    # Lifting the hold (confirmed in a dialog) decides the payout again: the account changed today, so it waits
    # for a review of the new account.
    console.once("dialog", lambda dialog: dialog.accept())
    held_seller.get_by_role("button", name=re.compile("^보류 해제")).click()
    expect(held_seller).to_have_count(0)
    assert seller.seller_id not in [h["seller_id"] for h in staff_admin.get("/api/settlements/payout-holds").json()]
    expect(held_payout).to_contain_text("최근 24시간 안에 정산 계좌가 변경됨")
    assert seller.get(f"/api/settlements/payouts/{payout['id']}").json()["hold_reason"] == "account_changed"

    # Reviewed, the payout is released: it goes on the next run.
    console.once("dialog", lambda dialog: dialog.accept())
    held_payout.get_by_role("button", name=re.compile("^지급 승인")).click()
    expect(held_payout).to_have_count(0)
    assert seller.get(f"/api/settlements/payouts/{payout['id']}").json()["status"] == "scheduled"
    screenshot(console, "console-payout-holds")
