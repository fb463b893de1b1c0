"""Orders paid before the platform counted each order once are counted by the migration that adds the count,
so platform-wide reports of earlier days do not count an order of two sellers twice either."""
from datetime import date, datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from servicekit.db import make_engine
from servicekit.migrations import upgrade

from .journey import new_id

SERVICE_DIR = Path(__file__).resolve().parents[2]
LOWER_SELLER, HIGHER_SELLER = "00000000-0000-4000-8000-00000000000a", "ffffffff-0000-4000-8000-00000000000b"
# 23:30 UTC on 1 March is 08:30 on 2 March in Korea: the day the rollup counted the sale on.
PAID_AT = datetime(2022, 3, 1, 23, 30, tzinfo=timezone.utc)
KOREAN_DAY = date(2022, 3, 2)


def paid(connection, *sellers, paid_at=PAID_AT):
    order_id = new_id()
    connection.execute(
        sa.text(
            "INSERT INTO orders (id, order_number, customer_id, status, total_amount, items_amount, shipping_fee,"
            " discount, points_used, refunded_amount, payment_provider, created_at, updated_at, paid_at)"
            " VALUES (:id, :number, :customer, 'paid', 1000, 1000, 0, 0, 0, 0, 'test', :at, :at, :paid_at)"
        ),
        {"id": order_id, "number": order_id[:20], "customer": new_id(), "at": PAID_AT, "paid_at": paid_at},
    )
    for seller in sellers:
        connection.execute(
            sa.text(
                "INSERT INTO shipments (id, order_id, seller_id, status, items_amount, shipping_fee, discount,"
                " created_at, updated_at, paid_at) VALUES (:id, :order, :seller, 'paid', 1000, 0, 0, :at, :at, :paid_at)"
            ),
            {"id": new_id(), "order": order_id, "seller": seller, "at": PAID_AT, "paid_at": paid_at},
        )


def test_each_order_paid_before_the_upgrade_counts_once_for_the_platform(each_database_url):
    upgrade(SERVICE_DIR, each_database_url, "0007")
    engine = make_engine(each_database_url)
    with engine.begin() as connection:
        paid(connection, LOWER_SELLER, HIGHER_SELLER)
        paid(connection, HIGHER_SELLER)
        paid(connection, LOWER_SELLER, paid_at=None)
        for seller in (LOWER_SELLER, HIGHER_SELLER):
            connection.execute(
                sa.text("INSERT INTO sales_daily (seller_id, day, orders) VALUES (:seller, :day, :orders)"),
                {"seller": seller, "day": KOREAN_DAY, "orders": 1 if seller == LOWER_SELLER else 2},
            )

    upgrade(SERVICE_DIR, each_database_url)

    with engine.connect() as connection:
        counted = dict(connection.execute(sa.text("SELECT seller_id, platform_orders FROM sales_daily")).all())
    engine.dispose()
    assert counted == {LOWER_SELLER: 1, HIGHER_SELLER: 1}
