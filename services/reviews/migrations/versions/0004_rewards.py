"""Review rewards and review requests.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_rewards",
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("points > 0", name="ck_review_rewards_points_positive"),
        sa.CheckConstraint("kind IN ('text', 'photo')", name="ck_review_rewards_kind"),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"]),
        sa.PrimaryKeyConstraint("order_id", "line_no"),
    )
    with op.batch_alter_table("review_rewards") as review_rewards:
        review_rewards.create_index("ix_review_rewards_review_id", ["review_id"], unique=False)
    op.create_table(
        "review_requests",
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("order_id", "line_no"),
    )


def downgrade() -> None:
    op.drop_table("review_requests")
    with op.batch_alter_table("review_rewards") as review_rewards:
        review_rewards.drop_index("ix_review_rewards_review_id")
    op.drop_table("review_rewards")
