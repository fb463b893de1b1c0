"""The seller center's customer care pages: the inquiry inbox and thread, product Q&A, the shop's FAQ, reviews with
their unhappy causes, and statistics; each with what the API answers (shapes from the services' schemas)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

SELLER_ID = "5e11e700-0000-4000-8000-000000000001"
NOW = datetime.now(timezone.utc)


def instant(**delta) -> str:
    return (NOW + timedelta(**delta)).isoformat()


def inquiry(**changes) -> dict:
    found = {
        "id": "i-1", "customer_id": "c-1", "inquiry_type": "shipping", "subject": "배송이 언제 오나요", "status": "open",
        "owner": "seller", "seller_id": SELLER_ID, "assignee_id": None, "order_id": "o-1", "order_line_no": None,
        "product_id": None, "follows_inquiry_id": None, "escalated": False, "resolution_reason": None,
        "first_response_due_at": instant(hours=5), "resolution_due_at": instant(days=3), "first_responded_at": None,
        "breached_at": None, "waiting_since": None, "resolved_at": None, "closed_at": None, "satisfaction": None,
        "satisfaction_comment": None, "created_at": instant(hours=-2), "updated_at": instant(hours=-2),
    }
    return {**found, **changes}


def thread(**changes) -> dict:
    return {**inquiry(**changes), "messages": [
        {"id": "m-1", "author_id": "c-1", "author_role": "customer", "body": "주문한 찻잔이 아직 안 왔어요.", "internal": False,
         "automatic": False, "faq_entry_id": None, "created_at": instant(hours=-2),
         "attachments": [{"id": "f-1", "filename": "receipt.pdf", "content_type": "application/pdf", "size": 20480}]},
        {"id": "m-2", "author_id": "s-1", "author_role": "seller", "body": "택배사에 확인 중", "internal": True,
         "automatic": False, "faq_entry_id": None, "created_at": instant(hours=-1), "attachments": []},
    ], "history": [{"kind": "status", "from_value": None, "to_value": "open", "reason": None, "actor_id": "c-1",
                    "at": instant(hours=-2)}],
        "order": {"order_id": "o-1", "order_number": "20261207-0001", "status": "paid", "updated_at": instant(hours=-2),
                  "lines": [{"line_no": 1, "product_id": "p-1", "seller_id": SELLER_ID, "product_name": "청자 찻잔",
                             "quantity": 2, "unit_price": 18000}],
                  "shipments": [{"shipment_id": "sh-1", "seller_id": SELLER_ID, "status": "shipping", "carrier": "CJ",
                                 "tracking_number": "601234567890"}]}}


TEMPLATES = [{"id": "t-1", "seller_id": SELLER_ID, "title": "배송 안내", "body": "{customer_name}님, {tracking_number}",
              "created_at": instant(days=-1), "updated_at": instant(days=-1)},
             {"id": "t-2", "seller_id": None, "title": "Greeting", "body": "Hello", "created_at": instant(days=-9),
              "updated_at": instant(days=-9)}]
PRODUCTS = [{"id": "p-1", "name": "청자 찻잔", "status": "on_sale"}, {"id": "p-2", "name": "녹차 50g", "status": "draft"}]


def review(**changes) -> dict:
    found = {"id": "r-1", "product_id": "p-1", "seller_id": SELLER_ID, "product_name": "청자 찻잔", "rating": 2,
             "text": "포장이 찌그러져 왔어요.", "anonymous": True, "author": "김*지",
             "photos": [{"id": "ph-1", "url": "/api/reviews/r-1/photos/ph-1",
                         "thumbnail_url": "/api/reviews/r-1/photos/ph-1/thumbnail"}],
             "helpful_count": 3, "reply": None, "mine": False, "status": "visible", "created_at": instant(days=-1),
             "edited_at": None}
    return {**found, **changes}


def causes(total=2) -> dict:
    return {"seller_id": SELLER_ID, "from": "2026-11-08", "to": "2026-12-07", "period": "day", "total": total,
            "by_cause": {"product_quality": 0, "delivery": total, "service": 0, "price_value": 0, "other": 0},
            "trend": [{"start": "2026-12-06", "total": total,
                       "by_cause": {"product_quality": 0, "delivery": total, "service": 0, "price_value": 0, "other": 0}}]}


def report(partial=False) -> dict:
    series = {
        "revenue": {"unit": "won", "available": True, "values": [36000, 0], "total": 36000, "unavailable_because": None},
        "conversion": {"unit": "ratio", "available": True, "values": [0.125, None], "total": 0.0625,
                       "unavailable_because": None},
        "rating": {"unit": "stars", "available": not partial, "values": None if partial else [4.5, None],
                   "total": None if partial else 4.5, "unavailable_because": "reviews did not answer." if partial else None},
    }
    return {"period": "day", "from": "2026-12-06", "to": "2026-12-07", "seller_id": None,
            "measures": list(series), "period_starts": ["2026-12-06", "2026-12-07"], "series": series, "partial": partial}


@pytest.fixture
def seller(api):
    api.signed_in_as("seller", name="찻집", seller_id=SELLER_ID)
    return api


def params_of(api, path):
    return [sent["params"] for method, called, sent in api.calls if called == path and method == "GET"]


# The inquiry inbox

def test_the_inbox_marks_missed_and_near_targets_in_korean(client, seller):
    seller.answers["/api/inquiries"] = [
        inquiry(id="i-1", subject="찻잔이 깨졌어요", breached_at=instant(hours=-1), first_response_due_at=instant(hours=-2)),
        inquiry(id="i-2", subject="언제 오나요", first_response_due_at=instant(hours=1)),
        inquiry(id="i-3", subject="영수증", first_response_due_at=instant(hours=20)),
    ]
    page = client.get("/seller/inquiries").get_data(as_text=True)
    assert '<tr class="due-breached">' in page and "목표 시간 초과" in page
    assert '<tr class="due-due_soon">' in page and "곧 마감" in page
    assert '<tr class="due-on_time">' in page
    assert 'href="/seller/inquiries/i-2"' in page and "답변 대기" in page and "배송" in page
    assert 'aria-current="page"' in page and 'href="/seller/inquiries"' in page


def test_the_inbox_asks_the_api_for_the_chosen_filters(client, seller):
    seller.answers["/api/inquiries"] = []
    client.get("/seller/inquiries?status=open&inquiry_type=shipping&due=breached&q=%EB%B0%B0%EC%86%A1&page=2")
    asked = params_of(seller, "/api/inquiries")[-1]
    assert asked == {"status": "open", "inquiry_type": "shipping", "q": "배송", "page": "2", "page_size": 20,
                     "breached": "true"}
    client.get("/seller/inquiries?due=due_soon&status=nonsense")
    asked = params_of(seller, "/api/inquiries")[-1]
    due_before = datetime.fromisoformat(asked["due_before"])
    assert timedelta(hours=2, minutes=59) < due_before - datetime.now(timezone.utc) <= timedelta(hours=3)
    assert asked["status"] == "" and "breached" not in asked


def test_an_empty_inbox_says_what_to_do_in_english(client, seller):
    seller.answers["/api/inquiries"] = []
    client.set_cookie("lang", "en")
    page = client.get("/seller/inquiries").get_data(as_text=True)
    assert "No inquiries yet." in page and 'href="/seller/faq"' in page
    filtered = client.get("/seller/inquiries?due=breached").get_data(as_text=True)
    assert "No inquiry matches these filters." in filtered


def test_the_inbox_is_for_sellers_only(client, api):
    api.signed_in_as("customer")
    assert client.get("/seller/inquiries").status_code == 403
    api.answers["/api/session"] = (401, {"type": "urn:marketplace:problem:unauthenticated"})
    assert client.get("/seller/inquiries/i-1").headers["Location"] == "/login?next=/seller/inquiries/i-1"


# One inquiry

def test_the_thread_shows_attachments_notes_templates_and_the_actions(client, seller):
    seller.answers["/api/inquiries/i-1"] = thread()
    seller.answers["/api/answer-templates"] = TEMPLATES
    seller.answers["/api/faq/suggestions"] = [{"score": 0.8, "entry": {
        "id": "e-1", "seller_id": SELLER_ID, "question": "배송은 언제 오나요?", "answer": "주문 다음 날 보내 드립니다."}}]
    page = client.get("/seller/inquiries/i-1").get_data(as_text=True)
    assert '<a href="/api/inquiries/i-1/attachments/f-1" download>receipt.pdf</a>' in page
    assert 'name="faq_entry_id" data-omit-empty' in page
    assert '<option value="e-1" data-answer="주문 다음 날 보내 드립니다.">배송은 언제 오나요?</option>' in page
    assert params_of(seller, "/api/faq/suggestions") == [{"text": f"{thread()['subject']}\n주문한 찻잔이 아직 안 왔어요.",
                                                         "seller_id": SELLER_ID}]
    assert "내부 메모" in page and "택배사에 확인 중" in page
    assert '<option value="t-1">배송 안내</option>' in page and "Greeting (플랫폼)" in page
    assert 'data-template-picker data-inquiry="i-1"' in page
    assert 'data-api="/api/inquiries/i-1/messages"' in page and "data-upload" in page and "<progress" in page
    assert 'name="internal" value="true"' in page
    assert 'data-api="/api/inquiries/i-1/escalation"' in page and 'data-api="/api/inquiries/i-1/status"' in page
    assert "20261207-0001" in page and "601234567890" in page
    assert 'src="/static/js/seller-inquiry.js"' in page
    assert params_of(seller, "/api/answer-templates") == [{"page_size": 100}]


def test_an_escalated_closed_inquiry_offers_no_answer_nor_escalation_in_english(client, seller):
    seller.answers["/api/inquiries/i-1"] = thread(status="closed", escalated=True, breached_at=instant(hours=-30))
    seller.answers["/api/answer-templates"] = []
    client.set_cookie("lang", "en")
    page = client.get("/seller/inquiries/i-1").get_data(as_text=True)
    assert "Escalated to the platform" in page and "Target missed" in page
    assert "/messages" not in page and "/escalation" not in page and "/status" not in page


def test_an_inquiry_of_another_shop_is_a_404_page(client, seller):
    seller.answers["/api/inquiries/i-9"] = (404, {"type": "urn:marketplace:problem:not-found", "detail": "없는 문의입니다."})
    answer = client.get("/seller/inquiries/i-9")
    assert answer.status_code == 404 and "없는 문의입니다." in answer.get_data(as_text=True)


# Product Q&A

def test_questions_of_the_chosen_product_with_answer_forms(client, seller):
    seller.answers["/api/products"] = PRODUCTS
    seller.answers["/api/product-questions"] = [
        {"id": "q-1", "product_id": "p-2", "question": "유통기한이 언제인가요?", "secret": True, "hidden": False,
         "answered": False, "answer": None, "answered_at": None, "created_at": instant(hours=-3)},
        {"id": "q-2", "product_id": "p-2", "question": "선물 포장 되나요?", "secret": False, "hidden": False,
         "answered": True, "answer": "네, 가능합니다.", "answered_at": instant(hours=-1), "created_at": instant(hours=-5)},
    ]
    page = client.get("/seller/questions?product_id=p-2").get_data(as_text=True)
    assert "녹차 50g에 대한 질문" in page and "아직 답변 전" in page
    assert 'data-api="/api/product-questions/q-1/answer" data-method="POST"' in page
    assert 'data-api="/api/product-questions/q-2/answer" data-method="PUT"' in page and "네, 가능합니다." in page
    assert params_of(seller, "/api/products") == [{"seller_id": SELLER_ID, "sort": "newest", "page_size": 100}]
    assert params_of(seller, "/api/product-questions") == [{"product_id": "p-2", "page": None, "page_size": 20}]


def test_questions_start_at_the_newest_product_and_say_when_there_are_none(client, seller):
    seller.answers["/api/products"] = PRODUCTS
    seller.answers["/api/product-questions"] = []
    client.set_cookie("lang", "en")
    page = client.get("/seller/questions").get_data(as_text=True)
    assert params_of(seller, "/api/product-questions")[0]["product_id"] == "p-1"
    assert "No questions about this product yet." in page


def test_a_shop_without_products_is_told_to_register_one(client, seller):
    seller.answers["/api/products"] = []
    page = client.get("/seller/questions").get_data(as_text=True)
    assert 'href="/seller/products/new"' in page and not params_of(seller, "/api/product-questions")


# The shop's FAQ

FAQ = [{"id": "e-1", "seller_id": SELLER_ID, "category": "delivery", "language": "ko", "question": "배송은 며칠 걸리나요?",
        "answer": "결제 후 2일 안에 보냅니다.", "keywords": ["배송기간"], "published": True,
        "created_at": instant(days=-2), "updated_at": instant(days=-2)},
       {"id": "e-2", "seller_id": SELLER_ID, "category": "returns", "language": "en", "question": "Can I return it?",
        "answer": "Within 7 days.", "keywords": [], "published": False,
        "created_at": instant(days=-1), "updated_at": instant(days=-1)}]


def test_the_faq_lists_the_shops_entries_published_or_not(client, seller):
    seller.answers["/api/faq"] = FAQ
    page = client.get("/seller/faq?category=delivery").get_data(as_text=True)
    assert "배송은 며칠 걸리나요?" in page and "게시됨" in page and "게시 안 됨" in page
    assert 'data-api="/api/faq/e-1" data-method="DELETE"' in page
    assert 'data-api="/api/faq/e-2" data-method="PATCH"' in page and 'name="published" value="true"' in page
    assert 'href="/seller/faq/e-1"' in page and 'href="/seller/faq/new"' in page
    assert params_of(seller, "/api/faq") == [{"seller_id": SELLER_ID, "category": "delivery", "page": None,
                                              "page_size": 50}]


def test_an_empty_faq_says_what_to_do_in_english(client, seller):
    seller.answers["/api/faq"] = []
    client.set_cookie("lang", "en")
    page = client.get("/seller/faq").get_data(as_text=True)
    assert "Your shop has no FAQ yet." in page and 'href="/seller/faq/new"' in page


def test_an_faq_entry_is_written_and_edited_through_the_api(client, seller):
    page = client.get("/seller/faq/new").get_data(as_text=True)
    assert 'data-api="/api/faq" data-method="POST"' in page and 'data-next="/seller/faq"' in page
    assert 'name="keywords"' in page and 'data-type="lines"' in page and 'data-type="boolean" checked' in page
    seller.answers["/api/faq/e-2"] = FAQ[1]
    edit = client.get("/seller/faq/e-2").get_data(as_text=True)
    assert 'data-api="/api/faq/e-2" data-method="PATCH"' in edit and "Can I return it?" in edit
    assert '<option value="returns" selected>' in edit and '<option value="en" selected>' in edit


# Reviews

def test_reviews_with_filters_reply_forms_and_the_causes_chart(client, seller):
    seller.answers["/api/products"] = PRODUCTS
    seller.answers["/api/reviews"] = [
        review(), review(id="r-2", rating=5, photos=[], reply={"text": "감사합니다!", "created_at": instant(hours=-1),
                                                                "updated_at": instant(hours=-1)})]
    seller.answers["/api/reviews/negative-causes"] = causes()
    page = client.get("/seller/reviews?rating=2&photo_only=true&unanswered=true&product_id=p-1&sort=lowest").get_data(
        as_text=True)
    assert params_of(seller, "/api/reviews") == [{
        "seller_id": SELLER_ID, "product_id": "p-1", "rating": "2", "photo_only": "true", "unanswered": "true",
        "sort": "lowest", "page": "", "page_size": 20}]
    assert params_of(seller, "/api/reviews/negative-causes") == [{"from": "", "to": "", "period": "day"}]
    assert 'data-api="/api/reviews/r-1/reply" data-method="POST"' in page
    assert 'data-api="/api/reviews/r-2/reply" data-method="PUT"' in page and "감사합니다!" in page
    assert 'src="/api/reviews/r-1/photos/ph-1/thumbnail"' in page and "김*지" in page
    assert "왜 불만족했나요" in page and "배송" in page
    data = json.loads(page.split('<script type="application/json" id="negative-causes-data">')[1].split("</script>")[0])
    assert data["trend"][0]["by_cause"]["delivery"] == 2
    assert 'src="/static/vendor/chart.umd.min.js"' in page and 'src="/static/js/seller-reviews.js"' in page


def test_no_reviews_and_no_unhappy_ones_in_english(client, seller):
    seller.answers["/api/products"] = []
    seller.answers["/api/reviews"] = []
    seller.answers["/api/reviews/negative-causes"] = causes(total=0)
    client.set_cookie("lang", "en")
    page = client.get("/seller/reviews?rating=9&sort=worst").get_data(as_text=True)
    assert "No reviews yet." in page and "No review rated 1 or 2 stars in this period." in page
    asked = params_of(seller, "/api/reviews")[0]
    assert asked["rating"] == "" and asked["sort"] == "newest"


def test_a_range_the_api_refuses_is_explained(client, seller):
    seller.answers["/api/products"] = []
    seller.answers["/api/reviews"] = []
    seller.answers["/api/reviews/negative-causes"] = (422, {"type": "urn:marketplace:problem:empty-range",
                                                            "detail": "시작일은 종료일보다 늦을 수 없습니다."})
    answer = client.get("/seller/reviews?from=2026-12-07&to=2026-12-01")
    assert answer.status_code == 400 and "시작일은 종료일보다 늦을 수 없습니다." in answer.get_data(as_text=True)


# Statistics

def test_statistics_chart_each_measure_and_export_the_same_range(client, seller):
    seller.answers["/api/statistics"] = report()
    page = client.get("/seller/statistics?from=2026-12-06&to=2026-12-07&period=day&measure=revenue&measure=conversion"
                      "&measure=rating&measure=bogus").get_data(as_text=True)
    assert params_of(seller, "/api/statistics") == [{"from": "2026-12-06", "to": "2026-12-07", "period": "day",
                                                     "measure": ["revenue", "conversion", "rating"]}]
    assert "36,000원" in page and "12.5%" in page and "★ 4.50" in page
    assert ('href="/api/statistics/export?from=2026-12-06&amp;to=2026-12-07&amp;period=day&amp;measure=revenue'
            '&amp;measure=conversion&amp;measure=rating"') in page
    assert 'data-statistics-chart="revenue"' in page and 'id="statistics-report"' in page
    assert "매출" in page and "전환율" in page


def test_statistics_say_which_figures_are_missing_in_english(client, seller):
    seller.answers["/api/statistics"] = report(partial=True)
    client.set_cookie("lang", "en")
    page = client.get("/seller/statistics").get_data(as_text=True)
    assert "Some figures are not available right now" in page and "₩36,000" in page
    assert 'data-statistics-chart="rating"' not in page
    assert params_of(seller, "/api/statistics")[0]["measure"] == ["revenue", "orders", "visitors", "conversion",
                                                                   "inquiries", "reviews", "rating"]
