"""What support knows of orders and products follows orders' and catalog's events, late, early or out of
order, and an inquiry about an order shows it live: its status, carrier and tracking number.
"""
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

from servicekit.testing.events import deliver
from servicekit.testing.identities import as_customer
from support.models.order_view import KnownOrder, KnownProduct
from .people import new_id, opened

PAID_AT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class PaidOrder:
    """An order of two sellers, one line and one shipment each, and the news orders sends about it."""

    def __init__(self, customer_id):
        self.order_id, self.customer_id = new_id(), customer_id
        self.sellers = [new_id(), new_id()]
        self.shipments = [new_id(), new_id()]
        self.products = [new_id(), new_id()]

    def paid(self):
        return {
            "order_id": self.order_id, "order_number": "20260302000042", "customer_id": self.customer_id,
            "lines": [
                {"line_no": n + 1, "product_id": self.products[n], "seller_id": self.sellers[n],
                 "product_name": name, "quantity": 2, "unit_price": 12000}
                for n, name in enumerate(("Jeju green tea", "Celadon tea cup"))
            ],
            "shipments": [
                {"shipment_id": self.shipments[n], "seller_id": self.sellers[n], "shipping_fee": 3000, "discount": 0}
                for n in range(2)
            ],
            "items_amount": 48000, "shipping_fee": 6000, "discount": 0, "points_used": 0, "paid_amount": 54000,
            "paid_at": PAID_AT,
        }

    def about_shipment(self, n, minutes_after_payment, **fields):
        header = {"order_id": self.order_id, "order_number": "20260302000042", "shipment_id": self.shipments[n],
                  "seller_id": self.sellers[n], "customer_id": self.customer_id}
        return {**header, **fields}, PAID_AT + timedelta(minutes=minutes_after_payment)

    def preparing(self, n, minutes):
        data, at = self.about_shipment(n, minutes)
        return {**data, "confirmed_at": at}

    def shipped(self, n, minutes, tracking_number="601234567890"):
        data, at = self.about_shipment(n, minutes)
        return {**data, "carrier": "cj", "tracking_number": tracking_number, "shipped_at": at}

    def delivered(self, n, minutes):
        data, at = self.about_shipment(n, minutes)
        return {**data, "lines": [self.paid()["lines"][n]], "delivered_at": at}

    def units_cancelled(self, n, minutes, quantity):
        data, at = self.about_shipment(n, minutes)
        line = {"line_no": n + 1, "product_id": self.products[n], "quantity": quantity}
        return {**data, "cancellation_id": new_id(), "lines": [line], "reason": "out_of_stock", "cancelled_at": at}

    def cancelled(self, minutes):
        return {"order_id": self.order_id, "customer_id": self.customer_id, "reason": "customer_request",
                "detail": "changed mind", "cancelled_at": PAID_AT + timedelta(minutes=minutes)}


def order_in_inquiry(client, sign_identity, order):
    """Open an inquiry about the order as its customer, then read it back: the order as support shows it."""
    customer = as_customer(sign_identity, order.customer_id)
    inquiry = opened(client, customer, inquiry_type="shipping", subject="언제 오나요", order_id=order.order_id)
    return client.get(f"/api/inquiries/{inquiry['id']}", headers=customer).json["order"]


def shipment_states(shown):
    return [(s["status"], s["carrier"], s["tracking_number"]) for s in
            sorted(shown["shipments"], key=lambda s: s["shipment_id"])]


def in_shipment_order(order, *states):
    return [state for _, state in sorted(zip(order.shipments, states))]


