"""Locks and deactivation on accounts; second factors, one-time and recovery codes, devices, documents, audit.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

from servicekit.notifications import create_notification_tables, drop_notification_tables

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    create_notification_tables(op.get_bind())
    with op.batch_alter_table("accounts") as accounts:
        accounts.add_column(sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"))
        accounts.add_column(sa.Column("locked_until", TIMESTAMP))
        accounts.add_column(sa.Column("lock_count", sa.Integer, nullable=False, server_default="0"))
        accounts.add_column(sa.Column("deactivated_at", TIMESTAMP))
    op.create_table(
        "seller_documents",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("seller_id", sa.String(36), sa.ForeignKey("sellers.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("storage_key", sa.String(255), nullable=False),
        sa.Column("uploaded_at", TIMESTAMP, nullable=False),
    )
    op.create_table(
        "totp_factors",
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), primary_key=True),
        sa.Column("secret", sa.String(255), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("confirmed_at", TIMESTAMP),
        sa.Column("last_used_step", sa.BigInteger),
    )
    op.create_table(
        "contact_factors",
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), primary_key=True),
        sa.Column("method", sa.String(10), primary_key=True),
        sa.Column("enabled_at", TIMESTAMP, nullable=False),
    )
    op.create_table(
        "webauthn_credentials",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False, index=True),
        sa.Column("credential_id", sa.String(1400), nullable=False, unique=True),
        sa.Column("public_key", sa.LargeBinary, nullable=False),
        sa.Column("sign_count", sa.BigInteger, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("transports", sa.JSON, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("last_used_at", TIMESTAMP),
    )
    op.create_table(
        "webauthn_challenges",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False, index=True),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("challenge", sa.String(200), nullable=False),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.Column("used_at", TIMESTAMP),
    )
    op.create_table(
        "one_time_codes",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("code_hash", sa.String(255), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("used_at", TIMESTAMP),
    )
    op.create_index("ix_one_time_codes_account_purpose", "one_time_codes", ["account_id", "purpose"])
    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False, index=True),
        sa.Column("code_hash", sa.String(255), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("used_at", TIMESTAMP),
    )
    op.create_table(
        "known_devices",
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), primary_key=True),
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("user_agent", sa.String(500)),
        sa.Column("ip", sa.String(45)),
        sa.Column("first_seen_at", TIMESTAMP, nullable=False),
        sa.Column("last_seen_at", TIMESTAMP, nullable=False),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("account_id", sa.String(36)),
        sa.Column("actor_id", sa.String(36)),
        sa.Column("kind", sa.String(50), nullable=False, index=True),
        sa.Column("ip", sa.String(45)),
        sa.Column("user_agent", sa.String(500)),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.Column("occurred_at", TIMESTAMP, nullable=False, index=True),
    )
    op.create_index("ix_audit_events_account_occurred", "audit_events", ["account_id", "occurred_at"])


def downgrade() -> None:
    for table in (
        "audit_events", "known_devices", "recovery_codes", "one_time_codes", "webauthn_challenges",
        "webauthn_credentials", "contact_factors", "totp_factors", "seller_documents",
    ):
        op.drop_table(table)
    with op.batch_alter_table("accounts") as accounts:
        for column in ("deactivated_at", "lock_count", "locked_until", "failed_attempts"):
            accounts.drop_column(column)
    drop_notification_tables(op.get_bind())
