"""Negative-review causes and sellers' follow-up settings.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "negative_cause_days",
        sa.Column("seller_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("cause", sa.String(length=20), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("seller_id", "day", "cause"),
    )
    op.create_table(
        "seller_review_settings",
        sa.Column("seller_id", sa.String(length=36), nullable=False),
        sa.Column("auto_follow_up", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seller_id"),
    )


def downgrade() -> None:
    op.drop_table("seller_review_settings")
    op.drop_table("negative_cause_days")
