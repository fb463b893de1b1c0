"""News of a shipment that comes before its order's payment is kept until the payment, instead of dropped.

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "early_shipment_news",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("shipment_id", sa.String(length=36), nullable=False),
        sa.Column("seller_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("carrier", sa.String(length=20), nullable=True),
        sa.Column("tracking_number", sa.String(length=40), nullable=True),
        sa.Column("cancelled_units", sa.JSON(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("early_shipment_news", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_early_shipment_news_order_id"), ["order_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("early_shipment_news", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_early_shipment_news_order_id"))
    op.drop_table("early_shipment_news")
