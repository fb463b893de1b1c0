"""Each shop's visitors of a day, known only by a hash, so one person on several of its product pages that day is
one visitor of the shop, not one per product.

The shop's days counted before this stay as they were (each product's visitors added up): the products' visitor
hashes are made with the product in them, so the same person on two products cannot be told apart afterwards.

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shop_day_visitors",
        sa.Column("seller_id", sa.String(36), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("visitor_hash", sa.String(64), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("shop_day_visitors")
