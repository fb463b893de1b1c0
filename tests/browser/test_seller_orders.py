"""A seller's day in the seller center, in a real browser: signing in with the authenticator, registering a product
with an image, a customer's order arriving live on the dashboard (no reload), and dispatching it."""
from __future__ import annotations

import io
import re

from PIL import Image

from servicekit.testing import wait_for
from browser.conftest import screenshot, serious_accessibility_violations, sign_in
from e2e.journey import place_order, settled


def a_photo() -> dict:
    picture = io.BytesIO()
    Image.new("RGB", (640, 480), (40, 120, 60)).save(picture, format="JPEG")
    return {"name": "green-tea.jpg", "mimeType": "image/jpeg", "buffer": picture.getvalue()}


def catalog_knows(seller) -> None:
    """Catalog hears of a seller's approval an event after auth: sellers it does not know yet cannot list."""
    wait_for(lambda: seller.get(f"/api/shops/{seller.seller_id}").status_code == 200,
             what="catalog to learn of the seller's approval")


def test_a_seller_registers_a_product_sees_an_order_arrive_live_and_dispatches_it(pages, new_seller, new_customer):
    seller = new_seller()
    page = pages.open()
    sign_in(page, seller.email, seller.password, seller.authenticator)
    assert page.url.endswith("/seller/dashboard")
    catalog_knows(seller)

    # Register a product, then add its photo on its page: the upload shows its progress and the image appears.
    page.goto("/seller/products/new")
    page.locator("#field-name").fill("제주 유기농 녹차")
    page.locator("#field-price").fill("15000")
    page.locator("#field-stock").fill("20")
    page.locator("#new-product button[type=submit]").click()
    page.wait_for_url(re.compile(r"/seller/products/[0-9a-f-]{36}$"))
    product_id = page.url.rsplit("/", 1)[-1]
    screenshot(page, "seller-product-edit")
    page.locator("#image-upload input[name=file]").set_input_files(a_photo())
    page.locator("#image-upload button[type=submit]").click()
    page.locator(".image-list img.thumb").first.wait_for()
    assert page.locator(".image-list .status").first.inner_text() == "대표 이미지"

    # The dashboard, its live stream open; the customer's order appears in it without the page reloading.
    with page.expect_response(lambda response: "/api/notifications/stream" in response.url):
        page.goto("/seller/dashboard")
    page.evaluate("window.stillTheSamePage = true")
    customer = new_customer()
    product = customer.get(f"/api/products/{product_id}").json()
    placed = place_order(customer, product, 2)
    assert placed.status_code == 202, placed.text
    order = settled(customer, placed.json()["id"])
    assert order["status"] == "paid", order
    arrived = page.locator(f'[data-live-notifications] li.live a[href="/seller/orders/{order["id"]}"]')
    arrived.wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot(page, "seller-dashboard")
    assert serious_accessibility_violations(page) == []

    # From the notification to the orders desk: confirm the new order, then dispatch it with a carrier.
    page.goto("/seller/orders?status=paid")
    row = page.locator(f'tr:has(a[href="/seller/orders/{order["id"]}"])')
    screenshot(page, "seller-orders")
    assert serious_accessibility_violations(page) == []
    # Confirmed, the page reloads with the order gone from the new ones.
    with page.expect_navigation():
        row.get_by_role("button", name="확인", exact=True).click()
    assert row.count() == 0
    page.goto("/seller/orders?status=preparing")
    row = page.locator(f'tr:has(a[href="/seller/orders/{order["id"]}"])')
    row.locator("select[name=carrier]").select_option("cj")
    row.locator("input[name=tracking_number]").fill("123456789012")
    # Dispatched, the page reloads (as after the confirmation): the next address waits until it has.
    with page.expect_navigation():
        row.get_by_role("button", name="발송", exact=True).click()

    def shipped():
        shipment = customer.get(f"/api/orders/{order['id']}").json()["shipments"][0]
        return shipment if shipment["status"] == "shipping" else None

    shipment = wait_for(shipped, what="the shipment to be dispatched")
    assert shipment["tracking"]["carrier"] == "cj" and shipment["tracking"]["tracking_number"] == "123456789012"
    page.goto("/seller/orders?status=shipping")
    assert page.get_by_role("link", name=order["order_number"], exact=True).is_visible()
