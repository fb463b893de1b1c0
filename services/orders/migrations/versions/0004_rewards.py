"""Points ledger and coupons.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

POINT_KINDS = "'purchase_reward', 'review_reward', 'compensation', 'checkout', 'refund', 'expiry', 'adjustment'"
DOWNLOADS_ONLY = sa.text("source = 'download'")


def upgrade() -> None:
    op.create_table(
        "point_entries",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(36), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("remaining", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
        sa.Column("reference", sa.String(100), nullable=False),
        sa.Column("order_id", sa.String(36), index=True),
        sa.Column("reason", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("kind", "reference", name="uq_point_entries_kind_reference"),
        sa.CheckConstraint(f"kind IN ({POINT_KINDS})", name="ck_point_entries_kind"),
        sa.CheckConstraint(
            "(amount > 0 AND remaining >= 0 AND remaining <= amount) OR (amount < 0 AND remaining = 0)",
            name="ck_point_entries_remaining_within_amount",
        ),
    )
    op.create_index("ix_point_entries_customer_expiry", "point_entries", ["customer_id", "expires_at"])
    op.create_index("ix_point_entries_expiry", "point_entries", ["expires_at"])
    op.create_table(
        "coupons",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("seller_id", sa.String(36), index=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("discount_type", sa.String(10), nullable=False),
        sa.Column("discount_value", sa.BigInteger, nullable=False),
        sa.Column("max_discount", sa.BigInteger),
        sa.Column("min_order_amount", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("total_quantity", sa.Integer),
        sa.Column("issued_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("discount_type IN ('fixed', 'percent')", name="ck_coupons_discount_type"),
        sa.CheckConstraint(
            "discount_value > 0 AND (discount_type = 'fixed' OR discount_value <= 90)", name="ck_coupons_discount_value"
        ),
        sa.CheckConstraint("ends_at > starts_at", name="ck_coupons_period"),
        sa.CheckConstraint(
            "total_quantity IS NULL OR issued_count <= total_quantity", name="ck_coupons_issued_within_quantity"
        ),
    )
    op.create_table(
        "issued_coupons",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("coupon_id", sa.String(36), sa.ForeignKey("coupons.id"), nullable=False, index=True),
        sa.Column("customer_id", sa.String(36), nullable=False, index=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("reference", sa.String(100), unique=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_order_id", sa.String(36), index=True),
        sa.Column("used_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("source IN ('download', 'compensation')", name="ck_issued_coupons_source"),
    )
    op.create_index(
        "uq_issued_coupons_download",
        "issued_coupons",
        ["coupon_id", "customer_id"],
        unique=True,
        postgresql_where=DOWNLOADS_ONLY,
        sqlite_where=DOWNLOADS_ONLY,
    )


def downgrade() -> None:
    op.drop_index("uq_issued_coupons_download", "issued_coupons")
    op.drop_table("issued_coupons")
    op.drop_table("coupons")
    op.drop_index("ix_point_entries_expiry", "point_entries")
    op.drop_index("ix_point_entries_customer_expiry", "point_entries")
    op.drop_table("point_entries")
