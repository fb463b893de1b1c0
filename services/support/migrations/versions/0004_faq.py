"""FAQ entries and automatic answers.

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
        "faq_entries",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("question", sa.String(length=300), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "category IN ('delivery', 'returns', 'payment', 'account', 'orders', 'products', 'coupons_points')",
            name="ck_faq_entries_category",
        ),
        sa.CheckConstraint("language IN ('ko', 'en')", name="ck_faq_entries_language"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("faq_entries", schema=None) as batch_op:
        batch_op.create_index("ix_faq_entries_published_category", ["published", "category"], unique=False)

    op.create_table(
        "auto_answer_outcomes",
        sa.Column("inquiry_id", sa.String(length=36), nullable=False),
        sa.Column("faq_entry_id", sa.String(length=36), nullable=False),
        sa.Column("message_id", sa.String(length=36), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["faq_entry_id"], ["faq_entries.id"]),
        sa.ForeignKeyConstraint(["inquiry_id"], ["inquiries.id"]),
        sa.PrimaryKeyConstraint("inquiry_id"),
    )
    with op.batch_alter_table("auto_answer_outcomes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auto_answer_outcomes_answered_at"), ["answered_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_auto_answer_outcomes_faq_entry_id"), ["faq_entry_id"], unique=False)

    with op.batch_alter_table("inquiries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("auto_answer_checked_at", sa.DateTime(timezone=True), nullable=True))
    # Inquiries from before automatic answers were waiting for a person already: they stay with one.
    op.execute("UPDATE inquiries SET auto_answer_checked_at = updated_at")
    op.create_index(
        "ix_inquiries_auto_answer_unchecked",
        "inquiries",
        ["created_at"],
        unique=False,
        postgresql_where=sa.text("auto_answer_checked_at IS NULL"),
        sqlite_where=sa.text("auto_answer_checked_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_inquiries_auto_answer_unchecked", table_name="inquiries")
    with op.batch_alter_table("inquiries", schema=None) as batch_op:
        batch_op.drop_column("auto_answer_checked_at")
    op.drop_table("auto_answer_outcomes")
    op.drop_table("faq_entries")
