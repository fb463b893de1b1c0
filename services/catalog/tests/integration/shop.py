"""Steps the catalog's integration tests share: approve sellers, add categories, list products, place orders,
cancel and return their units."""
import time
import uuid
from datetime import datetime, timezone

from sqlalchemy import select

from contracts import Envelope
from servicekit.bus.tables import outbox


def event(name, data):
    return Envelope(type=name, version=1, producer={"SellerApproved": "auth"}.get(name, "orders"), data=data)


def wire(envelope):
    return Envelope.from_wire(envelope.to_wire())


def seller_headers(sign_identity, seller_id, second_factor=True):
    return sign_identity(
        subject=str(uuid.uuid4()),
        roles=["seller"],
        seller_id=seller_id,
        second_factor_at=int(time.time()) if second_factor else None,
    )


def admin_headers(sign_identity):
    return sign_identity(subject=str(uuid.uuid4()), roles=["admin"], second_factor_at=int(time.time()))


def approve_seller(consumer, contact_email=None):
    seller_id, account_id = str(uuid.uuid4()), str(uuid.uuid4())
    envelope = event(
        "SellerApproved",
        {
            "seller_id": seller_id,
            "account_id": account_id,
            "display_name": "Seoul Goods",
            "seller_type": "individual",
            "approved_by": str(uuid.uuid4()),
            "approved_at": datetime.now(timezone.utc).isoformat(),
            "contact_email": contact_email,
        },
    )
    consumer.handle(wire(envelope), "SellerApproved.v1")
    return seller_id


def add_category(client, sign_identity, name, parent=None, position=0):
    body = {"name": name, "slug": f"{name.lower()}-{uuid.uuid4().hex[:8]}", "position": position}
    if parent is not None:
        body["parent_id"] = parent["id"]
    response = client.post("/api/categories", json=body, headers=admin_headers(sign_identity))
    assert response.status_code == 201, response.json
    return response.json


def list_product(client, sign_identity, seller_id, price=12000, stock=3, **fields):
    response = client.post(
        "/api/products",
        json={"name": "Green tea", "price": price, "stock": stock, **fields},
        headers=seller_headers(sign_identity, seller_id),
    )
    assert response.status_code == 201, response.json
    return response.json


def order_placed(lines):
    """OrderPlaced of a new order of these lines (product_id, quantity, unit_price and, if wanted, seller_id,
    variant_id), not yet handled."""
    return event(
        "OrderPlaced",
        {
            "order_id": str(uuid.uuid4()),
            "customer_id": str(uuid.uuid4()),
            "lines": lines,
            "total_amount": sum(line["quantity"] * line["unit_price"] for line in lines),
            "placed_at": datetime.now(timezone.utc).isoformat(),
        },
    )


def product_lines(product, quantity, unit_price=None):
    return [{"product_id": product["id"], "quantity": quantity,
             "unit_price": product["price"] if unit_price is None else unit_price}]


def place_lines(consumer, lines):
    """Place an order of these lines and have catalog handle it."""
    envelope = order_placed(lines)
    consumer.handle(wire(envelope), "OrderPlaced.v1")
    return envelope.data["order_id"], envelope


def place(consumer, product, quantity, unit_price=None):
    return place_lines(consumer, product_lines(product, quantity, unit_price))


def put_variants(client, sign_identity, product, seller_id, options, variants):
    return client.put(
        f"/api/products/{product['id']}/variants",
        json={"options": options, "variants": variants},
        headers=seller_headers(sign_identity, seller_id),
    )


def cancel_units(consumer, order_id, shipment_id, seller_id, lines, cancellation_id=None):
    """ShipmentCancelled for these units ({line_no, product_id, variant_id, quantity}) of the order."""
    cancelled = event("ShipmentCancelled", {
        "order_id": order_id, "order_number": "20261125-000001", "shipment_id": shipment_id,
        "cancellation_id": cancellation_id or str(uuid.uuid4()),
        "seller_id": seller_id, "customer_id": str(uuid.uuid4()), "lines": lines,
        "reason": "out of stock at the warehouse", "cancelled_at": datetime.now(timezone.utc).isoformat(),
    })
    return consumer.handle(wire(cancelled), "ShipmentCancelled.v1")


def complete_return(consumer, order_id, claim_id, seller_id, lines):
    """ReturnCompleted for these units ({line_no, product_id, variant_id, quantity}) of the order."""
    returned = event("ReturnCompleted", {
        "order_id": order_id, "claim_id": claim_id, "seller_id": seller_id, "lines": lines,
        "completed_at": datetime.now(timezone.utc).isoformat(),
    })
    return consumer.handle(wire(returned), "ReturnCompleted.v1")


def order_cancelled(order_id, reason="customer_request"):
    """OrderCancelled of the order, not yet handled."""
    return event("OrderCancelled", {
        "order_id": order_id, "customer_id": str(uuid.uuid4()), "reason": reason,
        "detail": "changed my mind", "cancelled_at": datetime.now(timezone.utc).isoformat(),
    })


def cancel(consumer, order_id):
    cancelled = order_cancelled(order_id)
    consumer.handle(wire(cancelled), "OrderCancelled.v1")
    return cancelled


def recorded(runtime, event_type):
    """The payloads of every event of this type in the outbox, oldest first."""
    with runtime.engine.connect() as connection:
        rows = connection.execute(
            select(outbox.c.payload).where(outbox.c.routing_key == f"{event_type}.v1").order_by(outbox.c.created_at)
        )
        return [row.payload for row in rows]


def outcome_of(runtime, order_id):
    with runtime.engine.connect() as connection:
        for row in connection.execute(select(outbox.c.payload)):
            if row.payload["data"].get("order_id") == order_id:
                return row.payload
