"""A seller's products: the list (status, stock, filters), registering, editing (images, variants, sale, stock,
on sale or hidden), and the shipping settings."""
from __future__ import annotations

import pytest

SELLER_ID = "5d7c9a8e-1b2f-4c3d-9e8f-a1b2c3d4e5f6"
PRODUCT_ID = "0c6f1e2d-3a4b-4c5d-8e9f-0a1b2c3d4e5f"
CATEGORIES = [{"id": "c1", "parent_id": None, "name": "식품", "slug": "food", "children": [
    {"id": "c2", "parent_id": "c1", "name": "차", "slug": "tea", "children": []}]}]


def a_product(**changed):
    product = {
        "id": PRODUCT_ID, "seller_id": SELLER_ID, "name": "유기농 녹차 티백", "description": "제주산 녹차 50개입",
        "price": 12000, "stock": 3, "category_id": "c2", "low_stock_threshold": 5, "status": "on_sale",
        "sale_price": None, "sale_starts_at": None, "sale_ends_at": None, "current_price": 12000,
        "options": [], "variants": [], "suspension_reason": None, "rating_average": 4.5, "rating_count": 2,
        "created_at": "2026-12-01T01:00:00+00:00", "updated_at": "2026-12-06T01:00:00+00:00", "version": 4,
        "primary_image": f"/api/products/{PRODUCT_ID}/images/i1/thumbnail",
    }
    product.update(changed)
    return product


IMAGES = [
    {"id": "i1", "content_type": "image/jpeg", "width": 800, "height": 800, "size_bytes": 120000, "is_primary": True,
     "position": 0, "url": f"/api/products/{PRODUCT_ID}/images/i1", "thumbnail_url": f"/api/products/{PRODUCT_ID}/images/i1/thumbnail"},
    {"id": "i2", "content_type": "image/png", "width": 600, "height": 600, "size_bytes": 90000, "is_primary": False,
     "position": 1, "url": f"/api/products/{PRODUCT_ID}/images/i2", "thumbnail_url": f"/api/products/{PRODUCT_ID}/images/i2/thumbnail"},
]


@pytest.fixture
def seller(api):
    api.signed_in_as("seller", seller_id=SELLER_ID)
    api.answers["/api/categories"] = CATEGORIES
    return api


def test_the_list_shows_status_price_and_low_stock(client, seller):
    seller.answers["/api/products"] = [a_product(), a_product(id="p2", name="보리차", status="draft", stock=40)]
    page = client.get("/seller/products").get_data(as_text=True)
    assert "유기농 녹차 티백" in page and "판매 중" in page and "숨김(임시 저장)" in page
    assert "12,000원" in page and '<span class="overdue">3 · 부족</span>' in page
    (_, _, sent), = [call for call in seller.calls if call[1] == "/api/products"]
    assert sent["params"]["seller_id"] == SELLER_ID


def test_the_list_filters_by_status_and_words(client, seller):
    seller.answers["/api/products"] = []
    client.get("/seller/products?status=draft&q=녹차")
    (_, _, sent), = [call for call in seller.calls if call[1] == "/api/products"]
    assert sent["params"] == {"status": "draft", "q": "녹차", "page": None, "seller_id": SELLER_ID, "sort": "newest",
                              "page_size": 20}


def test_an_empty_shop_is_asked_to_register_its_first_product(client, seller):
    seller.answers["/api/products"] = []
    client.set_cookie("lang", "en")
    page = client.get("/seller/products").get_data(as_text=True)
    assert "You have no products yet" in page and 'href="/seller/products/new"' in page


def test_registering_sends_the_product_to_the_api_then_opens_it(client, seller):
    page = client.get("/seller/products/new").get_data(as_text=True)
    assert 'data-api="/api/products" data-method="POST"' in page and 'data-next="/seller/products/{id}"' in page
    assert 'name="price"' in page and 'data-type="integer"' in page
    assert '<option value="c2" >— 차</option>' in page
    # No alert unless the seller asks for one: the threshold starts at 0, and an emptied field is left to the API.
    assert 'name="low_stock_threshold" type="number" value="0"' in page and 'data-omit-empty=""' in page


