"""Support through the gateway: an inquiry about an order goes to its seller and follows the order
live; a refund asked for in an inquiry is decided in orders and comes back to resolve it; a locked
account opens a recovery case for the platform's agents.
"""
from e2e.journey import list_product, place_order, settled
from servicekit.testing import wait_for


def opened_about(customer, order, **fields):
    """Open an inquiry about the order once support has heard of it (an event away)."""

    def attempt():
        response = customer.post(
            "/api/inquiries",
            json={"inquiry_type": "shipping", "subject": "언제 도착하나요?", "body": "배송 조회가 안 돼요",
                  "order_id": order["id"], **fields},
        )
        if response.status_code == 422 and response.json()["type"].endswith("unknown-order"):
            return None
        assert response.status_code == 201, response.text
        return response.json()

    return wait_for(attempt, what="support to learn of the order")


def test_an_inquiry_about_an_order_goes_to_its_seller_and_shows_the_tracking_live(new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    order = settled(customer, place_order(customer, list_product(seller), 1).json()["id"])
    inquiry = opened_about(customer, order)
    assert (inquiry["owner"], inquiry["seller_id"]) == ("seller", seller.seller_id)

    shipment_id = order["shipments"][0]["id"]
    seller.post(f"/api/shipments/{shipment_id}/confirmation")
    seller.post(f"/api/shipments/{shipment_id}/dispatch", json={"carrier": "cj", "tracking_number": "601234567890"})
    answered = seller.post(f"/api/inquiries/{inquiry['id']}/messages", json={"body": "오늘 발송했습니다."})

    assert answered.status_code == 201, answered.text
    live = wait_for(
        lambda: (i := customer.get(f"/api/inquiries/{inquiry['id']}").json())["order"]["shipments"][0]["tracking_number"]
        and i,
        what="the inquiry to show the tracking number",
    )
    assert live["order"]["shipments"][0]["carrier"] == "cj"
    assert live["status"] == "answered"
    assert [m["author_role"] for m in live["messages"]] == ["customer", "seller"]
    resolved = seller.post(
        f"/api/inquiries/{inquiry['id']}/status", json={"status": "resolved", "reason_code": "answered_question"}
    )
    assert resolved.json()["status"] == "resolved"
    assert customer.post(f"/api/inquiries/{inquiry['id']}/rating", json={"rating": 5}).status_code == 200


def test_a_refund_asked_for_in_an_inquiry_is_approved_by_the_seller_and_resolves_it(new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, price=12000)
    order = settled(customer, place_order(customer, product, 1).json()["id"])
    shipment_id = order["shipments"][0]["id"]
    for step, body in (("confirmation", None), ("dispatch", {"carrier": "cj", "tracking_number": "601234567890"}),
                       ("delivery", None)):
        assert seller.post(f"/api/shipments/{shipment_id}/{step}", json=body).status_code == 200
    inquiry = opened_about(customer, order, inquiry_type="order", subject="제품이 깨져서 왔어요")

    asked = customer.post(
        f"/api/inquiries/{inquiry['id']}/claims",
        json={"kind": "refund", "reason_code": "damaged", "reason_text": "컵이 깨졌어요",
              "lines": [{"product_id": product["id"], "quantity": 1}]},
    )
    assert asked.status_code == 201, asked.text
    claim = wait_for(
        lambda: next(iter(seller.get("/api/claims", params={"status": "requested"}).json()), None),
        what="orders to open the claim support asked for",
    )
    assert claim["inquiry_id"] == inquiry["id"]
    assert seller.post(f"/api/claims/{claim['id']}/approval").status_code == 200

    resolved = wait_for(
        lambda: (i := customer.get(f"/api/inquiries/{inquiry['id']}").json())["status"] == "resolved" and i,
        what="the refund to come back to the inquiry",
    )
    assert resolved["resolution_reason"] == "refunded"
    assert any("15,000" in m["body"] for m in resolved["messages"] if m["author_role"] == "system")
    assert customer.get(f"/api/orders/{order['id']}").json()["refunded_amount"] == 12000 + 3000


def test_a_locked_account_opens_a_recovery_case_for_the_agents(new_customer, new_client, new_agent):
    agent, customer = new_agent(team="accounts"), new_customer()
    attacker = new_client()
    for _ in range(5):
        attacker.login(customer.email, "Wrong-Password-1!")

    case = wait_for(
        lambda: next(
            (i for i in agent.get("/api/inquiries", params={"inquiry_type": "account"}).json()
             if i["customer_id"] == customer.account_id),
            None,
        ),
        what="support to open a recovery case",
    )
    assert case["owner"] == "platform"