def test_an_inquiry_shows_the_live_status_carrier_and_tracking_number_of_its_order(
    support_client, support_consumer, sign_identity
):
    order = PaidOrder(new_id())
    deliver(support_consumer, "OrderPaid", order.paid())
    deliver(support_consumer, "OrderPreparing", order.preparing(0, 10))
    deliver(support_consumer, "OrderShipped", order.shipped(0, 60))

    shown = order_in_inquiry(support_client, sign_identity, order)

    assert shown["status"] == "paid", "an order is as far along as its least advanced shipment"
    assert shipment_states(shown) == in_shipment_order(order, ("shipping", "cj", "601234567890"), ("paid", None, None))
    assert [(line["product_name"], line["quantity"], line["unit_price"]) for line in shown["lines"]] == [
        ("Jeju green tea", 2, 12000), ("Celadon tea cup", 2, 12000)
    ]

    deliver(support_consumer, "OrderShipped", order.shipped(1, 90, tracking_number="509876543210"))
    deliver(support_consumer, "OrderDelivered", order.delivered(0, 1440))
    deliver(support_consumer, "PurchaseConfirmed", {**order.delivered(0, 2000), "automatic": False,
                                                    "confirmed_at": PAID_AT + timedelta(minutes=2000)})
    shown = order_in_inquiry(support_client, sign_identity, order)

    assert shown["status"] == "shipping"
    assert shipment_states(shown) == in_shipment_order(
        order, ("purchase_confirmed", "cj", "601234567890"), ("shipping", "cj", "509876543210")
    )


def test_a_late_or_repeated_event_never_moves_a_shipment_back(support_client, support_consumer, sign_identity):
    order = PaidOrder(new_id())
    deliver(support_consumer, "OrderPaid", order.paid())
    deliver(support_consumer, "OrderShipped", order.shipped(0, 60))
    deliver(support_consumer, "OrderDelivered", order.delivered(0, 1440))

    deliver(support_consumer, "OrderPreparing", order.preparing(0, 10))
    deliver(support_consumer, "OrderShipped", order.shipped(0, 60))

    shown = order_in_inquiry(support_client, sign_identity, order)
    delivered = next(s for s in shown["shipments"] if s["shipment_id"] == order.shipments[0])
    assert (delivered["status"], delivered["tracking_number"]) == ("delivered", "601234567890")


def test_a_carrier_and_tracking_number_heard_after_the_delivery_are_still_shown(
    support_client, support_consumer, sign_identity
):
    order = PaidOrder(new_id())
    deliver(support_consumer, "OrderPaid", order.paid())
    deliver(support_consumer, "OrderDelivered", order.delivered(0, 1440))

    deliver(support_consumer, "OrderShipped", order.shipped(0, 60))

    shown = order_in_inquiry(support_client, sign_identity, order)
    assert shipment_states(shown) == in_shipment_order(order, ("delivered", "cj", "601234567890"), ("paid", None, None))


def test_shipments_shipped_before_support_heard_of_the_payment_show_shipping_once_it_comes(
    support_runtime, support_client, support_consumer, sign_identity
):
    order = PaidOrder(new_id())

    deliver(support_consumer, "OrderShipped", order.shipped(0, 60))
    deliver(support_consumer, "OrderPreparing", order.preparing(1, 10))
    deliver(support_consumer, "OrderShipped", order.shipped(1, 90, tracking_number="509876543210"))
    refused = support_client.post(
        "/api/inquiries", headers=as_customer(sign_identity, order.customer_id),
        json={"inquiry_type": "shipping", "subject": "x", "body": "y", "order_id": order.order_id},
    )
    assert refused.status_code == 422, "an order is shown only once support knows its lines, from its payment"

    deliver(support_consumer, "OrderPaid", order.paid())

    shown = order_in_inquiry(support_client, sign_identity, order)
    assert (shown["status"], shown["order_number"]) == ("shipping", "20260302000042")
    assert shipment_states(shown) == in_shipment_order(
        order, ("shipping", "cj", "601234567890"), ("shipping", "cj", "509876543210")
    )
    with support_runtime.unit_of_work() as uow:
        assert uow.session.get(KnownOrder, order.order_id).updated_at == PAID_AT + timedelta(minutes=90)


def test_news_handled_at_the_same_moment_as_the_payment_by_another_worker_is_not_lost(
    support_runtime, support_consumer
):
    orders = [PaidOrder(new_id()) for _ in range(20)]
    side_by_side = threading.Barrier(2)

    def pay_each():
        for order in orders:
            side_by_side.wait()
            deliver(support_consumer, "OrderPaid", order.paid())

    def ship_each():
        for order in orders:
            side_by_side.wait()
            deliver(support_consumer, "OrderShipped", order.shipped(0, 60))
            deliver(support_consumer, "OrderShipped", order.shipped(1, 90))

    with ThreadPoolExecutor(2) as workers:
        for done in [workers.submit(pay_each), workers.submit(ship_each)]:
            done.result()

    with support_runtime.unit_of_work() as uow:
        statuses = [uow.session.get(KnownOrder, order.order_id).status for order in orders]
    assert statuses == ["shipping"] * len(orders)


