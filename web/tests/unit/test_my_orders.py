"""My orders: the list, one order with tracking, cancelling, returns and exchanges, confirmation, and reviews."""
from __future__ import annotations

from tests.unit.storefront_answers import ORDER_ID, PRODUCT_ID, SHIPMENT_ID, order, shipment


def _signed_in(api):
    api.signed_in_as("customer")
    api.answers["/api/claims"] = []
    api.answers["/api/reviews/reviewable-lines"] = []


def test_my_orders_need_a_customer(client, api):
    assert client.get("/orders").headers["Location"] == "/login?next=/orders"
    api.signed_in_as("seller", seller_id="s1")
    assert client.get("/orders").status_code == 403


def test_the_list_shows_each_order_with_words_for_its_status(client, api):
    _signed_in(api)
    api.answers["/api/orders"] = [order()]
    page = client.get("/orders?status=shipping").get_data(as_text=True)
    assert "20261207-000123" in page and "배송 중" in page and "24,500원" in page
    assert [call for call in api.calls if call[1] == "/api/orders"][0][2]["params"]["status"] == "shipping"
    client.set_cookie("lang", "en")
    assert "On its way" in client.get("/orders").get_data(as_text=True)


def test_no_orders_says_to_go_shopping(client, api):
    _signed_in(api)
    api.answers["/api/orders"] = []
    page = client.get("/orders").get_data(as_text=True)
    assert "아직 주문하신 내역이 없습니다." in page and 'href="/products"' in page


def test_a_shipped_order_links_its_carriers_tracking_page(client, api):
    _signed_in(api)
    api.answers[f"/api/orders/{ORDER_ID}"] = order()
    page = client.get(f"/orders/{ORDER_ID}").get_data(as_text=True)
    assert "CJ대한통운 발송, 송장번호 612345678901" in page
    assert 'href="https://trace.cjlogistics.com/next/tracking.html?wblNo=612345678901"' in page
    assert "제주 녹차 티백" in page and "−2,000원" in page and "−500원" in page
    assert "서울 강남구 테헤란로 1" in page
    assert "/purchase-confirmation" not in page and "/api/claims" not in page


def test_a_delivered_shipment_is_confirmed_claimed_or_reviewed(client, api):
    _signed_in(api)
    delivered = shipment(status="delivered", delivered_at="2026-12-07T00:00:00+00:00",
                         purchase_confirmation_due_at="2026-12-14T00:00:00+00:00")
    api.answers[f"/api/orders/{ORDER_ID}"] = order(delivered)
    api.answers["/api/reviews/reviewable-lines"] = [{"order_id": ORDER_ID, "line_no": 1, "product_id": PRODUCT_ID,
                                                     "product_name": "제주 녹차 티백", "delivered_at": "2026-12-07T00:00:00+00:00"}]
    page = client.get(f"/orders/{ORDER_ID}").get_data(as_text=True)
    assert f'data-api="/api/shipments/{SHIPMENT_ID}/purchase-confirmation"' in page
    assert 'data-api="/api/claims"' in page and f'name="shipment_id" value="{SHIPMENT_ID}"' in page
    assert 'value="return" checked' in page and 'value="exchange"' in page and "상품 불량" in page
    assert f'href="/orders/{ORDER_ID}/lines/1/review"' in page
    client.set_cookie("lang", "en")
    page = client.get(f"/orders/{ORDER_ID}").get_data(as_text=True)
    assert "Confirm the purchase" in page and "Return or exchange" in page and "It is defective" in page


def test_an_unconfirmed_order_is_cancelled_whole_with_a_reason(client, api):
    _signed_in(api)
    api.answers[f"/api/orders/{ORDER_ID}"] = order(shipment(status="paid", tracking=None))
    page = client.get(f"/orders/{ORDER_ID}").get_data(as_text=True)
    assert f'data-api="/api/orders/{ORDER_ID}/cancellation"' in page
    assert '<option value="changed_mind"' in page and "단순 변심" in page


def test_a_pending_order_says_it_is_being_confirmed_and_refreshes(client, api):
    _signed_in(api)
    api.answers[f"/api/orders/{ORDER_ID}"] = order(shipment(status="pending", tracking=None))
    page = client.get(f"/orders/{ORDER_ID}?placed=1").get_data(as_text=True)
    assert "주문이 접수되었습니다" in page and 'id="order-pending"' in page and "js/order-page.js" in page


def test_the_orders_claims_show_with_words_and_a_requested_one_is_withdrawn(client, api):
    _signed_in(api)
    api.answers[f"/api/orders/{ORDER_ID}"] = order(shipment(status="delivered"))
    api.answers["/api/claims"] = [
        {"id": "cl1", "order_id": ORDER_ID, "shipment_id": SHIPMENT_ID, "kind": "exchange", "status": "requested",
         "reason_code": "damaged", "reason_text": "상자가 찌그러졌어요", "lines": [], "refunded_amount": 0,
         "fee_owed": 0, "rejection_reason": None, "replacement": None, "requested_at": "2026-12-07T01:00:00+00:00"},
        {"id": "cl2", "order_id": "another", "kind": "return", "status": "rejected", "reason_code": "other",
         "reason_text": "", "requested_at": "2026-12-07T01:00:00+00:00"},
    ]
    page = client.get(f"/orders/{ORDER_ID}").get_data(as_text=True)
    assert "교환" in page and "요청됨" in page and "파손되어 도착함: 상자가 찌그러졌어요" in page
    assert 'data-api="/api/claims/cl1/withdrawal"' in page and "cl2" not in page


def test_someone_elses_order_is_not_found(client, api):
    _signed_in(api)
    assert client.get(f"/orders/{ORDER_ID}").status_code == 404


def test_the_review_page_posts_photos_with_progress(client, api):
    _signed_in(api)
    api.answers[f"/api/orders/{ORDER_ID}"] = order(shipment(status="delivered"))
    api.answers["/api/reviews/reviewable-lines"] = [{"order_id": ORDER_ID, "line_no": 1}]
    page = client.get(f"/orders/{ORDER_ID}/lines/1/review").get_data(as_text=True)
    assert 'data-api="/api/reviews"' in page and "data-upload" in page and "<progress" in page
    assert 'name="photos"' in page and 'multiple="multiple"' in page and 'name="rating"' in page
    assert f'name="order_id" value="{ORDER_ID}"' in page and 'name="line_no" value="1"' in page
    client.set_cookie("lang", "en")
    assert "Post the review" in client.get(f"/orders/{ORDER_ID}/lines/1/review").get_data(as_text=True)


def test_a_line_reviewed_already_says_so_and_a_missing_line_is_404(client, api):
    _signed_in(api)
    api.answers[f"/api/orders/{ORDER_ID}"] = order(shipment(status="delivered"))
    page = client.get(f"/orders/{ORDER_ID}/lines/1/review").get_data(as_text=True)
    assert "지금은 이 상품의 리뷰를 쓸 수 없습니다" in page and 'data-api="/api/reviews"' not in page
    assert client.get(f"/orders/{ORDER_ID}/lines/9/review").status_code == 404
