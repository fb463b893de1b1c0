"""Answer templates and public product questions.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answer_templates",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("seller_id", sa.String(length=36), nullable=True),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("answer_templates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_answer_templates_seller_id"), ["seller_id"], unique=False)

    op.create_table(
        "product_questions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("product_id", sa.String(length=36), nullable=False),
        sa.Column("seller_id", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("secret", sa.Boolean(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by", sa.String(length=36), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("product_questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_questions_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index("ix_product_questions_product_created", ["product_id", "created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_product_questions_seller_id"), ["seller_id"], unique=False)


def downgrade() -> None:
    op.drop_table("product_questions")
    op.drop_table("answer_templates")
