"""A customer's journey through the storefront, in a real browser: signing up with the mailed code, searching in
Korean, buying from two sellers with a coupon, asking a question that the FAQ answers automatically, saying it did
not help and getting a person's answer, confirming the purchase and writing a review with a photo."""
from __future__ import annotations

import io
import random
import re
from datetime import datetime, timedelta, timezone

from PIL import Image

from servicekit.testing import wait_for
from browser.conftest import screenshot, serious_accessibility_violations, sign_in
from conftest import PASSWORD, code_in, new_email
from e2e.journey import list_product, settled


def a_photo() -> dict:
    picture = io.BytesIO()
    Image.new("RGB", (800, 600), (120, 160, 60)).save(picture, format="JPEG")
    return {"name": "tea-cup.jpg", "mimeType": "image/jpeg", "buffer": picture.getvalue()}


def a_korean_word() -> str:
    """Three Hangul syllables nobody else's products carry, so the search finds this test's products."""
    return "".join(chr(0xAC00 + random.randrange(11172)) for _ in range(3))


def checked_by_axe(page, name: str) -> None:
    screenshot(page, name)
    assert serious_accessibility_violations(page) == []


def test_a_customer_signs_up_buys_from_two_sellers_asks_and_reviews(pages, new_seller, smtp_mailbox):
    tea_shop, cup_shop = new_seller(), new_seller()
    word = a_korean_word()
    tea = list_product(tea_shop, name=f"{word}녹차 티백", price=15000, stock=10)
    latte = list_product(cup_shop, name=f"{word}녹차 라떼", price=8000, stock=10)
    now = datetime.now(timezone.utc)
    coupon = tea_shop.post("/api/coupons", json={
        "name": "첫 구매 2,000원 할인", "discount_type": "fixed", "discount_value": 2000,
        "starts_at": (now - timedelta(minutes=1)).isoformat(), "ends_at": (now + timedelta(days=7)).isoformat()})
    assert coupon.status_code == 201, coupon.text
    entry = tea_shop.post("/api/faq", json={
        "category": "delivery", "language": "ko", "question": f"{word}녹차 배송은 언제 출발하나요?",
        "answer": "평일 오후 2시 전 주문은 당일 출발합니다.", "keywords": ["배송", "출발", f"{word}녹차"]})
    assert entry.status_code == 201, entry.text

    # Signing up: the form asks the API for a code, the mailed code confirms it, then signing in.
    email = new_email("shopper")
    page = pages.open(path="/signup")
    page.locator("#field-name").fill("김민지")
    page.locator("#field-email").fill(email)
    page.locator("#field-password").fill(PASSWORD)
    page.locator("#signup button[type=submit]").click()
    page.wait_for_url("**/signup/verify**")
    assert page.locator("#field-login").input_value() == email
    page.locator("#field-code").fill(code_in(smtp_mailbox.wait_for_message(email, timeout=30).get_content()))
    page.locator("#verify button[type=submit]").click()
    page.wait_for_url("**/login?signed_up=1**")
    sign_in(page, email, PASSWORD)

    # Searching in Korean, without spaces: both sellers' products.
    page.locator("#header-search").fill(f"{word}녹차")
    page.locator(".search-form button[type=submit]").click()
    page.wait_for_url("**/products?q=**")
    results = page.locator(".product-grid")
    assert results.get_by_text(tea["name"]).is_visible() and results.get_by_text(latte["name"]).is_visible()
    checked_by_axe(page, "storefront-search")

    # The tea's page: its seller's coupon, then the cart; the latte from the other seller too.
    results.get_by_text(tea["name"]).click()
    page.wait_for_url(f"**/products/{tea['id']}")
    checked_by_axe(page, "storefront-product")
    with page.expect_response(lambda r: r.url.endswith(f"/api/coupons/{coupon.json()['id']}/downloads")) as got:
        page.get_by_role("button", name="쿠폰 받기").click()
    assert got.value.status == 201
    page.locator("#quantity").fill("2")
    page.get_by_role("button", name="장바구니 담기").click()
    page.goto(f"/products/{latte['id']}")
    page.get_by_role("button", name="장바구니 담기").click()
    page.goto("/cart")
    page.locator("[data-cart-lines] tr").nth(1).wait_for()
    assert page.locator("[data-cart-total]").inner_text() == "38,000원"
    checked_by_axe(page, "storefront-cart")

    # Checkout across the two sellers with the coupon; the order's page once it is paid.
    page.get_by_role("link", name="주문하기").click()
    page.wait_for_url("**/checkout")
    page.locator("#checkout .shop-group").nth(1).wait_for()
    page.locator("#field-shipping_address-phone").fill("01012345678")
    page.locator("#field-shipping_address-postcode").fill("06236")
    page.locator("#field-shipping_address-address1").fill("서울 강남구 테헤란로 152")
    page.locator("#field-payment-token").fill("tok_ok")
    page.locator("[data-coupon]").check()
    page.get_by_role("button", name="결제 금액 다시 계산").click()
    page.locator("[data-quote-discount]").filter(has_text="2,000원").wait_for()
    checked_by_axe(page, "storefront-checkout")
    page.get_by_role("button", name="결제하기").click()
    page.wait_for_url(re.compile(r"/orders/[0-9a-f-]{36}\?placed=1$"))
    order_id = page.url.split("/orders/", 1)[1].split("?", 1)[0]
    customer_api = pages.contexts[-1].request
    order = wait_for(lambda: (o := customer_api.get(f"/api/orders/{order_id}").json())["status"] != "pending" and o,
                     what="the order to be paid")
    assert len(order["shipments"]) == 2 and order["discount"] == 2000, order
    page.get_by_text("배송 2건 중 2").wait_for()
    checked_by_axe(page, "storefront-order")

    # Each seller ships their part and it is delivered.
    for seller in (tea_shop, cup_shop):
        shipment = next(s for s in order["shipments"] if s["seller_id"] == seller.seller_id)
        assert seller.post(f"/api/shipments/{shipment['id']}/confirmation").status_code == 200
        dispatched = seller.post(f"/api/shipments/{shipment['id']}/dispatch",
                                 json={"carrier": "cj", "tracking_number": "612345678901"})
        assert dispatched.status_code == 200, dispatched.text
        assert seller.post(f"/api/shipments/{shipment['id']}/delivery").status_code == 200

    # A question about the tea: the FAQ is suggested while typing, then answers it automatically.
    page.goto(f"/inquiries/new?product_id={tea['id']}")
    page.locator("#field-subject").fill(f"{word}녹차 배송은 언제 출발하나요?")
    page.locator("#field-body").fill("오늘 주문했는데 언제 출발하는지 궁금합니다.")
    page.locator("[data-suggestions] summary").filter(has_text=f"{word}녹차 배송은").wait_for()
    checked_by_axe(page, "storefront-inquiry-new")
    page.locator("#new-inquiry button[type=submit]").click()
    page.wait_for_url(re.compile(r"/inquiries/[0-9a-f-]{36}$"))
    inquiry_id = page.url.rsplit("/", 1)[-1]

    def answered_automatically():
        page.reload()
        return page.get_by_text("평일 오후 2시 전 주문은 당일 출발합니다.").count() > 0

    wait_for(answered_automatically, timeout=30, what="the FAQ's automatic answer")
    checked_by_axe(page, "storefront-inquiry")
    with page.expect_response(lambda r: r.url.endswith(f"/api/inquiries/{inquiry_id}/automatic-answer/rejection")) as said:
        page.get_by_role("button", name="도움이 되지 않았어요").click()
    assert said.value.status == 200
    # The page reloads itself once the API said yes: the question is gone from the page it loads. A reload of our
    # own before that would race it.
    page.locator("#reject-automatic-answer").wait_for(state="detached")
    page.wait_for_load_state("load")
    assert customer_api.get(f"/api/inquiries/{inquiry_id}").json()["status"] in ("open", "assigned")

    # A person (the shop's seller) answers; the customer reads it in the thread.
    reply = tea_shop.post(f"/api/inquiries/{inquiry_id}/messages", json={"body": "오늘 오후에 바로 보내 드리겠습니다."})
    assert reply.status_code == 201, reply.text
    page.reload()
    page.get_by_text("오늘 오후에 바로 보내 드리겠습니다.").wait_for()

    # Confirming the tea's purchase, then reviewing it with a photo (the upload shows its progress).
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"/orders/{order_id}")
    tea_part = page.locator("section.shipment").filter(has_text=tea["name"])
    tea_part.get_by_role("button", name="구매 확정").click()
    wait_for(lambda: next(s for s in customer_api.get(f"/api/orders/{order_id}").json()["shipments"]
                          if s["seller_id"] == tea_shop.seller_id)["status"] == "purchase_confirmed",
             what="the purchase to be confirmed")

    def review_link():
        page.goto(f"/orders/{order_id}")
        link = page.locator("section.shipment").filter(has_text=tea["name"]).get_by_role("link", name="리뷰 쓰기")
        return link if link.count() else None

    wait_for(review_link, timeout=30, what="the delivered line to be reviewable").click()
    page.wait_for_url("**/lines/*/review")
    page.locator("#field-text").fill("향이 은은하고 포장도 꼼꼼했어요. 또 살게요!")
    page.locator("#field-photos").set_input_files(a_photo())
    checked_by_axe(page, "storefront-review")
    page.locator("#review-form button[type=submit]").click()
    page.wait_for_url(f"**/orders/{order_id}?reviewed=*")
    reviews = customer_api.get(f"/api/reviews?product_id={tea['id']}").json()
    assert [(r["text"], len(r["photos"])) for r in reviews] == [("향이 은은하고 포장도 꼼꼼했어요. 또 살게요!", 1)]
    page.goto(f"/products/{tea['id']}")
    assert page.locator(".reviews .photo-strip img").count() == 1
