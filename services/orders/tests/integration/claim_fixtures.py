"""Steps the claims' tests share: a paid order of one seller moved along its lifecycle, and claims on it."""
from datetime import datetime, timezone

from sqlalchemy import select

from orders.models import PaymentRefund
from servicekit.testing.events import deliver
from .journey import checkout, new_id, paid_order

# Catalog's defaults apply to a seller who never announced fees: 3000 won, free from 50000.
SHIPPING_STEPS = {
    "preparing": ("confirmation",),
    "shipping": ("confirmation", "dispatch"),
    "delivered": ("confirmation", "dispatch", "delivery"),
}


def announce_fees(consumer, seller_id, **fees):
    """Catalog's ShippingSettingsChanged for a seller, over catalog's defaults."""
    settings = {
        "seller_id": seller_id,
        "methods": ["parcel"],
        "base_fee": 3000,
        "free_shipping_threshold": 50000,
        "remote_area_extra_fee": 0,
        "return_fee": 3000,
        "exchange_fee": 6000,
        "changed_at": datetime.now(timezone.utc).isoformat(),
        **fees,
    }
    deliver(consumer, "ShippingSettingsChanged", settings)


def shipment_in(client, consumer, customer, seller, seller_id, status, *prices):
    """A paid order with one line of two units per price (12000 won by default), its shipment moved to `status`."""
    lines = [
        {"product_id": new_id(), "seller_id": seller_id, "quantity": 2, "unit_price": price}
        for price in prices or (12000,)
    ]
    order = paid_order(client, consumer, customer, checkout(*lines))
    shipment_id = order["shipments"][0]["id"]
    move_to(client, seller, shipment_id, status)
    return order, shipment_id


def move_to(client, seller, shipment_id, status):
    """The seller moves a paid shipment along to `status`."""
    for step in SHIPPING_STEPS.get(status, ()):
        body = {"carrier": "cj", "tracking_number": "601234567890"} if step == "dispatch" else None
        moved = client.post(f"/api/shipments/{shipment_id}/{step}", json=body, headers=seller)
        assert moved.status_code == 200, moved.json


def claim(client, customer, shipment_id, kind, reason_code="changed_mind", lines=None):
    body = {"shipment_id": shipment_id, "kind": kind, "reason_code": reason_code, "reason_text": "사유"}
    if lines is not None:
        body["lines"] = lines
    return client.post("/api/claims", json=body, headers=customer)


def claimed(client, customer, shipment_id, kind, reason_code="changed_mind", lines=None):
    response = claim(client, customer, shipment_id, kind, reason_code, lines)
    assert response.status_code == 201, response.json
    return response.json


def decide(client, headers, claim_id, decision, body=None):
    return client.post(f"/api/claims/{claim_id}/{decision}", json=body, headers=headers)


def order_seen(client, customer, order):
    return client.get(f"/api/orders/{order['id']}", headers=customer).json


def refunds_of(runtime, order_id):
    """(cash, points) of each refund paid on an order."""
    with runtime.engine.connect() as connection:
        return [
            (row.amount, row.points)
            for row in connection.execute(
                select(PaymentRefund.amount, PaymentRefund.points)
                .where(PaymentRefund.order_id == order_id)
                .order_by(PaymentRefund.created_at)
            )
        ]
