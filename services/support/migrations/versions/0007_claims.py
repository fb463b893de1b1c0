"""Claims, compensation and recovery cases opened through support.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "support_claims",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("inquiry_id", sa.String(length=36), nullable=False),
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason_code", sa.String(length=20), nullable=False),
        sa.Column("reason_text", sa.Text(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('refund', 'return', 'exchange')", name="ck_support_claims_kind"),
        sa.CheckConstraint(
            "status IN ('requested', 'approved', 'rejected', 'completed')", name="ck_support_claims_status"
        ),
        sa.ForeignKeyConstraint(["inquiry_id"], ["inquiries.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("support_claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_support_claims_inquiry_id"), ["inquiry_id"], unique=False)

    op.create_table(
        "compensations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("inquiry_id", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("seller_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=True),
        sa.Column("coupon_id", sa.String(length=36), nullable=True),
        sa.Column("granted_by", sa.String(length=36), nullable=False),
        sa.Column("granted_by_role", sa.String(length=10), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('points', 'coupon')", name="ck_compensations_kind"),
        sa.CheckConstraint("granted_by_role IN ('seller', 'agent')", name="ck_compensations_role"),
        sa.ForeignKeyConstraint(["inquiry_id"], ["inquiries.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("inquiry_id"),
    )
    with op.batch_alter_table("compensations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_compensations_granted_at"), ["granted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_compensations_seller_id"), ["seller_id"], unique=False)

    op.create_table(
        "recovery_cases",
        sa.Column("inquiry_id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("cause", sa.String(length=12), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("cause IN ('locked', 'deactivated')", name="ck_recovery_cases_cause"),
        sa.ForeignKeyConstraint(["inquiry_id"], ["inquiries.id"]),
        sa.PrimaryKeyConstraint("inquiry_id"),
    )
    with op.batch_alter_table("recovery_cases", schema=None) as batch_op:
        batch_op.create_index("ix_recovery_cases_account_cause", ["account_id", "cause"], unique=False)


def downgrade() -> None:
    op.drop_table("recovery_cases")
    op.drop_table("compensations")
    op.drop_table("support_claims")
