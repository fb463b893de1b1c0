"""A seller's orders and claims: tabs with counts, search, confirming one or many, dispatching one or a sheet,
the packing list; an order; claims to approve, reject or complete."""
from __future__ import annotations

import pytest

SELLER_ID = "5d7c9a8e-1b2f-4c3d-9e8f-a1b2c3d4e5f6"
COUNTS = {"paid": 2, "preparing": 1, "shipping": 4, "delivered": 0, "purchase_confirmed": 9, "cancelled": 1}


def a_shipment(id_="sh1", status="paid", **changed):
    shipment = {
        "id": id_, "order_id": "o1", "order_number": "2026120700012", "seller_id": SELLER_ID, "status": status,
        "items_amount": 24000, "shipping_fee": 3000, "discount": 0, "tracking": None, "cancel_reason": None,
        "lines": [{"line_no": 1, "product_id": "p1", "variant_id": None, "product_name": "유기농 녹차 티백", "quantity": 2,
                   "unit_price": 12000, "cancelled_quantity": 0, "returned_quantity": 0}],
        "created_at": "2026-12-07T01:00:00+00:00", "paid_at": "2026-12-07T01:00:05+00:00", "preparing_at": None,
        "shipped_at": None, "delivered_at": None, "purchase_confirmed_at": None, "cancelled_at": None,
        "purchase_confirmation_due_at": None,
    }
    shipment.update(changed)
    return shipment


def a_claim(status="requested", kind="return"):
    return {"id": "cl1", "order_id": "o1", "shipment_id": "sh1", "seller_id": SELLER_ID, "customer_id": "cu1",
            "kind": kind, "status": status, "reason_code": "defective", "reason_text": "포장이 찢어져 왔어요",
            "source": "customer", "inquiry_id": None,
            "lines": [{"line_no": 1, "product_id": "p1", "variant_id": None, "product_name": "유기농 녹차 티백",
                       "unit_price": 12000, "quantity": 1}],
            "refunded_amount": 0, "fee_owed": 0, "rejection_reason": None, "replacement": None,
            "requested_at": "2026-12-07T02:00:00+00:00", "approved_at": None, "completed_at": None,
            "rejected_at": None, "withdrawn_at": None}


@pytest.fixture
def seller(api):
    api.signed_in_as("seller", seller_id=SELLER_ID)
    api.answers["/api/shipments/counts"] = COUNTS
    return api


def test_new_orders_are_the_first_tab_with_counts_and_confirm_buttons(client, seller):
    seller.answers["/api/shipments"] = [a_shipment(), a_shipment("sh2", order_number="2026120700013")]
    page = client.get("/seller/orders").get_data(as_text=True)
    assert 'aria-current="page">신규 주문 <span class="count">2</span>' in page
    assert "배송 중 <span class=\"count\">4</span>" in page
    assert 'data-api="/api/shipments/sh1/confirmation"' in page
    assert 'data-api="/api/shipments/confirmations"' in page and 'form="confirm-many"' in page
    assert "27,000원" in page and "유기농 녹차 티백 × 2" in page
    assert seller.calls[-1][2]["params"] == {"status": "paid", "q": None, "page": None, "page_size": 20}


def test_searching_orders_asks_the_api(client, seller):
    seller.answers["/api/shipments"] = []
    client.set_cookie("lang", "en")
    page = client.get("/seller/orders?status=all&q=김민지").get_data(as_text=True)
    assert seller.calls[-1][2]["params"] == {"status": None, "q": "김민지", "page": None, "page_size": 20}
    assert "No order matches your search" in page


def test_preparing_orders_are_dispatched_with_a_carrier_and_tracking_number(client, seller):
    seller.answers["/api/shipments"] = [a_shipment(status="preparing")]
    page = client.get("/seller/orders?status=preparing").get_data(as_text=True)
    assert 'data-api="/api/shipments/sh1/dispatch"' in page and 'name="tracking_number"' in page
    assert '<option value="cj">CJ대한통운</option>' in page
    client.set_cookie("lang", "en")
    assert '<option value="cj">CJ Logistics</option>' in client.get("/seller/orders?status=preparing").get_data(as_text=True)


