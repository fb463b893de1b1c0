"""Nothing waits for ever: an order catalog never answered (its OrderPlaced or the answer dead-lettered)
is cancelled as timed_out by the worker, with its points and coupon back, and a late answer pays nothing;
a charge the answer's handler made before it failed is refunded.
"""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from contracts.jsonschema import validate_wire
from orders import sales_statistics
from orders.checkout import TIMED_OUT_DETAIL, cancel_timed_out_orders
from orders.models import Order
from orders.payments import PaymentProviderUnreachable, TestPaymentProvider
from servicekit.testing.events import deliver
from servicekit.testing.identities import as_admin, as_customer
from .journey import checkout, items, new_id, placed, recorded, stock_reserved

TIMEOUT = timedelta(minutes=15)


def placed_minutes_ago(runtime, order, minutes):
    with runtime.engine.begin() as connection:
        connection.execute(
            update(Order)
            .where(Order.id == order["id"])
            .values(created_at=datetime.now(timezone.utc) - timedelta(minutes=minutes))
        )


def shown(client, headers, order):
    return client.get(f"/api/orders/{order['id']}", headers=headers).json


def test_an_order_catalog_never_answered_is_cancelled_as_timed_out_with_its_points_and_coupon_back(
    orders_runtime, orders_client, sign_identity
):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    admin = as_admin(sign_identity)
    adjusted = orders_client.post(
        "/api/points/adjustments", json={"customer_id": customer_id, "amount": 1000, "reason": "Welcome"}, headers=admin
    )
    assert adjusted.status_code == 201, adjusted.json
    coupon = orders_client.post(
        "/api/coupons",
        json={
            "name": "Welcome",
            "discount_type": "fixed",
            "discount_value": 2_000,
            "min_order_amount": 10_000,
            "starts_at": (datetime.now(timezone.utc) - timedelta(days=1)).isoformat(),
            "ends_at": (datetime.now(timezone.utc) + timedelta(days=30)).isoformat(),
        },
        headers=admin,
    ).json
    issued = orders_client.post(f"/api/coupons/{coupon['id']}/downloads", headers=customer).json["id"]
    order = placed(orders_client, customer, checkout(*items(new_id()), points=500, coupon_ids=[issued]))
    recent = placed(orders_client, customer)
    placed_minutes_ago(orders_runtime, order, 16)

    cancel_timed_out_orders(orders_runtime, TIMEOUT)
    cancel_timed_out_orders(orders_runtime, TIMEOUT)

    cancelled = shown(orders_client, customer, order)
    assert (cancelled["status"], cancelled["cancel_reason"]) == ("cancelled", "timed_out")
    assert cancelled["cancel_detail"] == TIMED_OUT_DETAIL
    assert [s["status"] for s in cancelled["shipments"]] == ["cancelled"]
    assert shown(orders_client, customer, recent)["status"] == "pending"
    assert orders_client.get("/api/points", headers=customer).json["balance"] == 1000
    assert [c["id"] for c in orders_client.get("/api/coupons/mine", headers=customer).json] == [issued]
    announced = recorded(orders_runtime, order["id"], "OrderCancelled")
    assert len(announced) == 1
    validate_wire(announced[0])
    assert announced[0]["data"]["reason"] == "timed_out"


def test_a_stock_reserved_after_the_timeout_takes_no_payment(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    customer = as_customer(sign_identity)
    order = placed(orders_client, customer)
    placed_minutes_ago(orders_runtime, order, 16)
    cancel_timed_out_orders(orders_runtime, TIMEOUT)

    handled = deliver(orders_consumer, "StockReserved", stock_reserved(order))

    assert handled is True
    late = shown(orders_client, customer, order)
    assert (late["status"], late["cancel_reason"], late["paid_at"]) == ("cancelled", "timed_out", None)
    assert [event["type"] for event in recorded(orders_runtime, order["id"])] == ["OrderPlaced", "OrderCancelled"]


def test_an_order_whose_answer_is_being_handled_is_left_to_that_answer(orders_runtime, orders_client, sign_identity):
    customer = as_customer(sign_identity)
    order = placed(orders_client, customer)
    placed_minutes_ago(orders_runtime, order, 16)

    with orders_runtime.unit_of_work() as handling_the_answer:
        handling_the_answer.session.execute(select(Order).where(Order.id == order["id"]).with_for_update())
        cancel_timed_out_orders(orders_runtime, TIMEOUT)
        assert shown(orders_client, customer, order)["status"] == "pending"
        handling_the_answer.commit()

    cancel_timed_out_orders(orders_runtime, TIMEOUT)
    assert shown(orders_client, customer, order)["cancel_reason"] == "timed_out"


def test_an_order_whose_payment_provider_does_not_answer_waits_for_its_deadline_and_is_never_charged(
    orders_runtime, orders_client, orders_consumer, sign_identity
):
    customer = as_customer(sign_identity)
    order = placed(orders_client, customer, checkout(*items(new_id()), token="tok_unreachable"))

    # The consumer retries the answer and dead-letters it after the last try.
    with pytest.raises(PaymentProviderUnreachable):
        deliver(orders_consumer, "StockReserved", stock_reserved(order))
    assert shown(orders_client, customer, order)["status"] == "pending"
    placed_minutes_ago(orders_runtime, order, 16)
    cancel_timed_out_orders(orders_runtime, TIMEOUT)

    cancelled = shown(orders_client, customer, order)
    assert (cancelled["status"], cancelled["cancel_reason"], cancelled["paid_at"]) == ("cancelled", "timed_out", None)
    assert [event["type"] for event in recorded(orders_runtime, order["id"])] == ["OrderPlaced", "OrderCancelled"]


def test_an_order_charged_by_an_answer_that_then_failed_is_refunded_when_it_times_out(
    orders_runtime, orders_client, orders_consumer, sign_identity, monkeypatch
):
    customer = as_customer(sign_identity)
    order = placed(orders_client, customer)

    def fails_after_the_charge(*args, **kwargs):
        raise RuntimeError("the rollups are away")

    # Every try of the answer fails after the provider took the money, until it is dead-lettered.
    with monkeypatch.context() as failing:
        failing.setattr(sales_statistics, "record_sale", fails_after_the_charge)
        with pytest.raises(RuntimeError):
            deliver(orders_consumer, "StockReserved", stock_reserved(order))
    refunds = []
    refund = TestPaymentProvider.refund
    monkeypatch.setattr(
        TestPaymentProvider, "refund", lambda self, **asked: refunds.append(asked) or refund(self, **asked)
    )
    placed_minutes_ago(orders_runtime, order, 16)

    cancel_timed_out_orders(orders_runtime, TIMEOUT)
    cancel_timed_out_orders(orders_runtime, TIMEOUT)

    cancelled = shown(orders_client, customer, order)
    assert (cancelled["status"], cancelled["cancel_reason"], cancelled["paid_at"]) == ("cancelled", "timed_out", None)
    assert cancelled["refunded_amount"] == order["total_amount"]
    assert "refunded" in cancelled["cancel_detail"]
    assert [asked["amount"] for asked in refunds] == [order["total_amount"]]
    assert [event["type"] for event in recorded(orders_runtime, order["id"])] == ["OrderPlaced", "OrderCancelled"]
