"""A claim sent to orders records when orders took it up, and times out when it never does.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

STATUSES_BEFORE = "'requested', 'approved', 'rejected', 'completed'"


def upgrade() -> None:
    with op.batch_alter_table("support_claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("received_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_constraint("ck_support_claims_status", type_="check")
        batch_op.create_check_constraint("ck_support_claims_status", f"status IN ({STATUSES_BEFORE}, 'timed_out')")
        batch_op.create_index(batch_op.f("ix_support_claims_status"), ["status"], unique=False)


def downgrade() -> None:
    # Before timeouts, a request nobody took up stayed requested.
    op.execute("UPDATE support_claims SET status = 'requested' WHERE status = 'timed_out'")
    with op.batch_alter_table("support_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_claims_status"))
        batch_op.drop_constraint("ck_support_claims_status", type_="check")
        batch_op.create_check_constraint("ck_support_claims_status", f"status IN ({STATUSES_BEFORE})")
        batch_op.drop_column("received_at")
