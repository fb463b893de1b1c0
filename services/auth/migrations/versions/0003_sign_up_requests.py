"""Sign-up requests: an account is made only once the code sent to its contact comes back.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sign_up_requests",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("email", sa.String(254), index=True),
        sa.Column("phone", sa.String(11), index=True),
        sa.Column("details", sa.JSON, nullable=False),
        sa.Column("code_hash", sa.String(255), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.Column("used_at", TIMESTAMP),
        sa.CheckConstraint("email IS NOT NULL OR phone IS NOT NULL", name="ck_sign_up_requests_email_or_phone"),
    )


def downgrade() -> None:
    op.drop_table("sign_up_requests")
