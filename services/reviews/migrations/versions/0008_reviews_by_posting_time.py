"""Indexes of reviews by posting time, a seller's and the marketplace's, holding each review's status and
rating, so the rating statistics of a year are read from an index alone (on PostgreSQL).

Revision ID: 0008
Revises: 0007
"""
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_reviews_seller_posted", "reviews", ["seller_id", "created_at"],
                    postgresql_include=["status", "rating"])
    op.create_index("ix_reviews_posted", "reviews", ["created_at"], postgresql_include=["status", "rating"])


def downgrade() -> None:
    op.drop_index("ix_reviews_posted", table_name="reviews")
    op.drop_index("ix_reviews_seller_posted", table_name="reviews")
