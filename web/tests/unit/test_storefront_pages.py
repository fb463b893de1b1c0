"""Browsing, searching, a product's page, the cart and checkout."""
from __future__ import annotations

from tests.unit.storefront_answers import PRODUCT_ID, SELLER_ID, product, question, review

CATEGORY_TREE = [
    {"id": "c1", "parent_id": None, "name": "식품", "slug": "food", "position": 0, "children": [
        {"id": "c2", "parent_id": "c1", "name": "차", "slug": "tea", "position": 0, "children": [
            {"id": "c3", "parent_id": "c2", "name": "녹차", "slug": "green-tea", "position": 0, "children": []}]}]},
    {"id": "c4", "parent_id": None, "name": "생활", "slug": "living", "position": 1, "children": []},
]


def _products(api, found):
    api.answers["/api/products"] = found
    api.answers["/api/categories"] = CATEGORY_TREE


def test_a_korean_search_shows_what_the_catalog_found_with_nested_categories(client, api):
    _products(api, [product(), product(id="p2", name="녹차 라떼", sale_price=None, current_price=5000, price=5000)])
    page = client.get("/products?q=녹차티백&category_id=c2&min_price=1000&max_price=20000&sort=price_asc").get_data(as_text=True)
    assert "“녹차티백” 검색 결과" in page
    assert "제주 녹차 티백" in page and "녹차 라떼" in page
    # The tree, nested: a child is indented under its parent, in order, and the chosen one stays chosen.
    assert page.index(">식품<") < page.index("└ 차<") < page.index("└ 녹차<") < page.index(">생활<")
    assert '<option value="c2" selected>' in page
    assert '<option value="price_asc" selected>' in page
    sent = [call for call in api.calls if call[1] == "/api/products"][0][2]["params"]
    assert sent["q"] == "녹차티백" and sent["category_id"] == "c2" and sent["min_price"] == "1000"
    assert sent["max_price"] == "20000" and sent["sort"] == "price_asc"


def test_a_search_with_spaces_goes_to_the_catalog_as_typed(client, api):
    _products(api, [product()])
    client.get("/products?q=녹차 티백")
    assert [call for call in api.calls if call[1] == "/api/products"][0][2]["params"]["q"] == "녹차 티백"


def test_nothing_found_says_what_to_try_in_each_language(client, api):
    _products(api, [])
    assert "검색 결과가 없습니다" in client.get("/products?q=없는상품").get_data(as_text=True)
    client.set_cookie("lang", "en")
    assert "Nothing matches" in client.get("/products?q=nothing").get_data(as_text=True)


def test_a_price_range_the_catalog_refuses_is_said_beside_the_filters(client, api):
    api.answers["/api/categories"] = []
    api.answers["/api/products"] = (422, {"type": "urn:marketplace:problem:validation-failed", "detail": "입력값을 확인해 주세요.",
                                          "errors": {"min_price": ["max_price보다 클 수 없습니다."]}})
    answer = client.get("/products?min_price=5000&max_price=1000")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "max_price보다 클 수 없습니다." in page and 'value="5000"' in page


def _product_page(api, **changes):
    api.answers[f"/api/products/{PRODUCT_ID}"] = product(**changes)
    api.answers["/api/reviews"] = [review()]
    api.answers["/api/product-questions"] = [question(), question(id="q2", secret=True, hidden=True,
                                                                  question="비밀글입니다.", answered=False, answer=None)]
    api.answers["/api/coupons"] = [{"id": "cp1", "seller_id": SELLER_ID, "name": "첫 구매 2,000원", "discount_type": "fixed",
                                    "discount_value": 2000, "max_discount": None, "min_order_amount": 10000,
                                    "starts_at": "2026-12-01T00:00:00+00:00", "ends_at": "2026-12-31T00:00:00+00:00",
                                    "total_quantity": None, "issued_count": 3, "created_at": "2026-12-01T00:00:00+00:00",
                                    "withdrawn_at": None}]


