"""My inquiries: the list, a new one with FAQ suggestions, the thread with its automatic answer."""
from __future__ import annotations

from tests.unit.storefront_answers import INQUIRY_ID, ORDER_ID, inquiry, order


def test_the_list_shows_words_for_types_and_statuses(client, api):
    api.signed_in_as("customer")
    api.answers["/api/inquiries"] = [inquiry()]
    page = client.get("/inquiries").get_data(as_text=True)
    assert "배송이 언제 오나요?" in page and '<span class="status">답변 완료</span>' in page
    assert "<td>배송</td>" in page and f'href="/inquiries/{INQUIRY_ID}"' in page
    client.set_cookie("lang", "en")
    page = client.get("/inquiries").get_data(as_text=True)
    assert '<span class="status">Answered</span>' in page and "<td>Delivery</td>" in page


def test_no_inquiries_points_to_asking(client, api):
    api.signed_in_as("customer")
    api.answers["/api/inquiries"] = []
    assert 'href="/inquiries/new"' in client.get("/inquiries").get_data(as_text=True)


def test_a_new_inquiry_about_an_order_offers_its_lines_and_suggestions_while_typing(client, api):
    api.signed_in_as("customer")
    api.answers[f"/api/orders/{ORDER_ID}"] = order()
    page = client.get(f"/inquiries/new?order_id={ORDER_ID}&inquiry_type=order").get_data(as_text=True)
    assert 'data-api="/api/inquiries"' in page and 'data-next="/inquiries/{id}"' in page
    assert f'name="order_id" value="{ORDER_ID}"' in page and '<option value="1">제주 녹차 티백</option>' in page
    assert '<option value="order" selected>' in page
    assert 'id="faq-suggestions"' in page and "js/inquiry-new.js" in page
    client.set_cookie("lang", "en")
    assert "These may answer it" in client.get("/inquiries/new").get_data(as_text=True)


def test_an_automatic_answer_can_be_turned_down(client, api):
    api.signed_in_as("customer")
    api.answers[f"/api/inquiries/{INQUIRY_ID}"] = inquiry()
    page = client.get(f"/inquiries/{INQUIRY_ID}").get_data(as_text=True)
    assert "자주 묻는 질문 자동 답변" in page and "결제 후 2~3일 안에 도착합니다." in page
    assert f'data-api="/api/inquiries/{INQUIRY_ID}/automatic-answer/rejection"' in page
    assert "도움이 되지 않았어요" in page
    assert f'data-api="/api/inquiries/{INQUIRY_ID}/messages"' in page and "data-upload" in page
    client.set_cookie("lang", "en")
    assert "This did not help" in client.get(f"/inquiries/{INQUIRY_ID}").get_data(as_text=True)


def test_once_a_person_answered_the_automatic_answer_is_not_turned_down_again(client, api):
    api.signed_in_as("customer")
    thread = inquiry()
    thread["messages"].append({"id": "m3", "author_id": "s1", "author_role": "seller", "body": "내일 도착합니다.",
                               "internal": False, "automatic": False, "faq_entry_id": None,
                               "attachments": [{"id": "at1", "filename": "송장.pdf", "content_type": "application/pdf", "size": 2048}],
                               "created_at": "2026-12-07T02:00:00+00:00"})
    api.answers[f"/api/inquiries/{INQUIRY_ID}"] = thread
    page = client.get(f"/inquiries/{INQUIRY_ID}").get_data(as_text=True)
    assert "내일 도착합니다." in page and "판매자" in page
    assert f"/api/inquiries/{INQUIRY_ID}/attachments/at1" in page and "송장.pdf" in page
    assert "automatic-answer/rejection" not in page


def test_a_resolved_inquiry_is_rated(client, api):
    api.signed_in_as("customer")
    api.answers[f"/api/inquiries/{INQUIRY_ID}"] = inquiry(status="resolved", messages=[])
    page = client.get(f"/inquiries/{INQUIRY_ID}").get_data(as_text=True)
    assert f'data-api="/api/inquiries/{INQUIRY_ID}/rating"' in page and "답변에 만족하셨나요?" in page
    assert "automatic-answer/rejection" not in page


def test_an_automatic_answer_turned_down_is_with_a_person_and_not_offered_again(client, api):
    api.signed_in_as("customer")
    api.answers[f"/api/inquiries/{INQUIRY_ID}"] = inquiry(status="open")
    page = client.get(f"/inquiries/{INQUIRY_ID}").get_data(as_text=True)
    assert "결제 후 2~3일 안에 도착합니다." in page and "automatic-answer/rejection" not in page
