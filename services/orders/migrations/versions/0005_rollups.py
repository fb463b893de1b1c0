"""Sales statistics rollups: sales and refunds per seller and Korean day in total, and per day and
month for each product and each category.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

MEASURES = ("units", "revenue", "refunds", "refunded_units")
# Table, its period column, and the columns after it: the rollups by product and by category.
BREAKDOWN_ROLLUPS = (
    ("sales_daily_products", "day", ("product_id", "category_id")),
    ("sales_monthly_products", "month", ("product_id", "category_id")),
    ("sales_daily_categories", "day", ("category_id",)),
    ("sales_monthly_categories", "month", ("category_id",)),
)


def _measures() -> list[sa.Column]:
    return [sa.Column(name, sa.BigInteger, nullable=False, server_default="0") for name in MEASURES]


def upgrade() -> None:
    op.create_table(
        "sales_daily",
        sa.Column("seller_id", sa.String(36), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("orders", sa.Integer, nullable=False, server_default="0"),
        *_measures(),
    )
    op.create_index("ix_sales_daily_day", "sales_daily", ["day"])
    for table, period, keys in BREAKDOWN_ROLLUPS:
        # The first key is in the primary key; a product's category is not, a category's is.
        op.create_table(
            table,
            sa.Column("seller_id", sa.String(36), primary_key=True),
            sa.Column(period, sa.Date, primary_key=True),
            sa.Column(keys[0], sa.String(36), primary_key=True),
            *[sa.Column(key, sa.String(36)) for key in keys[1:]],
            *_measures(),
        )
        op.create_index(f"ix_{table}_{period}", table, [period])


def downgrade() -> None:
    for table, period, _ in reversed(BREAKDOWN_ROLLUPS):
        op.drop_index(f"ix_{table}_{period}", table)
        op.drop_table(table)
    op.drop_index("ix_sales_daily_day", "sales_daily")
    op.drop_table("sales_daily")