def test_a_product_page_shows_options_sale_seller_reviews_with_photos_and_questions(client, api):
    _product_page(api)
    page = client.get(f"/products/{PRODUCT_ID}").get_data(as_text=True)
    assert "<h1>제주 녹차 티백</h1>" in page
    assert "15,000원" in page and "12,000원" in page and "할인" in page
    assert "차마루" in page and "리뷰 12개" in page
    assert "20개입 · 12,000원" in page and "50개입 · 27,000원 (품절)" in page
    assert 'value="va000000-0000-4000-8000-000000000002" disabled' in page
    assert "향이 좋고 배송도 빨랐어요." in page and "김*지" in page and "/api/reviews/rv1/photos/ph1/thumbnail" in page
    assert "감사합니다!" in page
    assert "유통기한이 언제까지인가요?" in page and "2027년 12월까지입니다." in page and "비밀글입니다" in page
    assert "첫 구매 2,000원" in page and "로그인하고 받기" in page
    assert "js/cart.js" in page and "js/product-page.js" in page
    reviews = [call for call in api.calls if call[1] == "/api/reviews"][0][2]["params"]
    assert reviews["product_id"] == PRODUCT_ID and reviews["sort"] == "newest"


def test_a_signed_in_customer_asks_a_question_and_gets_a_coupon(client, api):
    api.signed_in_as("customer")
    _product_page(api)
    page = client.get(f"/products/{PRODUCT_ID}").get_data(as_text=True)
    assert 'data-api="/api/product-questions"' in page and f'name="product_id" value="{PRODUCT_ID}"' in page
    assert 'data-api="/api/coupons/cp1/downloads"' in page


def test_reviews_are_filtered_as_asked_and_the_page_is_english_too(client, api):
    _product_page(api)
    api.answers["/api/reviews"] = []
    client.set_cookie("lang", "en")
    page = client.get(f"/products/{PRODUCT_ID}?sort=lowest&photo_only=true&rating=1").get_data(as_text=True)
    assert "No reviews match yet" in page and "Sold by" in page and "₩12,000" in page
    params = [call for call in api.calls if call[1] == "/api/reviews"][0][2]["params"]
    assert (params["sort"], params["photo_only"], params["rating"]) == ("lowest", "true", "1")


def test_a_product_that_is_gone_is_a_404_page(client, api):
    api.answers["/api/categories"] = []
    assert client.get(f"/products/{PRODUCT_ID}").status_code == 404


def test_the_cart_page_is_drawn_by_its_script_from_the_browsers_cart(client, api):
    page = client.get("/cart").get_data(as_text=True)
    assert "장바구니" in page and 'id="cart-line"' in page and "js/cart-page.js" in page
    assert 'href="/checkout"' in page


def test_checkout_needs_a_customer_and_offers_their_coupons_and_points(client, api):
    assert client.get("/checkout").headers["Location"] == "/login?next=/checkout"
    api.signed_in_as("customer")
    api.answers["/api/coupons/mine"] = [{"id": "ic1", "source": "download", "issued_at": "2026-12-06T00:00:00+00:00",
                                         "coupon": {"id": "cp1", "name": "10% 할인", "discount_type": "percent",
                                                    "discount_value": 10, "max_discount": 5000, "min_order_amount": 0,
                                                    "ends_at": "2026-12-31T00:00:00+00:00"}}]
    api.answers["/api/points"] = {"balance": 1500, "expiring_within_30_days": 0}
    api.answers["/api/accounts/me"] = {"name": "김민지", "phone": "01012345678", "email": "minji@example.com"}
    page = client.get("/checkout").get_data(as_text=True)
    assert 'name="coupon_ids" value="ic1"' in page and "10% 할인" in page
    assert "보유 포인트: 1,500" in page and 'value="김민지"' in page
    assert 'name="shipping_address.postcode"' in page and 'name="payment.token"' in page
    client.set_cookie("lang", "en")
    assert "Place the order" in client.get("/checkout").get_data(as_text=True)


def test_a_seller_cannot_check_out(client, api):
    api.signed_in_as("seller", seller_id=SELLER_ID)
    assert client.get("/checkout").status_code == 403
