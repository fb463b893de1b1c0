"""An order's whole life through the gateway: checkout across two sellers with their own fees, each
seller confirms and ships their part, the customer follows the tracking and confirms the purchase.
"""
from e2e.journey import checkout, line, list_product, place_order, settled
from servicekit.testing import wait_for


def _quote_once_fees_are_known(customer, body, seller_id):
    """The quote, once the cup ships free under the pottery's 30000 won threshold (catalog's default is 50000)."""
    answer = customer.post("/api/orders/quotes", json=body)
    assert answer.status_code == 200, answer.text
    quote = answer.json()
    cup_part = next(s for s in quote["shipments"] if s["seller_id"] == seller_id)
    return quote if cup_part["shipping_fee"] == 0 else None


def test_a_two_seller_order_is_shipped_in_two_parts_and_confirmed_by_the_customer(new_seller, new_customer):
    tea_house, pottery, customer = new_seller(), new_seller(), new_customer()
    assert pottery.put(
        f"/api/shipping-settings/{pottery.seller_id}",
        json={
            "methods": ["parcel"],
            "base_fee": 4000,
            "free_shipping_threshold": 30000,
            "remote_area_extra_fee": 5000,
            "return_fee": 4000,
            "exchange_fee": 8000,
            "return_address": None,
            "return_policy": "",
        },
    ).status_code == 200
    tea = list_product(tea_house, price=12000, stock=5)
    cup = list_product(pottery, price=32000, stock=2, name="Celadon tea cup")

    body = checkout(line(tea, 2), line(cup, 1))
    # Orders learns the pottery's fees from an event; the quote shows when it has.
    quote = wait_for(
        lambda: _quote_once_fees_are_known(customer, body, pottery.seller_id),
        what="orders to learn the pottery's shipping fees",
    )
    order = customer.post("/api/orders", json=body).json()
    assert order["total_amount"] == quote["total_amount"]
    paid = settled(customer, order["id"])
    assert paid["status"] == "paid"
    # Tea: 24000 < 50000, default 3000 fee. Cup: 32000 >= the pottery's 30000 threshold, free.
    assert (paid["items_amount"], paid["shipping_fee"], paid["total_amount"]) == (56000, 3000, 59000)
    parts = {s["seller_id"]: s for s in paid["shipments"]}
    assert set(parts) == {tea_house.seller_id, pottery.seller_id}

    for seller, tracking in ((tea_house, "601234567890"), (pottery, "1234567890123")):
        shipment_id = parts[seller.seller_id]["id"]
        carrier = "cj" if seller is tea_house else "epost"
        assert seller.post(f"/api/shipments/{shipment_id}/confirmation").status_code == 200
        shipped = seller.post(
            f"/api/shipments/{shipment_id}/dispatch", json={"carrier": carrier, "tracking_number": tracking}
        )
        assert shipped.status_code == 200, shipped.text

    followed = customer.get(f"/api/orders/{order['id']}").json()
    assert followed["status"] == "shipping"
    assert {s["tracking"]["tracking_number"] for s in followed["shipments"]} == {"601234567890", "1234567890123"}

    tea_part = parts[tea_house.seller_id]["id"]
    assert tea_house.post(f"/api/shipments/{tea_part}/delivery").status_code == 200
    confirmed = customer.post(f"/api/shipments/{tea_part}/purchase-confirmation")
    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == "purchase_confirmed"
    # The other part is still on its way, so the order as a whole is too.
    assert customer.get(f"/api/orders/{order['id']}").json()["status"] == "shipping"
    # 1% of what the tea cost the customer comes back as points.
    assert customer.get("/api/points").json()["balance"] == 240


def test_a_seller_cannot_move_another_sellers_shipment(new_seller, new_customer):
    seller, rival, customer = new_seller(), new_seller(), new_customer()
    order = settled(customer, place_order(customer, list_product(seller), 1).json()["id"])
    shipment_id = order["shipments"][0]["id"]

    assert rival.post(f"/api/shipments/{shipment_id}/confirmation").status_code == 404
    assert rival.get(f"/api/shipments/{shipment_id}").status_code == 404
    assert seller.get(f"/api/shipments/{shipment_id}").json()["status"] == "paid"


def test_a_declined_card_cancels_the_order_and_gives_the_stock_back(new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, stock=3)

    order = settled(customer, place_order(customer, product, 2, token="tok_decline_card").json()["id"])

    assert (order["status"], order["cancel_reason"]) == ("cancelled", "payment_failed")
    wait_for(
        lambda: customer.get(f"/api/products/{product['id']}").json()["stock"] == 3,
        what="catalog to release the stock of the declined order",
    )


def test_a_customer_cancels_before_the_seller_confirms_and_the_stock_returns(new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, stock=3)
    order = settled(customer, place_order(customer, product, 1).json()["id"])

    cancelled = customer.post(f"/api/orders/{order['id']}/cancellation", json={"reason_code": "changed_mind"})

    assert cancelled.status_code == 200
    assert cancelled.json()["refunded_amount"] == order["total_amount"]
    wait_for(
        lambda: customer.get(f"/api/products/{product['id']}").json()["stock"] == 3,
        what="catalog to put the cancelled unit back",
    )
