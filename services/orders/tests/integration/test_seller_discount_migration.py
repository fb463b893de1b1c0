"""Shipments placed before orders kept the seller coupon's part of a discount get it from the coupons their
order used, recomputed as checkout computed it; where the coupons no longer tell, it stays unknown, never 0."""
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from servicekit.db import make_engine
from servicekit.migrations import upgrade

from .journey import new_id

SERVICE_DIR = Path(__file__).resolve().parents[2]
AT = datetime(2024, 5, 1, tzinfo=timezone.utc)
SELLER_A, SELLER_B = new_id(), new_id()


def coupon(connection, seller_id, discount_type, value):
    coupon_id = new_id()
    connection.execute(
        sa.text(
            "INSERT INTO coupons (id, seller_id, name, discount_type, discount_value, min_order_amount, starts_at,"
            " ends_at, issued_count, created_at) VALUES (:id, :seller, 'sale', :type, :value, 0, :at, :ends, 1, :at)"
        ),
        {"id": coupon_id, "seller": seller_id, "type": discount_type, "value": value, "at": AT,
         "ends": datetime(2099, 1, 1, tzinfo=timezone.utc)},
    )
    return coupon_id


def order(connection, status, shipments, used_coupons=()):
    """An order of `shipments` (seller, items, discount), one line each in that order, that used `used_coupons`."""
    order_id = new_id()
    items = sum(amount for _, amount, _ in shipments)
    discount = sum(off for _, _, off in shipments)
    connection.execute(
        sa.text(
            "INSERT INTO orders (id, order_number, customer_id, status, total_amount, items_amount, shipping_fee,"
            " discount, points_used, refunded_amount, payment_provider, created_at, updated_at)"
            " VALUES (:id, :number, :customer, :status, :total, :items, 0, :discount, 0, 0, 'test', :at, :at)"
        ),
        {"id": order_id, "number": order_id[:20], "customer": new_id(), "status": status, "total": items - discount,
         "items": items, "discount": discount, "at": AT},
    )
    shipment_ids = {}
    for line_no, (seller_id, amount, off) in enumerate(shipments, start=1):
        shipment_id = shipment_ids[seller_id] = new_id()
        connection.execute(
            sa.text(
                "INSERT INTO shipments (id, order_id, seller_id, status, items_amount, shipping_fee, discount,"
                " created_at, updated_at) VALUES (:id, :order, :seller, :status, :items, 0, :discount, :at, :at)"
            ),
            {"id": shipment_id, "order": order_id, "seller": seller_id, "status": status, "items": amount,
             "discount": off, "at": AT},
        )
        connection.execute(
            sa.text(
                "INSERT INTO order_lines (order_id, line_no, shipment_id, product_id, quantity, unit_price, seller_id)"
                " VALUES (:order, :line_no, :shipment, :product, 1, :price, :seller)"
            ),
            {"order": order_id, "line_no": line_no, "shipment": shipment_id, "product": new_id(), "price": amount,
             "seller": seller_id},
        )
    for coupon_id in used_coupons:
        connection.execute(
            sa.text(
                "INSERT INTO issued_coupons (id, coupon_id, customer_id, source, issued_at, used_order_id, used_at)"
                " VALUES (:id, :coupon, :customer, 'download', :at, :order, :at)"
            ),
            {"id": new_id(), "coupon": coupon_id, "customer": new_id(), "at": AT, "order": order_id},
        )
    return shipment_ids


def test_the_upgrade_backfills_each_shipments_seller_discount_from_the_coupons_its_order_used(each_database_url):
    upgrade(SERVICE_DIR, each_database_url, "0008")
    engine = make_engine(each_database_url)
    with engine.begin() as connection:
        # B's coupon: 10% of B's 10000. The platform's 1000 over 20000 (A) and 10000 (B): 666 and 333, the
        # remainder to A.
        both = order(
            connection,
            "paid",
            [(SELLER_B, 10_000, 1000 + 333), (SELLER_A, 20_000, 667)],
            [coupon(connection, SELLER_B, "percent", 10), coupon(connection, None, "fixed", 1000)],
        )
        none = order(connection, "paid", [(SELLER_A, 5_000, 0)])
        # Cancelled as a whole: its coupon went back, so nothing tells whose the 500 won were.
        released = order(connection, "cancelled", [(SELLER_A, 5_000, 500)])

    upgrade(SERVICE_DIR, each_database_url)

    with engine.connect() as connection:
        seller_discounts = dict(connection.execute(sa.text("SELECT id, seller_discount FROM shipments")).all())
    engine.dispose()
    assert seller_discounts[both[SELLER_B]] == 1000
    assert seller_discounts[both[SELLER_A]] == 0
    assert seller_discounts[none[SELLER_A]] == 0
    assert seller_discounts[released[SELLER_A]] is None
