"""Claims through the gateway: a return after delivery refunded less the return fee with the unit back
in stock, and a cancellation asked for after the seller confirmed, approved by the seller.
"""
from e2e.journey import list_product, place_order, settled
from servicekit.testing import wait_for


def delivered(seller, order):
    shipment_id = order["shipments"][0]["id"]
    for step, body in (
        ("confirmation", None),
        ("dispatch", {"carrier": "cj", "tracking_number": "601234567890"}),
        ("delivery", None),
    ):
        moved = seller.post(f"/api/shipments/{shipment_id}/{step}", json=body)
        assert moved.status_code == 200, moved.text
    return shipment_id


def stock_of(client, product):
    return client.get(f"/api/products/{product['id']}").json()["stock"]


def test_a_return_of_one_unit_is_refunded_less_the_return_fee_and_restocked(new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, price=12000, stock=5)
    order = settled(customer, place_order(customer, product, 2).json()["id"])
    shipment_id = delivered(seller, order)

    opened = customer.post(
        "/api/claims",
        json={
            "shipment_id": shipment_id,
            "kind": "return",
            "reason_code": "changed_mind",
            "reason_text": "색이 사진과 달라요",
            "lines": [{"line_no": 1, "quantity": 1}],
        },
    )
    assert opened.status_code == 201, opened.text
    claim_id = opened.json()["id"]
    assert seller.get("/api/claims", params={"status": "requested"}).json()[0]["id"] == claim_id
    assert seller.post(f"/api/claims/{claim_id}/approval").status_code == 200
    # The goods came back: the seller completes the return and the money goes back.
    completed = seller.post(f"/api/claims/{claim_id}/completion", json={})
    assert completed.status_code == 200, completed.text

    # One unit of 12000 won, less the seller's default 3000 won return fee for a change of mind.
    assert completed.json()["refunded_amount"] == 9000
    after = customer.get(f"/api/orders/{order['id']}").json()
    assert after["refunded_amount"] == 9000
    assert after["lines"][0]["returned_quantity"] == 1
    wait_for(lambda: stock_of(customer, product) == 4, what="catalog to restock the returned unit")


def test_a_cancellation_after_the_seller_confirmed_waits_for_the_sellers_approval(new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, price=15000, stock=3)
    order = settled(customer, place_order(customer, product, 1).json()["id"])
    shipment_id = order["shipments"][0]["id"]
    assert seller.post(f"/api/shipments/{shipment_id}/confirmation").status_code == 200

    refused_at_once = customer.post(f"/api/orders/{order['id']}/cancellation", json={"reason_code": "changed_mind"})
    asked = customer.post(
        "/api/claims", json={"shipment_id": shipment_id, "kind": "cancel", "reason_code": "changed_mind"}
    )
    assert refused_at_once.status_code == 409
    assert asked.status_code == 201, asked.text
    approved = seller.post(f"/api/claims/{asked.json()['id']}/approval")

    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "completed"
    after = customer.get(f"/api/orders/{order['id']}").json()
    assert (after["status"], after["refunded_amount"]) == ("cancelled", order["total_amount"])
    wait_for(lambda: stock_of(customer, product) == 3, what="catalog to put the cancelled unit back")


def test_another_seller_cannot_decide_a_claim(new_seller, new_customer):
    seller, rival, customer = new_seller(), new_seller(), new_customer()
    order = settled(customer, place_order(customer, list_product(seller), 1).json()["id"])
    shipment_id = delivered(seller, order)
    claim = customer.post(
        "/api/claims", json={"shipment_id": shipment_id, "kind": "refund", "reason_code": "not_delivered"}
    ).json()

    assert rival.post(f"/api/claims/{claim['id']}/approval").status_code == 404
    assert rival.get(f"/api/claims/{claim['id']}").status_code == 404
    assert customer.get(f"/api/claims/{claim['id']}").json()["status"] == "requested"
