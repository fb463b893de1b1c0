"""Product options and variants (C1), reservation lines per order line with what was given back,
restocks of cancelled and returned units, the seller's contact email and the outgoing-notification queue.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

from servicekit.notifications import create_notification_tables, drop_notification_tables

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _copy_reservation_lines(source: str, target: str, columns: str, rows: str) -> None:
    op.execute(f"INSERT INTO {target} ({columns}) {rows.format(source=source)}")
    op.drop_table(source)
    op.rename_table(target, "reservation_lines")


def upgrade() -> None:
    create_notification_tables(op.get_bind())
    with op.batch_alter_table("approved_sellers") as approved_sellers:
        approved_sellers.add_column(sa.Column("contact_email", sa.String(254)))
    with op.batch_alter_table("products") as products:
        products.add_column(sa.Column("option_names", sa.JSON, nullable=False, server_default="[]"))
    op.create_table(
        "product_variants",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("product_id", sa.String(36), sa.ForeignKey("products.id"), nullable=False, index=True),
        sa.Column("option_values", sa.JSON, nullable=False),
        sa.Column("price_difference", sa.Integer, nullable=False),
        sa.Column("stock", sa.Integer, nullable=False),
        sa.Column("sku", sa.String(64)),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.CheckConstraint("stock >= 0", name="ck_product_variants_stock_not_negative"),
    )
    op.create_table(
        "restocks",
        sa.Column("cause", sa.String(20), primary_key=True),
        sa.Column("cause_id", sa.String(36), primary_key=True),
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("restocked_at", sa.DateTime(timezone=True), nullable=False),
    )
    # The lines were one per product; now one per order line, numbered as orders numbers them. A new
    # table, since the primary key changes; lines held before are numbered by product id.
    op.create_table(
        "reservation_lines_by_line",
        sa.Column("order_id", sa.String(36), sa.ForeignKey("reservations.order_id"), nullable=False),
        sa.Column("line_no", sa.Integer, nullable=False),
        sa.Column("product_id", sa.String(36), nullable=False),
        sa.Column("variant_id", sa.String(36)),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("released_quantity", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("order_id", "line_no", name="pk_reservation_lines_by_line"),
        sa.CheckConstraint(
            "released_quantity >= 0 AND released_quantity <= quantity",
            name="ck_reservation_lines_released_within_quantity",
        ),
    )
    _copy_reservation_lines(
        "reservation_lines",
        "reservation_lines_by_line",
        "order_id, line_no, product_id, quantity, released_quantity",
        "SELECT order_id, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY product_id), product_id, quantity, 0"
        " FROM {source}",
    )
    # Whether a variant was ever ordered decides if replacing it deletes or deactivates it.
    op.create_index("ix_reservation_lines_variant_id", "reservation_lines", ["variant_id"])


def downgrade() -> None:
    op.create_table(
        "reservation_lines_by_product",
        sa.Column("order_id", sa.String(36), sa.ForeignKey("reservations.order_id"), nullable=False),
        sa.Column("product_id", sa.String(36), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("order_id", "product_id", name="pk_reservation_lines_by_product"),
    )
    _copy_reservation_lines(
        "reservation_lines",
        "reservation_lines_by_product",
        "order_id, product_id, quantity",
        "SELECT order_id, product_id, SUM(quantity) FROM {source} GROUP BY order_id, product_id",
    )
    op.drop_table("restocks")
    op.drop_table("product_variants")
    with op.batch_alter_table("products") as products:
        products.drop_column("option_names")
    with op.batch_alter_table("approved_sellers") as approved_sellers:
        approved_sellers.drop_column("contact_email")
    drop_notification_tables(op.get_bind())
