"""Steps the settlements tests share: orders' and auth's events as they arrive, and the payout job run at an
instant."""
import uuid
from datetime import datetime, timedelta, timezone

from servicekit.testing.events import deliver
from settlements.payouts import run_payouts
from settlements.transfers import TestBank

KST = timezone(timedelta(hours=9))


def new_id():
    return str(uuid.uuid4())


def korean(*args):
    return datetime(*args, tzinfo=KST)


def line(line_no, seller_id, unit_price, quantity=1, category_id=None, name="제주 녹차 티백"):
    return {"line_no": line_no, "product_id": new_id(), "variant_id": None, "seller_id": seller_id,
            "product_name": name, "category_id": category_id, "quantity": quantity, "unit_price": unit_price}


def paid_order(consumer, lines, shipments, paid_at, *, event_id=None):
    """OrderPaid for `lines`, with one shipment per entry of `shipments`: {seller_id: (shipping_fee, discount,
    seller_discount)}. Returns the event's data, shipment ids filled in."""
    order = {
        "order_id": new_id(), "order_number": paid_at.strftime("%Y%m%d") + "0000000001", "customer_id": new_id(),
        "lines": lines,
        "shipments": [{"shipment_id": new_id(), "seller_id": seller_id, "shipping_fee": fee, "discount": discount,
                       "seller_discount": seller_discount}
                      for seller_id, (fee, discount, seller_discount) in shipments.items()],
        "items_amount": sum(item["quantity"] * item["unit_price"] for item in lines),
        "shipping_fee": sum(fee for fee, _, _ in shipments.values()),
        "discount": sum(discount for _, discount, _ in shipments.values()),
        "points_used": 0, "paid_amount": 0, "paid_at": paid_at.isoformat(),
    }
    order["paid_amount"] = order["items_amount"] + order["shipping_fee"] - order["discount"]
    deliver(consumer, "OrderPaid", order, event_id=event_id)
    return order


def shipment_of(order, seller_id):
    return next(s for s in order["shipments"] if s["seller_id"] == seller_id)


def _shipment_header(order, seller_id):
    return {"order_id": order["order_id"], "order_number": order["order_number"],
            "shipment_id": shipment_of(order, seller_id)["shipment_id"], "seller_id": seller_id,
            "customer_id": order["customer_id"]}


def confirmed(consumer, order, seller_id, at):
    kept = [item for item in order["lines"] if item["seller_id"] == seller_id]
    deliver(consumer, "PurchaseConfirmed", {**_shipment_header(order, seller_id), "lines": kept, "automatic": False,
                                            "confirmed_at": at.isoformat()})


def claim(consumer, order, seller_id, event, at, **extra):
    claim_id = extra.pop("claim_id", None) or new_id()
    stamp = {"ClaimRequested": "requested_at", "ClaimRejected": "rejected_at", "ClaimCompleted": "completed_at",
             "ClaimWithdrawn": "withdrawn_at"}[event]
    data = {"claim_id": claim_id, "order_id": order["order_id"],
            "shipment_id": shipment_of(order, seller_id)["shipment_id"], "seller_id": seller_id,
            "customer_id": order["customer_id"], "kind": "return", stamp: at.isoformat(), **extra}
    if event == "ClaimRequested":
        data.setdefault("reason_code", "changed_mind")
        data.setdefault("lines", [{"line_no": 1, "product_id": new_id(), "quantity": 1}])
    if event == "ClaimRejected":
        data.setdefault("reason", "사용 흔적이 있어요")
    if event == "ClaimCompleted":
        data.setdefault("refunded_amount", 0)
    deliver(consumer, event, data)
    return claim_id


def refunded(consumer, order, seller_id, lines, at, *, discount_share=0, seller_discount_share=0, shipping_refund=0,
             return_fee=0, lost_free_shipping=0, claim_id=None, refund_id=None):
    """PaymentRefunded of {line_no: (quantity, amount)} of the seller's shipment; its parts add up."""
    items = sum(amount for _, amount in lines.values())
    data = {
        **_shipment_header(order, seller_id), "refund_id": refund_id or new_id(), "claim_id": claim_id,
        "reason": "changed_mind",
        "lines": [{"line_no": number, "quantity": quantity, "amount": amount}
                  for number, (quantity, amount) in lines.items()],
        "items_amount": items, "discount_share": discount_share, "seller_discount_share": seller_discount_share,
        "shipping_refund": shipping_refund, "return_fee": return_fee, "lost_free_shipping": lost_free_shipping,
        "amount": items - discount_share + shipping_refund - return_fee - lost_free_shipping,
        "refunded_at": at.isoformat(),
    }
    deliver(consumer, "PaymentRefunded", data)
    return data


def approved_seller(consumer, seller_id, display_name="(주)제주녹차", at=None, representative="김민지"):
    deliver(consumer, "SellerApproved", {
        "seller_id": seller_id, "account_id": new_id(), "display_name": display_name,
        "seller_type": "corporation", "business_registration_number": "1234567890", "approved_by": new_id(),
        "approved_at": (at or korean(2026, 11, 1, 9)).isoformat(), "contact_email": None,
        "representative_name": representative,
    })


def payouts_run(runtime, clock_at, at, schedule="daily"):
    clock_at(at)
    run_payouts(runtime, schedule, TestBank(runtime.engine))
