"""What a customer does with an order: cancel it at once before a seller confirms (refunded through the
payment provider), change where it goes before it ships; a seller cancels what they cannot send.
"""
import threading
from datetime import datetime, timedelta, timezone

from contracts.jsonschema import validate_wire
from servicekit.testing.events import deliver
from servicekit.testing.identities import as_customer, as_seller
from .journey import ADDRESS, SELLER, checkout, items, new_id, paid_order, placed, recorded


def cancel_order(client, headers, order_id, reason="changed_mind"):
    return client.post(f"/api/orders/{order_id}/cancellation", json={"reason_code": reason}, headers=headers)


def test_a_customer_cancels_a_paid_order_at_once_and_is_refunded_in_full(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    customer = as_customer(sign_identity)
    order = paid_order(orders_client, orders_consumer, customer)

    cancelled = cancel_order(orders_client, customer, order["id"])

    assert cancelled.status_code == 200
    assert cancelled.json["status"] == "cancelled"
    assert cancelled.json["refunded_amount"] == order["total_amount"]
    assert [line["cancelled_quantity"] for line in cancelled.json["lines"]] == [line["quantity"] for line in order["lines"]]
    released = recorded(orders_runtime, order["id"], "ShipmentCancelled")
    assert len(released) == 1
    validate_wire(released[0])
    assert released[0]["data"]["lines"][0]["quantity"] == order["lines"][0]["quantity"]


def test_once_a_seller_confirmed_the_customer_cannot_cancel_at_once(orders_client, orders_consumer, sign_identity):
    customer = as_customer(sign_identity)
    order = paid_order(orders_client, orders_consumer, customer)
    orders_client.post(
        f"/api/shipments/{order['shipments'][0]['id']}/confirmation", headers=as_seller(sign_identity, SELLER)
    )

    refused = cancel_order(orders_client, customer, order["id"])

    assert refused.status_code == 409
    assert refused.json["type"].endswith(":cancellation-not-allowed")
    assert orders_client.get(f"/api/orders/{order['id']}", headers=customer).json["refunded_amount"] == 0


def test_only_the_customer_who_ordered_may_cancel(orders_client, orders_consumer, sign_identity):
    order = paid_order(orders_client, orders_consumer, as_customer(sign_identity))

    assert cancel_order(orders_client, as_customer(sign_identity), order["id"]).status_code == 404


def test_a_refund_the_provider_refuses_changes_nothing(orders_runtime, orders_client, orders_consumer, sign_identity):
    customer = as_customer(sign_identity)
    order = paid_order(orders_client, orders_consumer, customer, checkout(*items(new_id()), token="tok_norefund_1"))

    refused = cancel_order(orders_client, customer, order["id"])

    assert refused.status_code == 502
    assert refused.json["type"].endswith(":refund-failed")
    assert orders_client.get(f"/api/orders/{order['id']}", headers=customer).json["status"] == "paid"
    assert recorded(orders_runtime, order["id"], "ShipmentCancelled") == []


def test_a_seller_cancels_their_part_of_a_two_seller_order_and_the_other_part_goes_on(
    orders_client, orders_consumer, sign_identity
):
    customer = as_customer(sign_identity)
    other_seller = new_id()
    order = paid_order(
        orders_client,
        orders_consumer,
        customer,
        checkout(*items(new_id(), quantity=1, unit_price=20000), *items(new_id(), unit_price=9000, seller=other_seller)),
    )
    mine = next(s for s in order["shipments"] if s["seller_id"] == SELLER)

    cancelled = orders_client.post(
        f"/api/shipments/{mine['id']}/cancellation",
        json={"reason_code": "out_of_stock", "detail": "The last one broke."},
        headers=as_seller(sign_identity, SELLER),
    )

    assert cancelled.status_code == 200
    after = orders_client.get(f"/api/orders/{order['id']}", headers=customer).json
    assert after["status"] == "paid"
    assert {s["seller_id"]: s["status"] for s in after["shipments"]} == {SELLER: "cancelled", other_seller: "paid"}
    # Their item and their own 3000 won shipping fee come back; the other seller's part stays paid.
    assert after["refunded_amount"] == 20000 + 3000


def test_the_address_changes_before_shipping_but_not_after(orders_client, orders_consumer, sign_identity):
    customer = as_customer(sign_identity)
    order = paid_order(orders_client, orders_consumer, customer)
    new_address = {**ADDRESS, "address1": "부산 해운대구 센텀중앙로 79", "postcode": "48058", "note": "문 앞"}

    changed = orders_client.put(f"/api/orders/{order['id']}/shipping-address", json=new_address, headers=customer)
    seller = as_seller(sign_identity, SELLER)
    shipment_id = order["shipments"][0]["id"]
    orders_client.post(f"/api/shipments/{shipment_id}/confirmation", headers=seller)
    orders_client.post(
        f"/api/shipments/{shipment_id}/dispatch", json={"carrier": "cj", "tracking_number": "123456789012"}, headers=seller
    )
    too_late = orders_client.put(f"/api/orders/{order['id']}/shipping-address", json=ADDRESS, headers=customer)

    assert changed.status_code == 200
    assert changed.json["shipping_address"]["postcode"] == "48058"
    assert too_late.status_code == 409
    shown = orders_client.get(f"/api/orders/{order['id']}", headers=customer).json
    assert shown["shipping_address"]["note"] == "문 앞"


def test_moving_the_address_to_jeju_is_refused_because_it_changes_the_fee(orders_client, orders_consumer, sign_identity):
    customer = as_customer(sign_identity)
    order = paid_order(orders_client, orders_consumer, customer)

    refused = orders_client.put(
        f"/api/orders/{order['id']}/shipping-address", json={**ADDRESS, "postcode": "63309"}, headers=customer
    )

    assert refused.status_code == 422
    assert "postcode" in refused.json["errors"]


def shipping_settings(seller_id, base_fee, threshold, changed_at, remote=5000):
    return {
        "seller_id": seller_id,
        "methods": ["parcel"],
        "base_fee": base_fee,
        "free_shipping_threshold": threshold,
        "remote_area_extra_fee": remote,
        "return_fee": 3500,
        "exchange_fee": 7000,
        "changed_at": changed_at.isoformat(),
    }


def test_checkout_charges_the_fees_the_seller_last_announced(orders_client, orders_consumer, sign_identity):
    seller_id = new_id()
    now = datetime.now(timezone.utc)
    deliver(orders_consumer, "ShippingSettingsChanged", shipping_settings(seller_id, 2500, 20000, now))
    deliver(orders_consumer, "ShippingSettingsChanged", shipping_settings(seller_id, 9999, None, now - timedelta(hours=1)))
    customer = as_customer(sign_identity)

    under = placed(orders_client, customer, checkout(*items(new_id(), quantity=1, unit_price=19999, seller=seller_id)))
    over = placed(orders_client, customer, checkout(*items(new_id(), quantity=1, unit_price=20000, seller=seller_id)))
    jeju = placed(
        orders_client,
        customer,
        checkout(*items(new_id(), quantity=1, unit_price=20000, seller=seller_id), address={**ADDRESS, "postcode": "63309"}),
    )

    assert [o["shipping_fee"] for o in (under, over, jeju)] == [2500, 0, 5000]
    assert jeju["total_amount"] == 25000


def test_two_sellers_cancelling_their_parts_at_once_cancel_the_order_and_refund_it_exactly(
    orders_app, orders_client, orders_consumer, sign_identity
):
    customer = as_customer(sign_identity)
    other_seller = new_id()
    order = paid_order(
        orders_client,
        orders_consumer,
        customer,
        checkout(*items(new_id(), quantity=1, unit_price=20000), *items(new_id(), unit_price=9000, seller=other_seller)),
    )
    start, answers = threading.Barrier(2), []

    def cancel(shipment):
        start.wait()
        answers.append(
            orders_app.test_client().post(
                f"/api/shipments/{shipment['id']}/cancellation",
                json={"reason_code": "out_of_stock"},
                headers=as_seller(sign_identity, shipment["seller_id"]),
            ).status_code
        )

    threads = [threading.Thread(target=cancel, args=(shipment,)) for shipment in order["shipments"]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    after = orders_client.get(f"/api/orders/{order['id']}", headers=customer).json
    assert answers == [200, 200]
    assert (after["status"], after["refunded_amount"]) == ("cancelled", order["total_amount"])
