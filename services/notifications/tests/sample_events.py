"""The data of the events notifications handles, as their producers send them, each with what a test names
and plausible values for the rest."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now(timezone.utc)


def contacts(account_id: str | None = None, *, revision: int = 1, name: str = "Kim Minji", email: str | None = None,
             phone: str | None = None, language: str = "ko", roles: tuple[str, ...] = ("customer",),
             seller_id: str | None = None, active: bool = True) -> dict[str, Any]:
    account_id = account_id or new_id()
    return {
        "account_id": account_id, "revision": revision, "name": name,
        "email": email if email is not None else f"{account_id[:8]}@example.com",
        "phone": phone, "language": language, "roles": list(roles), "seller_id": seller_id, "active": active,
        "changed_at": now(),
    }


def line(seller_id: str, *, line_no: int = 1, product_name: str = "제주 녹차", quantity: int = 1,
         unit_price: int = 12000) -> dict[str, Any]:
    return {"line_no": line_no, "product_id": new_id(), "variant_id": None, "seller_id": seller_id,
            "product_name": product_name, "category_id": None, "quantity": quantity, "unit_price": unit_price}


def order_paid(customer_id: str, lines: list[dict], *, order_id: str | None = None,
               order_number: str = "20260105-000001") -> dict[str, Any]:
    sellers = list(dict.fromkeys(item["seller_id"] for item in lines))
    items = sum(item["quantity"] * item["unit_price"] for item in lines)
    return {
        "order_id": order_id or new_id(), "order_number": order_number, "customer_id": customer_id, "lines": lines,
        "shipments": [{"shipment_id": new_id(), "seller_id": seller, "shipping_fee": 0, "discount": 0}
                      for seller in sellers],
        "items_amount": items, "shipping_fee": 0, "discount": 0, "points_used": 0, "paid_amount": items,
        "paid_at": now(),
    }


def _shipment(customer_id: str, seller_id: str, order_id: str | None) -> dict[str, Any]:
    return {"order_id": order_id or new_id(), "order_number": "20260105-000001", "shipment_id": new_id(),
            "seller_id": seller_id, "customer_id": customer_id}


def order_shipped(customer_id: str, seller_id: str, *, carrier: str = "cj", tracking_number: str = "601234567890",
                  order_id: str | None = None) -> dict[str, Any]:
    return {**_shipment(customer_id, seller_id, order_id), "carrier": carrier, "tracking_number": tracking_number,
            "shipped_at": now()}


def order_delivered(customer_id: str, seller_id: str, *, order_id: str | None = None) -> dict[str, Any]:
    return {**_shipment(customer_id, seller_id, order_id), "lines": [line(seller_id)], "delivered_at": now()}


def claim(customer_id: str, seller_id: str, *, kind: str = "return", order_id: str | None = None) -> dict[str, Any]:
    return {"claim_id": new_id(), "order_id": order_id or new_id(), "shipment_id": new_id(), "seller_id": seller_id,
            "customer_id": customer_id, "kind": kind, "inquiry_id": None, "request_id": None}


def claim_requested(customer_id: str, seller_id: str, *, kind: str = "return") -> dict[str, Any]:
    return {**claim(customer_id, seller_id, kind=kind), "reason_code": "defective",
            "lines": [{"line_no": 1, "product_id": new_id(), "variant_id": None, "quantity": 2}],
            "requested_at": now()}


def refund_answer(order_id: str, *, claim_id: str | None = None) -> dict[str, Any]:
    return {"request_id": new_id(), "inquiry_id": new_id(), "order_id": order_id, "claim_id": claim_id}


def inquiry_opened(customer_id: str, *, seller_id: str | None = None, owner: str = "seller") -> dict[str, Any]:
    return {"inquiry_id": new_id(), "customer_id": customer_id, "inquiry_type": "shipping",
            "subject": "언제 도착하나요?", "order_id": None, "product_id": None, "seller_id": seller_id, "owner": owner,
            "first_response_due_at": now() + timedelta(hours=24), "opened_at": now()}


def inquiry_answered(customer_id: str) -> dict[str, Any]:
    return {"inquiry_id": new_id(), "customer_id": customer_id, "answered_by": None, "by_role": "seller",
            "automatic": False, "first_response": True, "answered_at": now()}


def inquiry_escalated(*, seller_id: str | None = None) -> dict[str, Any]:
    return {"inquiry_id": new_id(), "seller_id": seller_id, "reason": "고객이 상담원을 요청했습니다",
            "automatic": False, "escalated_at": now()}


def response_target_near(*, owner: str = "seller", seller_id: str | None = None,
                         assignee_id: str | None = None) -> dict[str, Any]:
    return {"inquiry_id": new_id(), "target": "first_response", "owner": owner, "seller_id": seller_id,
            "assignee_id": assignee_id, "subject": "언제 도착하나요?", "due_at": now() + timedelta(hours=1),
            "warned_at": now()}


def sla_breached(*, owner: str = "seller", seller_id: str | None = None,
                 assignee_id: str | None = None) -> dict[str, Any]:
    return {"inquiry_id": new_id(), "target": "resolution", "owner": owner, "seller_id": seller_id,
            "assignee_id": assignee_id, "due_at": now() - timedelta(minutes=1), "breached_at": now()}


def negative_review_posted(customer_id: str, seller_id: str) -> dict[str, Any]:
    return {"review_id": new_id(), "customer_id": customer_id, "seller_id": seller_id, "product_id": new_id(),
            "order_id": new_id(), "line_no": 1, "rating": 1, "cause": "delivery", "follow_up_requested": False,
            "posted_at": now()}


def review_requested(customer_id: str) -> dict[str, Any]:
    return {"customer_id": customer_id, "order_id": new_id(), "line_no": 1, "product_id": new_id(),
            "product_name": "제주 녹차", "requested_at": now()}


def stock_low(seller_id: str) -> dict[str, Any]:
    return {"product_id": new_id(), "seller_id": seller_id, "product_name": "제주 녹차", "stock": 2, "threshold": 5,
            "at": now()}


def seller_approved(seller_id: str, account_id: str) -> dict[str, Any]:
    return {"seller_id": seller_id, "account_id": account_id, "display_name": "차향 상회", "seller_type": "individual",
            "business_registration_number": None, "approved_by": new_id(), "approved_at": now(),
            "contact_email": None}


def seller_rejected(seller_id: str, account_id: str) -> dict[str, Any]:
    return {"seller_id": seller_id, "account_id": account_id, "reason": "사업자등록증이 흐립니다.",
            "rejected_by": new_id(), "rejected_at": now()}


def _payout(seller_id: str, amount: int, payout_day: date) -> dict[str, Any]:
    return {"payout_id": new_id(), "seller_id": seller_id, "payout_day": payout_day, "amount": amount}


def payout_paid(seller_id: str, *, amount: int = 1234500, payout_day: date = date(2026, 1, 5)) -> dict[str, Any]:
    return {**_payout(seller_id, amount, payout_day), "transfer_id": "TR-20260105-0001",
            "bank_code": "004", "account_ending": "5678", "paid_at": now()}


def payout_held(seller_id: str, *, reason: str = "account_changed", amount: int = 1234500,
                payout_day: date = date(2026, 1, 5)) -> dict[str, Any]:
    return {**_payout(seller_id, amount, payout_day), "reason": reason, "held_at": now()}
