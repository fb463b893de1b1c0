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
    # Batch mode: SQLite (the embedded `make run`) cannot add constraints to a table in place.
    with op.batch_alter_table("products") as products:
        products.add_column(sa.Column("category_id", sa.String(36)))
        products.create_foreign_key("fk_products_category_id", "categories", ["category_id"], ["id"])
        products.create_index("ix_products_category_id", ["category_id"])
        products.add_column(sa.Column("low_stock_threshold", sa.Integer, nullable=False, server_default="0"))
        products.add_column(sa.Column("low_stock_alerted", sa.Boolean, nullable=False, server_default=sa.false()))
        products.add_column(sa.Column("suspension_reason", sa.Text))
        products.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True)))
        products.create_check_constraint("ck_products_low_stock_threshold_not_negative", "low_stock_threshold >= 0")


def downgrade() -> None:
    with op.batch_alter_table("products") as products:
        products.drop_constraint("ck_products_low_stock_threshold_not_negative", type_="check")
        products.drop_index("ix_products_category_id")
        products.drop_constraint("fk_products_category_id", type_="foreignkey")
        for column in ("deleted_at", "suspension_reason", "low_stock_alerted", "low_stock_threshold", "category_id"):
            products.drop_column(column)
    op.drop_table("categories")
