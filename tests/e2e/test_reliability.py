"""Nothing is lost and nothing applied twice when the broker or a worker goes away mid-stream."""
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
