"""A seller's customer care in a real browser: signed in with their authenticator, they answer a customer's inquiry
from a template (filled in for that customer and order) and reply to an unhappy review; the other care pages
(product Q&A, FAQ, statistics) are checked with every main page in test_main_pages."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from servicekit.testing import wait_for
from browser.conftest import screenshot, serious_accessibility_violations
from e2e.journey import list_product
from e2e.test_reviews import delivered_order, posted_review, review
from e2e.test_support import opened_about

TEMPLATE = "{customer_name}님, 주문 {order_number}은 {carrier} {tracking_number}(으)로 배송을 마쳤습니다."
REPLY = "불편을 드려 죄송합니다. 포장을 더 단단히 하겠습니다."


def test_a_seller_answers_an_inquiry_with_a_template_and_replies_to_a_review(pages, new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    order = delivered_order(seller, customer, list_product(seller, name="제주 유기농 녹차"))
    inquiry = opened_about(customer, order, subject="상자가 찌그러져 왔어요")
    template = seller.post("/api/answer-templates", json={"title": "배송 완료 안내", "body": TEMPLATE})
    assert template.status_code == 201, template.text
    unhappy = posted_review(customer, review(order, rating=2, text="차는 좋은데 상자가 찌그러져 왔어요. 포장이 아쉬워요."))

    # Signed in with the password and the authenticator's code (the sign-in pages have their own test).
    page = pages.open(seller)

    # The inbox lists the inquiry with its due time; its thread offers the shop's template.
    page.goto("/seller/inquiries")
    page.get_by_role("link", name="상자가 찌그러져 왔어요").click()
    page.wait_for_url(re.compile(rf"/seller/inquiries/{inquiry['id']}$"))
    assert page.locator(".inquiry-facts").get_by_text("첫 답변 기한").first.is_visible()
    page.locator("#answer-template").select_option(label="배송 완료 안내")
    answer = page.locator("#answer-body")
    expect(answer).to_have_value(re.compile(r"^Kim Minji님, 주문 \S+은 .+601234567890\(으\)로 배송을 마쳤습니다\.$"))
    filled = answer.input_value()
    screenshot(page, "seller-inquiry")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="답변 보내기").click()

    def answered():
        thread = customer.get(f"/api/inquiries/{inquiry['id']}").json()
        return thread if thread["status"] == "answered" else None

    thread = wait_for(answered, what="the seller's answer to reach the inquiry")
    assert [(m["author_role"], m["body"]) for m in thread["messages"]][-1] == ("seller", filled)
    page.locator(".thread .message-body", has_text=filled).wait_for()

    # The unhappy review waits among those not replied to; the reply is posted from its card.
    page.goto("/seller/reviews?unanswered=true")
    card = page.locator("li.review", has_text="상자가 찌그러져 왔어요")
    card.locator(f"#reply-{unhappy['id']}").fill(REPLY)
    screenshot(page, "seller-reviews")
    assert serious_accessibility_violations(page) == []
    card.get_by_role("button", name="답글 올리기").click()
    replied = wait_for(lambda: (r := customer.get(f"/api/reviews/{unhappy['id']}").json())["reply"] and r,
                       what="the reply to be posted")
    assert replied["reply"]["text"] == REPLY
    # Replied to, it leaves the list of those waiting for a reply and shows its reply among all reviews.
    expect(page.locator("li.review", has_text="상자가 찌그러져 왔어요")).to_have_count(0)
    page.goto("/seller/reviews")
    page.locator("li.review .seller-reply", has_text=REPLY).wait_for()

    for path, name in (("/seller/inquiries", "seller-inquiries"), ("/seller/questions", "seller-questions"),
                       ("/seller/faq", "seller-faq"), ("/seller/statistics", "seller-statistics")):
        page.goto(path)
        assert page.locator("h1").count() == 1
        screenshot(page, name)
        assert serious_accessibility_violations(page) == [], path
