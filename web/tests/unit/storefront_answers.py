"""Realistic answers of the public API for the storefront's tests, shaped as the services' schemas dump them."""
from __future__ import annotations

PRODUCT_ID = "7f0c1f9e-1111-4a4a-9b9b-000000000001"
SELLER_ID = "5e11e400-2222-4b4b-8c8c-000000000002"
ORDER_ID = "0d3e0000-3333-4c4c-9d9d-000000000003"
SHIPMENT_ID = "5b1f0000-4444-4d4d-8e8e-000000000004"
INQUIRY_ID = "1a900000-5555-4e4e-9f9f-000000000005"


def product(**changes) -> dict:
    return {
        "id": PRODUCT_ID, "seller_id": SELLER_ID, "name": "제주 녹차 티백", "description": "유기농 녹차\n20개입",
        "price": 15000, "sale_price": 12000, "sale_starts_at": "2026-12-01T00:00:00+00:00",
        "sale_ends_at": "2026-12-31T14:59:00+00:00", "current_price": 12000, "stock": 30, "status": "on_sale",
        "category_id": None, "low_stock_threshold": 0, "options": ["용량"],
        "variants": [
            {"id": "va000000-0000-4000-8000-000000000001", "option_values": ["20개입"], "price_difference": 0,
             "stock": 10, "sku": None, "active": True, "price": 12000},
            {"id": "va000000-0000-4000-8000-000000000002", "option_values": ["50개입"], "price_difference": 15000,
             "stock": 0, "sku": None, "active": True, "price": 27000},
        ],
        "rating_average": 4.5, "rating_count": 12, "primary_image": f"/api/products/{PRODUCT_ID}/images/i1/thumbnail",
        "created_at": "2026-12-01T00:00:00+00:00", "updated_at": "2026-12-01T00:00:00+00:00", "version": 3,
        "suspension_reason": None,
        "seller": {"seller_id": SELLER_ID, "display_name": "차마루", "rating_average": 4.7, "rating_count": 40},
        **changes,
    }


def review(**changes) -> dict:
    return {
        "id": "rv000000-0000-4000-8000-000000000001", "product_id": PRODUCT_ID, "seller_id": SELLER_ID,
        "product_name": "제주 녹차 티백", "rating": 5, "text": "향이 좋고 배송도 빨랐어요.", "anonymous": True,
        "author": "김*지", "helpful_count": 3, "mine": False, "status": "visible",
        "photos": [{"id": "ph1", "url": "/api/reviews/rv1/photos/ph1", "thumbnail_url": "/api/reviews/rv1/photos/ph1/thumbnail"}],
        "reply": {"text": "감사합니다!", "created_at": "2026-12-05T00:00:00+00:00", "updated_at": "2026-12-05T00:00:00+00:00"},
        "created_at": "2026-12-04T03:00:00+00:00", "edited_at": None, **changes,
    }


def question(**changes) -> dict:
    return {"id": "q1", "product_id": PRODUCT_ID, "question": "유통기한이 언제까지인가요?", "secret": False, "hidden": False,
            "answered": True, "answer": "2027년 12월까지입니다.", "answered_at": "2026-12-03T00:00:00+00:00",
            "created_at": "2026-12-02T00:00:00+00:00", **changes}


def shipment(**changes) -> dict:
    return {
        "id": SHIPMENT_ID, "order_id": ORDER_ID, "order_number": "20261207-000123", "seller_id": SELLER_ID,
        "status": "shipping", "items_amount": 24000, "shipping_fee": 3000, "discount": 2000,
        "tracking": {"carrier": "cj", "carrier_name": "CJ대한통운", "tracking_number": "612345678901",
                     "tracking_url": "https://trace.cjlogistics.com/next/tracking.html?wblNo=612345678901"},
        "cancel_reason": None, "lines": [], "created_at": "2026-12-06T00:00:00+00:00",
        "paid_at": "2026-12-06T00:00:05+00:00", "preparing_at": None, "shipped_at": "2026-12-06T05:00:00+00:00",
        "delivered_at": None, "purchase_confirmed_at": None, "cancelled_at": None,
        "purchase_confirmation_due_at": None, **changes,
    }


def order(*shipments, **changes) -> dict:
    shipments = shipments or (shipment(),)
    return {
        "id": ORDER_ID, "order_number": "20261207-000123", "status": shipments[0]["status"], "cancel_reason": None,
        "cancel_detail": None, "items_amount": 24000, "shipping_fee": 3000, "discount": 2000, "points_used": 500,
        "total_amount": 24500, "refunded_amount": 0,
        "shipping_address": {"recipient_name": "김민지", "phone": "01012345678", "postcode": "06236",
                             "address1": "서울 강남구 테헤란로 1", "address2": "101호", "note": ""},
        "lines": [{"line_no": 1, "shipment_id": shipments[0]["id"], "product_id": PRODUCT_ID,
                   "variant_id": None, "seller_id": SELLER_ID, "product_name": "제주 녹차 티백", "quantity": 2,
                   "unit_price": 12000, "cancelled_quantity": 0, "returned_quantity": 0, "refunded_amount": 0}],
        "shipments": list(shipments), "created_at": "2026-12-06T00:00:00+00:00",
        "paid_at": "2026-12-06T00:00:05+00:00", "cancelled_at": None, **changes,
    }


def inquiry(**changes) -> dict:
    return {
        "id": INQUIRY_ID, "customer_id": "a1", "inquiry_type": "shipping", "subject": "배송이 언제 오나요?",
        "status": "answered", "owner": "seller", "seller_id": SELLER_ID, "assignee_id": None, "order_id": None,
        "order_line_no": None, "product_id": None, "follows_inquiry_id": None, "escalated": False,
        "resolution_reason": None, "first_response_due_at": "2026-12-08T00:00:00+00:00",
        "resolution_due_at": "2026-12-10T00:00:00+00:00", "first_responded_at": "2026-12-07T00:00:01+00:00",
        "waiting_since": None, "resolved_at": None, "closed_at": None, "satisfaction": None,
        "satisfaction_comment": None, "created_at": "2026-12-07T00:00:00+00:00",
        "updated_at": "2026-12-07T00:00:01+00:00",
        "messages": [
            {"id": "m1", "author_id": "a1", "author_role": "customer", "body": "주문한 차가 언제 도착하나요?",
             "internal": False, "automatic": False, "faq_entry_id": None, "attachments": [],
             "created_at": "2026-12-07T00:00:00+00:00"},
            {"id": "m2", "author_id": None, "author_role": "agent", "body": "결제 후 2~3일 안에 도착합니다.",
             "internal": False, "automatic": True, "faq_entry_id": "f1", "attachments": [],
             "created_at": "2026-12-07T00:00:01+00:00"},
        ],
        "history": [], "order": None, **changes,
    }
