"""Mail that reaches people (N1, N2, N5): a paid order is mailed to its seller, in Korean, and the customer is
mailed when it is paid, shipped (with the carrier's tracking page) and delivered, in their own language; each
also waits in the person's inbox through the gateway."""
from e2e.journey import list_product, place_order, settled
from servicekit.testing import wait_for

# The worker sends queued mail every few seconds; the events before it are a hop or two each.
MAIL_TIMEOUT = 30


def inbox_kinds(person) -> set[str]:
    answer = person.get("/api/notifications")
    assert answer.status_code == 200, answer.text
    return {notification["kind"] for notification in answer.json()}


def test_a_paid_order_is_mailed_to_its_seller_in_korean_and_its_journey_to_the_customer(
    new_seller, new_customer, smtp_mailbox
):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, price=12000, name="제주 녹차")
    order = settled(customer, place_order(customer, product, 2).json()["id"])
    assert order["status"] == "paid"
    number = order["order_number"]

    to_seller = smtp_mailbox.wait_for_message(seller.email, contains=number, timeout=MAIL_TIMEOUT)
    assert to_seller["Subject"] == f"새 주문이 들어왔습니다 ({number})"
    assert "24,000원" in to_seller.get_body(preferencelist=("plain",)).get_content()
    paid = smtp_mailbox.wait_for_message(customer.email, contains="결제가 완료되었습니다", timeout=MAIL_TIMEOUT)
    assert number in paid["Subject"]

    shipment_id = order["shipments"][0]["id"]
    assert seller.post(f"/api/shipments/{shipment_id}/confirmation").status_code == 200
    dispatched = seller.post(
        f"/api/shipments/{shipment_id}/dispatch", json={"carrier": "cj", "tracking_number": "601234567890"}
    )
    assert dispatched.status_code == 200, dispatched.text
    shipped = smtp_mailbox.wait_for_message(customer.email, contains="상품이 발송되었습니다", timeout=MAIL_TIMEOUT)
    shipped_text = shipped.get_body(preferencelist=("plain",)).get_content()
    assert "601234567890" in shipped_text
    # The link goes to CJ Logistics' own tracking page for this parcel.
    assert "https://" in shipped_text and "601234567890" in shipped_text.split("https://", 1)[1]

    assert seller.post(f"/api/shipments/{shipment_id}/delivery").status_code == 200
    smtp_mailbox.wait_for_message(customer.email, contains="배송이 완료되었습니다", timeout=MAIL_TIMEOUT)

    assert wait_for(lambda: {"order_paid", "order_shipped", "order_delivered"} <= inbox_kinds(customer),
                    what="the customer's inbox to hold the order's three notices")
    assert "new_order" in inbox_kinds(seller)


def test_a_customer_who_chose_english_is_mailed_in_english(new_seller, new_customer, smtp_mailbox):
    seller, customer = new_seller(), new_customer()
    assert customer.patch("/api/accounts/me", json={"language": "en"}).status_code == 200
    order = settled(customer, place_order(customer, list_product(seller), 1).json()["id"])

    paid = smtp_mailbox.wait_for_message(customer.email, contains=order["order_number"], timeout=MAIL_TIMEOUT)
    assert paid["Subject"] == f"Payment received for order {order['order_number']}"
