"""The walking skeleton's journey, through the gateway only: sign up, list, order, reserve, pay."""
import uuid

from sqlalchemy import create_engine, select

from contracts import REGISTRY
from contracts.jsonschema import validate_wire
from servicekit.bus.tables import outbox
from servicekit.db import sqlalchemy_url
from e2e.journey import checkout, line, list_product, place_order, settled


def test_customer_order_is_paid_once_catalog_reserves_the_stock(new_seller, new_customer, platform):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, price=12000, stock=5)

    placed = place_order(customer, product, 2)
    assert placed.status_code == 202
    assert placed.json()["status"] == "pending"
    assert placed.headers["Location"].endswith(placed.json()["id"])

    order = settled(customer, placed.json()["id"])
    assert order["status"] == "paid"
    # 24000 won is under the default 50000 free-shipping threshold: the 3000 won fee is added.
    assert (order["items_amount"], order["shipping_fee"], order["total_amount"]) == (24000, 3000, 27000)
    assert customer.get(f"/api/products/{product['id']}").json()["stock"] == 3


def test_order_beyond_stock_is_cancelled_with_the_reason(new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, stock=1)

    order = settled(customer, place_order(customer, product, 3).json()["id"])
    assert order["status"] == "cancelled"
    assert order["cancel_reason"] == "insufficient_stock"
    assert customer.get(f"/api/products/{product['id']}").json()["stock"] == 1


def test_order_at_a_price_that_changed_is_cancelled(new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, price=9900)

    response = customer.post("/api/orders", json=checkout(line(product, 1, unit_price=8900)))
    assert settled(customer, response.json()["id"])["cancel_reason"] == "price_changed"


def test_a_customer_cannot_read_another_customers_order(new_seller, new_customer):
    seller, owner, stranger = new_seller(), new_customer(), new_customer()
    order_id = place_order(owner, list_product(seller), 1).json()["id"]

    response = stranger.get(f"/api/orders/{order_id}")
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert order_id not in [o["id"] for o in stranger.get("/api/orders").json()]


def test_sellers_see_only_orders_for_their_own_products(new_seller, new_customer):
    seller, other_seller, customer = new_seller(), new_seller(), new_customer()
    order_id = place_order(customer, list_product(seller), 1).json()["id"]
    settled(customer, order_id)

    assert order_id in [o["id"] for o in seller.get("/api/orders").json()]
    assert order_id not in [o["id"] for o in other_seller.get("/api/orders").json()]
    assert other_seller.get(f"/api/orders/{order_id}").status_code == 404


def test_a_repeated_order_request_with_the_same_idempotency_key_places_one_order(new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, stock=10)
    key = {"Idempotency-Key": uuid.uuid4().hex}

    first = place_order(customer, product, 1, headers=dict(key))
    again = place_order(customer, product, 1, headers=dict(key))
    assert again.status_code == 202
    assert again.json()["id"] == first.json()["id"]
    settled(customer, first.json()["id"])
    assert customer.get(f"/api/products/{product['id']}").json()["stock"] == 9


def test_anonymous_visitors_browse_products_but_cannot_order(platform, new_seller):
    from deploy.client import GatewayClient

    product = list_product(new_seller())
    visitor = GatewayClient(platform.gateway_url)
    assert visitor.get(f"/api/products/{product['id']}").status_code == 200
    assert product["id"] in [p["id"] for p in visitor.get("/api/products", params={"page_size": 100}).json()]
    assert place_order(visitor, product, 1).status_code == 401


def test_every_event_published_in_the_journey_matches_its_contract(platform, new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    settled(customer, place_order(customer, list_product(seller), 1).json()["id"])

    checked = set()
    for service in ("auth", "catalog", "orders"):
        engine = create_engine(sqlalchemy_url(platform.database_url(service)))
        with engine.connect() as connection:
            for payload in connection.execute(select(outbox.c.payload)).scalars():
                contract = validate_wire(payload)
                # Subscribers parse the data with the contract's schema, as their handlers do.
                REGISTRY.get(contract.name, contract.version).load(payload["data"])
                checked.add(contract.routing_key)
        engine.dispose()
    assert {"SellerApproved.v1", "OrderPlaced.v1", "StockReserved.v1", "OrderPaid.v1"} <= checked


def test_the_request_id_follows_the_order_through_every_event_it_causes(platform, new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    placed = place_order(customer, list_product(seller), 1)
    request_id = placed.headers["X-Request-Id"]
    settled(customer, placed.json()["id"])

    def events_of(service):
        engine = create_engine(sqlalchemy_url(platform.database_url(service)))
        with engine.connect() as connection:
            payloads = list(connection.execute(select(outbox.c.payload)).scalars())
        engine.dispose()
        return [p for p in payloads if p["data"].get("order_id") == placed.json()["id"]]

    order_placed = next(p for p in events_of("orders") if p["type"] == "OrderPlaced")
    stock_reserved = next(p for p in events_of("catalog") if p["type"] == "StockReserved")
    order_paid = next(p for p in events_of("orders") if p["type"] == "OrderPaid")
    assert order_placed["correlation_id"] == stock_reserved["correlation_id"] == order_paid["correlation_id"]
    assert order_placed["correlation_id"] == request_id
    assert stock_reserved["causation_id"] == order_placed["id"]
    assert order_paid["causation_id"] == stock_reserved["id"]
