"""Reading other people's data: customers and sellers see only their own account, audit log and orders."""
from e2e.journey import list_product, place_order, settled


def test_a_customer_cannot_read_another_customers_audit_log(new_customer):
    one, other = new_customer(), new_customer()

    asked = one.get("/api/audit-events", params={"account_id": other.account_id})

    assert asked.status_code in (200, 403)
    if asked.status_code == 200:
        assert all(event["account_id"] == one.account_id for event in asked.json())
    own = one.get("/api/audit-events").json()
    assert own and all(event["account_id"] == one.account_id for event in own)


def test_a_seller_cannot_read_another_sellers_registration_or_documents(new_seller):
    one, other = new_seller(), new_seller()

    assert one.get(f"/api/sellers/{other.seller_id}").status_code == 404
    assert one.get(f"/api/sellers/{other.seller_id}/documents").status_code == 404
    assert one.get(f"/api/sellers/{one.seller_id}").status_code == 200


def test_customers_cannot_list_sellers_or_decide_them(new_customer, new_seller):
    customer = new_customer()
    seller = new_seller()

    assert customer.get("/api/sellers").status_code == 403
    assert customer.post(f"/api/sellers/{seller.seller_id}/decision", json={"decision": "approve"}).status_code == 403


def test_a_customer_cannot_read_another_customers_order(new_customer, new_seller):
    seller = new_seller()
    product = list_product(seller, stock=5)
    buyer, snooper = new_customer(), new_customer()
    order = settled(buyer, place_order(buyer, product, 1).json()["id"])

    assert snooper.get(f"/api/orders/{order['id']}").status_code == 404
    assert order["id"] not in [o["id"] for o in snooper.get("/api/orders").json()]