def test_the_edit_page_has_images_variants_sale_and_stock(client, seller):
    seller.answers[f"/api/products/{PRODUCT_ID}"] = a_product()
    seller.answers[f"/api/products/{PRODUCT_ID}/images"] = IMAGES
    page = client.get(f"/seller/products/{PRODUCT_ID}").get_data(as_text=True)
    assert f'data-api="/api/products/{PRODUCT_ID}/images" data-method="POST"' in page and "data-upload" in page
    assert "<progress" in page and "대표 이미지" in page
    assert f'data-api="/api/products/{PRODUCT_ID}/images/i2/primary"' in page
    assert f'data-api="/api/products/{PRODUCT_ID}/images/i2" data-method="DELETE"' in page
    assert f'data-api="/api/products/{PRODUCT_ID}/variants" data-method="PUT"' in page
    assert f'data-api="/api/products/{PRODUCT_ID}/sale" data-method="PUT"' in page and 'data-type="korea-datetime"' in page
    assert 'name="stock_adjustment"' in page and 'name="status" value="draft"' in page
    assert 'name="low_stock_threshold"' in page and 'value="5"' in page


def test_a_product_with_variants_and_a_sale(client, seller):
    variants = [{"id": "v1", "option_values": ["빨강", "L"], "price_difference": 1000, "stock": 2, "sku": "TEA-R-L",
                 "active": True, "price": 11000}]
    seller.answers[f"/api/products/{PRODUCT_ID}"] = a_product(
        options=["색상", "크기"], variants=variants, sale_price=10000, current_price=10000,
        sale_starts_at="2026-12-01T00:00:00+00:00", sale_ends_at="2026-12-31T14:59:00+00:00")
    seller.answers[f"/api/products/{PRODUCT_ID}/images"] = []
    client.set_cookie("lang", "en")
    page = client.get(f"/seller/products/{PRODUCT_ID}").get_data(as_text=True)
    assert 'data-variant-id="v1"' in page and 'aria-label="크기" value="L"' in page and 'value="TEA-R-L"' in page
    assert "₩10,000 from" in page and "End the sale now" in page
    assert 'name="stock_adjustment"' not in page  # the variants hold the stock
    assert "No images yet" in page


def test_a_hidden_product_can_be_put_on_sale(client, seller):
    seller.answers[f"/api/products/{PRODUCT_ID}"] = a_product(status="draft")
    seller.answers[f"/api/products/{PRODUCT_ID}/images"] = []
    page = client.get(f"/seller/products/{PRODUCT_ID}").get_data(as_text=True)
    assert 'name="status" value="on_sale"' in page


def test_another_sellers_product_is_not_found(client, seller):
    page = client.get(f"/seller/products/{PRODUCT_ID}")
    assert page.status_code == 404


def test_shipping_settings_are_shown_and_saved_to_the_api(client, seller):
    seller.answers[f"/api/shipping-settings/{SELLER_ID}"] = {
        "seller_id": SELLER_ID, "methods": ["parcel"], "base_fee": 3000, "free_shipping_threshold": 50000,
        "remote_area_extra_fee": 3000, "return_fee": 3000, "exchange_fee": 6000,
        "return_address": {"postcode": "06236", "address1": "서울 강남구 테헤란로 1", "address2": "2층"},
        "return_policy": "수령 후 7일 이내", "updated_at": "2026-12-01T00:00:00+00:00"}
    page = client.get("/seller/settings/shipping").get_data(as_text=True)
    assert f'data-api="/api/shipping-settings/{SELLER_ID}" data-method="PUT"' in page
    assert 'value="parcel" data-type="list" checked' in page and 'value="quick" data-type="list" >' in page
    assert 'name="return_address.postcode"' in page and 'value="06236"' in page and 'value="50000"' in page
    client.set_cookie("lang", "en")
    assert "Free shipping from" in client.get("/seller/settings/shipping").get_data(as_text=True)


def test_settings_link_shipping_and_notification_preferences(client, seller):
    page = client.get("/seller/settings").get_data(as_text=True)
    assert 'href="/seller/settings/shipping"' in page and 'href="/settings/notifications"' in page