def test_a_delivery_and_a_cancellation_before_the_payment_are_kept_in_the_order_support_then_learns(
    support_client, support_consumer, sign_identity
):
    order = PaidOrder(new_id())

    deliver(support_consumer, "OrderShipped", order.shipped(0, 60))
    deliver(support_consumer, "ShipmentCancelled", order.units_cancelled(1, 5, quantity=2))
    deliver(support_consumer, "OrderDelivered", order.delivered(0, 1440))
    deliver(support_consumer, "OrderPaid", order.paid())
    deliver(support_consumer, "OrderPreparing", order.preparing(0, 10))

    shown = order_in_inquiry(support_client, sign_identity, order)
    assert shipment_states(shown) == in_shipment_order(
        order, ("delivered", "cj", "601234567890"), ("cancelled", None, None)
    )
    assert [line["quantity"] for line in shown["lines"]] == [2, 0]
    assert shown["status"] == "delivered"


def test_cancelling_every_unit_of_a_sellers_part_cancels_their_shipment_and_parts_leave_it_live(
    support_client, support_consumer, sign_identity
):
    order = PaidOrder(new_id())
    deliver(support_consumer, "OrderPaid", order.paid())

    deliver(support_consumer, "ShipmentCancelled", order.units_cancelled(0, 5, quantity=1))
    shown = order_in_inquiry(support_client, sign_identity, order)
    assert [line["quantity"] for line in shown["lines"]] == [1, 2]
    assert shown["status"] == "paid" and {s["status"] for s in shown["shipments"]} == {"paid"}

    deliver(support_consumer, "ShipmentCancelled", order.units_cancelled(0, 8, quantity=1))
    deliver(support_consumer, "OrderPreparing", order.preparing(1, 10))
    shown = order_in_inquiry(support_client, sign_identity, order)
    assert shipment_states(shown) == in_shipment_order(order, ("cancelled", None, None), ("preparing", None, None))
    assert shown["status"] == "preparing", "a cancelled shipment does not hold the order back"


def test_a_cancelled_order_shows_cancelled_and_an_unknown_one_stays_unknown(
    support_runtime, support_client, support_consumer, sign_identity
):
    order, never_paid = PaidOrder(new_id()), PaidOrder(new_id())
    deliver(support_consumer, "OrderPaid", order.paid())

    deliver(support_consumer, "OrderCancelled", order.cancelled(20))
    deliver(support_consumer, "OrderCancelled", never_paid.cancelled(20))

    shown = order_in_inquiry(support_client, sign_identity, order)
    assert shown["status"] == "cancelled" and {s["status"] for s in shown["shipments"]} == {"cancelled"}
    with support_runtime.unit_of_work() as uow:
        assert uow.session.get(KnownOrder, never_paid.order_id) is None


def test_a_listed_product_is_asked_about_with_its_seller_and_keeps_its_newest_name(
    support_runtime, support_client, support_consumer, sign_identity
):
    product_id, seller_id = new_id(), new_id()
    listed_at = datetime(2026, 3, 1, tzinfo=timezone.utc)
    deliver(support_consumer, "ProductListed", {"product_id": product_id, "seller_id": seller_id,
                                                "name": "Celadon tea cup", "listed_at": listed_at})
    for name, hours in (("Celadon tea cup, large", 2), ("Celadon tea cup, small", 1)):
        deliver(support_consumer, "ProductChanged", {"product_id": product_id, "seller_id": seller_id, "name": name,
                                                     "status": "on_sale", "changed_at": listed_at + timedelta(hours=hours)})

    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="product", product_id=product_id)

    assert (inquiry["owner"], inquiry["seller_id"]) == ("seller", seller_id)
    with support_runtime.unit_of_work() as uow:
        assert uow.session.get(KnownProduct, product_id).name == "Celadon tea cup, large"

