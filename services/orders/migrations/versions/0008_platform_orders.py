"""The platform's count of orders in the daily sales rollup: each order once, at the seller of its first
shipment, so an order of several sellers is not counted once per seller in platform-wide reports.

Revision ID: 0008
Revises: 0007
"""
from collections import Counter

import sqlalchemy as sa
from alembic import op

from servicekit.korean_calendar import korean_day
from servicekit.types import UtcDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sales_daily") as daily:
        daily.add_column(sa.Column("platform_orders", sa.Integer, nullable=False, server_default="0"))
    _count_paid_orders_once(op.get_bind())


def _count_paid_orders_once(connection) -> None:
    """Each paid order so far, counted on its payment's Korean day at its lowest seller id, as record_sale
    counts the orders paid from now on."""
    orders = sa.table("orders", sa.column("id"), sa.column("paid_at", UtcDateTime()))
    shipments = sa.table("shipments", sa.column("order_id"), sa.column("seller_id"))
    first_sellers = (
        sa.select(orders.c.paid_at, sa.func.min(shipments.c.seller_id))
        .join(shipments, shipments.c.order_id == orders.c.id)
        .where(orders.c.paid_at.is_not(None))
        .group_by(orders.c.id, orders.c.paid_at)
    )
    counted = Counter((seller_id, korean_day(paid_at)) for paid_at, seller_id in connection.execute(first_sellers))
    if not counted:
        return
    daily = sa.table("sales_daily", sa.column("seller_id"), sa.column("day"), sa.column("platform_orders"))
    connection.execute(
        sa.update(daily)
        .where(daily.c.seller_id == sa.bindparam("seller"), daily.c.day == sa.bindparam("paid_on"))
        .values(platform_orders=sa.bindparam("orders")),
        [{"seller": seller, "paid_on": day, "orders": number} for (seller, day), number in counted.items()],
    )


def downgrade() -> None:
    with op.batch_alter_table("sales_daily") as daily:
        daily.drop_column("platform_orders")
