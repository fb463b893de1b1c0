"""Review photos, listing, helpful votes and moderation: the thumbnail's own media type and every
hiding and restoring of a review with its reason.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The default only fills the rows already there (photos were not taken before this revision).
    with op.batch_alter_table("review_photos") as batch_op:
        batch_op.add_column(
            sa.Column("thumbnail_content_type", sa.String(length=50), nullable=False, server_default="image/jpeg")
        )
    with op.batch_alter_table("review_photos") as batch_op:
        batch_op.alter_column("thumbnail_content_type", server_default=None)
    op.create_table(
        "review_moderations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("admin_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_review_moderations_review_id", "review_moderations", ["review_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_review_moderations_review_id", table_name="review_moderations")
    op.drop_table("review_moderations")
    with op.batch_alter_table("review_photos") as batch_op:
        batch_op.drop_column("thumbnail_content_type")
