"""Steps the integration tests share: place an order, deliver catalog's answer, read what orders recorded."""
import uuid
from datetime import datetime, timezone

from sqlalchemy import func, select

from orders.models import Order
from servicekit.testing.events import deliver, recorded_envelopes


def new_id():
    return str(uuid.uuid4())


SELLER = "5e11e400-0000-4000-8000-000000000001"
ADDRESS = {"recipient_name": "김민지", "phone": "01012345678", "postcode": "06236", "address1": "서울 강남구 테헤란로 152"}


def items(*products, quantity=2, unit_price=12000, seller=SELLER):
    return [
        {"product_id": product, "seller_id": seller, "quantity": quantity, "unit_price": unit_price}
        for product in products
    ]


def checkout(*lines, token="tok_ok", points=0, coupon_ids=(), address=None):
    """A checkout body: the lines, an address in Seoul, a card the test provider accepts."""
    return {
        "items": list(lines) or items(new_id()),
        "shipping_address": dict(address or ADDRESS),
        "coupon_ids": list(coupon_ids),
        "points": points,
        "payment": {"method": "card", "token": token},
    }


def place(client, headers, body=None, key=None):
    if key is not None:
        headers = {**headers, "Idempotency-Key": key}
    return client.post("/api/orders", json=checkout() if body is None else body, headers=headers)


def placed(client, headers, body=None):
    response = place(client, headers, body)
    assert response.status_code == 202, response.json
    return response.json


def stock_reserved(order, categories=None):
    """StockReserved for an order as catalog sends it: each line's seller, a name, maybe a category."""
    return {
        "order_id": order["id"],
        "lines": [
            {
                "product_id": line["product_id"],
                "variant_id": line["variant_id"],
                "seller_id": line["seller_id"],
                "product_name": f"Product {line['line_no']}",
                "category_id": (categories or {}).get(line["product_id"]),
                "quantity": line["quantity"],
                "unit_price": line["unit_price"],
            }
            for line in order["lines"]
        ],
        "reserved_at": datetime.now(timezone.utc).isoformat(),
    }


def paid_order(client, consumer, headers, body=None):
    """An order placed and paid: catalog reserved its stock and the test provider took the payment."""
    order = placed(client, headers, body)
    deliver(consumer, "StockReserved", stock_reserved(order))
    return client.get(f"/api/orders/{order['id']}", headers=headers).json


def stock_reservation_failed(order, reason="insufficient_stock", detail="Not enough stock for some products."):
    return {
        "order_id": order["id"],
        "reason": reason,
        "detail": detail,
        "product_ids": [line["product_id"] for line in order["lines"]],
        "failed_at": datetime.now(timezone.utc).isoformat(),
    }


def recorded(runtime, order_id, event_type=None):
    """Outbox envelopes recorded about one order, oldest first: of every type unless `event_type` is given."""
    return recorded_envelopes(runtime, event_type, order_id=order_id)


def orders_of(runtime, customer_id):
    with runtime.engine.connect() as connection:
        return connection.execute(
            select(func.count()).select_from(Order).where(Order.customer_id == customer_id)
        ).scalar_one()
