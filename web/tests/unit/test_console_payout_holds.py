"""Payout holds in the console (admins): held payouts released, sellers' holds lifted or added with a reason, and
the platform's totals over a range of Korean days."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from servicekit import clock

SELLER_ID = "5f0c3a52-8d1e-4f7a-9a51-2f6f3c1b7e10"
HELD = {"id": "po9", "seller_id": SELLER_ID, "payout_day": "2026-12-10", "amount": 540000, "entry_count": 12,
        "status": "held", "hold_reason": "transfer_refused", "hold_detail": "계좌 해지", "bank_code": "004",
        "bank_name": "KB국민은행", "account_number": "*****1234", "account_holder": "차향", "transfer_id": None,
        "scheduled_at": "2026-12-05T15:00:00+00:00", "held_at": "2026-12-10T01:00:00+00:00", "paid_at": None}
HOLD = {"seller_id": SELLER_ID, "business_name": "(주)차향", "reason": "위조 상품 신고 조사", "held_by": "adm-1",
        "held_at": "2026-12-06T00:00:00+00:00"}
TOTALS = {"totals": {"sale": 9800000, "commission": -1058400, "payment_fee": -323400},
          "payouts": {"scheduled": {"count": 3, "amount": 1200000}, "held": {"count": 1, "amount": 540000},
                      "paid": {"count": 40, "amount": 7000000}}}


@pytest.fixture
def admin(api, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 16, 16, 0, tzinfo=timezone.utc))
    api.signed_in_as("admin", name="관리자")
    api.answers["/api/settlements/payouts"] = [dict(HELD)]
    api.answers["/api/settlements/payout-holds"] = [dict(HOLD)]
    api.answers["/api/settlements/totals"] = TOTALS
    return api


def test_held_payouts_have_their_reason_and_a_release_button(client, admin):
    page = client.get("/console/payout-holds").get_data(as_text=True)
    assert "<h1>정산 보류</h1>" in page and 'href="/console/payout-holds" aria-current="page"' in page
    assert "540,000원" in page and "은행이 이체를 거절함" in page and "계좌 해지" in page
    assert 'data-api="/api/settlements/payouts/po9/release" data-method="POST"' in page
    assert admin.calls[1][1:] == ("/api/settlements/payouts", {
        "params": {"status": "held", "page": None, "page_size": 20}, "body": None, "headers": None})


def test_a_payout_held_with_its_seller_leads_to_the_sellers_hold_rather_than_a_release_it_would_be_refused(
    client, admin
):
    admin.answers["/api/settlements/payouts"] = [dict(HELD, hold_reason="seller_held", hold_detail=HOLD["reason"])]
    page = client.get("/console/payout-holds").get_data(as_text=True)
    assert "플랫폼이 판매자의 정산 지급을 보류함: 위조 상품 신고 조사" in page
    assert "/api/settlements/payouts/po9/release" not in page
    assert f'<a href="#lift-{SELLER_ID}">판매자 보류 풀기</a>' in page


def test_a_sellers_hold_is_listed_with_a_lift_button_and_a_form_holds_another(client, admin):
    page = client.get("/console/payout-holds").get_data(as_text=True)
    assert "위조 상품 신고 조사" in page and f'(주)차향<br><a href="/console/seller-approvals/{SELLER_ID}">' in page
    assert f'data-api="/api/settlements/payout-holds/{SELLER_ID}" data-method="DELETE"' in page
    # The form puts the reason; the seller's id goes in the address (static/js/console-payout-holds.js).
    assert 'id="hold-seller"' in page and 'data-method="PUT"' in page and 'name="reason"' in page
    assert "data-seller-id" in page and 'data-error-for="seller_id"' in page and "js/console-payout-holds.js" in page


def test_the_platform_totals_default_to_this_month_in_korea(client, admin):
    page = client.get("/console/payout-holds").get_data(as_text=True)
    # 16 December 16:00 UTC is already the 17th in Korea.
    assert admin.calls[-1][2]["params"] == {"from": "2026-12-01", "to": "2026-12-17"}
    assert "9,800,000원" in page and "-1,058,400원" in page and "7,000,000원" in page and "지급 완료" in page


def test_the_platform_totals_cover_the_chosen_days_in_order(client, admin):
    client.set_cookie("lang", "en")
    page = client.get("/console/payout-holds?from=2026-11-30&to=2026-11-01").get_data(as_text=True)
    assert admin.calls[-1][2]["params"] == {"from": "2026-11-01", "to": "2026-11-30"}
    assert "Payout holds" in page and "Sales commission" in page and "Release" in page and "Lift the hold" in page


def test_nothing_held_says_so(client, admin):
    admin.answers["/api/settlements/payouts"] = []
    admin.answers["/api/settlements/payout-holds"] = []
    page = client.get("/console/payout-holds").get_data(as_text=True)
    assert "보류된 정산이 없습니다." in page and "정산이 보류된 판매자가 없습니다." in page


def test_payout_holds_are_for_admins_with_a_second_factor(client, api):
    api.signed_in_as("agent")
    assert client.get("/console/payout-holds").status_code == 403
    api.signed_in_as("admin")
    api.answers["/api/settlements/payouts"] = (403, {"type": "urn:marketplace:problem:second-factor-required"})
    assert client.get("/console/payout-holds").headers["Location"] == "/account/security?needed=1&next=/console/payout-holds"


def test_an_admin_finds_the_seller_by_name_and_chooses_them_into_the_hold_form(client, admin):
    other = "0b7c3a52-8d1e-4f7a-9a51-2f6f3c1b7e11"
    admin.answers["/api/settlements/sellers"] = [
        {"seller_id": SELLER_ID, "business_name": "(주)제주녹차", "representative_name": "김민지", "held": False},
        {"seller_id": other, "business_name": "제주 도자기", "representative_name": "박지수", "held": True},
    ]
    page = client.get(f"/console/payout-holds?seller_q=제주&seller={SELLER_ID}").get_data(as_text=True)
    asked = [call for call in admin.calls if call[1] == "/api/settlements/sellers"]
    assert asked[0][2]["params"] == {"q": "제주"}
    assert "(주)제주녹차" in page and "김민지" in page and f"<code>{SELLER_ID}</code>" in page
    # The one held already leads to its hold; the chosen one fills the form's id.
    assert f'<a href="#lift-{other}">이미 보류 중</a>' in page
    assert f'maxlength="36" value="{SELLER_ID}"' in page
    assert "seller_q=%EC%A0%9C%EC%A3%BC" in page and 'aria-current="true"' in page


def test_without_words_no_seller_is_looked_up_and_a_bad_choice_fills_nothing(client, admin):
    page = client.get("/console/payout-holds?seller=not-an-id").get_data(as_text=True)
    assert all(call[1] != "/api/settlements/sellers" for call in admin.calls)
    assert 'maxlength="36" value=""' in page
    admin.answers["/api/settlements/sellers"] = []
    page = client.get("/console/payout-holds?seller_q=없는상호").get_data(as_text=True)
    assert "이 단어가 들어간 상호나 대표자 이름의 판매자가 없습니다." in page
