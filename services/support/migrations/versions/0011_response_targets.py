"""Response targets an admin sets per inquiry type, and the record of their changes.

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
    # No rows: every type keeps the targets it had (24 hours to a first answer) until an admin sets its own.
    op.create_table(
        "response_targets",
        sa.Column("inquiry_type", sa.String(length=20), nullable=False),
        sa.Column("first_response_hours", sa.SmallInteger(), nullable=False),
        sa.Column("resolution_hours", sa.SmallInteger(), nullable=False),
        sa.Column("business_hours", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("first_response_hours > 0", name="ck_response_targets_first_response_hours"),
        sa.CheckConstraint("resolution_hours >= first_response_hours", name="ck_response_targets_resolution_hours"),
        sa.PrimaryKeyConstraint("inquiry_type"),
    )
    op.create_table(
        "response_target_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("inquiry_type", sa.String(length=20), nullable=False),
        sa.Column("first_response_hours", sa.SmallInteger(), nullable=False),
        sa.Column("resolution_hours", sa.SmallInteger(), nullable=False),
        sa.Column("business_hours", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("changed_by", sa.String(length=36), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("response_target_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_response_target_changes_inquiry_type"), ["inquiry_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_response_target_changes_changed_at"), ["changed_at"], unique=False)


def downgrade() -> None:
    op.drop_table("response_target_changes")
    op.drop_table("response_targets")
