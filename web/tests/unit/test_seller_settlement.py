"""A seller's settlement: the money expected (and what is not payable yet, and why), payout statements with their
lines and deductions in words, CSV downloads, the month's summary for tax filing, and the bank account changed
with a step-up."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from servicekit import clock

SELLER_ID = "5d7c9a8e-1b2f-4c3d-9e8f-a1b2c3d4e5f6"
NOW = datetime(2026, 12, 7, 3, 0, tzinfo=timezone.utc)
EXPECTED = [{"payout_day": "2026-12-10", "amount": 123450, "entry_count": 7},
            {"payout_day": None, "amount": 45000, "entry_count": 3}]
TOTALS = {"sale": 24000, "seller_discount": -1000, "commission": -2484, "payment_fee": -690, "shipping_fee": 3000,
          "refund": 0, "shipping_refund": 0, "return_fee": 0, "shipping_charged": 0}


def a_payout(id_="po1", status="scheduled", **changed):
    payout = {"id": id_, "seller_id": SELLER_ID, "payout_day": "2026-12-10", "amount": 22826, "entry_count": 5,
              "status": status, "hold_reason": None, "hold_detail": None, "bank_code": "004", "bank_name": "KB국민은행",
              "account_number": "*****1234", "account_holder": "차향", "transfer_id": None,
              "scheduled_at": "2026-12-05T15:00:00+00:00", "held_at": None, "paid_at": None}
    payout.update(changed)
    return payout


def an_entry(id_, kind, amount, line_no=1, base=None, rate=None):
    return {"id": id_, "shipment_id": "sh1", "order_id": "o1", "order_number": "2026120700012", "line_no": line_no,
            "kind": kind, "amount": amount, "base": base, "rate": rate, "recorded_at": "2026-12-01T01:00:05+00:00",
            "payable_on": "2026-12-08", "payout_id": "po1"}


SUMMARY = {"month": "2026-12", "totals": TOTALS, "net": 22826,
           "commission_invoice": {"supply_value": 2258, "tax": 226, "total": 2484}}
ACCOUNT = {"bank_code": "004", "bank_name": "KB국민은행", "account_number": "*****1234", "holder_name": "차향",
           "changed_at": "2026-12-07T01:00:00+00:00", "payouts_held_until": "2026-12-08T01:00:00+00:00"}
BANKS = [{"code": "004", "name": "KB국민은행"}, {"code": "088", "name": "신한은행"}]
NO_ACCOUNT = (404, {"type": "urn:marketplace:problem:no-bank-account", "detail": "정산 계좌가 없습니다."})


@pytest.fixture
def seller(api, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)
    api.signed_in_as("seller", seller_id=SELLER_ID)
    api.answers["/api/settlements/expected-payouts"] = EXPECTED
    api.answers["/api/settlements/monthly-summaries/2026-12"] = SUMMARY
    api.answers["/api/settlements/bank-account"] = ACCOUNT
    return api


def test_the_settlement_page_shows_expected_payouts_and_money_not_payable_yet_with_why(client, seller):
    seller.answers["/api/settlements/payouts"] = [a_payout(), a_payout("po2", status="held", hold_reason="account_changed")]
    page = client.get("/seller/settlement").get_data(as_text=True)
    assert "<h1>정산</h1>" in page and 'href="/seller/settlement" aria-current="page"' in page
    assert "2026. 12. 10." in page and "123,450원" in page
    assert "지급 대기" in page and "45,000원" in page and "고객이 아직 구매를 확정하지 않았거나 클레임이 진행 중" in page
    assert "보류" in page and "최근 24시간 안에 정산 계좌가 변경됨" in page
    assert 'href="/seller/settlement/payouts/po1"' in page and "*****1234" in page
    assert seller.calls[2][1:] == ("/api/settlements/payouts",
                                  {"params": {"status": None, "page": None, "page_size": 20}, "body": None, "headers": None})


def test_the_month_picker_shows_the_tax_summary_and_the_commission_invoice(client, seller):
    seller.answers["/api/settlements/payouts"] = []
    seller.answers["/api/settlements/monthly-summaries/2026-11"] = dict(SUMMARY, month="2026-11")
    page = client.get("/seller/settlement?month=2026-11&status=paid").get_data(as_text=True)
    assert 'type="month" name="month" value="2026-11"' in page
    assert "판매금액" in page and "24,000원" in page and "판매자 할인" in page and "-1,000원" in page
    assert "판매수수료" in page and "-2,484원" in page and "결제수수료" in page
    assert "공급가액" in page and "2,258원" in page and "부가세" in page and "226원" in page and "합계" in page
    assert "22,826원" in page
    assert ("GET", "/api/settlements/payouts") == seller.calls[2][:2]
    assert seller.calls[2][2]["params"]["status"] == "paid"


def test_a_month_that_is_not_one_shows_this_month_in_korea(client, seller):
    seller.answers["/api/settlements/payouts"] = []
    client.get("/seller/settlement?month=last")
    assert ("GET", "/api/settlements/monthly-summaries/2026-12") in [call[:2] for call in seller.calls]


def test_a_statement_lists_its_lines_and_deductions_in_words_with_its_csv(client, seller):
    seller.answers["/api/settlements/payouts/po1"] = dict(
        a_payout(status="held", hold_reason="seller_held", hold_detail="서류 확인 중", held_at="2026-12-06T00:00:00+00:00"),
        totals=TOTALS,
        entries=[an_entry(1, "sale", 24000), an_entry(2, "commission", -2484, base=23000, rate=1080),
                 an_entry(3, "shipping_fee", 3000, line_no=0), an_entry(4, "shipping_refund", -3000, line_no=0)])
    page = client.get("/seller/settlement/payouts/po1").get_data(as_text=True)
    assert "2026. 12. 10. 정산 명세서" in page and "플랫폼이 판매자의 정산 지급을 보류함: 서류 확인 중" in page
    assert "판매수수료" in page and "10.80%" in page and "23,000원" in page and "-2,484원" in page
    assert "배송비 환불" in page and "배송 전체" in page and 'href="/seller/orders/o1"' in page
    assert 'href="/api/settlements/payouts/po1/export" download' in page


def test_a_statement_reads_in_english(client, seller):
    seller.answers["/api/settlements/payouts/po1"] = dict(a_payout(status="paid", paid_at="2026-12-10T01:00:00+00:00"),
                                                          totals=TOTALS, entries=[an_entry(1, "return_fee", 3000)])
    client.set_cookie("lang", "en")
    page = client.get("/seller/settlement/payouts/po1").get_data(as_text=True)
    assert "Payout statement for Dec 10, 2026" in page and "Paid out" in page and "Return fee" in page
    assert "₩22,826" in page and "Dec 10, 2026, 10:00 AM" in page


def test_ledger_entries_over_a_range_with_their_csv(client, seller):
    seller.answers["/api/settlements/ledger-entries"] = [an_entry(1, "refund", -12000)]
    page = client.get("/seller/settlement/entries?from=2026-11-01&to=2026-11-30&page=2").get_data(as_text=True)
    assert "환불" in page and "-12,000원" in page
    assert 'href="/api/settlements/ledger-entries/export?from=2026-11-01&amp;to=2026-11-30" download' in page
    assert seller.calls[-1][2]["params"] == {"from": "2026-11-01", "to": "2026-11-30", "page": "2", "page_size": 20}


def test_without_a_bank_account_the_page_asks_to_register_one(client, seller):
    seller.answers["/api/settlements/payouts"] = []
    seller.answers["/api/settlements/bank-account"] = NO_ACCOUNT
    page = client.get("/seller/settlement").get_data(as_text=True)
    assert "정산 계좌가 등록되지 않았습니다" in page and 'href="/seller/settlement/bank-account"' in page


def test_the_bank_account_is_shown_masked_with_the_recent_change_review_explained(client, seller):
    seller.answers["/api/settlements/bank-account/banks"] = BANKS
    seller.answers["/api/settlements/bank-account/changes"] = [
        {"bank_code": "088", "account_number": "*****9876", "holder_name": "차향", "changed_by": "a1",
         "changed_at": "2026-11-01T00:00:00+00:00"}]
    seller.answers["/api/accounts/me"] = {"second_factors": ["totp"]}
    page = client.get("/seller/settlement/bank-account").get_data(as_text=True)
    assert "KB국민은행" in page and "*****1234" in page and "신한은행" in page and "*****9876" in page
    assert "변경 후 24시간 안의 정산은 검토 후 지급됩니다." in page
    assert "2026. 12. 8." in page and "10:00까지의 정산은 검토 후 지급됩니다." in page


def test_the_bank_account_form_puts_the_apis_fields_and_shows_their_errors_in_place(client, seller):
    seller.answers["/api/settlements/bank-account"] = NO_ACCOUNT
    seller.answers["/api/settlements/bank-account/banks"] = BANKS
    seller.answers["/api/settlements/bank-account/changes"] = []
    seller.answers["/api/accounts/me"] = {"second_factors": ["totp"]}
    page = client.get("/seller/settlement/bank-account").get_data(as_text=True)
    assert 'data-api="/api/settlements/bank-account" data-method="PUT"' in page
    for name in ("bank_code", "account_number", "holder_name"):
        assert f'name="{name}"' in page and f'data-error-for="{name}"' in page
    assert '<option value="088" >신한은행</option>' in page and "정산 계좌 등록" in page


def test_a_step_up_answer_leads_the_seller_to_prove_a_second_factor_again(client, seller):
    seller.answers["/api/settlements/bank-account/banks"] = BANKS
    seller.answers["/api/settlements/bank-account/changes"] = []
    seller.answers["/api/accounts/me"] = {"second_factors": ["totp", "webauthn"]}
    page = client.get("/seller/settlement/bank-account").get_data(as_text=True)
    # step-up.js shows the box on a 403 step-up-required, then sends the form again once the factor is proved.
    assert "data-step-up" in page and "js/step-up.js" in page and 'id="step-up"' in page
    assert 'data-api="/api/session/2fa"' in page and "simplewebauthn" in page


def test_the_settlement_pages_are_for_sellers(client, api):
    assert client.get("/seller/settlement").headers["Location"] == "/login?next=/seller/settlement"
    api.signed_in_as("customer")
    assert client.get("/seller/settlement/bank-account").status_code == 403
