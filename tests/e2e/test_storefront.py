"""The storefront through the gateway: categories, search in Korean and English, views, images, sales, shipping."""
import io
import uuid
from datetime import datetime, timedelta, timezone

from PIL import Image

from e2e.journey import list_product


def png(width=800, height=600) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_product_in_a_category_is_found_by_a_korean_keyword_and_its_views_are_counted(
    admin, new_seller, new_client
):
    slug = f"tea-{uuid.uuid4().hex[:8]}"
    category = admin.post("/api/categories", json={"name": "차", "slug": slug})
    assert category.status_code == 201, category.text
    seller = new_seller()
    marker = uuid.uuid4().hex[:6]
    product = list_product(seller, name=f"제주녹차 {marker} 100g")
    edited = seller.patch(f"/api/products/{product['id']}", json={"category_id": category.json()["id"]})
    assert edited.status_code == 200, edited.text
    visitor = new_client()

    found = visitor.get("/api/products", params={"q": f"녹차 {marker}"})
    in_category = visitor.get("/api/products", params={"category_id": category.json()["id"]})
    tree = visitor.get("/api/categories").json()
    for _ in range(3):
        assert visitor.post(f"/api/products/{product['id']}/views").status_code == 202
    views = seller.get(f"/api/products/{product['id']}/views").json()

    assert [p["id"] for p in found.json()] == [product["id"]]
    assert [p["id"] for p in in_category.json()] == [product["id"]]
    assert any(node["slug"] == slug for node in tree)
    assert views[-1]["views"] == 3 and views[-1]["visitors"] == 1


def test_a_seller_uploads_an_image_sets_a_sale_and_shipping_settings_that_shoppers_see(new_seller, new_client):
    seller = new_seller()
    product = list_product(seller, price=20000)
    now = datetime.now(timezone.utc)

    uploaded = seller.request(
        "POST", f"/api/products/{product['id']}/images", files={"file": ("tea.png", png(), "image/png")}
    )
    sale = seller.request(
        "PUT", f"/api/products/{product['id']}/sale",
        json={"sale_price": 15000, "starts_at": (now - timedelta(hours=1)).isoformat(),
              "ends_at": (now + timedelta(days=1)).isoformat()},
    )
    shipping = seller.request(
        "PUT", f"/api/shipping-settings/{seller.seller_id}",
        json={"methods": ["parcel"], "base_fee": 2500, "free_shipping_threshold": 30000, "remote_area_extra_fee": 3000,
              "return_fee": 2500, "exchange_fee": 5000,
              "return_address": {"postcode": "63534", "address1": "Seogwipo-si 1"},
              "return_policy": "Unopened within 7 days."},
    )
    shopper = new_client()
    shown = shopper.get(f"/api/products/{product['id']}").json()
    thumbnail = shopper.get(shown["primary_image"])

    assert uploaded.status_code == 201, uploaded.text
    assert sale.status_code == 200, sale.text
    assert shipping.status_code == 200, shipping.text
    assert shown["current_price"] == 15000 and shown["price"] == 20000
    assert thumbnail.status_code == 200 and thumbnail.headers["Content-Type"].startswith("image/")
    assert max(Image.open(io.BytesIO(thumbnail.content)).size) <= 400
    assert shopper.get(f"/api/shipping-settings/{seller.seller_id}").json()["base_fee"] == 2500
