"""Seller shipping settings (C3) and a product's sale price with its period (C5).

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SALE_COLUMNS = ("sale_price", "sale_starts_at", "sale_ends_at")
# A sale is all three or none: a price below the list price and a period that ends after it starts.
SALE_RULE = (
    "(sale_price IS NULL AND sale_starts_at IS NULL AND sale_ends_at IS NULL)"
    " OR (sale_price >= 0 AND sale_price < price AND sale_ends_at > sale_starts_at)"
)
FEE_COLUMNS = ("base_fee", "free_shipping_threshold", "remote_area_extra_fee", "return_fee", "exchange_fee")


def upgrade() -> None:
    # Batch mode: SQLite (the embedded `make run`) cannot add constraints to a table in place.
    with op.batch_alter_table("products") as products:
        products.add_column(sa.Column("sale_price", sa.Integer))
        products.add_column(sa.Column("sale_starts_at", sa.DateTime(timezone=True)))
        products.add_column(sa.Column("sale_ends_at", sa.DateTime(timezone=True)))
        products.create_check_constraint("ck_products_sale_below_price_within_period", SALE_RULE)
    op.create_table(
        "seller_shipping_settings",
        sa.Column("seller_id", sa.String(36), primary_key=True),
        sa.Column("methods", sa.JSON, nullable=False),
        sa.Column("base_fee", sa.Integer, nullable=False),
        sa.Column("free_shipping_threshold", sa.Integer),
        sa.Column("remote_area_extra_fee", sa.Integer, nullable=False),
        sa.Column("return_fee", sa.Integer, nullable=False),
        sa.Column("exchange_fee", sa.Integer, nullable=False),
        sa.Column("return_postcode", sa.String(5)),
        sa.Column("return_address1", sa.String(200)),
        sa.Column("return_address2", sa.String(200)),
        sa.Column("return_policy", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        *(
            sa.CheckConstraint(f"{column} >= 0", name=f"ck_shipping_settings_{column}_not_negative")
            for column in FEE_COLUMNS
        ),
    )


def downgrade() -> None:
    op.drop_table("seller_shipping_settings")
    with op.batch_alter_table("products") as products:
        products.drop_constraint("ck_products_sale_below_price_within_period", type_="check")
        for column in reversed(SALE_COLUMNS):
            products.drop_column(column)
