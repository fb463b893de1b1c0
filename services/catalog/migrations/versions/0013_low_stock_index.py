"""The products at or below their low-stock threshold in an index of their own, for the seller dashboard's low
stock: a seller's, or every seller's for an admin, found without reading the products that are not low.

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

LOW_STOCK = "deleted_at IS NULL AND low_stock_threshold > 0 AND stock <= low_stock_threshold"


def upgrade() -> None:
    op.create_index(
        "ix_products_low_stock", "products", ["seller_id", "stock"],
        postgresql_where=sa.text(LOW_STOCK), sqlite_where=sa.text(LOW_STOCK),
    )


def downgrade() -> None:
    op.drop_index("ix_products_low_stock", table_name="products")
