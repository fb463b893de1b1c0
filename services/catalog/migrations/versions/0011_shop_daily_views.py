"""Each shop's product page views and visitors per Korean day, for its visitor statistics; filled from the
products' days counted so far.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shop_daily_views",
        sa.Column("seller_id", sa.String(36), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("views", sa.BigInteger, nullable=False),
        sa.Column("visitors", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_shop_daily_views_day", "shop_daily_views", ["day"])
    # A shop's visitors are its products' visitors added up, so the days already counted give them exactly.
    op.execute(
        "INSERT INTO shop_daily_views (seller_id, day, views, visitors) "
        "SELECT products.seller_id, product_daily_views.day, SUM(product_daily_views.views), "
        "SUM(product_daily_views.visitors) "
        "FROM product_daily_views JOIN products ON products.id = product_daily_views.product_id "
        "GROUP BY products.seller_id, product_daily_views.day"
    )


def downgrade() -> None:
    op.drop_table("shop_daily_views")