def test_the_desk_offers_the_dispatch_sheet_and_the_packing_list(client, seller):
    seller.answers["/api/shipments"] = []
    page = client.get("/seller/orders?status=preparing").get_data(as_text=True)
    assert 'data-api="/api/shipments/dispatches"' in page and "data-upload" in page and "<progress" in page
    assert 'href="/api/shipments/dispatch-template"' in page
    assert 'href="/api/shipments/packing-list?status=preparing"' in page
    assert "발송할 주문이 없어요" in page


def test_an_order_shows_the_sellers_shipment_and_address(client, seller):
    seller.answers["/api/orders/o1"] = {
        "id": "o1", "order_number": "2026120700012", "status": "preparing", "items_amount": 24000, "shipping_fee": 3000,
        "discount": 0, "points_used": 0, "total_amount": 27000, "refunded_amount": 0, "cancel_reason": None,
        "cancel_detail": None, "shipping_address": {"recipient_name": "김민지", "phone": "01012345678", "postcode": "06236",
                                                    "address1": "서울 강남구 테헤란로 1", "address2": "101호", "note": "문 앞"},
        "lines": [], "shipments": [a_shipment(status="preparing")], "created_at": "2026-12-07T01:00:00+00:00",
        "paid_at": "2026-12-07T01:00:05+00:00", "cancelled_at": None}
    page = client.get("/seller/orders/o1").get_data(as_text=True)
    assert "주문 2026120700012" in page and "김민지" in page and "문 앞" in page
    assert 'data-api="/api/shipments/sh1/dispatch"' in page and "27,000원" in page
    client.set_cookie("lang", "en")
    assert "Deliver to" in client.get("/seller/orders/o1").get_data(as_text=True)


def test_claims_are_listed_with_words_for_their_codes(client, seller):
    seller.answers["/api/claims"] = [a_claim()]
    page = client.get("/seller/claims?status=requested").get_data(as_text=True)
    assert "반품" in page and "불량" in page and 'href="/seller/claims/cl1"' in page
    assert seller.calls[-1][2]["params"] == {"status": "requested", "kind": None, "page": None, "page_size": 20}


def test_no_claims_says_where_they_come_from(client, seller):
    seller.answers["/api/claims"] = []
    client.set_cookie("lang", "en")
    assert "No claims here." in client.get("/seller/claims").get_data(as_text=True)


def test_a_requested_claim_is_approved_or_rejected_with_a_reason(client, seller):
    seller.answers["/api/claims/cl1"] = a_claim()
    seller.answers["/api/accounts/me"] = {"second_factors": ["totp", "recovery_code"]}
    page = client.get("/seller/claims/cl1").get_data(as_text=True)
    assert 'data-api="/api/claims/cl1/approval"' in page
    assert 'data-api="/api/claims/cl1/rejection"' in page and 'name="reason"' in page
    # A refund's step-up, offered when the API asks for it, with the seller's own second factors.
    assert 'id="step-up"' in page and "js/step-up.js" in page and "simplewebauthn" not in page


def test_an_approved_exchange_is_completed_with_the_replacements_tracking(client, seller):
    seller.answers["/api/claims/cl1"] = a_claim(status="approved", kind="exchange")
    seller.answers["/api/accounts/me"] = {"second_factors": ["webauthn"]}
    client.set_cookie("lang", "en")
    page = client.get("/seller/claims/cl1").get_data(as_text=True)
    assert 'data-api="/api/claims/cl1/completion"' in page and 'name="carrier"' in page and "Exchange request" in page
    assert "approval" not in page


def test_a_decided_claim_has_no_actions(client, seller):
    seller.answers["/api/claims/cl1"] = a_claim(status="rejected")
    page = client.get("/seller/claims/cl1").get_data(as_text=True)
    assert "/approval" not in page and "/completion" not in page and "data-step-up" not in page


def test_a_customer_cannot_open_the_orders_desk(client, api):
    api.signed_in_as("customer")
    assert client.get("/seller/orders").status_code == 403
