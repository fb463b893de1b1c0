"""Nothing is lost and nothing applied twice when the broker or a worker goes away mid-stream, and
nothing waits for ever for an answer that was lost."""
import json
import uuid
from contextlib import contextmanager

import pika

from servicekit.testing import wait_for
from e2e.journey import list_product, place_order, settled


def test_orders_placed_while_the_broker_is_down_are_paid_after_it_returns(platform, new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, stock=20)

    platform.broker.cut()
    try:
        placed = [place_order(customer, product, 2) for _ in range(5)]
        assert [r.status_code for r in placed] == [202] * 5
        assert all(customer.get(f"/api/orders/{r.json()['id']}").json()["status"] == "pending" for r in placed)
    finally:
        platform.broker.restore()

    orders = [settled(customer, r.json()["id"], timeout=60) for r in placed]
    assert [o["status"] for o in orders] == ["paid"] * 5
    # Stock went down exactly once per order, whatever was retried or redelivered.
    assert customer.get(f"/api/products/{product['id']}").json()["stock"] == 10


def test_orders_wait_for_a_killed_catalog_worker_and_are_reserved_once_it_is_back(platform, new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, stock=6)

    platform.kill("catalog-worker")
    try:
        placed = [place_order(customer, product, 1).json()["id"] for _ in range(3)]
        # The events wait in catalog's durable queue while no worker is there.
        assert all(customer.get(f"/api/orders/{order_id}").json()["status"] == "pending" for order_id in placed)
    finally:
        platform.start_worker("catalog")

    assert [settled(customer, order_id, timeout=60)["status"] for order_id in placed] == ["paid"] * 3
    assert customer.get(f"/api/products/{product['id']}").json()["stock"] == 3


def test_a_killed_orders_web_process_is_replaced_and_keeps_every_accepted_order(platform, new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, stock=4)
    accepted = place_order(customer, product, 1).json()["id"]

    platform.kill("orders-web")
    assert customer.get(f"/api/orders/{accepted}").status_code == 503
    platform.start_web("orders")
    platform.wait_until_ready()

    assert wait_for(lambda: settled(customer, accepted)["status"] == "paid", what="order paid")


@contextmanager
def orders_worker_giving_up_after(platform, minutes: float):
    """The orders worker restarted with a short deadline for placed orders, and with its usual one after.

    The shared platform keeps the 15 minutes: other tests wait out outages of up to a minute.
    """
    platform.kill("orders-worker")
    platform.start_worker("orders", ORDER_PENDING_TIMEOUT_MINUTES=str(minutes))
    try:
        yield
    finally:
        platform.kill("orders-worker")
        platform.start_worker("orders")


def test_an_order_whose_stock_answer_never_takes_effect_is_cancelled_as_timed_out_and_its_stock_comes_back(
    platform, new_seller, new_customer
):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, stock=5)

    def stock():
        return customer.get(f"/api/products/{product['id']}").json()["stock"]

    with orders_worker_giving_up_after(platform, minutes=0.1):
        # Catalog holds the stock, but its StockReserved fails at a payment provider that never
        # answers, is retried and dead-lettered: the order gets no answer it can act on.
        placed = place_order(customer, product, 2, token="tok_unreachable")
        assert placed.status_code == 202, placed.text
        wait_for(lambda: stock() == 3, what="catalog to hold the order's stock")
        order = settled(customer, placed.json()["id"], timeout=30)

    assert (order["status"], order["cancel_reason"], order["paid_at"]) == ("cancelled", "timed_out", None)
    assert "could not be confirmed in time" in order["cancel_detail"]
    assert wait_for(lambda: stock() == 5, what="catalog to release the stock of the cancelled order")


def test_a_message_that_is_not_json_is_set_aside_and_the_next_order_is_paid_at_once(platform, new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, stock=3)
    junk = f"this is {{not json {uuid.uuid4()}".encode()
    # Published as an outsider would, on a real event's routing key.
    broker_url = platform.env["BROKER_URL"].rstrip("/") + "/%2F"  # kombu's `//` is pika's `/%2F`: vhost "/"
    connection = pika.BlockingConnection(pika.URLParameters(broker_url))
    try:
        connection.channel().basic_publish(
            exchange=f"{platform.env['BUS_NAMESPACE']}.events",
            routing_key="OrderPlaced.v1",
            body=junk,
            properties=pika.BasicProperties(content_type="application/json", delivery_mode=2),
        )
    finally:
        connection.close()

    order = place_order(customer, product, 1).json()
    assert settled(customer, order["id"], timeout=10)["status"] == "paid"

    def listed():
        shown = platform.run_cli("-m", "servicekit.bus.deadletter", "list", "catalog")
        assert shown.returncode == 0, shown.stderr
        return [entry for entry in map(json.loads, shown.stdout.splitlines()) if entry.get("body") == junk.decode()]

    letter = wait_for(listed, what="the junk in catalog's dead-letter queue")[0]
    assert letter["reason"].startswith("unreadable: not JSON")
    assert not letter["replayable"]
