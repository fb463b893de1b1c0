"""Steps the integration tests share: sign in as someone, place an order, deliver catalog's answer."""
import time
import uuid
from datetime import datetime, timezone

from sqlalchemy import func, select

from contracts import Envelope
from orders.models import Order
from servicekit.bus.tables import outbox


def new_id():
    return str(uuid.uuid4())


def as_customer(sign_identity, customer_id=None):
    return sign_identity(subject=customer_id or new_id(), roles=["customer"])


def as_seller(sign_identity, seller_id):
    return sign_identity(subject=new_id(), roles=["seller"], seller_id=seller_id, second_factor_at=int(time.time()))


def items(*products, quantity=2, unit_price=12000):
    return [{"product_id": product, "quantity": quantity, "unit_price": unit_price} for product in products]


def place(client, headers, body=None, key=None):
    if key is not None:
        headers = {**headers, "Idempotency-Key": key}
    return client.post("/api/orders", json={"items": items(new_id())} if body is None else body, headers=headers)


def placed(client, headers, body=None):
    response = place(client, headers, body)
    assert response.status_code == 202, response.json
    return response.json


def deliver(consumer, name, data):
    """Hand an event from catalog to the consumer as it would arrive off the wire."""
    envelope = Envelope(type=name, version=1, producer="catalog", data=data)
    return consumer.handle(Envelope.from_wire(envelope.to_wire()), f"{name}.v1"), envelope


def stock_reserved(order, sellers):
    """StockReserved for an order, each product sold by sellers[product_id]."""
    return {
        "order_id": order["id"],
        "lines": [
            {
                "product_id": line["product_id"],
                "seller_id": sellers[line["product_id"]],
                "product_name": f"Product {line['line_no']}",
                "quantity": line["quantity"],
                "unit_price": line["unit_price"],
            }
            for line in order["lines"]
        ],
        "reserved_at": datetime.now(timezone.utc).isoformat(),
    }


def stock_reservation_failed(order, reason="insufficient_stock", detail="Not enough stock for some products."):
    return {
        "order_id": order["id"],
        "reason": reason,
        "detail": detail,
        "product_ids": [line["product_id"] for line in order["lines"]],
        "failed_at": datetime.now(timezone.utc).isoformat(),
    }


def recorded(runtime, order_id, event_type=None):
    """Outbox envelopes recorded about one order, oldest first."""
    with runtime.engine.connect() as connection:
        payloads = [row.payload for row in connection.execute(select(outbox.c.payload).order_by(outbox.c.id))]
    return [
        p for p in payloads if p["data"].get("order_id") == order_id and event_type in (None, p["type"])
    ]


def orders_of(runtime, customer_id):
    with runtime.engine.connect() as connection:
        return connection.execute(
            select(func.count()).select_from(Order).where(Order.customer_id == customer_id)
        ).scalar_one()
