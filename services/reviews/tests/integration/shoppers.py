"""Steps the reviews tests share: a delivered order line (as orders' event) and a posted review."""
import uuid
from datetime import datetime, timezone

from servicekit.testing.events import deliver


def new_id():
    return str(uuid.uuid4())


def shipment(customer_id, seller_id, product_id=None, lines=1):
    """What OrderDelivered and PurchaseConfirmed tell of a new order's shipment of `lines` lines of one product."""
    product_id = product_id or new_id()
    return {
        "order_id": new_id(), "order_number": "202611250000000001", "shipment_id": new_id(),
        "seller_id": seller_id, "customer_id": customer_id,
        "lines": [
            {"line_no": n, "product_id": product_id, "variant_id": None, "seller_id": seller_id,
             "product_name": "Jeju green tea", "category_id": None, "quantity": 1, "unit_price": 15000}
            for n in range(1, lines + 1)
        ],
    }


def delivered(consumer, customer_id, seller_id, product_id=None, lines=1):
    """OrderDelivered for a shipment of `lines` lines of one product; returns the order id and product id."""
    delivery = shipment(customer_id, seller_id, product_id, lines)
    deliver(consumer, "OrderDelivered", {**delivery, "delivered_at": datetime.now(timezone.utc).isoformat()})
    return delivery["order_id"], delivery["lines"][0]["product_id"]


def review_body(order_id, line_no=1, rating=5, text="향이 좋고 배송도 빨랐어요. 또 살게요!", **extra):
    return {"order_id": order_id, "line_no": line_no, "rating": rating, "text": text,
            "display_name": "김민지", **extra}


def posted(client, headers, order_id, **fields):
    response = client.post("/api/reviews", json=review_body(order_id, **fields), headers=headers)
    assert response.status_code == 201, response.json
    return response.json
