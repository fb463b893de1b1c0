"""Orders tables and the bus tables.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

from servicekit.bus.tables import create_bus_tables, drop_bus_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_bus_tables(op.get_bind())
    op.create_table(
        "orders",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(36), nullable=False, index=True),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("cancel_reason", sa.String(40)),
        sa.Column("cancel_detail", sa.Text),
        sa.Column("total_amount", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True)),
        sa.Column("cancelled_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("status IN ('pending', 'confirmed', 'cancelled')", name="ck_orders_status"),
        sa.CheckConstraint("total_amount >= 0", name="ck_orders_total_not_negative"),
    )
    op.create_table(
        "order_lines",
        sa.Column("order_id", sa.String(36), sa.ForeignKey("orders.id"), primary_key=True),
        sa.Column("line_no", sa.Integer, primary_key=True),
        sa.Column("product_id", sa.String(36), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("unit_price", sa.Integer, nullable=False),
        sa.Column("seller_id", sa.String(36), index=True),
        sa.Column("product_name", sa.String(200)),
        sa.CheckConstraint("quantity > 0", name="ck_order_lines_quantity_positive"),
        sa.CheckConstraint("unit_price >= 0", name="ck_order_lines_unit_price_not_negative"),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("customer_id", sa.String(36), primary_key=True),
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("request_fingerprint", sa.String(64), nullable=False),
        sa.Column("order_id", sa.String(36), sa.ForeignKey("orders.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for table in ("idempotency_keys", "order_lines", "orders"):
        op.drop_table(table)
    drop_bus_tables(op.get_bind())
