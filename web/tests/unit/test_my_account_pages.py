"""Points, the notification inbox and its settings, the help page, and signing up (customers and sellers)."""
from __future__ import annotations

from tests.unit.storefront_answers import ORDER_ID, SELLER_ID


def test_points_show_the_balance_and_the_ledger_in_words(client, api):
    api.signed_in_as("customer")
    api.answers["/api/points"] = {"balance": 3200, "expiring_within_30_days": 500}
    api.answers["/api/points/entries"] = [
        {"kind": "purchase_reward", "amount": 240, "expires_at": "2027-12-07T00:00:00+00:00", "reference": ORDER_ID,
         "created_at": "2026-12-07T00:00:00+00:00"},
        {"kind": "checkout", "amount": -500, "expires_at": None, "reference": ORDER_ID,
         "created_at": "2026-12-06T00:00:00+00:00"}]
    page = client.get("/points").get_data(as_text=True)
    assert "3,200 P" in page and "500 P" in page and "구매 적립" in page and "+240" in page and "-500" in page
    client.set_cookie("lang", "en")
    assert "Used at checkout" in client.get("/points").get_data(as_text=True)


def test_no_points_says_how_to_earn_them(client, api):
    api.signed_in_as("customer")
    api.answers["/api/points"] = {"balance": 0, "expiring_within_30_days": 0}
    api.answers["/api/points/entries"] = []
    assert "아직 포인트가 없습니다" in client.get("/points").get_data(as_text=True)


def test_the_inbox_links_where_each_notification_points(client, api):
    api.signed_in_as("customer")
    api.answers["/api/notifications"] = [
        {"id": 41, "kind": "review_requested", "title": "리뷰를 남겨 주세요", "body": "제주 녹차 티백은 어떠셨나요?",
         "link": f"/orders/{ORDER_ID}/lines/1/review", "created_at": "2026-12-07T00:00:00+00:00", "read_at": None}]
    page = client.get("/notifications?unread=true").get_data(as_text=True)
    assert f'href="/orders/{ORDER_ID}/lines/1/review"' in page and "리뷰 요청" in page
    assert 'data-api="/api/notifications/41/read"' in page and 'data-api="/api/notifications/read-all"' in page
    assert [call for call in api.calls if call[1] == "/api/notifications"][0][2]["params"]["unread"] == "true"
    api.answers["/api/notifications"] = []
    client.set_cookie("lang", "en")
    assert "Nothing unread." in client.get("/notifications?unread=true").get_data(as_text=True)


def test_notification_settings_show_each_kind_with_its_channels(client, api):
    api.signed_in_as("customer")
    api.answers["/api/notifications/preferences"] = {"preferences": [
        {"kind": "order_shipped", "in_app": True, "email": True, "sms": True},
        {"kind": "review_requested", "in_app": True, "email": False, "sms": False}]}
    page = client.get("/settings/notifications").get_data(as_text=True)
    assert 'data-kind="order_shipped"' in page and "배송 시작" in page and "js/notification-settings.js" in page
    assert page.count("checked") == 2
    assert client.get("/settings/notifications").status_code == 200
    client.set_cookie("lang", "en")
    assert "Order shipped by email" in client.get("/settings/notifications").get_data(as_text=True)


def test_the_inbox_needs_someone_signed_in(client):
    assert client.get("/settings/notifications").headers["Location"] == "/login?next=/settings/notifications"


def test_the_help_page_searches_the_faq_by_category(client, api):
    api.answers["/api/faq"] = [{"id": "f1", "category": "delivery", "language": "ko", "question": "배송은 얼마나 걸리나요?",
                                "answer": "결제 후 2~3일 걸립니다.", "keywords": ["배송"], "published": True,
                                "seller_id": None}]
    page = client.get("/faq?category=delivery&q=배송").get_data(as_text=True)
    assert "배송은 얼마나 걸리나요?" in page and "결제 후 2~3일 걸립니다." in page
    asked = [call for call in api.calls if call[1] == "/api/faq"][0][2]["params"]
    assert asked["category"] == "delivery" and asked["q"] == "배송"
    api.answers["/api/faq"] = []
    client.set_cookie("lang", "en")
    page = client.get("/faq?q=nothing").get_data(as_text=True)
    assert "No answer matches" in page and 'href="/inquiries/new"' in page


def test_signing_up_asks_the_api_for_a_code_then_takes_it(client, api):
    page = client.get("/signup").get_data(as_text=True)
    assert 'data-api="/api/accounts"' in page and 'name="language" value="ko"' in page and "js/signup.js" in page
    page = client.get("/signup/verify?login=minji@example.com").get_data(as_text=True)
    assert 'data-api="/api/accounts/verification"' in page and 'value="minji@example.com"' in page
    assert 'data-next="/login?signed_up=1&amp;next=/"' in page
    client.set_cookie("lang", "en")
    assert "Send me the code" in client.get("/signup").get_data(as_text=True)


def test_someone_signed_in_is_not_asked_to_sign_up(client, api):
    api.signed_in_as("customer")
    assert client.get("/signup").headers["Location"] == "/"


def test_a_seller_applies_then_uploads_the_certificate_with_progress(client, api):
    assert client.get("/signup?seller=1").headers["Location"] == "/sellers/apply"
    page = client.get("/sellers/apply").get_data(as_text=True)
    assert 'data-api="/api/sellers"' in page and 'name="birth_date"' in page and "개인사업자" in page
    assert 'data-next="/login?signed_up=1&amp;next=/sellers/apply/documents"' in client.get(
        "/signup/verify?login=shop@example.com&seller=1").get_data(as_text=True)
    api.signed_in_as("seller", seller_id=SELLER_ID)
    api.answers[f"/api/sellers/{SELLER_ID}"] = {"id": SELLER_ID, "display_name": "차마루", "seller_type": "sole_proprietor",
                                                "status": "documents_requested", "decision_reason": "사업자등록증이 흐립니다."}
    api.answers[f"/api/sellers/{SELLER_ID}/documents"] = []
    page = client.get("/sellers/apply/documents").get_data(as_text=True)
    assert "서류 보완 필요" in page and "사업자등록증이 흐립니다." in page
    assert f'data-api="/api/sellers/{SELLER_ID}/documents"' in page and "<progress" in page and 'value="business_registration_certificate"' in page
    client.set_cookie("lang", "en")
    assert "More documents needed" in client.get("/sellers/apply/documents").get_data(as_text=True)
