"""Storefront search: trigram indexes for keywords, units sold and ratings for sorting, product views per day.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TRIGRAM_INDEXES = {"ix_products_name_trgm": "name", "ix_products_description_trgm": "description"}


def _on_postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    # A batch, so SQLite (which cannot add a constraint in place) rebuilds the table.
    with op.batch_alter_table("products") as products:
        products.add_column(sa.Column("units_sold", sa.Integer, nullable=False, server_default="0"))
        products.add_column(sa.Column("rating_average", sa.Numeric(3, 2)))
        products.add_column(sa.Column("rating_count", sa.Integer, nullable=False, server_default="0"))
        products.create_check_constraint("ck_products_units_sold_not_negative", "units_sold >= 0")
    if _on_postgres():
        # Trigrams need no word boundaries, so a Korean keyword matches inside a compound ("녹차" in "제주녹차").
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for index, column in TRIGRAM_INDEXES.items():
            op.create_index(
                index, "products", [column], postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"}
            )
    op.create_table(
        "product_daily_views",
        sa.Column("product_id", sa.String(36), sa.ForeignKey("products.id"), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("views", sa.Integer, nullable=False),
        sa.Column("visitors", sa.Integer, nullable=False),
    )
    op.create_table(
        "product_day_visitors",
        sa.Column("product_id", sa.String(36), sa.ForeignKey("products.id"), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("visitor_hash", sa.String(64), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("product_day_visitors")
    op.drop_table("product_daily_views")
    if _on_postgres():
        for index in TRIGRAM_INDEXES:
            op.drop_index(index, table_name="products")
    with op.batch_alter_table("products") as products:
        products.drop_constraint("ck_products_units_sold_not_negative", type_="check")
        for column in ("rating_count", "rating_average", "units_sold"):
            products.drop_column(column)
