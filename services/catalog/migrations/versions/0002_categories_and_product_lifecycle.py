"""The category tree, and what products need for editing, suspension, deletion and low-stock alerts.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "categories",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("parent_id", sa.String(36), sa.ForeignKey("categories.id"), index=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("slug", sa.String(100), nullable=False, unique=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.add_column("products", sa.Column("category_id", sa.String(36), sa.ForeignKey("categories.id")))
    op.create_index("ix_products_category_id", "products", ["category_id"])
    op.add_column("products", sa.Column("low_stock_threshold", sa.Integer, nullable=False, server_default="0"))
    op.add_column("products", sa.Column("low_stock_alerted", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("products", sa.Column("suspension_reason", sa.Text))
    op.add_column("products", sa.Column("deleted_at", sa.DateTime(timezone=True)))
    op.create_check_constraint(
        "ck_products_low_stock_threshold_not_negative", "products", "low_stock_threshold >= 0"
    )


def downgrade() -> None:
    op.drop_constraint("ck_products_low_stock_threshold_not_negative", "products", type_="check")
    op.drop_index("ix_products_category_id", table_name="products")
    for column in ("deleted_at", "suspension_reason", "low_stock_alerted", "low_stock_threshold", "category_id"):
        op.drop_column("products", column)
    op.drop_table("categories")
