"""Paid orders for the seller desk's tests: placed through the API as a customer, paid by catalog's StockReserved."""
from servicekit.testing.events import deliver
from servicekit.testing.identities import as_customer
from .journey import new_id, stock_reserved

ADDRESS = {
    "recipient_name": "홍길동",
    "phone": "01012345678",
    "postcode": "06236",
    "address1": "서울특별시 강남구 테헤란로 1",
    "address2": "101호",
    "note": "문 앞에 놓아 주세요",
}


def paid_order(client, consumer, sign_identity, *sellers, **address):
    """An order with one line from each of `sellers`, paid; answered as its customer sees it."""
    customer = as_customer(sign_identity)
    products = {new_id(): seller for seller in sellers}
    body = {
        "items": [
            {"product_id": product, "seller_id": seller, "quantity": 2, "unit_price": 12000}
            for product, seller in products.items()
        ],
        "shipping_address": {**ADDRESS, **address},
        "payment": {"method": "card", "token": "tok_ok"},
    }
    placed = client.post("/api/orders", json=body, headers=customer)
    assert placed.status_code == 202, placed.json
    deliver(consumer, "StockReserved", stock_reserved(placed.json, products))
    order = client.get(f"/api/orders/{placed.json['id']}", headers=customer).json
    assert order["status"] == "paid", order
    return order


def shipment_of(order, seller_id):
    """The id of `seller_id`'s shipment of an order."""
    return next(shipment["id"] for shipment in order["shipments"] if shipment["seller_id"] == seller_id)
